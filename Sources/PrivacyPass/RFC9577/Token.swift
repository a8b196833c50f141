/// A Privacy Pass token (RFC 9577 §2.2), what a client presents to an origin:
///
/// ```
/// struct {
///     uint16_t token_type;
///     uint8_t nonce[32];
///     uint8_t challenge_digest[32];
///     uint8_t token_key_id[Nid];
///     uint8_t authenticator[Nk];
/// } Token;
/// ```
///
/// Nid is 32 for every type this library knows; Nk depends on the type (256 for ``TokenType/privateToken``), so a
/// token of an unknown type cannot be parsed and is rejected with ``PrivacyPassError/Code/unsupportedTokenType``.
///
/// - Seealso: [RFC 9577 §2.2](https://www.rfc-editor.org/rfc/rfc9577.html#name-token-structure)
public struct Token: Hashable, Sendable {
    /// The length of nonce, challenge_digest and token_key_id.
    public static let fieldLength = 32
    /// The length of the authenticator input: token_type || nonce || challenge_digest || token_key_id.
    public static let authenticatorInputLength = 2 + 3 * fieldLength

    /// The token type.
    public let tokenType: TokenType
    /// 32 random bytes chosen by the client.
    public let nonce: [UInt8]
    /// SHA-256 of the TokenChallenge the token answers.
    public let challengeDigest: [UInt8]
    /// SHA-256 of the issuer's token key encoding (RFC 9578 §6.5).
    public let tokenKeyID: [UInt8]
    /// Nk bytes: for type 0x0002 the RSASSA-PSS signature over ``authenticatorInput``.
    public let authenticator: [UInt8]

    /// A token from its fields.
    ///
    /// - Throws: ``PrivacyPassError/Code/unsupportedTokenType`` for a type without a known Nk;
    ///   ``PrivacyPassError/Code/invalidLength`` when a field is not its fixed length.
    public init(
        tokenType: TokenType, nonce: [UInt8], challengeDigest: [UInt8], tokenKeyID: [UInt8], authenticator: [UInt8]
    ) throws(PrivacyPassError) {
        let nk = try tokenType.requireAuthenticatorLength()
        guard nonce.count == Self.fieldLength, challengeDigest.count == Self.fieldLength,
            tokenKeyID.count == Self.fieldLength
        else {
            throw PrivacyPassError(.invalidLength, "nonce, challenge_digest and token_key_id must be 32 bytes each")
        }
        guard authenticator.count == nk else {
            throw PrivacyPassError(.invalidLength, "the authenticator of a \(tokenType) token must be \(nk) bytes")
        }
        self.tokenType = tokenType
        self.nonce = nonce
        self.challengeDigest = challengeDigest
        self.tokenKeyID = tokenKeyID
        self.authenticator = authenticator
    }

    /// Parses the wire encoding: exactly one token, nothing after it.
    ///
    /// - Throws: ``PrivacyPassError/Code/malformed`` when fewer than 2 bytes are given;
    ///   ``PrivacyPassError/Code/unsupportedTokenType`` for an unknown type (GREASE included);
    ///   ``PrivacyPassError/Code/invalidLength`` when the length is not 98 + Nk.
    public init<Bytes: Collection>(bytes: Bytes) throws(PrivacyPassError) where Bytes.Element == UInt8 {
        var reader = ByteReader(bytes, parsing: "Token")
        let tokenType = TokenType(rawValue: try reader.readUInt16())
        let nk = try tokenType.requireAuthenticatorLength()
        guard reader.remaining == 3 * Self.fieldLength + nk else {
            throw PrivacyPassError(.invalidLength, "a \(tokenType) token must be \(Self.authenticatorInputLength + nk) bytes")
        }
        try self.init(
            tokenType: tokenType, nonce: try reader.read(count: Self.fieldLength),
            challengeDigest: try reader.read(count: Self.fieldLength), tokenKeyID: try reader.read(count: Self.fieldLength),
            authenticator: try reader.read(count: nk))
        try reader.finish()
    }

    /// The wire encoding; ``init(bytes:)`` reads it back to an equal value.
    public var bytes: [UInt8] { authenticatorInput + authenticator }

    /// The bytes the authenticator covers (RFC 9577 §2.2): token_type || nonce || challenge_digest || token_key_id,
    /// the first 98 bytes of the token.
    public var authenticatorInput: [UInt8] {
        Self.authenticatorInput(
            tokenType: tokenType, nonce: nonce, challengeDigest: challengeDigest, tokenKeyID: tokenKeyID)
    }

    /// The authenticator input from raw fields, for any token type, known or not (RFC 9577 §2.2): the
    /// concatenation token_type || nonce || challenge_digest || token_key_id.
    public static func authenticatorInput(
        tokenType: TokenType, nonce: [UInt8], challengeDigest: [UInt8], tokenKeyID: [UInt8]
    ) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(2 + nonce.count + challengeDigest.count + tokenKeyID.count)
        out.appendUInt16(tokenType.rawValue)
        out += nonce
        out += challengeDigest
        out += tokenKeyID
        return out
    }

    /// The authenticator input of a token of any type, known or not: its first 98 bytes, whose layout RFC 9577
    /// §2.2 fixes for every type with Nid = 32; also the token type read from them.
    ///
    /// - Throws: ``PrivacyPassError/Code/malformed`` when fewer than 98 bytes are given.
    public static func authenticatorInput<Bytes: Collection>(ofRawToken bytes: Bytes) throws(PrivacyPassError) -> (
        tokenType: TokenType, input: [UInt8]
    ) where Bytes.Element == UInt8 {
        var reader = ByteReader(bytes, parsing: "Token")
        let input = try reader.read(count: authenticatorInputLength)
        return (TokenType(rawValue: UInt16(input[0]) << 8 | UInt16(input[1])), input)
    }
}
