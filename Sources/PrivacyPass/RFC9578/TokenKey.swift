import RSA

/// An issuer's public token key for type 0x0002 (RFC 9578 §6.5): a 2048-bit RSA key for
/// RSABSSA-SHA384-PSS-Deterministic (or RSABSSA-SHA384-PSSZERO-Deterministic), its SubjectPublicKeyInfo encoding
/// and its key ID.
///
/// The encoding is an SPKI with the id-RSASSA-PSS OID and explicit parameters (SHA-384, MGF1-SHA-384, salt length
/// 48 for PSS — 0 for PSSZERO), the form RFC 9578 §6.5 prescribes; ``tokenKeyID`` is SHA-256 of those bytes.
///
/// - Seealso: [RFC 9578 §6.5](https://www.rfc-editor.org/rfc/rfc9578.html#name-issuer-configuration-2)
public struct TokenKey: Hashable, Sendable {
    /// The token type the key is for (always ``TokenType/privateToken``).
    public let tokenType: TokenType
    /// The RSA key with its RSABSSA variant: what a client blinds with and an origin verifies with.
    public let publicKey: BlindSigning.PublicKey
    /// The SPKI encoding (`pkI`/`token-key`), the bytes ``tokenKeyID`` is computed over.
    public let spki: [UInt8]
    /// token_key_id = SHA-256(SPKI) (RFC 9578 §6.5), 32 bytes.
    public let tokenKeyID: [UInt8]

    /// truncated_token_key_id: the last byte of ``tokenKeyID`` (RFC 9578 §6.1).
    public var truncatedTokenKeyID: UInt8 { tokenKeyID[tokenKeyID.count - 1] }

    /// The variants a type-0x0002 key may use (the IANA "Privacy Pass Token Types" entry for 0x0002).
    public static let supportedVariants: [BlindSigning.Variant] = [
        .RSABSSA_SHA384_PSS_Deterministic, .RSABSSA_SHA384_PSSZERO_Deterministic,
    ]

    /// The modulus size of type 0x0002: 2048 bits (Nk = 256 bytes).
    public static let modulusBitWidth = 2048

    /// The token key for an RSA public key, encoded as RFC 9578 §6.5 prescribes.
    ///
    /// - Parameters:
    ///   - key: a 2048-bit RSA public key.
    ///   - variant: `BlindSigning.Variant.RSABSSA_SHA384_PSS_Deterministic` (the default) or
    ///     `BlindSigning.Variant.RSABSSA_SHA384_PSSZERO_Deterministic`, from the `RSA` module.
    /// - Throws: ``PrivacyPassError/Code/invalidKey`` for another modulus size or a randomized variant.
    public init(_ key: RSAPublicKey, variant: BlindSigning.Variant = .RSABSSA_SHA384_PSS_Deterministic)
        throws(PrivacyPassError)
    {
        try Self.check(key, variant: variant)
        let spki = key.pssDERRepresentation(parameters: variant.pssParameters)
        self.tokenType = .privateToken
        self.publicKey = BlindSigning.PublicKey(key, variant: variant)
        self.spki = spki
        self.tokenKeyID = sha256(spki)
    }

    /// Reads a token key from its SPKI encoding (`token-key` in an issuer directory, `token-key=` in a challenge).
    ///
    /// The SPKI must use id-RSASSA-PSS with explicit parameters SHA-384/MGF1-SHA-384 and salt length 48 (PSS) or 0
    /// (PSSZERO); the variant follows from the salt length. The key ID is computed over the given bytes.
    ///
    /// - Throws: ``PrivacyPassError/Code/invalidKey`` for malformed DER, an rsaEncryption SPKI, absent or other
    ///   PSS parameters, or a modulus that is not 2048 bits.
    public init<Bytes: Collection>(spki bytes: Bytes) throws(PrivacyPassError) where Bytes.Element == UInt8 {
        let spki = Array(bytes)
        let info: RSASubjectPublicKeyInfo
        do {
            info = try RSASubjectPublicKeyInfo(derRepresentation: spki)
        } catch {
            throw PrivacyPassError(.invalidKey, "not an RSA SubjectPublicKeyInfo: \(error)")
        }
        guard case .rsassaPSS(let parameters?) = info.algorithm else {
            throw PrivacyPassError(
                .invalidKey, "a token key must be an id-RSASSA-PSS SPKI with explicit parameters (RFC 9578 §6.5)")
        }
        guard let variant = Self.supportedVariants.first(where: { $0.pssParameters == parameters }) else {
            throw PrivacyPassError(
                .invalidKey, "a token key must declare SHA-384, MGF1-SHA-384 and salt length 48 or 0")
        }
        try Self.check(info.publicKey, variant: variant)
        self.tokenType = .privateToken
        self.publicKey = BlindSigning.PublicKey(info.publicKey, variant: variant)
        self.spki = spki
        self.tokenKeyID = sha256(spki)
    }

    /// Two token keys are equal when their encodings (hence key IDs) and variants are.
    public static func == (lhs: TokenKey, rhs: TokenKey) -> Bool {
        lhs.spki == rhs.spki && lhs.publicKey.variant == rhs.publicKey.variant
    }

    /// Hashes the encoding.
    public func hash(into hasher: inout Hasher) { hasher.combine(spki) }

    private static func check(_ key: RSAPublicKey, variant: BlindSigning.Variant) throws(PrivacyPassError) {
        guard supportedVariants.contains(variant) else {
            throw PrivacyPassError(.invalidKey, "token type 0x0002 uses a Deterministic RSABSSA variant, not \(variant)")
        }
        guard key.modulusBitWidth == modulusBitWidth else {
            throw PrivacyPassError(.invalidKey, "token type 0x0002 needs a 2048-bit key, not \(key.modulusBitWidth) bits")
        }
    }
}
