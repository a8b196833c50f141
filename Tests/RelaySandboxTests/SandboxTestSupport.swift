import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import RSA
import RelayProtocol
import RelaySandbox

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The seed every test sandbox derives its keys from (keys are cached per process, so set-up stays fast).
let testSeed = Array("relay-sandbox-tests/deterministic-seed/v1".utf8)
/// An API key of the sandbox environment with `privacy_pass.write`.
let sandboxAPIKey = "persona_sandbox_test_key"
/// An API key of the production environment with `privacy_pass.write`.
let productionAPIKey = "persona_production_test_key"
/// An API key without permissions.
let unprivilegedAPIKey = "persona_sandbox_no_permission"
/// The claim type most tests use.
let ageClaim = "age_18_plus_verified"

/// A configuration for tests: in memory, seeded, the three API keys.
func testConfiguration(
    storage: RelaySandboxConfiguration.Storage = .inMemory, rateLimit: Int = 10_000
) -> RelaySandboxConfiguration {
    var configuration = RelaySandboxConfiguration(
        storage: storage,
        apiKeys: [
            RelaySandboxAPIKey(key: sandboxAPIKey), RelaySandboxAPIKey(key: productionAPIKey),
            RelaySandboxAPIKey(key: unprivilegedAPIKey, permissions: []),
        ],
        rateLimit: rateLimit, deterministicSeed: testSeed)
    configuration.organizationID = "org_test"
    return configuration
}

/// A response as the tests read it.
struct Reply: Sendable {
    let status: Int
    let headers: HTTPFields
    let body: [UInt8]

    /// The body as a JSON object, when it is one.
    var json: [String: JSONValue]? { (try? JSONValue.parse(body))?.objectValue }
    /// The string member `key` of the body.
    func string(_ key: String) -> String? { json?[key]?.stringValue }
    /// The first value of header `name`.
    func header(_ name: String) -> String? { HTTPField.Name(name).flatMap { headers[$0] } }
    /// The first error's entry, when the body has the §7 shape.
    var error: [String: JSONValue]? {
        guard case .array(let entries)? = json?["errors"], let first = entries.first?.objectValue else { return nil }
        return first
    }
    /// The first error's code.
    var errorCode: String? { error?["code"]?.stringValue }
    /// The body as text (for failure messages).
    var text: String { String(decoding: body, as: UTF8.self) }
}

/// A pass ready to redeem, with what went into it.
struct IssuedPass: Sendable {
    let encoded: String
    let token: RelayPrivacyPassToken
}

/// An independent client of the protocol, over HummingbirdTesting.
struct SandboxClient: Sendable {
    let client: any TestClientProtocol

    /// POSTs (or `method`s) `body` to `path` with `headers`.
    func send(
        _ path: String, body: String = "{}", headers: [String: String] = [:], method: HTTPRequest.Method = .post
    ) async throws -> Reply {
        var fields = HTTPFields()
        fields[.contentType] = "application/json"
        for (name, value) in headers {
            if let fieldName = HTTPField.Name(name) { fields.append(HTTPField(name: fieldName, value: value)) }
        }
        let response = try await client.executeRequest(
            uri: path, method: method, headers: fields, body: ByteBuffer(string: body))
        return Reply(
            status: Int(response.status.code), headers: response.headers,
            body: response.body.getBytes(at: response.body.readerIndex, length: response.body.readableBytes) ?? [])
    }

    /// POSTs raw `bytes` to `path`.
    func send(_ path: String, bytes: [UInt8], headers: [String: String] = [:]) async throws -> Reply {
        var fields = HTTPFields()
        for (name, value) in headers {
            if let fieldName = HTTPField.Name(name) { fields.append(HTTPField(name: fieldName, value: value)) }
        }
        let response = try await client.executeRequest(
            uri: path, method: .post, headers: fields, body: ByteBuffer(bytes: bytes))
        return Reply(
            status: Int(response.status.code), headers: response.headers,
            body: response.body.getBytes(at: response.body.readerIndex, length: response.body.readableBytes) ?? [])
    }

    /// Creates a relay; returns (relay token, relay secret).
    func createRelay(
        claimType: String = ageClaim, pem: String? = nil, sandbox: Bool? = nil, apiKey: String? = nil
    ) async throws -> (token: String, secret: String) {
        var members: [String: JSONValue] = ["claim-type": .string(claimType)]
        members["encryption-key-pem"] = pem.map(JSONValue.string) ?? .null
        if let sandbox { members["sandbox"] = .bool(sandbox) }
        let reply = try await send(
            "/api/privacy/v1/relays", body: json(members),
            headers: apiKey.map { ["Authorization": "Bearer \($0)"] } ?? [:])
        guard reply.status == 200, let token = reply.string("relay-token"), let secret = reply.string("relay-secret")
        else { throw TestFailure("create relay: \(reply.status) \(reply.text)") }
        return (token, secret)
    }

