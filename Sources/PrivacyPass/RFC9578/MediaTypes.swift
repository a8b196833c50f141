/// The media types of the RFC 9578 issuance protocol (RFC 9578 §8.2, IANA "Media Types").
public enum PrivacyPassMediaType {
    /// The body of a token request: `application/private-token-request` (RFC 9578 §5.1, §6.1).
    public static let tokenRequest = "application/private-token-request"
    /// The body of a token response: `application/private-token-response` (RFC 9578 §5.2, §6.2).
    public static let tokenResponse = "application/private-token-response"
    /// The issuer directory: `application/private-token-issuer-directory` (RFC 9578 §4).
    public static let issuerDirectory = "application/private-token-issuer-directory"
}
