public import RSA
public import RelayProtocol

extension Persona {
    /// Decrypts an encrypted claim payload (relay-protocol.md §6): base64 (either alphabet, padded or not) of an
    /// RSAES-OAEP ciphertext with an empty label, decrypted with this project's RSA.
    ///
    /// - Parameters:
    ///   - payload: ``RelayClaim/claimPayload`` of a relay created with an encryption key.
    ///   - privateKey: the private half of that key.
    ///   - hash: the OAEP hash; ``ClaimPayloadHash/auto`` tries SHA-256, then SHA-1.
    /// - Returns: the plaintext claim JSON (see ``decodeClaimPayload(_:)``).
    /// - Throws: ``PersonaError`` of kind protocol: "Failed to decode claim payload" when it is not base64, and
    ///   "Failed to decrypt claim payload" for every decryption failure alike (no detail says which check failed)
    ///   and for a plaintext that is not UTF-8.
    public static func decryptClaimPayload(
        _ payload: String, privateKey: RSAPrivateKey, hash: ClaimPayloadHash = .sha256
    ) throws(PersonaError) -> String {
        let ciphertext: [UInt8]
        do {
            ciphertext = try RelayBase64.decode(String(payload.trimmingSpaces))
        } catch {
            throw .protocolError("Failed to decode claim payload", "the claim payload is not base64")
        }
        let attempts: [OAEPParameters] =
            switch hash {
            case .sha256: [.sha256]
            case .sha1: [OAEPParameters(hash: .sha1)]
            case .auto: [.sha256, OAEPParameters(hash: .sha1)]
            }
        for parameters in attempts {
            guard let plaintext = try? RSAESOAEP.decrypt(ciphertext, with: privateKey, parameters: parameters) else {
                continue
            }
            guard let text = String(validating: plaintext, as: UTF8.self) else { break }
            return text
        }
        throw .protocolError("Failed to decrypt claim payload")
    }

    /// Decodes a plaintext claim payload (relay-protocol.md §6): `claim_type`, `claim_result` and the optional
    /// `methodology`; unknown members are ignored.
    ///
    /// - Throws: ``PersonaError`` of kind protocol, title "Failed to parse claim payload".
    public static func decodeClaimPayload(_ plaintext: String) throws(PersonaError) -> RelayClaimPayload {
        do {
            return try RelayClaimPayload.parse(Array(plaintext.utf8))
        } catch {
            throw .protocolError("Failed to parse claim payload", error.message)
        }
    }

    /// A new RSA key pair for encrypted claim payloads (e = 65537).
    ///
    /// - Parameter bits: 2048, 3072 or 4096.
    /// - Throws: ``PersonaError`` of kind protocol (status 500) when the size is not supported.
    public static func generateEncryptionKeyPair(bits: Int = 2048) throws(PersonaError) -> EncryptionKeyPair {
        do {
            return EncryptionKeyPair(privateKey: try RSAPrivateKey.generate(bits: bits))
        } catch {
            throw .protocolError(status: 500, "Failed to generate key pair", error.description)
        }
    }
}