    /// Requests a challenge and the current key.
    func challenge(claimType: String = ageClaim, sandbox: Bool? = nil, apiKey: String? = nil) async throws -> (
        challenge: RelayChallenge, key: BlindSigning.PublicKey, keyID: String
    ) {
        var members: [String: JSONValue] = ["claim-type": .string(claimType)]
        if let sandbox { members["sandbox"] = .bool(sandbox) }
        let reply = try await send(
            "/api/privacy/v1/relays/challenge", body: json(members),
            headers: apiKey.map { ["Authorization": "Bearer \($0)"] } ?? [:])
        guard reply.status == 200, let challengeText = reply.string("challenge"),
            let keyText = reply.string("token-key"), let keyID = reply.string("token-key-id")
        else { throw TestFailure("challenge: \(reply.status) \(reply.text)") }
        let key = try BlindSigning.PublicKey(
            derRepresentation: RelayBase64URL.decode(keyText), variant: .RSABSSA_SHA384_PSS_Deterministic)
        return (try RelayChallenge(base64URL: challengeText), key, keyID)
    }

    /// Blinds a fresh token input, asks for a blind signature and finalizes it (§4).
    func issuePass(claimType: String = ageClaim, sandbox: Bool? = nil, apiKey: String = sandboxAPIKey)
        async throws -> IssuedPass
    {
        // The API key on the challenge sets the key's environment (§13.1), as the gateway's flow does.
        let (challenge, key, keyID) = try await challenge(claimType: claimType, sandbox: sandbox, apiKey: apiKey)
        let nonce = RelayPrivacyPassToken.randomNonceHex()
        let prepared = key.prepare(RelayTokenInput.make(nonceHex: nonce, mac: challenge.mac, keyID: keyID))
        let blinded = try key.blind(prepared)
        let reply = try await send(
            "/api/v1/privacy-passes",
            body: json([
                "blinded-token": .string(RelayBase64URL.encode(blinded.blindedMessage.rawRepresentation)),
                "key-id": .string(keyID),
            ]),
            headers: ["Authorization": "Bearer \(apiKey)"])
        guard reply.status == 200, let blindSignature = reply.string("blind-sig") else {
            throw TestFailure("issue: \(reply.status) \(reply.text)")
        }
        let signature = try key.finalize(
            BlindSigning.BlindSignature(rawRepresentation: RelayBase64URL.decode(blindSignature)), for: prepared,
            blindingInverse: blinded.inverse)
        let token = RelayPrivacyPassToken(nonceHex: nonce, signature: signature, keyID: keyID, challenge: challenge)
        return IssuedPass(encoded: token.encoded, token: token)
    }

    /// Redeems `pass` on a relay.
    func redeem(
        relay: (token: String, secret: String), pass: String?, idempotencyKey: String? = nil,
        extraHeaders: [String: String] = [:]
    ) async throws -> Reply {
        var headers = extraHeaders
        headers["Persona-Relay-Secret"] = relay.secret
        if let pass { headers["Authorization"] = "PrivateToken token=\(pass)" }
        if let idempotencyKey { headers["Idempotency-Key"] = idempotencyKey }
        return try await send("/api/privacy/v1/relays/\(relay.token)/generate-claim", headers: headers)
    }

    /// Sets a relay's state through the control endpoint.
    func setState(_ relayToken: String, _ status: String) async throws -> Reply {
        try await send("/_sandbox/relays/\(relayToken)/state", body: "{\"status\":\"\(status)\"}")
    }

    /// Advances the simulated clock.
    func advanceClock(seconds: Double) async throws -> Reply {
        try await send("/_sandbox/clock", body: "{\"advance-seconds\":\(seconds)}")
    }
}

/// Compact JSON of an object.
func json(_ members: [String: JSONValue]) -> String {
    String(decoding: JSONValue.object(members).serialized(), as: UTF8.self)
}

/// A failed expectation inside a helper.
struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Runs `body` against a fresh sandbox router.
func withSandbox(
    _ configuration: RelaySandboxConfiguration = testConfiguration(),
    _ body: @escaping @Sendable (SandboxClient) async throws -> Void
) async throws {
    let router = try await buildRelaySandboxRouter(configuration: configuration, logger: Logger(label: "test"))
    let application = Application(router: router)
    try await application.test(.router) { client in try await body(SandboxClient(client: client)) }
}

/// An RSA key pair for encrypted claim payloads, generated once.
enum RelayEncryptionKeys {
    static let pair: RSAPrivateKey? = try? RSAPrivateKey.generate(bits: 2048)
}
