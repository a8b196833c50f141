import Foundation
import PersonaRelay
import RelayProtocol
import Synchronization
import Testing

/// relay-protocol.md §7: the retry policy, timeouts and idempotency keys across retries.
@Suite("Retries and timeouts")
struct RetryTests {
    static let claim: Reply = .json(["claim-payload": "p", "token-consumed": true])
    static let session: Reply = .json(["relay-token": "r", "relay-secret": "s", "relay-session-access-token": "t"])

    @Test("429 with Retry-After: 1 waits at least a second, then succeeds")
    func retryAfterHonoured() async throws {
        let limited = Reply.error(429, title: "Rate limited", headers: [(name: "Retry-After", value: "1")])
        try await withScriptedServer([{ _ in limited }, { _ in Self.session }]) { baseURL, script in
            try await withPersona(baseURL) { persona in
                let start = ContinuousClock.now
                _ = try await persona.relays.create(claimType: "c", encryptionKeyPEM: nil)
                #expect(ContinuousClock.now - start >= .milliseconds(950))
            }
            #expect(script.requests.count == 2)
        }
    }

    @Test("429's RateLimit-Reset is used without Retry-After, capped at maxRetryAfter")
    func rateLimitResetCapped() async throws {
        let limited = Reply.error(429, title: "Rate limited", headers: [(name: "RateLimit-Reset", value: "60")])
        try await withScriptedServer([{ _ in limited }, { _ in Self.session }]) { baseURL, script in
            let configuration = PersonaConfiguration(
                initialBackoff: .milliseconds(10), maxRetryAfter: .milliseconds(300))
            try await withPersona(baseURL, configuration: configuration) { persona in
                let start = ContinuousClock.now
                _ = try await persona.relays.create(claimType: "c", encryptionKeyPEM: nil)
                let elapsed = ContinuousClock.now - start
                #expect(elapsed >= .milliseconds(280) && elapsed < .seconds(5))
            }
            #expect(script.requests.count == 2)
        }
    }

    @Test("5xx twice, then success", arguments: [500, 502, 503, 504])
    func serverErrorsRetried(status: Int) async throws {
        let failure = Reply.error(status, title: "Boom")
        try await withScriptedServer([{ _ in failure }, { _ in failure }, { _ in Self.session }]) { baseURL, script in
            try await withPersona(baseURL) { persona in
                _ = try await persona.relays.create(claimType: "c", encryptionKeyPEM: nil)
            }
            #expect(script.requests.count == 3)
        }
    }

    @Test("default backoff is 100, 200, 400 ms")
    func defaultBackoff() async throws {
        try await withScriptedServer([{ _ in .error(503, title: "Unavailable") }]) { baseURL, script in
            try await withPersona(baseURL, configuration: PersonaConfiguration()) { persona in
                let start = ContinuousClock.now
                let error = try await expectPersonaError {
                    _ = try await persona.relays.create(claimType: "c", encryptionKeyPEM: nil)
                }
                #expect(ContinuousClock.now - start >= .milliseconds(690))
                #expect(error.kind == .server && error.statusCode == 503 && error.title == "Unavailable")
            }
            #expect(script.requests.count == 4)
        }
    }

    @Test("max retries exhausted: four attempts, the last error's kind", arguments: [
        (429, PersonaError.Kind.rateLimited), (500, .server), (504, .server),
    ])
    func exhausted(status: Int, kind: PersonaError.Kind) async throws {
        try await withScriptedServer([{ _ in .error(status, title: "T", code: "c") }]) { baseURL, script in
            try await withPersona(baseURL) { persona in
                let error = try await expectPersonaError {
                    _ = try await persona.relays.create(claimType: "c", encryptionKeyPEM: nil)
                }
                #expect(error.kind == kind && error.statusCode == status && error.code == "c")
            }
            #expect(script.requests.count == 4)
        }
    }

    @Test("maxRetries: 0 means one attempt")
    func noRetries() async throws {
        try await withScriptedServer([{ _ in .error(500, title: "T") }]) { baseURL, script in
            try await withPersona(baseURL, configuration: PersonaConfiguration(maxRetries: 0)) { persona in
                _ = try await expectPersonaError {
                    _ = try await persona.relays.create(claimType: "c", encryptionKeyPEM: nil)
                }
            }
            #expect(script.requests.count == 1)
        }
    }

    @Test("403 is retried on generate-claim, with the same Idempotency-Key every time")
    func forbiddenRetriedOnGenerateClaim() async throws {
        let pending = Reply.error(403, title: "Relay not completed", code: "relay_not_completed")
        try await withScriptedServer([{ _ in pending }, { _ in pending }, { _ in Self.claim }]) { baseURL, script in
            try await withPersona(baseURL) { persona in
                _ = try await persona.relays.generateClaim(privacyPassToken: "t", relayToken: "r", relaySecret: "s")
            }
            let keys = script.requests.compactMap { $0.header("Idempotency-Key") }
            #expect(keys.count == 3)
            #expect(Set(keys).count == 1)
        }
    }

    @Test("two logical generate-claim calls use two Idempotency-Keys")
    func freshKeyPerCall() async throws {
        try await withScriptedServer([{ _ in Self.claim }]) { baseURL, script in
            try await withPersona(baseURL) { persona in
                _ = try await persona.relays.generateClaim(privacyPassToken: "t", relayToken: "r", relaySecret: "s")
                _ = try await persona.relays.generateClaim(privacyPassToken: "t", relayToken: "r", relaySecret: "s")
            }
            #expect(Set(script.requests.compactMap { $0.header("Idempotency-Key") }).count == 2)
        }
    }

