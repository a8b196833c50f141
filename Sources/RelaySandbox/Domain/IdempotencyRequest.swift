import RelayProtocol
import Crypto

/// An `Idempotency-Key` and the request it stands for (relay-protocol.md §5.4, §13.3).
struct IdempotencyRequest: Sendable {
    /// The route: `privacy-passes` or `generate-claim`.
    let route: String
    /// The scope within the route: the relay token, or a digest of the API key (the key itself is not stored).
    let scope: String
    /// The key value.
    let key: String
    /// SHA-256 over the relay token, `Authorization`, `Persona-Relay-Secret` and the normalised body.
    let fingerprint: [UInt8]

    /// Whether `value` is a valid key: 1–255 visible ASCII characters (§13.3).
    static func isValidKey(_ value: String) -> Bool {
        let bytes = Array(value.utf8)
        return (1...255).contains(bytes.count) && bytes.allSatisfy { (0x21...0x7E).contains($0) }
    }

    /// The fingerprint of a request: each part length-prefixed, so that no two requests share one.
    static func fingerprint(
        relayToken: String, authorization: [String], relaySecret: [String], normalizedBody: [UInt8]
    ) -> [UInt8] {
        var hasher = SHA256()
        func add(_ part: [UInt8]) {
            var length = UInt64(part.count).bigEndian
            withUnsafeBytes(of: &length) { hasher.update(bufferPointer: $0) }
            hasher.update(data: part)
        }
        add(Array(relayToken.utf8))
        add(Array(authorization.joined(separator: "\n").utf8))
        add(Array(relaySecret.joined(separator: "\n").utf8))
        add(normalizedBody)
        return Array(hasher.finalize())
    }

    /// The scope of an API key: the hex SHA-256 of the key.
    static func scope(apiKey: String) -> String {
        Hex.lowercase(SHA256.hash(data: Array(apiKey.utf8)))
    }
}
