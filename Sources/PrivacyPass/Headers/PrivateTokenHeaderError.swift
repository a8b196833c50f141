/// An error from parsing a `PrivateToken` HTTP authentication header (RFC 9577 §2.1.2, §2.2.2; RFC 9110 §11).
///
/// The parsers never trap on input: every malformed header value ends in one of these. Equality compares only the
/// ``code``; the ``reason`` says where and why, and never repeats more than a short parameter name from the input.
public struct PrivateTokenHeaderError: Error, Hashable, CustomStringConvertible, Sendable {
    /// What went wrong, as a closed set of cases.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        fileprivate enum Backing: String, Hashable, Sendable {
            case malformedSyntax = "malformed syntax"
            case unterminatedQuotedString = "unterminated quoted-string"
            case missingParameter = "missing parameter"
            case duplicateParameter = "duplicate parameter"
            case invalidBase64URL = "invalid base64url"
            case invalidMaxAge = "invalid max-age"
            case noPrivateToken = "no PrivateToken challenge or credentials"
        }

        fileprivate let backing: Backing

        /// The value does not follow the RFC 9110 §11 challenge / credentials grammar (a missing `=` or `,`, a
        /// character outside `token` or `qdtext`, token68 where `PrivateToken` needs auth-params, more than one
        /// credentials in an `Authorization` value, …).
        public static let malformedSyntax = Code(backing: .malformedSyntax)
        /// A quoted-string (RFC 9110 §5.6.4) that reaches the end of the value without its closing `"`.
        public static let unterminatedQuotedString = Code(backing: .unterminatedQuotedString)
        /// A `PrivateToken` challenge without `challenge`, or credentials without `token` (RFC 9577 §2.1.2, §2.2.2).
        public static let missingParameter = Code(backing: .missingParameter)
        /// A parameter name that occurs twice in one `PrivateToken` challenge or credentials, compared
        /// case-insensitively (RFC 9110 §11.2: "each parameter name MUST only occur once per challenge").
        public static let duplicateParameter = Code(backing: .duplicateParameter)
        /// A `challenge`, `token-key` or `token` value that is not base64url (RFC 4648 §5): a character outside
        /// `A–Z a–z 0–9 - _` (the standard alphabet's `+` and `/` included), wrong padding, a length no encoding
        /// has, or non-zero pad bits.
        public static let invalidBase64URL = Code(backing: .invalidBase64URL)
        /// A `max-age` that is not a non-negative decimal integer that fits an `Int` (RFC 9577 §2.1.2).
        public static let invalidMaxAge = Code(backing: .invalidMaxAge)
        /// A `WWW-Authenticate` value with no challenge of the `PrivateToken` scheme, or an `Authorization` value
        /// whose credentials are of another scheme.
        public static let noPrivateToken = Code(backing: .noPrivateToken)

        /// The code's name, for example `"duplicate parameter"`.
        public var description: String { backing.rawValue }
    }

    /// The kind of error.
    public let code: Code
    /// A one-line human-readable explanation (the UTF-8 offset or the parameter concerned).
    public let reason: String

    init(_ code: Code, _ reason: String) {
        self.code = code
        self.reason = reason
    }

    /// `"<code>: <reason>"`.
    public var description: String {
        reason.isEmpty ? code.description : "\(code): \(reason)"
    }

    /// Equal when the codes are equal; the reasons are not compared.
    public static func == (lhs: PrivateTokenHeaderError, rhs: PrivateTokenHeaderError) -> Bool {
        lhs.code == rhs.code
    }

    /// Hashes the code only, consistent with `==`.
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }
}
