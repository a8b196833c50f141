/// A relay created by ``Relays/create(claimType:encryptionKeyPEM:sandbox:)`` (relay-protocol.md §2.1).
///
/// Keep ``relayToken`` and ``relaySecret`` on the server; only ``relaySessionAccessToken`` goes to the end user's
/// widget. The description and mirror show the relay token only.
public struct RelaySession: Sendable, Hashable, CustomStringConvertible, CustomReflectable {
    /// Identifies the relay (`relay-token`).
    public var relayToken: String
    /// Authenticates the server's calls on this relay (`relay-secret`); only ever returned at creation.
    public var relaySecret: String
    /// The short-lived token for the widget or hosted flow (`relay-session-access-token`).
    public var relaySessionAccessToken: String
    /// The response's `Request-Id`.
    public var requestID: String?

    /// A session from its parts.
    public init(relayToken: String, relaySecret: String, relaySessionAccessToken: String, requestID: String? = nil) {
        self.relayToken = relayToken
        self.relaySecret = relaySecret
        self.relaySessionAccessToken = relaySessionAccessToken
        self.requestID = requestID
    }

    /// The relay token and request id; the secret and the access token are redacted.
    public var description: String {
        "RelaySession(relayToken: \(relayToken), relaySecret: <redacted>, relaySessionAccessToken: <redacted>, "
            + "requestID: \(requestID ?? "nil"))"
    }

    /// A mirror without the secret and the access token (for `dump` and debuggers).
    public var customMirror: Mirror {
        Mirror(
            self,
            children: [
                "relayToken": relayToken, "relaySecret": "<redacted>", "relaySessionAccessToken": "<redacted>",
                "requestID": requestID as Any,
            ])
    }
}
