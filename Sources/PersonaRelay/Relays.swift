import RelayProtocol

/// The relay calls of the Server SDK (seed 000, relay-protocol.md §2), reached through ``Persona/relays``.
public struct Relays: Sendable {
    let persona: Persona

    // MARK: - Create (§2.1)

    /// Creates a relay session (`POST /api/privacy/v1/relays`, no API key).
    ///
    /// - Parameters:
    ///   - claimType: the claim to evaluate (`age_over18_germany`, …).
    ///   - encryptionKeyPEM: an RSA public key PEM (2048–4096 bits) to encrypt the claim payload with, or `nil` for a
    ///     plaintext payload; sent as `encryption-key-pem` either way (explicitly `null`).
    ///   - sandbox: `sandbox` in the body when not `nil`; `nil` sends `true` when the API key is a sandbox key
    ///     (`persona_sandbox_…`, as the Go SDK does) so that the relay's environment matches the key's (§13.1).
    /// - Returns: the relay token, secret and session access token.
    /// - Throws: ``PersonaError`` (400/422 for bad input, 429, 5xx, transport, or an undecodable response).
    public func create(
        claimType: String, encryptionKeyPEM: String?, sandbox: Bool? = nil
    ) async throws(PersonaError) -> RelaySession {
        var body: [String: JSONValue] = [
            "claim-type": .string(claimType),
            "encryption-key-pem": encryptionKeyPEM.map(JSONValue.string) ?? .null,
        ]
        if let sandbox = sandbox ?? persona.impliedSandboxFlag { body["sandbox"] = .bool(sandbox) }
        let response = try await persona.transport.post(
            .createRelay, body: JSONValue.object(body).serialized(), headers: [])
        let object = try ResponseObject(response)
        return RelaySession(
            relayToken: try object.string("relay-token"), relaySecret: try object.string("relay-secret"),
            relaySessionAccessToken: try object.string("relay-session-access-token"),
            requestID: response.requestID)
    }

    // MARK: - Issue a Privacy Pass (§2.2 / §2.3, then §2.4 and §4)

    /// Issues a Privacy Pass for `claimType`: requests a challenge (`POST /api/privacy/v1/relays/challenge`, no API
    /// key), builds and blinds the token input, has it signed (`POST /api/v1/privacy-passes` with the API key) and
    /// finalizes — the unblinded signature is verified before the token is returned.
    ///
    /// - Parameters:
    ///   - claimType: the claim type of the relays the pass will redeem.
    ///   - sandbox: `sandbox` in the challenge request when not `nil` (§2.2); `nil` sends `true` when the API key is
    ///     a sandbox key (`persona_sandbox_…`), so that the token key's environment matches the key's (§13.1).
    /// - Throws: ``PersonaError``: unauthorized (401, without contacting Persona) when the client has no API key;
    ///   the HTTP errors of either call; ``PersonaError/Kind/protocol`` for a malformed challenge, key or blind
    ///   signature, or one that does not verify.
    public func issuePrivacyPass(claimType: String, sandbox: Bool? = nil) async throws(PersonaError) -> PrivacyPassIssuance {
        let apiKey = try requireAPIKey()
        var body: [String: JSONValue] = ["claim-type": .string(claimType)]
        if let sandbox = sandbox ?? persona.impliedSandboxFlag { body["sandbox"] = .bool(sandbox) }
        let response = try await persona.transport.post(
            .challenge, body: JSONValue.object(body).serialized(), headers: [])
        let object = try ResponseObject(response)
        let offer = ChallengeOffer(
            challenge: try object.string("challenge"), tokenKey: try object.string("token-key"),
            tokenKeyID: try object.string("token-key-id"))
        return try await BlindIssuance(transport: persona.transport, apiKey: apiKey).issue(offer)
    }