    @Test("403 is not retried on create")
    func forbiddenNotRetriedElsewhere() async throws {
        try await withScriptedServer([{ _ in .error(403, title: "Forbidden") }]) { baseURL, script in
            try await withPersona(baseURL) { persona in
                let error = try await expectPersonaError {
                    _ = try await persona.relays.create(claimType: "c", encryptionKeyPEM: nil)
                }
                #expect(error.kind == .forbidden)
            }
            #expect(script.requests.count == 1)
        }
    }

    @Test("4xx other than 429 (and 403 on generate-claim) are not retried", arguments: [400, 401, 404, 409, 422])
    func clientErrorsNotRetried(status: Int) async throws {
        try await withScriptedServer([{ _ in .error(status, title: "No") }]) { baseURL, script in
            try await withPersona(baseURL) { persona in
                _ = try await expectPersonaError {
                    _ = try await persona.relays.generateClaim(privacyPassToken: "t", relayToken: "r", relaySecret: "s")
                }
            }
            #expect(script.requests.count == 1)
        }
    }

    @Test("a connection refused is a NetworkError (502, \"Network error\") after the retries")
    func networkError() async throws {
        // A loopback port that was just listening and is closed now: connections are refused.
        let closed = Mutex("")
        try await withScriptedServer([]) { baseURL, _ in closed.withLock { $0 = baseURL } }
        try await withPersona(closed.withLock { $0 }) { persona in
            let start = ContinuousClock.now
            let error = try await expectPersonaError {
                _ = try await persona.relays.create(claimType: "c", encryptionKeyPEM: nil)
            }
            #expect(error.kind == .network && error.statusCode == 502 && error.title == "Network error")
            #expect(error.details?.isEmpty == false)
            #expect(error.requestID == nil && error.responseBody == nil)
            // Retried: 10 + 20 + 40 ms of backoff at least.
            #expect(ContinuousClock.now - start >= .milliseconds(70))
        }
    }

    @Test("a slow response is a TimeoutError (504) per attempt, retried")
    func perAttemptTimeout() async throws {
        var delayed = Self.session
        // Far slower than the timeout, so that finishing well before it proves each attempt was cut off (the
        // bound is loose: it must hold on a loaded machine).
        delayed.delay = .seconds(10)
        let slow = delayed
        try await withScriptedServer([{ _ in slow }]) { baseURL, script in
            let configuration = PersonaConfiguration(
                maxRetries: 1, initialBackoff: .milliseconds(10), requestTimeout: .milliseconds(300))
            try await withPersona(baseURL, configuration: configuration) { persona in
                let start = ContinuousClock.now
                let error = try await expectPersonaError {
                    _ = try await persona.relays.create(claimType: "c", encryptionKeyPEM: nil)
                }
                #expect(error.kind == .timeout && error.statusCode == 504)
                #expect(error.title == "Request to Persona timed out")
                #expect(ContinuousClock.now - start < .seconds(8))
            }
            #expect(script.requests.count == 2)
        }
    }

    @Test("a timeout then a success")
    func timeoutThenSuccess() async throws {
        var delayed = Self.session
        delayed.delay = .seconds(10)
        let slow = delayed
        try await withScriptedServer([{ _ in slow }, { _ in Self.session }]) { baseURL, script in
            // A timeout long enough for the prompt second reply even on a loaded machine.
            let configuration = PersonaConfiguration(initialBackoff: .milliseconds(10), requestTimeout: .seconds(2))
            try await withPersona(baseURL, configuration: configuration) { persona in
                _ = try await persona.relays.create(claimType: "c", encryptionKeyPEM: nil)
            }
            #expect(script.requests.count == 2)
        }
    }

    @Test("cancellation stops the retry wait and throws a cancellation PersonaError")
    func cancellation() async throws {
        let limited = Reply.error(429, title: "Rate limited", headers: [(name: "Retry-After", value: "5")])
        try await withScriptedServer([{ _ in limited }]) { baseURL, script in
            try await withPersona(baseURL) { persona in
                let task = Task { try await persona.relays.create(claimType: "c", encryptionKeyPEM: nil) }
                // Cancel once the first attempt has been answered 429 and the client is waiting out Retry-After
                // (polling rather than a fixed sleep, so that a loaded machine does not cancel too early).
                let deadline = ContinuousClock.now + .seconds(10)
                while script.requests.isEmpty && ContinuousClock.now < deadline {
                    try await Task.sleep(for: .milliseconds(20))
                }
                try await Task.sleep(for: .milliseconds(200))
                let start = ContinuousClock.now
                task.cancel()
                let result = await task.result
                guard case .failure(let failure) = result, let error = failure as? PersonaError else {
                    Issue.record("expected a PersonaError")
                    return
                }
                #expect(error.isCancellation)
                #expect(ContinuousClock.now - start < .seconds(3))
            }
            #expect(script.requests.count == 1)
        }
    }

    @Test("a body over maxResponseBodyBytes is a protocol error, not retried")
    func bodyLimit() async throws {
        let big = Reply.raw(200, String(repeating: "x", count: 5000))
        try await withScriptedServer([{ _ in big }]) { baseURL, script in
            try await withPersona(baseURL, configuration: PersonaConfiguration(maxResponseBodyBytes: 1000)) { persona in
                let error = try await expectPersonaError {
                    _ = try await persona.relays.create(claimType: "c", encryptionKeyPEM: nil)
                }
                #expect(error.kind == .protocol)
            }
            #expect(script.requests.count == 1)
        }
    }
}
