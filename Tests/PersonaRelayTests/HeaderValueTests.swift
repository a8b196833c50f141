import PersonaRelay
import Testing

/// A caller's string that cannot travel in a header (a control character other than tab) is a local 400: never
/// sent, never retried, and never echoed in the error (it may be a credential).
@Suite("Header values from the caller")
struct HeaderValueTests {
    static let reply = Reply.json(["claim-payload": "{}", "token-consumed": true])

    @Test("control characters in a token, secret or API key are refused before any request", arguments: ["\u{01}", "\u{1F}", "\u{7F}", "\r", "\n", "\u{00}"])
    func controlCharacters(character: String) async throws {
        try await withScriptedServer([{ _ in Self.reply }]) { baseURL, script in
            try await withPersona(baseURL, apiKey: "persona_production_k\(character)ey") { persona in
                let secretToken = "tok\(character)en-value"
                let tokenError = try await expectPersonaError {
                    _ = try await persona.relays.generateClaim(
                        privacyPassToken: secretToken, relayToken: "relay_a", relaySecret: "s")
                }
                #expect(tokenError.kind == .badRequest && tokenError.statusCode == 400)
                #expect(!"\(tokenError)".contains(secretToken))
                let secretError = try await expectPersonaError {
                    _ = try await persona.relays.generateClaim(
                        privacyPassToken: "t", relayToken: "relay_a", relaySecret: "se\(character)cret")
                }
                #expect(secretError.kind == .badRequest)
                #expect(!"\(secretError)".contains("se\(character)cret"))
                let keyError = try await expectPersonaError {
                    _ = try await persona.relays.issuePrivacyPass(claimType: "c")
                }
                #expect(keyError.kind == .badRequest || keyError.kind == .unauthorized, "\(keyError)")
                #expect(!"\(keyError)".contains("persona_production_k\(character)ey"))
            }
            #expect(script.requests.count <= 1, "at most the challenge request, which carries no API key")
        }
    }

    @Test("a tab is allowed (RFC 9110 field value)")
    func tabAllowed() async throws {
        try await withScriptedServer([{ _ in Self.reply }]) { baseURL, script in
            try await withPersona(baseURL) { persona in
                _ = try await persona.relays.generateClaim(
                    privacyPassToken: "t", relayToken: "relay_a", relaySecret: "se\tcret")
            }
            #expect(script.requests.count == 1)
        }
    }

    @Test("an invalid Idempotency-Key is 400 invalid_idempotency_key (§13.3)")
    func invalidIdempotencyKey() async throws {
        try await withScriptedServer([{ _ in Self.reply }]) { baseURL, script in
            try await withPersona(baseURL) { persona in
                let error = try await expectPersonaError {
                    _ = try await persona.relays.generateClaim(
                        privacyPassToken: "t", relayToken: "relay_a", relaySecret: "s", idempotencyKey: "has space")
                }
                #expect(error.statusCode == 400 && error.code == "invalid_idempotency_key")
            }
            #expect(script.requests.isEmpty)
        }
    }
}
