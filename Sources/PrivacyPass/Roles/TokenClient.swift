import RSA

/// The client of the type-0x0002 issuance protocol (RFC 9578 §6.1, §6.3): turns an origin's challenge into a token
/// request, and the issuer's response into a token.
///
/// The client is stateless: ``request(for:tokenKey:)`` returns a ``PendingToken`` that holds everything
/// ``finalize(_:state:)`` needs, and that can be stored as bytes between the two steps.
///
/// ```swift
/// let client = TokenClient()
/// let (request, pending) = try client.request(for: challenge, tokenKey: tokenKey)
/// // send request.bytes to the issuer, receive the response
/// let token = try client.finalize(response, state: pending)
/// ```
///
/// - Seealso: [RFC 9578 §6](https://www.rfc-editor.org/rfc/rfc9578.html#name-issuance-protocol-for-publi)
public struct TokenClient: Sendable {
    /// A client.
    public init() {}

    /// Builds a token request (RFC 9578 §6.1).
    ///
    /// token_input = token_type || nonce || SHA-256(challenge) || token_key_id with a fresh 32-byte nonce; the
    /// prepared message is token_input itself (the Deterministic variants' Prepare is the identity); it is blinded
    /// with RFC 9474 Blind.
    ///
    /// - Parameters:
    ///   - challenge: the origin's challenge; its token type must be the key's.
    ///   - tokenKey: the issuer's token key.
    /// - Returns: the request to send, and the state to keep for ``finalize(_:state:)`` (secret: it links the
    ///   request to the token).
    /// - Throws: ``PrivacyPassError/Code/unsupportedTokenType`` when the challenge asks for another token type;
    ///   ``PrivacyPassError/Code/issuanceFailure`` when blinding fails.
    /// - Seealso: [RFC 9578 §6.1](https://www.rfc-editor.org/rfc/rfc9578.html#name-client-to-issuer-request-2)
    public func request(for challenge: TokenChallenge, tokenKey: TokenKey) throws(PrivacyPassError) -> (
        request: TokenRequest, state: PendingToken
    ) {
        var generator = SystemRandomNumberGenerator()
        let nonce = (0..<Token.fieldLength).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return try request(for: challenge, tokenKey: tokenKey, nonce: nonce) { (prepared) throws(RSAError) in
            try tokenKey.publicKey.blind(prepared)
        }
    }

    /// ``request(for:tokenKey:)`` with a given nonce and blinding step (for the RFC 9578 test vectors; package-only).
    package func request(
        for challenge: TokenChallenge, tokenKey: TokenKey, nonce: [UInt8],
        blind: (BlindSigning.PreparedMessage) throws(RSAError) -> BlindSigning.BlindingResult
    ) throws(PrivacyPassError) -> (request: TokenRequest, state: PendingToken) {
        guard challenge.tokenType == tokenKey.tokenType else {
            throw PrivacyPassError(
                .unsupportedTokenType, "the challenge asks for token type \(challenge.tokenType), the key is for \(tokenKey.tokenType)")
        }
        // 1–2. nonce = random(32); challenge_digest = SHA256(challenge); token_input = concat(0x0002, nonce,
        //      challenge_digest, token_key_id).
        let tokenInput = Token.authenticatorInput(
            tokenType: tokenKey.tokenType, nonce: nonce, challengeDigest: challenge.digest, tokenKeyID: tokenKey.tokenKeyID)
        // 3. blinded_msg, blind_inv = Blind(pkI, PrepareIdentity(token_input)).
        let prepared = tokenKey.publicKey.prepare(tokenInput)
        let blinded: BlindSigning.BlindingResult
        do {
            blinded = try blind(prepared)
        } catch {
            throw PrivacyPassError(.issuanceFailure, "blinding failed: \(error)")
        }
        // 4. TokenRequest { 0x0002, truncated_token_key_id, blinded_msg }.
        let request = try TokenRequest(
            tokenType: tokenKey.tokenType, truncatedTokenKeyID: tokenKey.truncatedTokenKeyID,
            blindedMessage: blinded.blindedMessage.rawRepresentation)
        return (request, PendingToken(tokenKey: tokenKey, tokenInput: tokenInput, inverse: blinded.inverse))
    }

    /// Finishes a token from the issuer's response (RFC 9578 §6.3): Finalize (which verifies the signature), then
    /// the token token_input || authenticator.
    ///
    /// - Throws: ``PrivacyPassError/Code/invalidLength`` when the response is not Nk bytes;
    ///   ``PrivacyPassError/Code/invalidSignature`` when the unblinded signature does not verify.
    /// - Seealso: [RFC 9578 §6.3](https://www.rfc-editor.org/rfc/rfc9578.html#name-finalization-2)
    public func finalize(_ response: TokenResponse, state: PendingToken) throws(PrivacyPassError) -> Token {
        let key = state.tokenKey
        let nk = try key.tokenType.requireAuthenticatorLength()
        guard response.blindSignature.count == nk else {
            throw PrivacyPassError(.invalidLength, "the response must be \(nk) bytes")
        }
        let authenticator: [UInt8]
        do {
            // authenticator = Finalize(pkI, PrepareIdentity(token_input), blind_sig, blind_inv); Finalize verifies.
            authenticator = try key.publicKey.finalize(
                BlindSigning.BlindSignature(rawRepresentation: response.blindSignature),
                for: BlindSigning.PreparedMessage(rawRepresentation: state.tokenInput), blindingInverse: state.inverse)
        } catch {
            throw PrivacyPassError(.invalidSignature, "the issuer's response does not finalize: \(error)")
        }
        // Token { token_type, nonce, challenge_digest, token_key_id, authenticator }, split from token_input.
        let input = state.tokenInput
        let n = Token.fieldLength
        return try Token(
            tokenType: key.tokenType, nonce: Array(input[2..<2 + n]), challengeDigest: Array(input[2 + n..<2 + 2 * n]),
            tokenKeyID: Array(input[2 + 2 * n..<2 + 3 * n]), authenticator: authenticator)
    }
}
