import Foundation
import PersonaRelay
import RelayProtocol
import Testing

/// relay-protocol.md §1, §2: paths, methods, headers and kebab-case bodies as the client sends them.
@Suite("Request shapes")
struct RequestShapeTests {
    static let session: Reply = .json([
        "relay-token": "relay_abc", "relay-secret": "7a1c-secret", "relay-session-access-token": "jwt.token.here",
    ])

    @Test("create: POST, JSON content type, kebab keys, explicit null key, no sandbox, no Authorization")
    func createWithoutKey() async throws {
        try await withScriptedServer([{ _ in Self.session }]) { baseURL, script in
            try await withPersona(baseURL + "/", apiKey: "persona_production_key") { persona in
                let session = try await persona.relays.create(claimType: "age_over18_germany", encryptionKeyPEM: nil)
                #expect(session.relayToken == "relay_abc")
                #expect(session.relaySecret == "7a1c-secret")
                #expect(session.relaySessionAccessToken == "jwt.token.here")
                #expect(session.requestID == "req_test")
            }
            let request = try #require(script.requests.first)
            #expect(request.method == "POST")
            #expect(request.path == "/api/privacy/v1/relays")
            #expect(request.header("Content-Type") == "application/json")
            #expect(request.header("Authorization") == nil)
            #expect(request.header("Idempotency-Key") == nil)
            #expect(request.json == ["claim-type": "age_over18_germany", "encryption-key-pem": .null])
            #expect(String(decoding: request.body, as: UTF8.self).contains("\"encryption-key-pem\":null"))
        }
    }

