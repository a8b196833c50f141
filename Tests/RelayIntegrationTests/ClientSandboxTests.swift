import AsyncHTTPClient
import Foundation
import PersonaRelay
import RSA
import RelayProtocol
import RelaySandbox
import Testing

/// The client against the sandbox over real loopback HTTP: the Relay issue's end-to-end cases.
@Suite("Relay: client ↔ sandbox over loopback HTTP")
struct ClientSandboxTests {
    typealias Fixture = SandboxFixture

    @Test("§2.2 challenge endpoint: issue, redeem a plaintext claim")
    func challengeEndpointPlaintext() async throws {
        let fixture = try await Fixture.start()
        defer { Task { await fixture.stop() } }
        let session = try await fixture.persona.relays.create(claimType: Fixture.claimType, encryptionKeyPEM: nil)
        #expect(session.relayToken.hasPrefix("relay_"))
        #expect(session.relaySessionAccessToken.split(separator: ".").count == 3, "a JWT")
        let pass = try await fixture.persona.relays.issuePrivacyPass(claimType: Fixture.claimType)
        let claim = try await fixture.persona.relays.generateClaim(
            privacyPassToken: pass.privacyPassToken, relayToken: session.relayToken, relaySecret: session.relaySecret)
        #expect(claim.tokenConsumed)
        let payload = try Persona.decodeClaimPayload(claim.claimPayload)
        #expect(payload.claimType == Fixture.claimType && payload.passed)
        #expect(claim.requestID?.hasPrefix("req_") == true)
    }

