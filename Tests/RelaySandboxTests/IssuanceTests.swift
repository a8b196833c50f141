import RSA
import RelayProtocol
import RelaySandbox
import Testing

@Suite("Issuance (§2.4, §5.1)")
struct IssuanceTests {
    /// A POST to the issuance endpoint with a raw blinded token.
    static func issue(
        _ client: SandboxClient, blinded: [UInt8], keyID: String, apiKey: String? = sandboxAPIKey
    ) async throws -> Reply {
        try await client.send(
            "/api/v1/privacy-passes",
            body: json(["blinded-token": .string(RelayBase64URL.encode(blinded)), "key-id": .string(keyID)]),
            headers: apiKey.map { ["Authorization": "Bearer \($0)"] } ?? [:])
    }

    @Test("a pass issued to an independent client verifies and redeems")
    func roundTrip() async throws {
        try await withSandbox { client in
            let pass = try await client.issuePass()
            #expect(pass.token.signature.count == 256)
            let relay = try await client.createRelay()
            let reply = try await client.redeem(relay: relay, pass: pass.encoded)
            #expect(reply.status == 200, "\(reply.text)")
            #expect(reply.json?["token-consumed"] == .bool(true))
        }
    }

    @Test("API key and permission: 401 missing or unknown, 403 without privacy_pass.write")
    func authentication() async throws {
        try await withSandbox { client in
            let (_, _, keyID) = try await client.challenge()
            let blinded = [UInt8](repeating: 1, count: 256)
            let missing = try await Self.issue(client, blinded: blinded, keyID: keyID, apiKey: nil)
            #expect(missing.status == 401 && missing.errorCode == "unauthorized")
            #expect(missing.header("WWW-Authenticate") == "Bearer")
            let unknown = try await Self.issue(client, blinded: blinded, keyID: keyID, apiKey: "persona_sandbox_nope")
            #expect(unknown.status == 401)
            let denied = try await Self.issue(client, blinded: blinded, keyID: keyID, apiKey: unprivilegedAPIKey)
            #expect(denied.status == 403 && denied.errorCode == "forbidden")
            #expect(denied.error?["details"]?.stringValue == "Privacy Pass for Relay is not enabled")
        }
    }

    @Test("wrong length, a value ≥ n, an unknown key id and a malformed body are refused")
    func badInputs() async throws {
        try await withSandbox { client in
            let (_, key, keyID) = try await client.challenge()
            let short = try await Self.issue(client, blinded: [UInt8](repeating: 1, count: 255), keyID: keyID)
            #expect(short.status == 422 && short.errorCode == "unprocessable_entity")
            let long = try await Self.issue(client, blinded: [UInt8](repeating: 1, count: 257), keyID: keyID)
            #expect(long.status == 422)
            let aboveN = try await Self.issue(client, blinded: [UInt8](repeating: 0xFF, count: 256), keyID: keyID)
            #expect(aboveN.status == 422)
            let equalN = try await Self.issue(client, blinded: key.key.modulus.bigEndianBytes, keyID: keyID)
            #expect(equalN.status == 422)
            let unknownKey = try await Self.issue(
                client, blinded: [UInt8](repeating: 1, count: 256), keyID: String(repeating: "0", count: 64))
            #expect(unknownKey.status == 404 && unknownKey.errorCode == "not_found")
            let notBase64 = try await client.send(
                "/api/v1/privacy-passes", body: "{\"blinded-token\":\"***\",\"key-id\":\"\(keyID)\"}",
                headers: ["Authorization": "Bearer \(sandboxAPIKey)"])
            #expect(notBase64.status == 400)
            let missing = try await client.send(
                "/api/v1/privacy-passes", body: "{\"keyId\":\"\(keyID)\"}",
                headers: ["Authorization": "Bearer \(sandboxAPIKey)"])
            #expect(missing.status == 400 && missing.errorCode == "invalid_request")
        }
    }

    @Test("a production API key cannot use a sandbox key: 422 environment_mismatch")
    func environmentMismatch() async throws {
        try await withSandbox { client in
            let (_, _, keyID) = try await client.challenge(sandbox: true)
            let reply = try await Self.issue(
                client, blinded: [UInt8](repeating: 1, count: 256), keyID: keyID, apiKey: productionAPIKey)
            #expect(reply.status == 422 && reply.errorCode == "environment_mismatch")
        }
    }

    @Test("a key issues in its epoch and 2 h into the next, then 422 token_key_retired")
    func retirement() async throws {
        var configuration = testConfiguration()
        configuration.epochLength = 4 * 3600
        try await withSandbox(configuration) { client in
            let (_, key, keyID) = try await client.challenge()
            let blinded = try key.blind(key.prepare([UInt8](repeating: 7, count: 98))).blindedMessage.rawRepresentation
            let fresh = try await Self.issue(client, blinded: blinded, keyID: keyID)
            #expect(fresh.status == 200)
            // Past the end of the epoch and its 2 h grace, whatever the current phase.
            _ = try await client.advanceClock(seconds: 6 * 3600 + 60)
            let retired = try await Self.issue(client, blinded: blinded, keyID: keyID)
            #expect(retired.status == 422 && retired.errorCode == "token_key_retired")
            let next = try await client.challenge()
            #expect(next.keyID != keyID)
        }
    }
}
