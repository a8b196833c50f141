/// A client's token request for type 0x0002 (RFC 9578 §6.1):
///
/// ```
/// struct {
///     uint16_t token_type = 0x0002; /* Type Blind RSA (2048-bit) */
///     uint8_t truncated_token_key_id;
///     uint8_t blinded_msg[Nk];
/// } TokenRequest;
/// ```
///
/// Sent with media type ``PrivacyPassMediaType/tokenRequest``.
///
/// - Seealso: [RFC 9578 §6.1](https://www.rfc-editor.org/rfc/rfc9578.html#name-client-to-issuer-request-2)
public struct TokenRequest: Hashable, Sendable {
    /// The token type; always a known type (Nk is fixed by it).
    public let tokenType: TokenType
    /// The last byte of the token key ID, which the issuer uses to pick its key.
    public let truncatedTokenKeyID: UInt8
    /// The RFC 9474 blinded message, Nk bytes.
    public let blindedMessage: [UInt8]

    /// A request from its fields.
    ///
    /// - Throws: ``PrivacyPassError/Code/unsupportedTokenType`` for a type without a known Nk;
    ///   ``PrivacyPassError/Code/invalidLength`` when the blinded message is not Nk bytes.
    public init(tokenType: TokenType = .privateToken, truncatedTokenKeyID: UInt8, blindedMessage: [UInt8])
        throws(PrivacyPassError)
    {
        let nk = try tokenType.requireAuthenticatorLength()
        guard blindedMessage.count == nk else {
            throw PrivacyPassError(.invalidLength, "blinded_msg of a \(tokenType) request must be \(nk) bytes")
        }
        self.tokenType = tokenType
        self.truncatedTokenKeyID = truncatedTokenKeyID
        self.blindedMessage = blindedMessage
    }

    /// Parses the wire encoding: exactly one request, nothing after it.
    ///
    /// - Throws: ``PrivacyPassError/Code/malformed`` when shorter than 3 bytes;
    ///   ``PrivacyPassError/Code/unsupportedTokenType`` for an unknown type;
    ///   ``PrivacyPassError/Code/invalidLength`` when the length is not 3 + Nk.
    public init<Bytes: Collection>(bytes: Bytes) throws(PrivacyPassError) where Bytes.Element == UInt8 {
        var reader = ByteReader(bytes, parsing: "TokenRequest")
        let tokenType = TokenType(rawValue: try reader.readUInt16())
        let nk = try tokenType.requireAuthenticatorLength()
        let truncated = try reader.readUInt8()
        guard reader.remaining == nk else {
            throw PrivacyPassError(.invalidLength, "a \(tokenType) TokenRequest must be \(3 + nk) bytes")
        }
        try self.init(tokenType: tokenType, truncatedTokenKeyID: truncated, blindedMessage: try reader.read(count: nk))
        try reader.finish()
    }

    /// The wire encoding; ``init(bytes:)`` reads it back to an equal value.
    public var bytes: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(3 + blindedMessage.count)
        out.appendUInt16(tokenType.rawValue)
        out.append(truncatedTokenKeyID)
        out += blindedMessage
        return out
    }
}