    @Test("§2.3 legacy path: the challenge from the relay's own 401, then an encrypted (SHA-256) claim")
    func legacyChallengeEncrypted() async throws {
        let fixture = try await Fixture.start()
        defer { Task { await fixture.stop() } }
        let keys = try PayloadKeys.pair.get()
        let session = try await fixture.persona.relays.create(
            claimType: Fixture.claimType, encryptionKeyPEM: keys.publicKeyPEM)
        let pass = try await fixture.persona.relays.issuePrivacyPass(
            relayToken: session.relayToken, relaySecret: session.relaySecret)
        let claim = try await fixture.persona.relays.generateClaim(
            privacyPassToken: pass.privacyPassToken, relayToken: session.relayToken, relaySecret: session.relaySecret)
        #expect(claim.tokenConsumed)
        let plaintext = try Persona.decryptClaimPayload(claim.claimPayload, privateKey: keys.privateKey)
        #expect(try Persona.decodeClaimPayload(plaintext).passed)
        // SHA-1 does not decrypt a SHA-256 payload; auto does.
        #expect(throws: PersonaError.self) {
            try Persona.decryptClaimPayload(claim.claimPayload, privateKey: keys.privateKey, hash: .sha1)
        }
        #expect(try Persona.decryptClaimPayload(claim.claimPayload, privateKey: keys.privateKey, hash: .auto) == plaintext)
    }

    @Test("§6: a sandbox configured for OAEP SHA-1 encrypts for SHA-1 (and auto)")
    func sha1Payload() async throws {
        let fixture = try await Fixture.start { $0.oaepHash = .sha1 }
        defer { Task { await fixture.stop() } }
        let keys = try PayloadKeys.pair.get()
        let session = try await fixture.persona.relays.create(
            claimType: Fixture.claimType, encryptionKeyPEM: keys.publicKeyPEM)
        let pass = try await fixture.persona.relays.issuePrivacyPass(claimType: Fixture.claimType)
        let claim = try await fixture.persona.relays.generateClaim(
            privacyPassToken: pass.privacyPassToken, relayToken: session.relayToken, relaySecret: session.relaySecret)
        let plaintext = try Persona.decryptClaimPayload(claim.claimPayload, privateKey: keys.privateKey, hash: .sha1)
        #expect(try Persona.decodeClaimPayload(plaintext).claimType == Fixture.claimType)
        #expect(try Persona.decryptClaimPayload(claim.claimPayload, privateKey: keys.privateKey, hash: .auto) == plaintext)
        #expect(throws: PersonaError.self) {
            try Persona.decryptClaimPayload(claim.claimPayload, privateKey: keys.privateKey, hash: .sha256)
        }
    }

    @Test("§5.2 step 14: a failed claim answers token-consumed false and the pass stays usable")
    func failedClaimRefunds() async throws {
        let fixture = try await Fixture.start()
        defer { Task { await fixture.stop() } }
        let session = try await fixture.persona.relays.create(claimType: Fixture.claimType, encryptionKeyPEM: nil)
        let pass = try await fixture.persona.relays.issuePrivacyPass(claimType: Fixture.claimType)
        try await fixture.setState(session.relayToken, "failed")
        let failed = try await fixture.persona.relays.generateClaim(
            privacyPassToken: pass.privacyPassToken, relayToken: session.relayToken, relaySecret: session.relaySecret)
        #expect(!failed.tokenConsumed)
        #expect(try Persona.decodeClaimPayload(failed.claimPayload).claimResult == "failed")
        // The refunded pass redeems another relay.
        let other = try await fixture.persona.relays.create(claimType: Fixture.claimType, encryptionKeyPEM: nil)
        let passed = try await fixture.persona.relays.generateClaim(
            privacyPassToken: pass.privacyPassToken, relayToken: other.relayToken, relaySecret: other.relaySecret)
        #expect(passed.tokenConsumed)
    }

    @Test("§5.2 step 13: a pending relay is 403, retried by the client, and redeems once completed")
    func pendingRelay() async throws {
        let fixture = try await Fixture.start(clientConfiguration: .init(maxRetries: 1, initialBackoff: .milliseconds(10)))
        defer { Task { await fixture.stop() } }
        let session = try await fixture.persona.relays.create(claimType: Fixture.claimType, encryptionKeyPEM: nil)
        let pass = try await fixture.persona.relays.issuePrivacyPass(claimType: Fixture.claimType)
        try await fixture.setState(session.relayToken, "pending")
        await #expect {
            try await fixture.persona.relays.generateClaim(
                privacyPassToken: pass.privacyPassToken, relayToken: session.relayToken,
                relaySecret: session.relaySecret)
        } throws: { error in
            (error as? PersonaError)?.kind == .forbidden && (error as? PersonaError)?.code == "relay_not_completed"
        }
        try await fixture.setState(session.relayToken, "passed")
        let claim = try await fixture.persona.relays.generateClaim(
            privacyPassToken: pass.privacyPassToken, relayToken: session.relayToken, relaySecret: session.relaySecret)
        #expect(claim.tokenConsumed)
    }

    @Test("§5.4: a response lost in transit: the retry with the same Idempotency-Key gets the identical answer")
    func lostResponseRetry() async throws {
        let fixture = try await Fixture.start()
        defer { Task { await fixture.stop() } }
        let keys = try PayloadKeys.pair.get()
        let session = try await fixture.persona.relays.create(
            claimType: Fixture.claimType, encryptionKeyPEM: keys.publicKeyPEM)
        let pass = try await fixture.persona.relays.issuePrivacyPass(claimType: Fixture.claimType)
        let key = UUID().uuidString.lowercased()
        let first = try await fixture.persona.relays.generateClaim(
            privacyPassToken: pass.privacyPassToken, relayToken: session.relayToken, relaySecret: session.relaySecret,
            idempotencyKey: key)
        let retry = try await fixture.persona.relays.generateClaim(
            privacyPassToken: pass.privacyPassToken, relayToken: session.relayToken, relaySecret: session.relaySecret,
            idempotencyKey: key)
        #expect(retry.claimPayload == first.claimPayload)
        #expect(retry.tokenConsumed == first.tokenConsumed)
        #expect(retry.requestID != first.requestID, "a replay carries a new Request-Id")
    }

    @Test("§9 faults: an injected 500 on redemption is retried with the same key and succeeds once")
    func injectedFaultThenSuccess() async throws {
        let fixture = try await Fixture.start()
        defer { Task { await fixture.stop() } }
        let session = try await fixture.persona.relays.create(claimType: Fixture.claimType, encryptionKeyPEM: nil)
        let pass = try await fixture.persona.relays.issuePrivacyPass(claimType: Fixture.claimType)
        try await fixture.injectFault(path: RelayPaths.generateClaim(relayToken: session.relayToken), status: 500, times: 2)
        let clock = ContinuousClock()
        let start = clock.now
        let claim = try await fixture.persona.relays.generateClaim(
            privacyPassToken: pass.privacyPassToken, relayToken: session.relayToken, relaySecret: session.relaySecret)
        #expect(claim.tokenConsumed)
        #expect(clock.now - start >= .milliseconds(300), "two backoffs: 100 ms + 200 ms")
    }

    @Test("§7: 5xx on create and issuance are retried, then succeed")
    func serverErrorsRetried() async throws {
        let fixture = try await Fixture.start()
        defer { Task { await fixture.stop() } }
        try await fixture.injectFault(path: RelayPaths.createRelay, status: 503, times: 2)
        let session = try await fixture.persona.relays.create(claimType: Fixture.claimType, encryptionKeyPEM: nil)
        try await fixture.injectFault(path: RelayPaths.privacyPasses, status: 502, times: 1)
        let pass = try await fixture.persona.relays.issuePrivacyPass(claimType: Fixture.claimType)
        let claim = try await fixture.persona.relays.generateClaim(
            privacyPassToken: pass.privacyPassToken, relayToken: session.relayToken, relaySecret: session.relaySecret)
        #expect(claim.tokenConsumed)
        // Four failures exhaust the retries: a ServerError with the sandbox's error body.
        try await fixture.injectFault(path: RelayPaths.createRelay, status: 500, times: 4)
        await #expect {
            try await fixture.persona.relays.create(claimType: Fixture.claimType, encryptionKeyPEM: nil)
        } throws: { error in
            (error as? PersonaError)?.kind == .server && (error as? PersonaError)?.statusCode == 500
        }
    }

    @Test("§7: a 429 with Retry-After is waited out, then the call succeeds")
    func rateLimitedThenSuccess() async throws {
        let fixture = try await Fixture.start { configuration in
            configuration.rateLimit = 2
            configuration.rateLimitWindow = 2
        }
        defer { Task { await fixture.stop() } }
        let clock = ContinuousClock()
        let start = clock.now
        for _ in 0..<3 {
            _ = try await fixture.persona.relays.create(claimType: Fixture.claimType, encryptionKeyPEM: nil)
        }
        // The third call met a 429 and waited for the window to end (≤ 2 s) before its retry succeeded.
        let elapsed = clock.now - start
        #expect(elapsed >= .milliseconds(500), "\(elapsed)")
        #expect(elapsed < .seconds(6), "\(elapsed)")
        // The limit is visible on the wire.
        let raw = try await fixture.post(RelayPaths.createRelay, body: #"{"claim-type":"age_over18_united_kingdom","encryption-key-pem":null}"#)
        #expect(raw.headers.first(name: "RateLimit-Limit") == "2")
    }

    @Test("§5.2 step 12: the pass on another relay is a 409 ConflictError")
    func otherRelayConflict() async throws {
        let fixture = try await Fixture.start()
        defer { Task { await fixture.stop() } }
        let first = try await fixture.persona.relays.create(claimType: Fixture.claimType, encryptionKeyPEM: nil)
        let second = try await fixture.persona.relays.create(claimType: Fixture.claimType, encryptionKeyPEM: nil)
        let pass = try await fixture.persona.relays.issuePrivacyPass(claimType: Fixture.claimType)
        _ = try await fixture.persona.relays.generateClaim(
            privacyPassToken: pass.privacyPassToken, relayToken: first.relayToken, relaySecret: first.relaySecret)
        await #expect {
            try await fixture.persona.relays.generateClaim(
                privacyPassToken: pass.privacyPassToken, relayToken: second.relayToken,
                relaySecret: second.relaySecret)
        } throws: { error in
            guard let error = error as? PersonaError else { return false }
            return error.kind == .conflict && error.statusCode == 409
                && error.code == "privacy_pass_already_redeemed" && error.kind.rawValue == "ConflictError"
        }
    }

    @Test("§5.2 step 3: a wrong relay secret is 404, even with a replayable Idempotency-Key")
    func wrongSecret() async throws {
        let fixture = try await Fixture.start()
        defer { Task { await fixture.stop() } }
        let session = try await fixture.persona.relays.create(claimType: Fixture.claimType, encryptionKeyPEM: nil)
        let pass = try await fixture.persona.relays.issuePrivacyPass(claimType: Fixture.claimType)
        let key = UUID().uuidString.lowercased()
        _ = try await fixture.persona.relays.generateClaim(
            privacyPassToken: pass.privacyPassToken, relayToken: session.relayToken, relaySecret: session.relaySecret,
            idempotencyKey: key)
        await #expect {
            try await fixture.persona.relays.generateClaim(
                privacyPassToken: pass.privacyPassToken, relayToken: session.relayToken,
                relaySecret: UUID().uuidString.lowercased(), idempotencyKey: key)
        } throws: { error in
            (error as? PersonaError)?.kind == .notFound && (error as? PersonaError)?.statusCode == 404
        }
        await #expect {
            try await fixture.persona.relays.generateClaim(
                privacyPassToken: pass.privacyPassToken, relayToken: "relay_doesnotexist",
                relaySecret: session.relaySecret)
        } throws: { error in (error as? PersonaError)?.kind == .notFound }
    }

    @Test("§5.2 step 10: a pass of another claim type is 422 claim_type_mismatch and stays unspent")
    func claimTypeMismatch() async throws {
        let fixture = try await Fixture.start()
        defer { Task { await fixture.stop() } }
        let session = try await fixture.persona.relays.create(claimType: "live_human_presence", encryptionKeyPEM: nil)
        let pass = try await fixture.persona.relays.issuePrivacyPass(claimType: Fixture.claimType)
        await #expect {
            try await fixture.persona.relays.generateClaim(
                privacyPassToken: pass.privacyPassToken, relayToken: session.relayToken,
                relaySecret: session.relaySecret)
        } throws: { error in
            guard let error = error as? PersonaError else { return false }
            return error.kind == .unprocessableEntity && error.code == "claim_type_mismatch"
        }
        let right = try await fixture.persona.relays.create(claimType: Fixture.claimType, encryptionKeyPEM: nil)
        let claim = try await fixture.persona.relays.generateClaim(
            privacyPassToken: pass.privacyPassToken, relayToken: right.relayToken, relaySecret: right.relaySecret)
        #expect(claim.tokenConsumed)
    }

    @Test("§5.1, §5.2 step 7: a pass past its deadline (clock control) is 401 privacy_pass_expired")
    func expiredPass() async throws {
        // L = 0: the legacy rule, redemption before expires_at (1–2 h after issuance).
        let fixture = try await Fixture.start { $0.passLifetime = 0 }
        defer { Task { await fixture.stop() } }
        let session = try await fixture.persona.relays.create(claimType: Fixture.claimType, encryptionKeyPEM: nil)
        let pass = try await fixture.persona.relays.issuePrivacyPass(claimType: Fixture.claimType)
        try await fixture.advanceClock(seconds: 3 * 3600)
        await #expect {
            try await fixture.persona.relays.generateClaim(
                privacyPassToken: pass.privacyPassToken, relayToken: session.relayToken,
                relaySecret: session.relaySecret)
        } throws: { error in
            guard let error = error as? PersonaError else { return false }
            return error.kind == .unauthorized && error.statusCode == 401 && error.code == "privacy_pass_expired"
        }
    }

    @Test("§1: kebab, camel and snake request bodies create relays alike; Key-Inflection re-spells the answer")
    func bodyCasings() async throws {
        let fixture = try await Fixture.start()
        defer { Task { await fixture.stop() } }
        let bodies = [
            #"{"claim-type":"age_over18_united_kingdom","encryption-key-pem":null}"#,
            #"{"claimType":"age_over18_united_kingdom","encryptionKeyPem":null}"#,
            #"{"claim_type":"age_over18_united_kingdom","encryption_key_pem":null}"#,
        ]
        for body in bodies {
            let response = try await fixture.post(RelayPaths.createRelay, body: body)
            #expect(response.status == 200, "\(body)")
            #expect(try JSONValue.parse(response.body)["relay-token"]?.stringValue != nil, "\(body)")
        }
        let camel = try await fixture.post(
            RelayPaths.createRelay, body: bodies[0], headers: [("Key-Inflection", "camel")])
        #expect(try JSONValue.parse(camel.body)["relayToken"]?.stringValue != nil)
        let snake = try await fixture.post(
            RelayPaths.createRelay, body: bodies[0], headers: [("Key-Inflection", "snake")])
        #expect(try JSONValue.parse(snake.body)["relay_session_access_token"]?.stringValue != nil)
        let twoSpellings = try await fixture.post(
            RelayPaths.createRelay, body: #"{"claim-type":"a","claimType":"a","encryption-key-pem":null}"#)
        #expect(twoSpellings.status == 400)
        #expect(RelayErrorBody.parse(twoSpellings.body) != nil)
    }
}
