import RSA
import RelayProtocol
import RelaySandbox
import Testing

@Suite("Create relay (§2.1)")
struct CreateRelayTests {
    @Test("kebab, camel and snake bodies all create a relay", arguments: [
        "{\"claim-type\":\"age_18_plus_verified\",\"encryption-key-pem\":null}",
        "{\"claimType\":\"age_18_plus_verified\",\"encryptionKeyPem\":null}",
        "{\"claim_type\":\"age_18_plus_verified\",\"encryption_key_pem\":null,\"unknown_member\":1}",
    ])
    func casings(body: String) async throws {
        try await withSandbox { client in
            let reply = try await client.send("/api/privacy/v1/relays", body: body)
            #expect(reply.status == 200, "\(reply.text)")
            let token = try #require(reply.string("relay-token"))
            #expect(token.hasPrefix("relay_") && token.count == 33)
            let secret = try #require(reply.string("relay-secret"))
            #expect(secret.count == 36 && secret == secret.lowercased())
            let jwt = try #require(reply.string("relay-session-access-token"))
            #expect(jwt.split(separator: ".").count == 3)
            let claims = try JSONValue.parse(RelayBase64URL.decode(String(jwt.split(separator: ".")[1])))
            #expect(claims["sub"]?.stringValue == token)
            #expect(claims["exp"]?.intValue != nil)
        }
    }

    @Test("Key-Inflection re-spells the top-level response keys")
    func keyInflection() async throws {
        try await withSandbox { client in
            let body = "{\"claim-type\":\"age_18_plus_verified\"}"
            let camel = try await client.send("/api/privacy/v1/relays", body: body, headers: ["Key-Inflection": "camel"])
            #expect(camel.string("relayToken") != nil && camel.string("relaySessionAccessToken") != nil)
            #expect(camel.string("relay-token") == nil)
            let snake = try await client.send("/api/privacy/v1/relays", body: body, headers: ["Key-Inflection": "snake"])
            #expect(snake.string("relay_token") != nil && snake.string("relay_secret") != nil)
            let bad = try await client.send("/api/privacy/v1/relays", body: body, headers: ["Key-Inflection": "shout"])
            #expect(bad.status == 400 && bad.errorCode == "invalid_request")
        }
    }

    @Test("SPKI and PKCS #1 PEM keys are accepted")
    func pemForms() async throws {
        let key = try #require(RelayEncryptionKeys.pair).publicKey
        try await withSandbox { client in
            _ = try await client.createRelay(pem: key.pemRepresentation)
            _ = try await client.createRelay(pem: key.pkcs1PEMRepresentation)
        }
    }

    @Test("missing or ill-typed members are 400; bad values are 422")
    func errors() async throws {
        try await withSandbox { client in
            let cases: [(String, Int)] = [
                ("{}", 400),
                ("{\"claim-type\":5}", 400),
                ("{\"claim-type\":\"age_18_plus_verified\",\"encryption-key-pem\":7}", 400),
                ("{\"claim-type\":\"age_18_plus_verified\",\"sandbox\":\"yes\"}", 400),
                ("{\"claim-type\":\"age_18_plus_verified\",\"claimType\":\"age_18_plus_verified\"}", 400),
                ("[1,2]", 400),
                ("{\"claim-type\":\"Age-18\"}", 422),
                ("{\"claim-type\":\"\"}", 422),
                ("{\"claim-type\":\"age_18_plus_verified\",\"encryption-key-pem\":\"not a pem\"}", 422),
            ]
            for (body, status) in cases {
                let reply = try await client.send("/api/privacy/v1/relays", body: body)
                #expect(reply.status == status, "\(body) → \(reply.status) \(reply.text)")
                #expect(reply.error?["title"]?.stringValue != nil && reply.error?["details"]?.stringValue != nil)
            }
        }
    }

    @Test("strict mode limits claim types to its list")
    func strictClaimTypes() async throws {
        var configuration = testConfiguration()
        configuration.strictClaimTypes = ["live_human_presence"]
        try await withSandbox(configuration) { client in
            _ = try await client.createRelay(claimType: "live_human_presence")
            let reply = try await client.send("/api/privacy/v1/relays", body: "{\"claim-type\":\"age_18_plus_verified\"}")
            #expect(reply.status == 422 && reply.errorCode == "unprocessable_entity")
        }
    }

    @Test("a production flag contradicting sandbox: true is 422 environment_mismatch")
    func environmentSignals() async throws {
        try await withSandbox { client in
            let reply = try await client.send(
                "/api/privacy/v1/relays", body: "{\"claim-type\":\"age_18_plus_verified\",\"sandbox\":true}",
                headers: ["Authorization": "Bearer \(productionAPIKey)"])
            #expect(reply.status == 422 && reply.errorCode == "environment_mismatch")
        }
    }
}
