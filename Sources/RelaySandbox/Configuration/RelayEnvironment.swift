/// The environment an API key, relay, challenge key and pass belongs to (relay-protocol.md §9, §13.1).
///
/// An explicit signal sets it — `sandbox: true` on a body, or a Bearer key with the prefix `persona_sandbox_` or
/// `persona_production_` — and anything unflagged takes the server's default environment.
public enum RelayEnvironment: String, Sendable, Hashable, CaseIterable {
    /// Persona's sandbox: relays there always pass (§6).
    case sandbox
    /// Production: relays start pending until the end user completes them (§13.10).
    case production

    /// The Bearer-key prefix that selects the sandbox environment (§9).
    public static let sandboxKeyPrefix = "persona_sandbox_"
    /// The Bearer-key prefix that selects the production environment (§9).
    public static let productionKeyPrefix = "persona_production_"

    /// The environment an API key's prefix names, or `nil` for a key without one of the two prefixes.
    public static func explicit(forAPIKey key: String) -> RelayEnvironment? {
        if key.hasPrefix(sandboxKeyPrefix) { return .sandbox }
        if key.hasPrefix(productionKeyPrefix) { return .production }
        return nil
    }

    /// The value of the `Persona-Environment-Id` response header for this environment.
    public var environmentID: String { "env_\(rawValue)" }
}
