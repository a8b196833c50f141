/// The issuer's token response for type 0x0002 (RFC 9578 §6.2):
///
/// ```
/// struct {
///     uint8_t blind_sig[Nk];
/// } TokenResponse;
/// ```
///
/// Sent with media type ``PrivacyPassMediaType/tokenResponse``. The response does not name its type: the client
/// parses it for the type it requested.
///
/// - Seealso: [RFC 9578 §6.2](https://www.rfc-editor.org/rfc/rfc9578.html#name-issuer-to-client-response-2)
public struct TokenResponse: Hashable, Sendable {
    /// The RFC 9474 blind signature, Nk bytes.
    public let blindSignature: [UInt8]

    /// A response from the blind signature.
    ///
    /// - Throws: ``PrivacyPassError/Code/unsupportedTokenType`` for a type without a known Nk;
    ///   ``PrivacyPassError/Code/invalidLength`` when the signature is not Nk bytes.
    public init(blindSignature: [UInt8], tokenType: TokenType = .privateToken) throws(PrivacyPassError) {
        let nk = try tokenType.requireAuthenticatorLength()
        guard blindSignature.count == nk else {
            throw PrivacyPassError(.invalidLength, "blind_sig of a \(tokenType) response must be \(nk) bytes")
        }
        self.blindSignature = blindSignature
    }

    /// Parses the wire encoding of a response to a request of `tokenType`.
    ///
    /// - Throws: as ``init(blindSignature:tokenType:)``.
    public init<Bytes: Collection>(bytes: Bytes, tokenType: TokenType = .privateToken) throws(PrivacyPassError)
    where Bytes.Element == UInt8 {
        try self.init(blindSignature: Array(bytes), tokenType: tokenType)
    }

    /// The wire encoding: the blind signature itself.
    public var bytes: [UInt8] { blindSignature }
}
