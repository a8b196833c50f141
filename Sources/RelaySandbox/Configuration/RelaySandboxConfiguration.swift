public import PrivacyPass

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Everything the sandbox server can be told (relay-protocol.md §9): where it listens, where it stores its state,
/// which API keys it accepts, and the [S] parameters of the protocol (key size, epochs, lifetimes, rate limit, OAEP).
public struct RelaySandboxConfiguration: Sendable {
    /// Where the sandbox keeps relays, keys, spent tokens and idempotency records.
    public enum Storage: Sendable, Hashable {
        /// An SQLite database in memory: nothing survives the process (tests, `--in-memory`).
        case inMemory
        /// An SQLite database file in WAL mode: a restart on the same file loses nothing.
        case file(path: String)
    }

    /// The OAEP hash of encrypted claim payloads (§6): the hash and MGF1 hash, with an empty label.
    public enum OAEPHash: String, Sendable, Hashable, CaseIterable {
        /// OAEP with SHA-256 and MGF1-SHA-256 (the sandbox default).
        case sha256
        /// OAEP with SHA-1 and MGF1-SHA-1 (Node's `privateDecrypt` default).
        case sha1
    }

    /// The listen address; loopback only (`127.0.0.1`, `::1` or `localhost`).
    public var host: String = "127.0.0.1"
    /// The listen port; 0 picks an ephemeral port (see ``RelaySandboxServer/port``).
    public var port: Int = 0
    /// Where state is kept.
    public var storage: Storage = .file(path: RelaySandboxConfiguration.defaultDatabasePath)
    /// The API keys accepted for issuance (§2.4) and as environment signals (§13.1).
    public var apiKeys: [RelaySandboxAPIKey] = []
    /// The environment of anything without an explicit signal (§13.1).
    public var defaultEnvironment: RelayEnvironment = .sandbox
    /// The modulus size of generated token keys: 2048, 3072 or 4096 (§4.4).
    public var modulusBits: Int = 2048
    /// The key epoch length E in seconds (§5.1); default 30 days.
    public var epochLength: TimeInterval = 30 * 86_400
    /// The pass lifetime L in seconds (§5.1); default 90 days; 0 reproduces the legacy `expires_at` rule.
    public var passLifetime: TimeInterval = 90 * 86_400
    /// Requests allowed per rate-limit window and bucket (§7); default 300.
    public var rateLimit: Int = 300
    /// The fixed rate-limit window in seconds (§7); default 60.
    public var rateLimitWindow: TimeInterval = 60
    /// The OAEP hash of encrypted claim payloads (§6).
    public var oaepHash: OAEPHash = .sha256
    /// When set, the only claim types accepted (strict mode, §2.1); otherwise any `^[a-z][a-z0-9_]{0,63}$`.
    public var strictClaimTypes: [String]? = nil
    /// When set, token keys and server secrets (MAC and JWT keys) are derived from it, so that two sandboxes with
    /// one seed issue the same keys and challenges. Secret: never logged.
    public var deterministicSeed: [UInt8]? = nil
    /// How long idempotency records are kept, in seconds (§5.4); default 24 h.
    public var idempotencyRetention: TimeInterval = 86_400
    /// The largest request body accepted, in bytes; larger bodies are answered 413.
    public var maximumBodyBytes: Int = 64 * 1024
    /// Where spent passes are recorded (§5.2 steps 12 and 14): `nil` for the sandbox's own SQLite table; a store over
    /// a shared database lets several sandboxes (or issuers and origins) share one spent-token set. A custom store
    /// keeps its own data: `/_sandbox/reset` and key retirement clear only the sandbox's own table.
    public var redemptionStore: (any RedemptionStore)? = nil

    /// The `Persona-Organization-Id` response header.
    public var organizationID: String = "org_relaysandbox"

