import RSA

/// The issuer of type-0x0002 tokens (RFC 9578 §6.2): signs blinded token requests with one of its keys.
///
/// Keys are picked by the request's truncated token key ID. **Two keys with the same truncated ID are refused when
/// the issuer is created** (``PrivacyPassError/Code/invalidKey``): a request could not say which one it means, and
/// signing with the wrong one gives the client a token that fails to finalize. An issuer that hits this (a 1 in 256
/// chance per pair) generates another key.
///
/// - Seealso: [RFC 9578 §6.2](https://www.rfc-editor.org/rfc/rfc9578.html#name-issuer-to-client-response-2)
public struct Issuer: Sendable {
    /// One signing key and its public token key.
    public struct KeyPair: Sendable {
        /// The RSA private key.
        public let privateKey: BlindSigning.PrivateKey
        /// Its token key (encoding, key ID and variant).
        public let tokenKey: TokenKey
    }

    /// The keys, in the order given.
    public let keyPairs: [KeyPair]

    /// The public token keys, for an issuer directory.
    public var tokenKeys: [TokenKey] { keyPairs.map(\.tokenKey) }

    /// An issuer with these keys.
    ///
    /// - Parameters:
    ///   - privateKeys: one or more 2048-bit RSA keys.
    ///   - variant: the RSABSSA variant of every key's token key (default RSABSSA-SHA384-PSS-Deterministic).
    /// - Throws: ``PrivacyPassError/Code/invalidKey`` for no key, a key that is not a valid token key, or two keys
    ///   sharing a truncated token key ID.
    public init(
        privateKeys: [BlindSigning.PrivateKey], variant: BlindSigning.Variant = .RSABSSA_SHA384_PSS_Deterministic
    ) throws(PrivacyPassError) {
        guard !privateKeys.isEmpty else { throw PrivacyPassError(.invalidKey, "an issuer needs at least one key") }
        var pairs: [KeyPair] = []
        for privateKey in privateKeys {
            let tokenKey = try TokenKey(privateKey.publicKey, variant: variant)
            guard !pairs.contains(where: { $0.tokenKey.truncatedTokenKeyID == tokenKey.truncatedTokenKeyID }) else {
                throw PrivacyPassError(
                    .invalidKey, "two keys share the truncated token key ID \(tokenKey.truncatedTokenKeyID)")
            }
            pairs.append(KeyPair(privateKey: privateKey, tokenKey: tokenKey))
        }
        self.keyPairs = pairs
    }

    /// Signs a token request (RFC 9578 §6.2): blind_sig = BlindSign(skI, blinded_msg).
    ///
    /// - Throws: ``PrivacyPassError/Code/unsupportedTokenType`` for a type other than 0x0002;
    ///   ``PrivacyPassError/Code/invalidLength`` when blinded_msg is not Nk bytes;
    ///   ``PrivacyPassError/Code/unknownKey`` when no key has the request's truncated ID;
    ///   ``PrivacyPassError/Code/issuanceFailure`` when BlindSign fails (blinded_msg ≥ n, signing failure).
    public func issue(_ request: TokenRequest) throws(PrivacyPassError) -> TokenResponse {
        // The Issuer checks token_type, then the key, then blinded_msg's length (Nk).
        guard request.tokenType == .privateToken else {
            throw PrivacyPassError(.unsupportedTokenType, "token type \(request.tokenType) is not issued here")
        }
        guard request.blindedMessage.count == 256 else {
            throw PrivacyPassError(.invalidLength, "blinded_msg must be 256 bytes")
        }
        guard let pair = keyPairs.first(where: { $0.tokenKey.truncatedTokenKeyID == request.truncatedTokenKeyID })
        else {
            throw PrivacyPassError(.unknownKey, "no key has truncated token key ID \(request.truncatedTokenKeyID)")
        }
        let signature: BlindSigning.BlindSignature
        do {
            signature = try pair.privateKey.blindSignature(
                for: BlindSigning.BlindedMessage(rawRepresentation: request.blindedMessage))
        } catch {
            throw PrivacyPassError(.issuanceFailure, "BlindSign failed: \(error)")
        }
        return try TokenResponse(blindSignature: signature.rawRepresentation, tokenType: request.tokenType)
    }

    /// Parses a request body and signs it: ``TokenRequest/init(bytes:)`` then ``issue(_:)``.
    ///
    /// - Throws: as those two.
    public func issue<Bytes: Collection>(requestBytes: Bytes) throws(PrivacyPassError) -> TokenResponse
    where Bytes.Element == UInt8 {
        try issue(TokenRequest(bytes: requestBytes))
    }
}
