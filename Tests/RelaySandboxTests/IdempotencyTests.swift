import RelayProtocol
import RelaySandbox
import Testing

@Suite("Idempotency (§5.4, §13.3)")
struct IdempotencyTests {
    @Test("the same key and request replay the stored reply with a new Request-Id; another request is 400")
    func replayAndReuse() async throws {
        try await withSandbox { client in
            let relay = try await client.createRelay()
            let pass = try await client.issuePass()
            let first = try await client.redeem(relay: relay, pass: pass.encoded, idempotencyKey: "idem-A")
            let second = try await client.redeem(relay: relay, pass: pass.encoded, idempotencyKey: "idem-A")
            #expect(first.status == 200 && second.status == 200 && first.body == second.body)
            #expect(first.header("Request-Id") != second.header("Request-Id"))
            let other = try await client.issuePass()
            let reuse = try await client.redeem(relay: relay, pass: other.encoded, idempotencyKey: "idem-A")
            #expect(reuse.status == 400 && reuse.errorCode == "idempotency_key_reuse")
            #expect(reuse.error?["title"]?.stringValue == "Idempotency error")
        }
    }

    @Test("key syntax: 1–255 visible ASCII, else 400 invalid_idempotency_key")
    func syntax() async throws {
        try await withSandbox { client in
            let relay = try await client.createRelay()
            for bad in [String(repeating: "k", count: 256), "has space", "tab\tkey"] {
                let reply = try await client.redeem(relay: relay, pass: nil, idempotencyKey: bad)
                #expect(reply.status == 400 && reply.errorCode == "invalid_idempotency_key", "\(bad)")
            }
            let longest = try await client.redeem(
                relay: relay, pass: nil, idempotencyKey: String(repeating: "k", count: 255))
            #expect(longest.status == 401)
        }
    }

    @Test("401 and 403 outcomes are not stored; a later success under the same key is")
    func unstoredOutcomes() async throws {
        try await withSandbox { client in
            let relay = try await client.createRelay(apiKey: productionAPIKey)
            let pass = try await client.issuePass(apiKey: productionAPIKey)
            let pending = try await client.redeem(relay: relay, pass: pass.encoded, idempotencyKey: "retry-1")
            #expect(pending.status == 403)
            _ = try await client.setState(relay.token, "passed")
            let done = try await client.redeem(relay: relay, pass: pass.encoded, idempotencyKey: "retry-1")
            #expect(done.status == 200 && done.json?["token-consumed"] == .bool(true))
        }
    }

    @Test("issuance replays by API key and key; faults fire before the idempotency layer")
    func issuanceAndFaults() async throws {
        try await withSandbox { client in
            let (_, key, keyID) = try await client.challenge()
            let blinded = try key.blind(key.prepare([UInt8](repeating: 3, count: 98))).blindedMessage.rawRepresentation
            let body = json(["blinded-token": .string(RelayBase64URL.encode(blinded)), "key-id": .string(keyID)])
            let headers = ["Authorization": "Bearer \(sandboxAPIKey)", "Idempotency-Key": "issue-1"]
            let fault = try await client.send(
                "/_sandbox/faults", body: "{\"path\":\"/api/v1/privacy-passes\",\"status\":503,\"times\":1}")
            #expect(fault.status == 204)
            let failed = try await client.send("/api/v1/privacy-passes", body: body, headers: headers)
            #expect(failed.status == 503 && failed.errorCode == "internal_error")
            let first = try await client.send("/api/v1/privacy-passes", body: body, headers: headers)
            let second = try await client.send("/api/v1/privacy-passes", body: body, headers: headers)
            #expect(first.status == 200 && first.body == second.body)
            // Blind signing uses fresh randomness only internally: equal bodies show the replay.
            let other = try await client.send(
                "/api/v1/privacy-passes",
                body: json(["blinded-token": .string(RelayBase64URL.encode(blinded)), "key-id": .string("x")]),
                headers: headers)
            #expect(other.status == 400 && other.errorCode == "idempotency_key_reuse")
        }
    }

    @Test("records expire after the retention; the key can then name another request")
    func retention() async throws {
        var configuration = testConfiguration()
        configuration.idempotencyRetention = 3600
        try await withSandbox(configuration) { client in
            let relay = try await client.createRelay()
            let first = try await client.issuePass()
            let stored = try await client.redeem(relay: relay, pass: first.encoded, idempotencyKey: "old")
            #expect(stored.status == 200)
            let second = try await client.issuePass()
            let early = try await client.redeem(relay: relay, pass: second.encoded, idempotencyKey: "old")
            #expect(early.status == 400 && early.errorCode == "idempotency_key_reuse")
            _ = try await client.advanceClock(seconds: 3601)
            let fresh = try await client.redeem(relay: relay, pass: second.encoded, idempotencyKey: "old")
            #expect(fresh.status == 200 && fresh.json?["token-consumed"] == .bool(true))
        }
    }

    @Test("a replay of the same pass re-spells its keys for the caller's Key-Inflection")
    func replayInflection() async throws {
        try await withSandbox { client in
            let relay = try await client.createRelay()
            let pass = try await client.issuePass()
            let kebab = try await client.redeem(relay: relay, pass: pass.encoded)
            let snake = try await client.redeem(
                relay: relay, pass: pass.encoded, extraHeaders: ["Key-Inflection": "snake"])
            #expect(snake.json?["token_consumed"] == .bool(true))
            #expect(snake.string("claim_payload") == kebab.string("claim-payload"))
        }
    }
}
