import PersonaRelay
import RSA
import RelayProtocol
import Testing

/// relay-protocol.md §2.3: the 401 `WWW-Authenticate: PrivateToken …` challenge of generate-claim without a token.
@Suite("Legacy challenge (WWW-Authenticate)")
struct LegacyChallengeTests {
    static let apiKey = "persona_sandbox_SECRETKEY"

    static func unauthorized(_ lines: [String]) -> Reply {
        .error(401, title: "Privacy Pass required", code: "privacy_pass_required",
               headers: lines.map { (name: "WWW-Authenticate", value: $0) })
    }

    static func values(_ issuer: TestIssuer) -> (challenge: String, key: String, keyID: String) {
        (RelayBase64URL.encode(issuer.challengeJSON), RelayBase64URL.encode(issuer.spki), issuer.keyID)
    }

    /// Header variants; each must yield a token for `issuer`.
    static func variants(_ issuer: TestIssuer) -> [(String, [String])] {
        let (c, k, id) = values(issuer)
        let type1 = RelayBase64URL.encode(Array(#"{"token_type":1,"mac":"zz"}"#.utf8))
        let paddedC = c + String(repeating: "=", count: (4 - c.count % 4) % 4)
        return [
            ("quoted", [#"PrivateToken challenge="\#(c)", token-key="\#(k)", token-key-id="\#(id)""#]),
            ("unquoted", ["PrivateToken challenge=\(c), token-key=\(k), token-key-id=\(id)"]),
            ("unquoted with padding", ["PrivateToken challenge=\(paddedC), token-key=\(k), token-key-id=\(id)"]),
            ("case-insensitive scheme and names", [#"privatetoken Challenge="\#(c)",TOKEN-KEY="\#(k)" , Token-Key-Id=\#(id)"#]),
            ("unknown parameters, max-age", [#"PrivateToken max-age="10", realm="x", challenge="\#(c)", token-key="\#(k)", token-key-id="\#(id)", foo=bar"#]),
            ("after other schemes", [#"Basic realm="persona", Bearer abc==, PrivateToken challenge="\#(c)", token-key="\#(k)", token-key-id="\#(id)""#]),
            ("a token_type 1 challenge first", [#"PrivateToken challenge="\#(type1)", token-key="\#(k)", token-key-id="other", PrivateToken challenge="\#(c)", token-key="\#(k)", token-key-id="\#(id)""#]),
            ("on a second header line", [#"Basic realm="x""#, #"PrivateToken challenge="\#(c)", token-key="\#(k)", token-key-id="\#(id)""#]),
            ("quoted-pair escapes", [#"PrivateToken challenge="\#(c)", token-key="\#(k)", token-key-id="\#(id)", note="a \"q\" \\ b""#]),
        ]
    }

    @Test("every header variant yields a token; the request carries the secret and nothing else")
    func variants() async throws {
        let issuer = TestIssuer(key: try TestKeys.signingKey())
        for (name, lines) in Self.variants(issuer) {
            try await withScriptedServer([{ _ in Self.unauthorized(lines) }, issuer.signReply]) { baseURL, script in
                try await withPersona(baseURL, apiKey: Self.apiKey) { persona in
                    let issuance = try await persona.relays.issuePrivacyPass(relayToken: "relay_abc", relaySecret: "sec")
                    let token = try RelayPrivacyPassToken(encoded: issuance.privacyPassToken)
                    #expect(token.keyID == issuer.keyID, "\(name)")
                    #expect(tokenEchoesChallenge(issuance.privacyPassToken, issuer.challengeJSON), "\(name)")
                }
                let requests = script.requests
                try #require(requests.count == 2, "\(name)")
                #expect(requests[0].path == "/api/privacy/v1/relays/relay_abc/generate-claim")
                #expect(requests[0].header("Persona-Relay-Secret") == "sec")
                #expect(requests[0].header("Authorization") == nil)
                #expect(requests[0].body == Array("{}".utf8))
                #expect(requests[1].path == "/api/v1/privacy-passes")
                #expect(requests[1].header("Authorization") == "Bearer " + Self.apiKey)
                #expect(requests[1].header("Persona-Relay-Secret") == nil)
            }
        }
    }

    @Test("a 401 without a usable PrivateToken challenge is an UnauthorizedError", arguments: [
        [], ["Basic realm=\"x\""], ["PrivateToken token-key=\"abc\""], ["PrivateToken challenge=\"e30\", token-key=\"abc\""],
        ["PrivateToken challenge=\"eyJ0b2tlbl90eXBlIjoxLCJtYWMiOiJ4In0\", token-key=\"a\", token-key-id=\"b\""],
        ["PrivateToken challenge=\"unterminated"], ["PrivateToken challenge=@@"],
    ])
    func noUsableChallenge(lines: [String]) async throws {
        try await withScriptedServer([{ _ in Self.unauthorized(lines) }]) { baseURL, script in
            try await withPersona(baseURL, apiKey: Self.apiKey) { persona in
                let error = try await expectPersonaError {
                    _ = try await persona.relays.issuePrivacyPass(relayToken: "r", relaySecret: "s")
                }
                #expect(error.kind == .unauthorized && error.statusCode == 401)
                #expect(error.title == "Privacy Pass required" && error.code == "privacy_pass_required")
            }
            #expect(script.requests.count == 1)
        }
    }

    @Test("an unknown relay or wrong secret is the relay's 404")
    func unknownRelay() async throws {
        try await withScriptedServer([{ _ in .error(404, title: "Not found", code: "not_found") }]) { baseURL, script in
            try await withPersona(baseURL, apiKey: Self.apiKey) { persona in
                let error = try await expectPersonaError {
                    _ = try await persona.relays.issuePrivacyPass(relayToken: "r", relaySecret: "s")
                }
                #expect(error.kind == .notFound)
            }
            #expect(script.requests.count == 1)
        }
    }

    @Test("a 2xx instead of the challenge is a protocol error")
    func unexpectedSuccess() async throws {
        try await withScriptedServer([{ _ in .json(["claim-payload": "x", "token-consumed": true]) }]) { baseURL, _ in
            try await withPersona(baseURL, apiKey: Self.apiKey) { persona in
                let error = try await expectPersonaError {
                    _ = try await persona.relays.issuePrivacyPass(relayToken: "r", relaySecret: "s")
                }
                #expect(error.kind == .protocol)
            }
        }
    }

    @Test("a 5xx on the challenge call is retried; a 403 is not")
    func retries() async throws {
        let issuer = TestIssuer(key: try TestKeys.signingKey())
        let (c, k, id) = Self.values(issuer)
        let good = Self.unauthorized(["PrivateToken challenge=\(c), token-key=\(k), token-key-id=\(id)"])
        try await withScriptedServer([{ _ in .error(502, title: "bad") }, { _ in good }, issuer.signReply]) { baseURL, script in
            try await withPersona(baseURL, apiKey: Self.apiKey) { persona in
                _ = try await persona.relays.issuePrivacyPass(relayToken: "r", relaySecret: "s")
            }
            #expect(script.requests.count == 3)
        }
        try await withScriptedServer([{ _ in .error(403, title: "Forbidden") }]) { baseURL, script in
            try await withPersona(baseURL, apiKey: Self.apiKey) { persona in
                let error = try await expectPersonaError {
                    _ = try await persona.relays.issuePrivacyPass(relayToken: "r", relaySecret: "s")
                }
                #expect(error.kind == .forbidden)
            }
            #expect(script.requests.count == 1)
        }
    }
}
