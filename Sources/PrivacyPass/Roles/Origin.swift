import RSA

/// An origin that asks for and redeems type-0x0002 tokens (RFC 9577 §2.1–2.2, RFC 9578 §6.4).
///
/// It creates challenges naming its issuer and itself, and verifies tokens against the challenge it sent and the
/// token keys it trusts, recording each accepted token in a ``SpentTokenStore`` so that it is accepted only once.
public struct Origin: Sendable {
    /// The issuer's server name put in challenges.
    public let issuerName: String
    /// The origin names put in challenges (empty: tokens usable at any origin of the issuer).
    public let originNames: [String]
    /// The token keys whose tokens are accepted.
    public let trustedKeys: [TokenKey]
    /// Where redeemed tokens are recorded.
    public let spentTokens: any SpentTokenStore

    /// An origin.
    ///
    /// - Parameters:
    ///   - issuerName: the issuer's server name.
    ///   - originNames: this origin's names for origin_info, or empty.
    ///   - trustedKeys: the issuer keys to accept (from its directory).
    ///   - spentTokens: the spent-token store (default: a new ``InMemorySpentTokenStore``).
    /// - Throws: ``PrivacyPassError/Code/malformed`` when the names do not fit a TokenChallenge.
    public init(
        issuerName: String, originNames: [String] = [], trustedKeys: [TokenKey],
        spentTokens: any SpentTokenStore = InMemorySpentTokenStore()
    ) throws(PrivacyPassError) {
        // Validate once, so that challenge(redemptionContext:) fails only on a bad context.
        _ = try TokenChallenge(issuerName: issuerName, originNames: originNames)
        self.issuerName = issuerName
        self.originNames = originNames
        self.trustedKeys = trustedKeys
        self.spentTokens = spentTokens
    }

    /// A challenge for a type-0x0002 token (RFC 9577 §2.1).
    ///
    /// - Parameter redemptionContext: empty (the default, a cross-context token) or 32 bytes (RFC 9577 §2.1.1).
    /// - Throws: ``PrivacyPassError/Code/malformed`` when the context is neither 0 nor 32 bytes.
    public func challenge(redemptionContext: [UInt8] = []) throws(PrivacyPassError) -> TokenChallenge {
        try TokenChallenge(
            tokenType: .privateToken, issuerName: issuerName, redemptionContext: redemptionContext,
            originNames: originNames)
    }

    /// A challenge with a fresh random 32-byte redemption context.
    public func challengeWithRandomContext() throws(PrivacyPassError) -> TokenChallenge {
        var generator = SystemRandomNumberGenerator()
        return try challenge(redemptionContext: (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
    }

    /// Verifies a token for `challenge` and records it as spent (RFC 9577 §2.2, RFC 9578 §6.4).
    ///
    /// Checks, in order: the token type (0x0002, and the challenge's), challenge_digest = SHA-256(challenge),
    /// token_key_id among the trusted keys, the authenticator (RSASSA-PSS with SHA-384, MGF1-SHA-384 and salt 48
    /// — 0 for a PSSZERO key — over the authenticator input), then the atomic insert into the spent-token store.
    ///
    /// - Throws: ``PrivacyPassError/Code/unsupportedTokenType``, ``PrivacyPassError/Code/challengeMismatch``,
    ///   ``PrivacyPassError/Code/unknownKey``, ``PrivacyPassError/Code/invalidSignature``,
    ///   ``PrivacyPassError/Code/spentToken``, ``PrivacyPassError/Code/storeFailure``.
    /// - Seealso: [RFC 9578 §6.4](https://www.rfc-editor.org/rfc/rfc9578.html#name-token-verification-2)
    public func verify(_ token: Token, for challenge: TokenChallenge) async throws(PrivacyPassError) {
        try check(token, for: challenge)
        let inserted: Bool
        do {
            inserted = try await spentTokens.insert(tokenKeyID: token.tokenKeyID, nonce: token.nonce)
        } catch {
            throw PrivacyPassError(.storeFailure, "the spent-token store failed: \(error)")
        }
        guard inserted else { throw PrivacyPassError(.spentToken, "the token was already redeemed") }
    }

    /// The checks of ``verify(_:for:)`` without the spent-token store: whether the token is valid for the
    /// challenge, not whether it was redeemed before.
    ///
    /// - Throws: as ``verify(_:for:)`` except the store's errors.
    public func check(_ token: Token, for challenge: TokenChallenge) throws(PrivacyPassError) {
        guard token.tokenType == .privateToken, token.tokenType == challenge.tokenType else {
            throw PrivacyPassError(.unsupportedTokenType, "token type \(token.tokenType) is not accepted here")
        }
        guard token.challengeDigest == challenge.digest else {
            throw PrivacyPassError(.challengeMismatch, "the token was made for another challenge")
        }
        guard let key = trustedKeys.first(where: { $0.tokenKeyID == token.tokenKeyID }) else {
            throw PrivacyPassError(.unknownKey, "the token's key is not trusted")
        }
        guard
            key.publicKey.isValidSignature(
                token.authenticator, for: BlindSigning.PreparedMessage(rawRepresentation: token.authenticatorInput))
        else {
            throw PrivacyPassError(.invalidSignature, "the token's authenticator does not verify")
        }
    }
}
