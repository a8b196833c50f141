import PersonaRelay
import RelayProtocol
import Synchronization
import Testing

/// The client's logs: one debug line per attempt, never the API key, the relay secret, tokens or bodies.
@Suite("Logging")
struct LoggingTests {
    @Test("a whole flow with retries logs attempts without any secret")
    func redaction() async throws {
        let apiKey = "persona_sandbox_APIKEY_SENTINEL"
        let secret = "RELAY_SECRET_SENTINEL"
        let capture = LogCapture()
        let issuer = TestIssuer(key: try TestKeys.signingKey())
        let session = Reply.json([
            "relay-token": "relay_TOKEN_SENTINEL", "relay-secret": .string(secret),
            "relay-session-access-token": "ACCESS_SENTINEL",
        ])
        let busy = Reply.error(503, title: "busy", details: "body-detail-sentinel")
        let claim = Reply.json(["claim-payload": "CLAIM_SENTINEL", "token-consumed": true])
        let token = Mutex("")
        try await withScriptedServer([
            { _ in busy }, { _ in session }, { _ in issuer.challengeReply }, { _ in busy }, issuer.signReply,
            { _ in .error(403, title: "pending") }, { _ in claim },
        ]) { baseURL, script in
            try await withPersona(baseURL, apiKey: apiKey, logger: capture.logger()) { persona in
                let created = try await persona.relays.create(claimType: "c", encryptionKeyPEM: nil)
                let pass = try await persona.relays.issuePrivacyPass(claimType: "c")
                token.withLock { $0 = pass.privacyPassToken }
                _ = try await persona.relays.generateClaim(
                    privacyPassToken: pass.privacyPassToken, relayToken: created.relayToken, relaySecret: created.relaySecret)
            }
            #expect(script.requests.count == 7)
        }
        let lines = capture.all
        let attempts = lines.filter { $0.hasPrefix("debug Persona request") }
        #expect(attempts.count == 7)
        #expect(attempts.allSatisfy { $0.hasPrefix("debug") && $0.contains("attempt") && $0.contains("status") })
        #expect(attempts.contains { $0.contains("/api/privacy/v1/relays/{relay-token}/generate-claim") })
        #expect(attempts.contains { $0.contains("req_test") })
        let issuedToken = token.withLock { $0 }
        #expect(!issuedToken.isEmpty)
        let forbidden = [apiKey, secret, "relay_TOKEN_SENTINEL", "ACCESS_SENTINEL", "CLAIM_SENTINEL",
                         "body-detail-sentinel", issuedToken, String(issuedToken.prefix(40)), issuer.keyID]
        for line in lines {
            for needle in forbidden where !needle.isEmpty {
                #expect(!line.contains(needle), "a log line contains a secret: \(needle.prefix(12))…")
            }
        }
    }
}
