import RelayProtocol

/// One of the four calls of relay-protocol.md §2, as the transport needs it: the request path, the path as logged
/// (without the relay token), and whether a 403 is retried.
struct PersonaEndpoint: Sendable {
    /// The path appended to the base URL.
    let path: String
    /// The path template for logs: generate-claim's relay token is replaced by `{relay-token}`.
    let logPath: String
    /// Whether a 403 is transient here (§7: generate-claim only, "relay not completed").
    let retriesForbidden: Bool

    /// §2.1 `POST /api/privacy/v1/relays`.
    static let createRelay = PersonaEndpoint(
        path: RelayPaths.createRelay, logPath: RelayPaths.createRelay, retriesForbidden: false)
    /// §2.2 `POST /api/privacy/v1/relays/challenge`.
    static let challenge = PersonaEndpoint(
        path: RelayPaths.challenge, logPath: RelayPaths.challenge, retriesForbidden: false)
    /// §2.4 `POST /api/v1/privacy-passes`.
    static let privacyPasses = PersonaEndpoint(
        path: RelayPaths.privacyPasses, logPath: RelayPaths.privacyPasses, retriesForbidden: false)

    /// §2.5 `POST /api/privacy/v1/relays/{relay-token}/generate-claim`, the token percent-encoded as one path
    /// segment (``RelayPaths/generateClaim(relayToken:)``).
    static func generateClaim(relayToken: String) -> PersonaEndpoint {
        PersonaEndpoint(
            path: RelayPaths.generateClaim(relayToken: relayToken),
            logPath: RelayPaths.createRelay + "/{relay-token}/generate-claim",
            retriesForbidden: true)
    }

    /// §2.3 the legacy challenge: generate-claim without a token. A 403 here is not the redemption's "relay not
    /// completed" (the token check comes first, §5.2), so it is not retried.
    static func legacyChallenge(relayToken: String) -> PersonaEndpoint {
        let redemption = generateClaim(relayToken: relayToken)
        return PersonaEndpoint(path: redemption.path, logPath: redemption.logPath, retriesForbidden: false)
    }
}
