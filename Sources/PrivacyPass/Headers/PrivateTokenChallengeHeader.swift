/// One `PrivateToken` challenge of a `WWW-Authenticate` header (RFC 9577 §2.1.2):
/// `PrivateToken challenge="<base64url TokenChallenge>", token-key="<base64url key>", max-age="<seconds>"`.
///
/// The values are bytes: ``challenge`` is the encoded TokenChallenge (RFC 9577 §2.1.1) and ``tokenKey`` the issuer's
/// public key in the encoding of the token type (for type 0x0002 an RSASSA-PSS SubjectPublicKeyInfo, RFC 9578 §6.5).
/// Neither is decoded here.
///
/// - Seealso: [RFC 9577 §2.1.2: Sending Token Challenges](https://www.rfc-editor.org/rfc/rfc9577.html#section-2.1.2)
public struct PrivateTokenChallengeHeader: Hashable, Sendable {
    /// The TokenChallenge bytes, from the required `challenge` parameter.
    public let challenge: [UInt8]
    /// The issuer public key bytes, from the `token-key` parameter; `nil` when it is absent, which RFC 9577 §2.1.2
    /// allows "in deployments where clients are able to retrieve the issuer key using an out-of-band mechanism".
    public let tokenKey: [UInt8]?
    /// The number of seconds for which the origin accepts the challenge, from the optional `max-age` parameter.
    public let maxAge: Int?

    /// A challenge from its parts.
    ///
    /// - Parameters:
    ///   - challenge: The TokenChallenge bytes.
    ///   - tokenKey: The issuer public key bytes, or `nil` to leave `token-key` out.
    ///   - maxAge: Seconds, or `nil` to leave `max-age` out.
    /// - Throws: ``PrivateTokenHeaderError/Code/invalidMaxAge`` when `maxAge` is negative.
    public init(challenge: [UInt8], tokenKey: [UInt8]?, maxAge: Int? = nil) throws(PrivateTokenHeaderError) {
        if let maxAge, maxAge < 0 {
            throw PrivateTokenHeaderError(.invalidMaxAge, "max-age \(maxAge) is negative")
        }
        self.challenge = challenge
        self.tokenKey = tokenKey
        self.maxAge = maxAge
    }

    /// The `PrivateToken` challenges of a `WWW-Authenticate` field value, in order.
    ///
    /// The value follows RFC 9110 §11: `#challenge`, each `auth-scheme [ 1*SP ( token68 / #auth-param ) ]`. The
    /// scheme and the parameter names are case-insensitive; values are tokens or quoted-strings (backslash escapes
    /// removed), and an unquoted value may end in `=` padding. Whitespace may surround `=` and `,`, and empty list
    /// elements are skipped. Challenges of other schemes (`Basic realm="x"`, `Bearer abc==`) are skipped after
    /// checking their syntax. In a `PrivateToken` challenge, `challenge` is required; `token-key` and `max-age` are
    /// optional; every other parameter (`realm`, unknown ones) is ignored (RFC 9577 §2.1.2); no name may occur twice
    /// (RFC 9110 §11.2). `challenge` and `token-key` are base64url, with or without padding (RFC 4648 §5); `max-age`
    /// is a non-negative decimal integer.
    ///
    /// Any malformed `PrivateToken` challenge makes the whole value fail; the value is not partially accepted.
    ///
    /// - Parameter headerValue: The field value, without the `WWW-Authenticate:` name. Several field lines are
    ///   combined by joining them with `", "` (RFC 9110 §5.3).
    /// - Returns: At least one challenge.
    /// - Throws: ``PrivateTokenHeaderError``: ``PrivateTokenHeaderError/Code/noPrivateToken`` when the value has no
    ///   `PrivateToken` challenge, and the other codes for malformed syntax or parameters.
    /// - Seealso: [RFC 9577 §2.1.2.1: Sending Multiple Token
    ///   Challenges](https://www.rfc-editor.org/rfc/rfc9577.html#section-2.1.2.1),
    ///   [RFC 9110 §11.6.1: WWW-Authenticate](https://www.rfc-editor.org/rfc/rfc9110.html#section-11.6.1)
    public static func parse(_ headerValue: String) throws(PrivateTokenHeaderError) -> [PrivateTokenChallengeHeader] {
        var result: [PrivateTokenChallengeHeader] = []
        for (position, challenge) in try HTTPAuthenticationSyntax.parse(headerValue).enumerated()
        where challenge.scheme == PrivateTokenHeaderScheme.name {
            result.append(try PrivateTokenChallengeHeader(challenge, position: position))
        }
        guard !result.isEmpty else {
            throw PrivateTokenHeaderError(.noPrivateToken, "no PrivateToken challenge (RFC 9577 §2.1.2)")
        }
        return result
    }

    /// The challenge as a `WWW-Authenticate` field value, in the form of RFC 9577 §2.1.2 and Appendix A.2:
    /// `PrivateToken challenge="…", token-key="…", max-age="…"`, every value quoted, base64url with `=` padding
    /// ("the base64url value MUST include padding"); `token-key` and `max-age` only when present.
    public var headerValue: String {
        var value = "PrivateToken challenge=\"\(HeaderBase64URL.encode(challenge))\""
        if let tokenKey {
            value += ", token-key=\"\(HeaderBase64URL.encode(tokenKey))\""
        }
        if let maxAge {
            value += ", max-age=\"\(maxAge)\""
        }
        return value
    }

