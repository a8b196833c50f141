import Crypto
import RSA

/// The token key (relay-protocol.md §4.3–§4.5): the blind-RSA suite on the wire, the key's encoding and its id.
public enum RelayTokenKey {
    /// The suite on the wire: RSABSSA-SHA384-PSS-Deterministic (§4.3). Persona's documentation names the Randomized
    /// suite but production adds no message prefix, which is the Deterministic variant byte for byte.
    public static let variant = BlindSigning.Variant.RSABSSA_SHA384_PSS_Deterministic

    /// Reads a `token-key`: a DER SubjectPublicKeyInfo with rsaEncryption (what Persona sends) or id-RSASSA-PSS
    /// (SHA-384, MGF1-SHA-384, salt 48, or unrestricted), 2048 to 4096 bits.
    ///
    /// - Throws: ``RelayProtocolError/Code/unsupportedKey`` for anything else.
    public static func publicKey(spki: [UInt8]) throws(RelayProtocolError) -> BlindSigning.PublicKey {
        do {
            let info = try RSASubjectPublicKeyInfo(derRepresentation: spki)
            return try BlindSigning.PublicKey(info, variant: variant)
        } catch {
            throw RelayProtocolError(.unsupportedKey, "the token key is not a 2048- to 4096-bit RSA SPKI: \(error)")
        }
    }

    /// The DER SubjectPublicKeyInfo the sandbox sends as `token-key` (§4.4): rsaEncryption with NULL parameters.
    public static func spki(_ key: RSAPublicKey) -> [UInt8] {
        RSASubjectPublicKeyInfo(publicKey: key, algorithm: .rsaEncryption).derRepresentation
    }

    /// The sandbox's key id (§4.5): lowercase hex of SHA-256 over the DER SPKI, 64 characters. Clients treat key ids
    /// as opaque and never recompute them.
    public static func keyID(spki: [UInt8]) -> String {
        Hex.lowercase(SHA256.hash(data: spki))
    }
}
