import Crypto

/// The 98-byte message a Persona Privacy Pass signs (relay-protocol.md §4.2).
///
/// Each variable part is the SHA-256 of the UTF-8 *text* — a documented deviation from RFC 9578 §6.1, which puts the
/// raw nonce, challenge digest and key id in place:
///
/// | offset | length | content |
/// |---|---|---|
/// | 0 | 2 | `00 02` (token type) |
/// | 2 | 32 | SHA-256(nonce as 64 hex characters) |
/// | 34 | 32 | SHA-256(`challenge.mac` text) |
/// | 66 | 32 | SHA-256(`token-key-id` text as received) |
public enum RelayTokenInput {
    /// The length of the token input, 98 bytes.
    public static let length = 98

    /// The token input for a nonce (its hex text), a challenge MAC and a key id, each hashed as UTF-8 text.
    public static func make(nonceHex: String, mac: String, keyID: String) -> [UInt8] {
        var input: [UInt8] = [0x00, 0x02]
        input.reserveCapacity(length)
        input += SHA256.hash(data: Array(nonceHex.utf8))
        input += SHA256.hash(data: Array(mac.utf8))
        input += SHA256.hash(data: Array(keyID.utf8))
        return input
    }
}