    /// The documented claim types (relay-schemas, Go SDK), a sensible strict list.
    public static let documentedClaimTypes = [
        "age_18_plus_verified", "age_over_18_germany", "age_over18_germany", "age_over18_united_kingdom",
        "live_human_presence",
    ]

    /// A configuration with every default; set the properties to change them.
    public init() {}

    /// A configuration with the parameters the tests and the command line usually change.
    public init(
        host: String = "127.0.0.1", port: Int = 0, storage: Storage = .file(path: RelaySandboxConfiguration.defaultDatabasePath), apiKeys: [RelaySandboxAPIKey] = [],
        defaultEnvironment: RelayEnvironment = .sandbox, modulusBits: Int = 2048,
        epochLength: TimeInterval = 30 * 86_400, passLifetime: TimeInterval = 90 * 86_400, rateLimit: Int = 300,
        rateLimitWindow: TimeInterval = 60, oaepHash: OAEPHash = .sha256, strictClaimTypes: [String]? = nil,
        deterministicSeed: [UInt8]? = nil, idempotencyRetention: TimeInterval = 86_400
    ) {
        self.host = host
        self.port = port
        self.storage = storage
        self.apiKeys = apiKeys
        self.defaultEnvironment = defaultEnvironment
        self.modulusBits = modulusBits
        self.epochLength = epochLength
        self.passLifetime = passLifetime
        self.rateLimit = rateLimit
        self.rateLimitWindow = rateLimitWindow
        self.oaepHash = oaepHash
        self.strictClaimTypes = strictClaimTypes
        self.deterministicSeed = deterministicSeed
        self.idempotencyRetention = idempotencyRetention
    }

    /// The database file used unless told otherwise: `relay-sandbox.sqlite` in the working directory, so that a
    /// sandbox keeps its relays, keys, spent passes and idempotency records across restarts (`.inMemory` for tests).
    public static let defaultDatabasePath = "relay-sandbox.sqlite"

    /// The loopback host names the sandbox listens on.
    public static let loopbackHosts: Set<String> = ["127.0.0.1", "::1", "localhost"]

    /// Checks every value's range.
    ///
    /// - Throws: ``RelaySandboxError/Code/invalidConfiguration`` naming the first value out of range.
    public func validate() throws(RelaySandboxError) {
        func require(_ condition: Bool, _ reason: String) throws(RelaySandboxError) {
            if !condition { throw RelaySandboxError(.invalidConfiguration, reason) }
        }
        try require(Self.loopbackHosts.contains(host), "the sandbox listens on loopback only, not \(host)")
        try require((0...65_535).contains(port), "the port must be 0…65535")
        try require([2048, 3072, 4096].contains(modulusBits), "the modulus size must be 2048, 3072 or 4096 bits")
        try require(epochLength.isFinite && epochLength >= 1, "the epoch length must be at least one second")
        try require(passLifetime.isFinite && passLifetime >= 0, "the pass lifetime must be ≥ 0 seconds")
        try require(rateLimit >= 1, "the rate limit must be at least 1")
        try require(rateLimitWindow.isFinite && rateLimitWindow >= 1, "the rate-limit window must be ≥ 1 second")
        try require(
            idempotencyRetention.isFinite && idempotencyRetention >= 0, "the idempotency retention must be ≥ 0")
        try require(maximumBodyBytes >= 1024, "the body limit must be at least 1024 bytes")
        if let seed = deterministicSeed {
            try require(seed.count >= 16, "the deterministic seed must be at least 16 bytes")
        }
        if let strict = strictClaimTypes {
            try require(strict.allSatisfy(ClaimTypePolicy.hasValidSyntax), "a strict claim type has invalid syntax")
        }
        let keys = apiKeys.map(\.key)
        try require(Set(keys).count == keys.count, "an API key is listed twice")
        try require(keys.allSatisfy { !$0.isEmpty && $0.utf8.allSatisfy { (0x21...0x7E).contains($0) } },
            "API keys are non-empty visible ASCII")
    }
}
