import Crypto

/// The server's symmetric secrets: the challenge MAC key K_mac (relay-protocol.md §3) and the JWT key (§1), both
/// derived from one 32-byte master secret that is stored in the database (or derived from the deterministic seed).
struct ServerSecrets: Sendable {
    /// K_mac: HMAC-SHA256 key of the challenge MAC.
    let macKey: [UInt8]
    /// The HS256 key of relay session access tokens.
    let jwtKey: [UInt8]

    /// The secrets derived from `master`.
    init(master: [UInt8]) {
        macKey = Self.derive(master, "persona-relay-sandbox/challenge-mac")
        jwtKey = Self.derive(master, "persona-relay-sandbox/session-jwt")
    }

    /// The master secret a deterministic seed stands for.
    static func master(fromSeed seed: [UInt8]) -> [UInt8] {
        derive(seed, "persona-relay-sandbox/master")
    }

    private static func derive(_ key: [UInt8], _ label: String) -> [UInt8] {
        Array(HMAC<SHA256>.authenticationCode(for: Array(label.utf8), using: SymmetricKey(data: key)))
    }
}
