import RelayProtocol
import RelaySandbox
import Testing

@Suite("Headers, rate limits, faults and routing (§1, §7, §9)")
struct EnvelopeTests {
    @Test("every response carries Request-Id, RateLimit-* and the environment and organization ids")
    func envelopeHeaders() async throws {
        try await withSandbox { client in
            let replies = [
                try await client.send("/api/privacy/v1/relays", body: "{\"claim-type\":\"age_18_plus_verified\"}"),
                try await client.send("/nowhere"),
                try await client.send("/api/v1/privacy-passes", method: .get),
                try await client.send("/_sandbox/reset"),
            ]
            for reply in replies {
                #expect(reply.header("Request-Id")?.hasPrefix("req_") == true)
                #expect(reply.header("RateLimit-Limit") == "10000")
                #expect(reply.header("RateLimit-Remaining").flatMap(Int.init) != nil)
                #expect(reply.header("RateLimit-Reset").flatMap(Int.init) != nil)
                #expect(reply.header("Persona-Environment-Id") == "env_sandbox")
                #expect(reply.header("Persona-Organization-Id") == "org_test")
            }
            #expect(replies[1].status == 404 && replies[1].errorCode == "not_found")
            #expect(replies[2].status == 405 && replies[2].header("Allow") == "POST")
            #expect(replies[3].status == 204)
        }
    }

    @Test("Persona-Version: allowed values pass, others are 400")
    func personaVersion() async throws {
        try await withSandbox { client in
            let body = "{\"claim-type\":\"age_18_plus_verified\"}"
            let good = try await client.send("/api/privacy/v1/relays", body: body, headers: ["Persona-Version": "2023-01-05"])
            #expect(good.status == 200)
            let bad = try await client.send("/api/privacy/v1/relays", body: body, headers: ["Persona-Version": "2024-01-01"])
            #expect(bad.status == 400 && bad.errorCode == "invalid_request")
        }
    }

    @Test("the rate limit answers 429 with Retry-After, per bucket, and the window resets")
    func rateLimit() async throws {
        var configuration = testConfiguration(rateLimit: 3)
        configuration.rateLimitWindow = 3600
        try await withSandbox(configuration) { client in
            var replies: [Reply] = []
            for _ in 0..<5 {
                replies.append(try await client.send("/api/privacy/v1/relays/challenge", body: "{\"claim-type\":\"x1\"}"))
            }
            #expect(replies.map(\.status) == [200, 200, 200, 429, 429])
            #expect(replies.map { $0.header("RateLimit-Remaining") } == ["2", "1", "0", "0", "0"])
            let limited = replies[4]
            #expect(limited.errorCode == "rate_limited" && limited.error?["title"]?.stringValue == "Rate limited")
            #expect(limited.header("Retry-After") != nil)
            #expect(limited.header("Retry-After") == limited.header("RateLimit-Reset"))
            // Another bucket (an API key) is not affected; control endpoints are not limited.
            let keyed = try await client.send(
                "/api/privacy/v1/relays/challenge", body: "{\"claim-type\":\"x1\"}",
                headers: ["Authorization": "Bearer \(sandboxAPIKey)"])
            #expect(keyed.status == 200)
            let control = try await client.advanceClock(seconds: 3601)
            #expect(control.status == 200)
            let later = try await client.send("/api/privacy/v1/relays/challenge", body: "{\"claim-type\":\"x1\"}")
            #expect(later.status == 200)
        }
    }

    @Test("faults: default 500 once, exact path, any method; reset disarms")
    func faults() async throws {
        try await withSandbox { client in
            #expect(try await client.send("/_sandbox/faults", body: "{\"path\":\"/api/privacy/v1/relays\"}").status == 204)
            let failed = try await client.send("/api/privacy/v1/relays", body: "{\"claim-type\":\"age_18_plus_verified\"}")
            #expect(failed.status == 500 && failed.errorCode == "internal_error")
            let ok = try await client.send("/api/privacy/v1/relays", body: "{\"claim-type\":\"age_18_plus_verified\"}")
            #expect(ok.status == 200)
            _ = try await client.send("/_sandbox/faults", body: "{\"path\":\"/x\",\"status\":429,\"times\":2}")
            #expect(try await client.send("/x", method: .get).status == 429)
            _ = try await client.send("/_sandbox/reset")
            #expect(try await client.send("/x", method: .get).status == 404)
            let bad = try await client.send("/_sandbox/faults", body: "{\"path\":\"/x\",\"status\":200}")
            #expect(bad.status == 422)
            let missing = try await client.send("/_sandbox/faults", body: "{}")
            #expect(missing.status == 400)
        }
    }

    @Test("the clock endpoint advances and reports now; bad values are refused")
    func clock() async throws {
        try await withSandbox { client in
            let first = try await client.advanceClock(seconds: 0)
            let second = try await client.advanceClock(seconds: 86_400)
            let a = try #require(first.json?["now"]?.intValue)
            let b = try #require(second.json?["now"]?.intValue)
            #expect(b - a >= 86_400 && b - a < 86_460)
            #expect(try await client.send("/_sandbox/clock", body: "{\"advance-seconds\":-1}").status == 422)
            #expect(try await client.send("/_sandbox/clock", body: "{\"advanceSeconds\":\"1\"}").status == 400)
        }
    }

    @Test("bodies over the limit are 413 in the error shape")
    func bodyLimit() async throws {
        try await withSandbox { client in
            let huge = "{\"claim-type\":\"" + String(repeating: "a", count: 70_000) + "\"}"
            let reply = try await client.send("/api/privacy/v1/relays", body: huge)
            #expect(reply.status == 413 && reply.errorCode == "payload_too_large")
        }
    }
}
