/// An issued Privacy Pass (relay-protocol.md §2.4, §4.6): the token to present at generate-claim.
///
/// The token is a bearer credential (whoever holds it can spend it once); the description and mirror redact it.
public struct PrivacyPassIssuance: Sendable, Hashable, CustomStringConvertible, CustomReflectable {
    /// The encoded token (§4.6): unpadded base64url of its JSON object.
    public var privacyPassToken: String
    /// The `Request-Id` of the issuance response.
    public var requestID: String?

    /// An issuance from its parts.
    public init(privacyPassToken: String, requestID: String? = nil) {
        self.privacyPassToken = privacyPassToken
        self.requestID = requestID
    }

    /// The request id; the token is redacted.
    public var description: String {
        "PrivacyPassIssuance(privacyPassToken: <redacted>, requestID: \(requestID ?? "nil"))"
    }

    /// A mirror without the token.
    public var customMirror: Mirror {
        Mirror(self, children: ["privacyPassToken": "<redacted>", "requestID": requestID as Any])
    }
}
