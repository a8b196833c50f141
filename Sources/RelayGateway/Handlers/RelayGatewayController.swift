import AsyncHTTPClient
import HTTPTypes
import Hummingbird
import Logging
import PersonaRelay
import RelayProtocol

/// The gateway's routes (relay-protocol.md §8): the three Relay calls mapped onto ``PersonaRelay/Relays``, the
/// readiness probe and the OpenAPI document.
///
/// Each call builds its own ``PersonaRelay/Persona`` — the API key belongs to the request — over the one
/// `HTTPClient` the application owns.
struct RelayGatewayController: Sendable {
    /// The upstream connection pool shared by every request.
    let httpClient: HTTPClient
    /// The upstream, its timeout and retries, the body limit.
    let configuration: RelayGatewayConfiguration

    /// The API key prefix that selects Persona's sandbox environment (relay-protocol.md §8, §13.1).
    static let sandboxAPIKeyPrefix = "persona_sandbox_"

    /// Adds the routes.
    func addRoutes(to router: Router<RelayGatewayRequestContext>) {
        router.post(RouterPath(GatewayRoutes.createRelay)) { request, context in
            try await createRelay(request, context: context)
        }
        router.post(RouterPath(GatewayRoutes.privacyPasses)) { request, context in
            try await issuePrivacyPass(request, context: context)
        }
        router.post(RouterPath(GatewayRoutes.redeemRoute)) { request, context in
            try await redeem(request, context: context)
        }
        router.get(RouterPath(GatewayRoutes.health)) { _, _ in
            RelayGatewayController.json(["status": .string("ok")], requestID: nil)
        }
        router.get(RouterPath(GatewayRoutes.openAPI)) { _, _ in
            Response(
                status: .ok, headers: [.contentType: "application/yaml"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: RelayGatewayOpenAPI.document)))
        }
    }

    // MARK: - POST /relays (§2.1)

    /// `{claim-type, encryption-key-pem (string or null; absent reads as null), sandbox?}` →
    /// `{relay-token, relay-secret, relay-session-access-token}`.
    func createRelay(_ request: Request, context: RelayGatewayRequestContext) async throws(GatewayError) -> Response {
        let body = try await GatewayRequestBody.read(request, maximumBytes: configuration.maximumBodyBytes)
        let claimType = try body.requiredString("claim-type")
        let encryptionKeyPEM = try body.optionalString("encryption-key-pem")
        let sandbox = try body.optionalBool("sandbox")
        let relays = persona(apiKey: nil, logger: context.logger).relays
        let session = try await upstream { () async throws(PersonaError) in
            try await relays.create(claimType: claimType, encryptionKeyPEM: encryptionKeyPEM, sandbox: sandbox)
        }
        return RelayGatewayController.json(
            [
                "relay-token": .string(session.relayToken), "relay-secret": .string(session.relaySecret),
                "relay-session-access-token": .string(session.relaySessionAccessToken),
            ], requestID: session.requestID)
    }

    // MARK: - POST /relays/privacy-passes (§2.2–§2.4)

    /// `Authorization: Bearer <API key>` and either `{claim-type}` (the challenge flow, with `sandbox: true` for a
    /// `persona_sandbox_` key) or `{relay-token}` with `Persona-Relay-Secret` (the legacy flow) →
    /// `{privacy-pass-token}`.
    func issuePrivacyPass(
        _ request: Request, context: RelayGatewayRequestContext
    ) async throws(GatewayError) -> Response {
        guard let apiKey = RelayGatewayController.bearerToken(in: request.headers[values: .authorization]) else {
            // RFC 9110 §15.5.2: a 401 names the scheme it wants. (Persona's own WWW-Authenticate is never passed
            // through; this one is the gateway's.)
            throw GatewayError(
                status: 401, details: "an Authorization: Bearer <API key> header is required",
                headers: [("WWW-Authenticate", "Bearer")])
        }
        let body = try await GatewayRequestBody.read(request, maximumBytes: configuration.maximumBodyBytes)
        let claimType = try body.optionalString("claim-type")
        let relayToken = try body.optionalString("relay-token")
        let relays = persona(apiKey: apiKey, logger: context.logger).relays
        let issuance: PrivacyPassIssuance
        switch (claimType, relayToken) {
        case (.some, .some):
            throw .badRequest("send either claim-type or relay-token, not both")
        case (nil, nil):
            throw .badRequest("claim-type is required (or relay-token with a Persona-Relay-Secret header)")
        case (.some(let claimType), nil):
            let sandbox: Bool? = apiKey.hasPrefix(RelayGatewayController.sandboxAPIKeyPrefix) ? true : nil
            issuance = try await upstream { () async throws(PersonaError) in
                try await relays.issuePrivacyPass(claimType: claimType, sandbox: sandbox)
            }
        case (nil, .some(let relayToken)):
            guard let relaySecret = RelayGatewayController.header(RelayHeaders.relaySecret, in: request) else {
                throw .badRequest("a Persona-Relay-Secret header is required with relay-token")
            }
            issuance = try await upstream { () async throws(PersonaError) in
                try await relays.issuePrivacyPass(relayToken: relayToken, relaySecret: relaySecret)
            }
        }
        return RelayGatewayController.json(
            ["privacy-pass-token": .string(issuance.privacyPassToken)], requestID: issuance.requestID)
    }

    // MARK: - POST /relays/{relay-token}/redeem (§2.5)

    /// `Persona-Relay-Secret`, optional `Idempotency-Key`, `{privacy-pass-token}` →
    /// `{claim-payload, token-consumed}`, the payload passed through untouched. Without an `Idempotency-Key` the SDK
    /// makes one for the call and keeps it across its retries.
    func redeem(_ request: Request, context: RelayGatewayRequestContext) async throws(GatewayError) -> Response {
        guard let rawToken = context.parameters.get(GatewayRoutes.relayTokenParameter),
            let relayToken = RelayGatewayController.percentDecoded(rawToken), !relayToken.isEmpty
        else {
            throw .badRequest("the relay token in the path is not valid")
        }
        guard let relaySecret = RelayGatewayController.header(RelayHeaders.relaySecret, in: request) else {
            throw .badRequest("a Persona-Relay-Secret header is required")
        }
        let idempotencyKey = RelayGatewayController.header(RelayHeaders.idempotencyKey, in: request)
        let body = try await GatewayRequestBody.read(request, maximumBytes: configuration.maximumBodyBytes)
        let privacyPassToken = try body.requiredString("privacy-pass-token")
        let relays = persona(apiKey: nil, logger: context.logger).relays
        let claim = try await upstream { () async throws(PersonaError) in
            try await relays.generateClaim(
                privacyPassToken: privacyPassToken, relayToken: relayToken, relaySecret: relaySecret,
                idempotencyKey: idempotencyKey)
        }
        return RelayGatewayController.json(
            ["claim-payload": .string(claim.claimPayload), "token-consumed": .bool(claim.tokenConsumed)],
            requestID: claim.requestID)
    }

    // MARK: - Helpers

    /// A client for one request.
    private func persona(apiKey: String?, logger: Logger) -> Persona {
        Persona(
            apiKey: apiKey, baseURL: configuration.upstreamBaseURL, httpClient: httpClient,
            configuration: configuration.personaConfiguration, logger: logger)
    }

    /// Runs an SDK call; its ``PersonaRelay/PersonaError`` becomes the gateway's answer (§13.5).
    private func upstream<Value>(
        _ call: () async throws(PersonaError) -> Value
    ) async throws(GatewayError) -> Value {
        do {
            return try await call()
        } catch {
            throw GatewayError(error)
        }
    }

    /// A 200 JSON response (compact, kebab-case keys) with the upstream's `Request-Id` when there is one.
    static func json(_ members: [String: JSONValue], requestID: String?) -> Response {
        var headers: HTTPFields = [.contentType: "application/json"]
        if let requestID, let name = HTTPField.Name(RelayHeaders.requestID) { headers[name] = requestID }
        return Response(
            status: .ok, headers: headers,
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: JSONValue.object(members).serialized())))
    }

    /// The first value of the header `name`, when it is present and not empty.
    static func header(_ name: String, in request: Request) -> String? {
        guard let fieldName = HTTPField.Name(name), let value = request.headers[fieldName], !value.isEmpty else {
            return nil
        }
        return value
    }

    /// The credential of `Authorization: Bearer <credential>` (scheme case-insensitive, RFC 6750 §2.1), or `nil`
    /// when there is no such header or the credential is empty.
    static func bearerToken(in values: [String]) -> String? {
        guard let value = values.first else { return nil }
        let parts = value.split(separator: " ", omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        let credential = String(parts[1])
        guard !credential.contains("\t") else { return nil }
        return credential
    }

    /// `segment` with its `%XX` escapes resolved, or `nil` when an escape is malformed or the result is not UTF-8.
    static func percentDecoded(_ segment: String) -> String? {
        var bytes: [UInt8] = []
        var iterator = Array(segment.utf8).makeIterator()
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "%") else {
                bytes.append(byte)
                continue
            }
            guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else {
                return nil
            }
            bytes.append(high << 4 | low)
        }
        return String(validating: bytes, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
