#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// An issuer directory (RFC 9578 §4), served as ``PrivacyPassMediaType/issuerDirectory``:
///
/// ```json
/// {
///   "issuer-request-uri": "https://issuer.example.net/request",
///   "token-keys": [ { "token-type": 2, "token-key": "MI...AB", "not-before": 1686913811 } ]
/// }
/// ```
///
/// Members this library does not know are ignored when decoding. Keys of any token type are kept (their
/// `token-key` is only base64url-decoded); ``TokenKeyEntry/tokenKey()`` reads a type-0x0002 key.
///
/// - Seealso: [RFC 9578 §4](https://www.rfc-editor.org/rfc/rfc9578.html#name-configuration)
public struct IssuerDirectory: Codable, Hashable, Sendable {
    /// One entry of `token-keys`.
    public struct TokenKeyEntry: Codable, Hashable, Sendable {
        /// `token-type`: the token type of the key.
        public var tokenType: TokenType
        /// `token-key`: the key's encoding (for type 0x0002 the SPKI), as raw bytes; base64url in JSON.
        public var tokenKeyBytes: [UInt8]
        /// `not-before` (optional): seconds since the Unix epoch before which the key must not be used.
        public var notBefore: UInt64?

        /// An entry from its fields.
        public init(tokenType: TokenType, tokenKeyBytes: [UInt8], notBefore: UInt64? = nil) {
            self.tokenType = tokenType
            self.tokenKeyBytes = tokenKeyBytes
            self.notBefore = notBefore
        }

        /// An entry for a type-0x0002 token key.
        public init(_ key: TokenKey, notBefore: UInt64? = nil) {
            self.init(tokenType: key.tokenType, tokenKeyBytes: key.spki, notBefore: notBefore)
        }

        /// The entry's key as a ``TokenKey``.
        ///
        /// - Throws: ``PrivacyPassError/Code/unsupportedTokenType`` when `token-type` is not 0x0002; as
        ///   ``TokenKey/init(spki:)`` otherwise.
        public func tokenKey() throws(PrivacyPassError) -> TokenKey {
            guard tokenType == .privateToken else {
                throw PrivacyPassError(.unsupportedTokenType, "token type \(tokenType) is not supported")
            }
            return try TokenKey(spki: tokenKeyBytes)
        }

        private enum CodingKeys: String, CodingKey {
            case tokenType = "token-type"
            case tokenKey = "token-key"
            case notBefore = "not-before"
        }

        /// Decodes `token-type` (0–65535), `token-key` (base64url, with or without `=` padding) and `not-before`.
        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            self.tokenType = TokenType(rawValue: try container.decode(UInt16.self, forKey: .tokenType))
            let text = try container.decode(String.self, forKey: .tokenKey)
            guard let bytes = Base64URL.decode(text) else {
                throw DecodingError.dataCorruptedError(
                    forKey: .tokenKey, in: container, debugDescription: "token-key is not base64url")
            }
            self.tokenKeyBytes = bytes
            self.notBefore = try container.decodeIfPresent(UInt64.self, forKey: .notBefore)
        }

        /// Encodes `token-key` as base64url with `=` padding, as RFC 9578 §4 specifies.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(tokenType.rawValue, forKey: .tokenType)
            try container.encode(Base64URL.encode(tokenKeyBytes), forKey: .tokenKey)
            try container.encodeIfPresent(notBefore, forKey: .notBefore)
        }
    }

    /// `issuer-request-uri`: where clients send token requests.
    public var issuerRequestURI: String
    /// `token-keys`: the issuer's current keys.
    public var tokenKeys: [TokenKeyEntry]

    /// A directory from its fields.
    public init(issuerRequestURI: String, tokenKeys: [TokenKeyEntry]) {
        self.issuerRequestURI = issuerRequestURI
        self.tokenKeys = tokenKeys
    }

    private enum CodingKeys: String, CodingKey {
        case issuerRequestURI = "issuer-request-uri"
        case tokenKeys = "token-keys"
    }

    /// Parses a directory document.
    ///
    /// - Throws: ``PrivacyPassError/Code/malformed`` when the bytes are not JSON of the directory's shape.
    public init<Bytes: Collection>(jsonBytes: Bytes) throws(PrivacyPassError) where Bytes.Element == UInt8 {
        do {
            self = try JSONDecoder().decode(IssuerDirectory.self, from: Data(jsonBytes))
        } catch {
            throw PrivacyPassError(.malformed, "not an issuer directory: \(error)")
        }
    }

    /// The directory as JSON (keys sorted, so the output is deterministic).
    public var jsonBytes: [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding strings, integers and arrays of them cannot fail.
        return (try? Array(encoder.encode(self))) ?? []
    }
}

/// base64url (RFC 4648 §5).
enum Base64URL {
    /// With `=` padding.
    static func encode(_ bytes: [UInt8]) -> String {
        String(Data(bytes).base64EncodedString().map { $0 == "+" ? "-" : $0 == "/" ? "_" : $0 })
    }

    /// Accepts padded and unpadded input; rejects the standard alphabet's `+` and `/`, whitespace and bad padding.
    static func decode(_ text: String) -> [UInt8]? {
        var body = Substring(text)
        while body.hasSuffix("=") { body = body.dropLast() }
        guard text.count - body.count <= 2, body.count % 4 != 1,
            body.utf8.allSatisfy({ byte in
                (0x41...0x5a).contains(byte) || (0x61...0x7a).contains(byte) || (0x30...0x39).contains(byte)
                    || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
            })
        else { return nil }
        // Padding, when present, must be exactly what the length needs.
        let padding = (4 - body.count % 4) % 4
        guard text.count == body.count || text.count == body.count + padding else { return nil }
        let standard = String(body.map { $0 == "-" ? "+" : $0 == "_" ? "/" : $0 })
        guard let data = Data(base64Encoded: standard + String(repeating: "=", count: padding)) else { return nil }
        return Array(data)
    }
}
