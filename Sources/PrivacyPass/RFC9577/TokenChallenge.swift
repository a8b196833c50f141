/// The TokenChallenge an origin sends to a client (RFC 9577 §2.1):
///
/// ```
/// struct {
///     uint16_t token_type;
///     opaque issuer_name<1..2^16-1>;
///     opaque redemption_context<0..32>;
///     opaque origin_info<0..2^16-1>;
/// } TokenChallenge;
/// ```
///
/// The redemption context is empty or exactly 32 bytes; the origin info is empty or a comma-separated list of
/// origin names. Names are kept as ASCII text.
///
/// - Seealso: [RFC 9577 §2.1](https://www.rfc-editor.org/rfc/rfc9577.html#name-token-challenge)
public struct TokenChallenge: Hashable, Sendable {
    /// The token type the origin asks for (any value, known or not, is representable).
    public let tokenType: TokenType
    /// The issuer's server name, 1 to 65535 ASCII bytes.
    public let issuerName: String
    /// Empty, or 32 bytes chosen by the origin to bind the token to a context (RFC 9577 §2.1.1).
    public let redemptionContext: [UInt8]
    /// The origin_info field as sent: empty, or origin names separated by commas (at most 65535 bytes).
    public let originInfo: String

    /// The origin names of ``originInfo``, in order (empty when the field is empty).
    public var originNames: [String] {
        originInfo.isEmpty ? [] : originInfo.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    }

    /// A challenge with validated fields.
    ///
    /// - Parameters:
    ///   - tokenType: the requested token type.
    ///   - issuerName: the issuer's server name (1 to 65535 bytes of printable ASCII).
    ///   - redemptionContext: empty (the default) or 32 bytes.
    ///   - originNames: origin names, each non-empty printable ASCII without commas; joined with commas to at
    ///     most 65535 bytes. Empty (the default) means the token is not bound to an origin.
    /// - Throws: ``PrivacyPassError/Code/malformed`` when a field is outside these limits.
    public init(
        tokenType: TokenType = .privateToken, issuerName: String, redemptionContext: [UInt8] = [],
        originNames: [String] = []
    ) throws(PrivacyPassError) {
        for name in originNames {
            guard !name.isEmpty, !name.utf8.contains(UInt8(ascii: ",")) else {
                throw PrivacyPassError(.malformed, "an origin name must be non-empty and contain no comma")
            }
        }
        try self.init(
            validating: tokenType, issuerName: Array(issuerName.utf8), redemptionContext: redemptionContext,
            originInfo: Array(originNames.joined(separator: ",").utf8))
    }

    /// The one validation path of both initializers.
    private init(validating tokenType: TokenType, issuerName: [UInt8], redemptionContext: [UInt8], originInfo: [UInt8])
        throws(PrivacyPassError)
    {
        // issuer_name<1..2^16-1>
        guard (1...0xffff).contains(issuerName.count) else {
            throw PrivacyPassError(.malformed, "issuer_name must be 1 to 65535 bytes")
        }
        // redemption_context<0..32>, and RFC 9577 §2.1: "either 0 or 32 bytes".
        guard redemptionContext.isEmpty || redemptionContext.count == 32 else {
            throw PrivacyPassError(.malformed, "redemption_context must be 0 or 32 bytes")
        }
        // origin_info<0..2^16-1>
        guard originInfo.count <= 0xffff else {
            throw PrivacyPassError(.malformed, "origin_info must be at most 65535 bytes")
        }
        guard let issuer = Self.ascii(issuerName), let origins = Self.ascii(originInfo) else {
            throw PrivacyPassError(.malformed, "issuer_name and origin_info must be printable ASCII")
        }
        self.tokenType = tokenType
        self.issuerName = issuer
        self.redemptionContext = redemptionContext
        self.originInfo = origins
    }

    /// Printable ASCII (0x20–0x7E) as a String, or nil.
    private static func ascii(_ bytes: [UInt8]) -> String? {
        guard bytes.allSatisfy({ (0x20...0x7e).contains($0) }) else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Parses the wire encoding: the exact bytes of one TokenChallenge, nothing after it.
    ///
    /// - Throws: ``PrivacyPassError/Code/malformed`` on truncation, trailing bytes, a redemption context that is
    ///   neither 0 nor 32 bytes, an empty issuer name, or non-ASCII names. The token type is not checked: a
    ///   challenge for an unknown type parses (see ``TokenType/isKnown``).
    public init<Bytes: Collection>(bytes: Bytes) throws(PrivacyPassError) where Bytes.Element == UInt8 {
        var reader = ByteReader(bytes, parsing: "TokenChallenge")
        let tokenType = TokenType(rawValue: try reader.readUInt16())
        let issuerName = try reader.readVector16()
        let redemptionContext = try reader.readVector8()
        let originInfo = try reader.readVector16()
        try reader.finish()
        try self.init(
            validating: tokenType, issuerName: issuerName, redemptionContext: redemptionContext, originInfo: originInfo)
    }

    /// The wire encoding (RFC 9577 §2.1); ``init(bytes:)`` reads it back to an equal value.
    public var bytes: [UInt8] {
        let issuer = Array(issuerName.utf8)
        let origins = Array(originInfo.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(2 + 2 + issuer.count + 1 + redemptionContext.count + 2 + origins.count)
        out.appendUInt16(tokenType.rawValue)
        out.appendUInt16(UInt16(issuer.count))
        out += issuer
        out.append(UInt8(redemptionContext.count))
        out += redemptionContext
        out.appendUInt16(UInt16(origins.count))
        out += origins
        return out
    }

    /// SHA-256 of ``bytes``: the challenge_digest a token for this challenge carries (RFC 9577 §2.2).
    public var digest: [UInt8] { sha256(bytes) }
}
