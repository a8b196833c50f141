import PersonaRelay
import RelayProtocol
import Testing

/// relay-protocol.md §7 and §13.9: statuses to kinds, the error body, bodies that are not the error shape.
@Suite("Error mapping")
struct ErrorMappingTests {
    static let cases: [(Int, PersonaError.Kind, String)] = [
        (400, .badRequest, "Bad request"), (401, .unauthorized, "Unauthorized"), (403, .forbidden, "Forbidden"),
        (404, .notFound, "Not found"), (409, .conflict, "Internal server error"),
        (422, .unprocessableEntity, "Internal server error"), (429, .rateLimited, "Rate limited"),
        (418, .clientError, "Internal server error"), (500, .server, "Internal server error"),
        (502, .server, "Bad gateway"), (503, .server, "Service unavailable"), (504, .server, "Gateway timeout"),
        (501, .server, "Internal server error"), (302, .clientError, "Internal server error"),
    ]

    @Test("the error body's first entry, the Request-Id, the body and the rate-limit headers", arguments: cases)
    func errorBody(status: Int, kind: PersonaError.Kind, defaultTitle: String) async throws {
        let body = Array(
            #"{"errors":[{"title":"Specific","details":"why","code":"some_code","meta":{"n":1}},{"title":"second"}]}"#.utf8)
        let reply = Reply(
            status: status,
            headers: [
                (name: "Request-Id", value: "req_42"), (name: "RateLimit-Limit", value: "300"),
                (name: "RateLimit-Remaining", value: "0"), (name: "RateLimit-Reset", value: "0"),
                (name: "Retry-After", value: "0"), (name: "X-Other", value: "no"),
            ],
            body: body)
        try await withScriptedServer([{ _ in reply }]) { baseURL, _ in
            try await withPersona(baseURL, configuration: PersonaConfiguration(maxRetries: 0)) { persona in
                let error = try await expectPersonaError {
                    _ = try await persona.relays.create(claimType: "c", encryptionKeyPEM: nil)
                }
                #expect(error.kind == kind)
                #expect(error.statusCode == status)
                #expect(error.title == "Specific")
                #expect(error.details == "why")
                #expect(error.code == "some_code")
                #expect(error.meta == .object(["n": .number(1)]))
                #expect(error.requestID == "req_42")
                #expect(error.responseBody == body)
                let names = Set(error.responseHeaders.map { $0.name.lowercased() })
                #expect(names == ["request-id", "ratelimit-limit", "ratelimit-remaining", "ratelimit-reset", "retry-after"])
                #expect(error.description.contains(kind.rawValue) && error.description.contains("\(status)"))
            }
        }
    }

    @Test("no JSON error body: the status title and 'unexpected response body: <raw>'", arguments: cases)
    func unexpectedBody(status: Int, kind: PersonaError.Kind, defaultTitle: String) async throws {
        try await withScriptedServer([{ _ in .raw(status, "<html>oops</html>") }]) { baseURL, _ in
            try await withPersona(baseURL, configuration: PersonaConfiguration(maxRetries: 0)) { persona in
                let error = try await expectPersonaError {
                    _ = try await persona.relays.create(claimType: "c", encryptionKeyPEM: nil)
                }
                #expect(error.kind == kind)
                #expect(error.title == defaultTitle)
                #expect(error.details == "unexpected response body: <html>oops</html>")
                #expect(error.code == nil && error.meta == nil)
                #expect(error.responseBody == Array("<html>oops</html>".utf8))
            }
        }
    }

    @Test("JSON that is not the error shape, an empty errors array, an empty body, an empty title", arguments: [
        (#"{"message":"x"}"#, "Not found", #"unexpected response body: {"message":"x"}"#),
        (#"{"errors":[]}"#, "Not found", #"unexpected response body: {"errors":[]}"#),
        ("", "Not found", "unexpected response body: "),
        (#"{"errors":[{"title":"","details":"d"}]}"#, "Not found", "d"),
    ])
    func oddBodies(body: String, title: String, details: String) async throws {
        try await withScriptedServer([{ _ in .raw(404, body) }]) { baseURL, _ in
            try await withPersona(baseURL) { persona in
                let error = try await expectPersonaError {
                    _ = try await persona.relays.generateClaim(privacyPassToken: "t", relayToken: "r", relaySecret: "s")
                }
                #expect(error.kind == .notFound && error.title == title && error.details == details)
            }
        }
    }

    @Test("an undecodable 2xx body is a protocol error with the response's status (§13.9), not retried", arguments: [
        (200, "not json"), (200, "[1,2]"), (201, #"{"relay-token":"r"}"#),
        (200, #"{"relay-token":1,"relay-secret":"s","relay-session-access-token":"t"}"#),
    ])
    func undecodable2xx(status: Int, body: String) async throws {
        try await withScriptedServer([{ _ in .raw(status, body) }]) { baseURL, script in
            try await withPersona(baseURL) { persona in
                let error = try await expectPersonaError {
                    _ = try await persona.relays.create(claimType: "c", encryptionKeyPEM: nil)
                }
                #expect(error.kind == .protocol)
                #expect(error.statusCode == status)
                #expect(error.title == "Failed to decode Persona response")
                #expect(error.responseBody == nil)
                #expect(error.requestID == "req_test")
            }
            #expect(script.requests.count == 1)
        }
    }

    @Test("generate-claim: token-consumed must be a boolean")
    func tokenConsumedType() async throws {
        let reply = Reply.json(["claim-payload": "p", "token-consumed": "yes"])
        try await withScriptedServer([{ _ in reply }]) { baseURL, _ in
            try await withPersona(baseURL) { persona in
                let error = try await expectPersonaError {
                    _ = try await persona.relays.generateClaim(privacyPassToken: "t", relayToken: "r", relaySecret: "s")
                }
                #expect(error.kind == .protocol && error.statusCode == 200)
            }
        }
    }

    @Test("Kind(statusCode:) covers the table of §7")
    func kindTable() {
        for (status, kind, _) in Self.cases where status != 302 {
            #expect(PersonaError.Kind(statusCode: status) == kind)
        }
        #expect(PersonaError.Kind.clientError.rawValue == "PersonaError")
    }
}