    /// Issues a Privacy Pass through the legacy challenge of seed 000 (§2.3): a `POST` to the relay's generate-claim
    /// with its secret and no token is answered 401 with `WWW-Authenticate: PrivateToken challenge=…,
    /// token-key=…, token-key-id=…`; the first `PrivateToken` challenge whose decoded `token_type` is 2 is used for
    /// the same issuance as ``issuePrivacyPass(claimType:sandbox:)``.
    ///
    /// - Throws: ``PersonaError``: unauthorized when the client has no API key or the 401 carries no usable
    ///   challenge; the HTTP error of the relay (404 for an unknown relay or a wrong secret, …); a protocol error
    ///   when the relay answers 2xx instead of a challenge; everything ``issuePrivacyPass(claimType:sandbox:)``
    ///   throws.
    public func issuePrivacyPass(relayToken: String, relaySecret: String) async throws(PersonaError) -> PrivacyPassIssuance {
        let apiKey = try requireAPIKey()
        try Relays.checkHeaderValue(relaySecret, name: "relay secret")
        let response = try await persona.transport.post(
            .legacyChallenge(relayToken: relayToken), body: Array("{}".utf8),
            headers: [(name: RelayHeaders.relaySecret, value: relaySecret)], acceptedStatuses: [401])
        guard response.status == 401 else {
            throw PersonaError(
                kind: .protocol, statusCode: 502, title: "Failed to obtain challenge",
                details: "generate-claim without a token answered \(response.status) instead of 401",
                requestID: response.requestID)
        }
        let challengeLines = response.headerValues("WWW-Authenticate")
        guard let offer = ChallengeOffer.firstPrivateToken(inWWWAuthenticate: challengeLines) else {
            throw PersonaError(response: response)
        }
        return try await BlindIssuance(transport: persona.transport, apiKey: apiKey).issue(offer)
    }

    // MARK: - Generate claim (§2.5)

    /// Redeems a Privacy Pass on a relay (`POST /api/privacy/v1/relays/{relay-token}/generate-claim`).
    ///
    /// Sends `Authorization: PrivateToken token=<token>` (unquoted), `Persona-Relay-Secret` and `Idempotency-Key`:
    /// `idempotencyKey`, or a lowercase UUIDv4 made once for this call; the same key goes with every retry, so a
    /// retried redemption replays the original result. A 403 ("relay not completed") is retried too (§7).
    ///
    /// - Returns: the claim payload (see ``Persona/decryptClaimPayload(_:privateKey:hash:)``) and whether the pass was
    ///   consumed.
    /// - Throws: ``PersonaError``: 404 unknown relay or wrong secret, 401 rejected token, 409 pass spent on another
    ///   relay, 403 relay still pending after the retries, 422, 429, 5xx, transport, or an undecodable response;
    ///   bad request (400, without contacting Persona) for an `idempotencyKey` that is not 1–255 visible ASCII
    ///   characters or a header value with CR, LF or NUL.
    public func generateClaim(
        privacyPassToken: String, relayToken: String, relaySecret: String, idempotencyKey: String? = nil
    ) async throws(PersonaError) -> RelayClaim {
        let key = idempotencyKey ?? IdempotencyKey.generate()
        guard IdempotencyKey.isValid(key) else {
            throw PersonaError(
                kind: .badRequest, statusCode: 400, title: "Bad request",
                details: "Idempotency-Key must be 1 to 255 visible ASCII characters", code: "invalid_idempotency_key")
        }
        try Relays.checkHeaderValue(privacyPassToken, name: "Privacy Pass token")
        try Relays.checkHeaderValue(relaySecret, name: "relay secret")
        let response = try await persona.transport.post(
            .generateClaim(relayToken: relayToken), body: Array("{}".utf8),
            headers: [
                (name: "Authorization", value: "PrivateToken token=" + privacyPassToken),
                (name: RelayHeaders.relaySecret, value: relaySecret),
                (name: RelayHeaders.idempotencyKey, value: key),
            ])
        let object = try ResponseObject(response)
        return RelayClaim(
            claimPayload: try object.string("claim-payload"), tokenConsumed: try object.bool("token-consumed"),
            requestID: response.requestID)
    }

    // MARK: - Local checks

    private func requireAPIKey() throws(PersonaError) -> String {
        guard let apiKey = persona.apiKey, !apiKey.isEmpty else {
            throw PersonaError(
                kind: .unauthorized, statusCode: 401, title: "Unauthorized",
                details: "an API key is required to issue a Privacy Pass")
        }
        try Relays.checkHeaderValue(apiKey, name: "API key")
        return apiKey
    }

    private static func checkHeaderValue(_ value: String, name: String) throws(PersonaError) {
        guard HeaderValue.isSafe(value) else {
            throw PersonaError(
                kind: .badRequest, statusCode: 400, title: "Bad request",
                details: "the \(name) contains a character not allowed in a header value")
        }
    }
}