    @Test("create: the key and sandbox flag when given")
    func createWithKeyAndSandbox() async throws {
        try await withScriptedServer([{ _ in Self.session }]) { baseURL, script in
            try await withPersona(baseURL) { persona in
                _ = try await persona.relays.create(claimType: "live_human_presence", encryptionKeyPEM: "PEM", sandbox: false)
            }
            #expect(script.requests.first?.json == [
                "claim-type": "live_human_presence", "encryption-key-pem": "PEM", "sandbox": false,
            ])
        }
    }

    @Test("a sandbox API key implies sandbox: true on create and on the challenge (Go b52d69bd, §13.1); explicit wins")
    func impliedSandboxFlag() async throws {
        try await withScriptedServer([{ _ in Self.session }, { _ in Self.session }]) { baseURL, script in
            try await withPersona(baseURL, apiKey: "persona_sandbox_abc") { persona in
                _ = try await persona.relays.create(claimType: "c", encryptionKeyPEM: nil)
                _ = try await persona.relays.create(claimType: "c", encryptionKeyPEM: nil, sandbox: false)
                #expect(!persona.description.contains("persona_sandbox_abc"))
                #expect(!String(reflecting: persona.relays).contains("persona_sandbox_abc"))
                var dumped = ""
                dump(persona, to: &dumped)
                #expect(!dumped.contains("persona_sandbox_abc"))
            }
            #expect(script.requests.count == 2)
            #expect(script.requests.first?.json?["sandbox"] == .bool(true))
            #expect(script.requests.last?.json?["sandbox"] == .bool(false))
            // The API key is still never sent on create.
            #expect(script.requests.allSatisfy { $0.header("Authorization") == nil })
        }
    }

    @Test("responses in camelCase and snake_case decode too", arguments: [KeyInflection.camel, .snake])
    func inflectedResponses(inflection: KeyInflection) async throws {
        let reply = Reply.json([
            inflection.spell("relay-token"): "relay_x", inflection.spell("relay-secret"): "s",
            inflection.spell("relay-session-access-token"): "t",
        ])
        try await withScriptedServer([{ _ in reply }]) { baseURL, _ in
            try await withPersona(baseURL) { persona in
                let session = try await persona.relays.create(claimType: "c", encryptionKeyPEM: nil)
                #expect(session.relayToken == "relay_x")
            }
        }
    }

    @Test("any 2xx is a success")
    func any2xx() async throws {
        var created = Self.session
        created.status = 201
        let reply = created
        try await withScriptedServer([{ _ in reply }]) { baseURL, _ in
            try await withPersona(baseURL) { persona in
                _ = try await persona.relays.create(claimType: "c", encryptionKeyPEM: nil)
            }
        }
    }

    @Test("generate-claim: path, unquoted PrivateToken, secret, lowercase UUIDv4 Idempotency-Key, body {}")
    func generateClaimShape() async throws {
        let reply = Reply.json(["claim-payload": "{\"claim_type\":\"c\"}", "token-consumed": true])
        try await withScriptedServer([{ _ in reply }]) { baseURL, script in
            try await withPersona(baseURL) { persona in
                let claim = try await persona.relays.generateClaim(
                    privacyPassToken: "eyJ0b2tlbiI6MX0", relayToken: "relay_abc", relaySecret: "the-secret")
                #expect(claim.claimPayload == "{\"claim_type\":\"c\"}")
                #expect(claim.tokenConsumed)
                #expect(claim.requestID == "req_test")
            }
            let request = try #require(script.requests.first)
            #expect(request.path == "/api/privacy/v1/relays/relay_abc/generate-claim")
            #expect(request.header("Authorization") == "PrivateToken token=eyJ0b2tlbiI6MX0")
            #expect(request.header("Persona-Relay-Secret") == "the-secret")
            #expect(request.body == Array("{}".utf8))
            let key = try #require(request.header("Idempotency-Key"))
            #expect(key.wholeMatch(of: /[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}/) != nil)
        }
    }

    @Test("generate-claim: a caller's Idempotency-Key is sent as given; the relay token is percent-encoded")
    func callerIdempotencyKey() async throws {
        let reply = Reply.json(["claim-payload": "x", "token-consumed": false])
        try await withScriptedServer([{ _ in reply }]) { baseURL, script in
            try await withPersona(baseURL) { persona in
                let claim = try await persona.relays.generateClaim(
                    privacyPassToken: "t", relayToken: "relay/../x", relaySecret: "s", idempotencyKey: "my-key-1")
                #expect(!claim.tokenConsumed)
            }
            #expect(script.requests.first?.header("Idempotency-Key") == "my-key-1")
            #expect(script.requests.first?.path == "/api/privacy/v1/relays/relay%2F..%2Fx/generate-claim")
        }
    }

    @Test("generate-claim: an invalid Idempotency-Key or a header value with CR/LF fails locally with 400")
    func localValidation() async throws {
        try await withScriptedServer([{ _ in .error(500, title: "unexpected") }]) { baseURL, script in
            try await withPersona(baseURL) { persona in
                for key in ["", "with space", String(repeating: "a", count: 256)] {
                    let error = try await expectPersonaError {
                        _ = try await persona.relays.generateClaim(
                            privacyPassToken: "t", relayToken: "r", relaySecret: "s", idempotencyKey: key)
                    }
                    #expect(error.kind == .badRequest && error.statusCode == 400)
                }
                let error = try await expectPersonaError {
                    _ = try await persona.relays.generateClaim(
                        privacyPassToken: "t", relayToken: "r", relaySecret: "s\r\nX-Evil: 1")
                }
                #expect(error.kind == .badRequest)
            }
            #expect(script.requests.isEmpty)
        }
    }

    @Test("descriptions redact the relay secret, the access token and the Privacy Pass token")
    func redactedDescriptions() {
        let session = RelaySession(relayToken: "relay_a", relaySecret: "SECRET-1", relaySessionAccessToken: "JWT-1")
        for text in [session.description, String(reflecting: session), "\(session)", dumped(session)] {
            #expect(!text.contains("SECRET-1") && !text.contains("JWT-1"))
            #expect(text.contains("relay_a"))
        }
        let issuance = PrivacyPassIssuance(privacyPassToken: "TOKEN-1", requestID: "req_1")
        for text in [issuance.description, String(reflecting: issuance), dumped(issuance)] {
            #expect(!text.contains("TOKEN-1"))
        }
    }

    private func dumped(_ value: some Any) -> String {
        var text = ""
        dump(value, to: &text)
        return text
    }
}
