import Crypto
import RSA

/// The token-key encoding the sandbox emits (relay-protocol.md §4.3–§4.5).
enum TokenKeyEncoding {
    /// RSABSSA-SHA384-PSS-Deterministic: no message prefix, salt 48 (§4.3).
    static let variant = BlindSigning.Variant.RSABSSA_SHA384_PSS_Deterministic

    /// `token-key`: DER SubjectPublicKeyInfo with rsaEncryption and NULL parameters (§4.4).
    static func spki(_ key: RSAPublicKey) -> [UInt8] { key.derRepresentation }

    /// `token-key-id`: lowercase hex SHA-256 of the DER SPKI (§4.5).
    static func keyID(spki: [UInt8]) -> String { HexText.lowercase(SHA256.hash(data: spki)) }
}
