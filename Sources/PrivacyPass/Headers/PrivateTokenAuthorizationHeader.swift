/// The `PrivateToken` credentials of an `Authorization` header (RFC 9577 §2.2.2):
/// `PrivateToken token="<base64url Token>"`.
///
/// ``token`` is the encoded Token structure (RFC 9577 §2.2.1); it is not decoded here.
///
/// - Seealso: [RFC 9577 §2.2.2: Sending Tokens](https://www.rfc-editor.org/rfc/rfc9577.html#section-2.2.2)
public struct PrivateTokenAuthorizationHeader: Hashable, Sendable {
    /// The Token bytes, from the required `token` parameter.
    public let token: [UInt8]

    /// Credentials carrying `token`.
    ///
    /// - Parameter token: The Token bytes.
    public init(token: [UInt8]) {
        self.token = token
    }

    /// The `PrivateToken` credentials of an `Authorization` field value.
    ///
    /// The value is one `credentials` of RFC 9110 §11.4, `auth-scheme [ 1*SP ( token68 / #auth-param ) ]`, with the
    /// same syntax rules as ``PrivateTokenChallengeHeader/parse(_:)``: case-insensitive scheme and names, token or
    /// quoted-string values, whitespace around `=` and `,`. `token` is required and base64url, with or without
    /// padding (RFC 4648 §5); other parameters are ignored ("All unknown or unsupported parameters to
    /// 'PrivateToken' authentication credentials MUST be ignored", RFC 9577 §2.2.2); no name may occur twice.
    ///
    /// - Parameter headerValue: The field value, without the `Authorization:` name.
    /// - Throws: ``PrivateTokenHeaderError``: ``PrivateTokenHeaderError/Code/noPrivateToken`` when the credentials
    ///   are of another scheme (or the value is empty), ``PrivateTokenHeaderError/Code/malformedSyntax`` when the
    ///   value holds more than one credentials, and the other codes for malformed syntax or parameters.
    /// - Seealso: [RFC 9110 §11.6.2: Authorization](https://www.rfc-editor.org/rfc/rfc9110.html#section-11.6.2)
    public static func parse(_ headerValue: String) throws(PrivateTokenHeaderError) -> PrivateTokenAuthorizationHeader {
        let credentials = try HTTPAuthenticationSyntax.parse(headerValue)
        guard let first = credentials.first else {
            throw PrivateTokenHeaderError(.noPrivateToken, "no credentials (RFC 9110 §11.6.2)")
        }
        guard first.scheme == PrivateTokenHeaderScheme.name else {
            throw PrivateTokenHeaderError(.noPrivateToken, "the credentials are not of the PrivateToken scheme")
        }
        guard credentials.count == 1 else {
            throw PrivateTokenHeaderError(
                .malformedSyntax, "\(credentials.count) credentials; Authorization holds one (RFC 9110 §11.6.2)")
        }
        let parameters = try PrivateTokenHeaderScheme.parameters(of: first, role: "credentials")
        guard let token = parameters[PrivateTokenHeaderScheme.token] else {
            throw PrivateTokenHeaderError(.missingParameter, "credentials: no token parameter (RFC 9577 §2.2.2)")
        }
        return PrivateTokenAuthorizationHeader(
            token: try PrivateTokenHeaderScheme.base64URL(token, "token", role: "credentials"))
    }

    /// The credentials as an `Authorization` field value, in the form of RFC 9577 §2.2.2:
    /// `PrivateToken token="…"`, the value quoted, base64url with `=` padding.
    public var headerValue: String {
        "PrivateToken token=\"\(HeaderBase64URL.encode(token))\""
    }
}
