/// An API key the sandbox accepts as `Authorization: Bearer <key>` (relay-protocol.md §2.4, §9).
///
/// Its environment follows from its prefix (``RelayEnvironment/explicit(forAPIKey:)``), else the server's default.
/// The key is a secret: ``description`` never shows it.
public struct RelaySandboxAPIKey: Sendable, Hashable, CustomStringConvertible {
    /// A permission an API key may carry.
    public struct Permission: Sendable, Hashable, CustomStringConvertible {
        /// The permission's name as Persona spells it.
        public let name: String

        /// A permission named `name`.
        public init(name: String) {
            self.name = name
        }

        /// `privacy_pass.write`: the permission issuance requires (§2.4).
        public static let privacyPassWrite = Permission(name: "privacy_pass.write")

        /// The permission's name.
        public var description: String { name }
    }

    /// The key text, as sent after `Bearer `.
    public let key: String
    /// The permissions granted to the key.
    public var permissions: Set<Permission>

    /// A key with `permissions` (by default, ``Permission/privacyPassWrite``).
    public init(key: String, permissions: Set<Permission> = [.privacyPassWrite]) {
        self.key = key
        self.permissions = permissions
    }

    /// The key's environment: its prefix's, else `defaultEnvironment`.
    public func environment(default defaultEnvironment: RelayEnvironment) -> RelayEnvironment {
        RelayEnvironment.explicit(forAPIKey: key) ?? defaultEnvironment
    }

    /// A redacted description: the permissions only.
    public var description: String {
        "RelaySandboxAPIKey(<redacted>, permissions: \(permissions.map(\.name).sorted()))"
    }
}