    /// Several challenges as one `WWW-Authenticate` field value (RFC 9577 §2.1.2.1): each ``headerValue``, in order,
    /// joined by `", "`. The empty list gives the empty string.
    public static func headerValue(_ challenges: [PrivateTokenChallengeHeader]) -> String {
        challenges.map(\.headerValue).joined(separator: ", ")
    }

    /// The `PrivateToken` challenge `syntax`, the `position`-th challenge of its header value.
    private init(_ syntax: HTTPAuthenticationSyntax.Challenge, position: Int) throws(PrivateTokenHeaderError) {
        let parameters = try PrivateTokenHeaderScheme.parameters(of: syntax, role: "challenge \(position)")
        guard let challenge = parameters[PrivateTokenHeaderScheme.challenge] else {
            throw PrivateTokenHeaderError(
                .missingParameter, "challenge \(position): no challenge parameter (RFC 9577 §2.1.2)")
        }
        self.challenge = try PrivateTokenHeaderScheme.base64URL(challenge, "challenge", role: "challenge \(position)")
        if let tokenKey = parameters[PrivateTokenHeaderScheme.tokenKey] {
            self.tokenKey = try PrivateTokenHeaderScheme.base64URL(tokenKey, "token-key", role: "challenge \(position)")
        } else {
            self.tokenKey = nil
        }
        if let maxAge = parameters[PrivateTokenHeaderScheme.maxAge] {
            self.maxAge = try PrivateTokenHeaderScheme.seconds(maxAge, role: "challenge \(position)")
        } else {
            self.maxAge = nil
        }
    }
}

/// The parts shared by the challenge and the credentials of the `PrivateToken` scheme (RFC 9577 §2).
enum PrivateTokenHeaderScheme {
    /// The scheme name, lowercased for the case-insensitive comparison (RFC 9110 §11.1).
    static let name: [UInt8] = Array("privatetoken".utf8)
    /// RFC 9577 §2.1.2 parameter names.
    static let challenge: [UInt8] = Array("challenge".utf8)
    static let tokenKey: [UInt8] = Array("token-key".utf8)
    static let maxAge: [UInt8] = Array("max-age".utf8)
    /// RFC 9577 §2.2.2 parameter name.
    static let token: [UInt8] = Array("token".utf8)

    /// The auth-params of a `PrivateToken` challenge or credentials by lowercased name.
    ///
    /// - Throws: ``PrivateTokenHeaderError/Code/malformedSyntax`` for the token68 form, which the scheme does not
    ///   use, and ``PrivateTokenHeaderError/Code/duplicateParameter`` for a name that occurs twice (RFC 9110 §11.2).
    static func parameters(
        of syntax: HTTPAuthenticationSyntax.Challenge, role: String
    ) throws(PrivateTokenHeaderError) -> [[UInt8]: [UInt8]] {
        if syntax.token68 != nil {
            throw PrivateTokenHeaderError(
                .malformedSyntax, "\(role): PrivateToken takes auth-params, not token68 (RFC 9577 §2.1.2, §2.2.2)")
        }
        var parameters: [[UInt8]: [UInt8]] = [:]
        for parameter in syntax.parameters {
            guard parameters.updateValue(parameter.value, forKey: parameter.name) == nil else {
                throw PrivateTokenHeaderError(
                    .duplicateParameter, "\(role): \(printableName(parameter.name)) occurs twice (RFC 9110 §11.2)")
            }
        }
        return parameters
    }

    /// A base64url parameter value's bytes, the error naming the parameter.
    static func base64URL(
        _ value: [UInt8], _ name: String, role: String
    ) throws(PrivateTokenHeaderError) -> [UInt8] {
        do {
            return try HeaderBase64URL.decode(bytes: value)
        } catch {
            throw PrivateTokenHeaderError(error.code, "\(role), \(name): \(error.reason)")
        }
    }

    /// `max-age`: 1*DIGIT, at most `Int.max`.
    static func seconds(_ value: [UInt8], role: String) throws(PrivateTokenHeaderError) -> Int {
        guard !value.isEmpty else {
            throw PrivateTokenHeaderError(.invalidMaxAge, "\(role): max-age is empty")
        }
        var seconds = 0
        for byte in value {
            guard (0x30...0x39).contains(byte) else {
                throw PrivateTokenHeaderError(.invalidMaxAge, "\(role): max-age is not a non-negative decimal integer")
            }
            let (times10, overflow1) = seconds.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times10.addingReportingOverflow(Int(byte - 0x30))
            guard !overflow1, !overflow2 else {
                throw PrivateTokenHeaderError(.invalidMaxAge, "\(role): max-age does not fit an Int")
            }
            seconds = sum
        }
        return seconds
    }

    /// A parameter name for an error reason: a token is printable ASCII; long names are cut.
    static func printableName(_ name: [UInt8]) -> String {
        let shown = String(decoding: name.prefix(32), as: UTF8.self)
        return name.count > 32 ? shown + "…" : shown
    }
}
