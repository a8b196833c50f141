import HTTPTypes
import HummingbirdTesting
import NIOCore
import RelayGateway
import RelayProtocol
import Testing

/// What every response shares (relay-protocol.md §8, §13.5): health, the OpenAPI document, 404, 405 with `Allow`,
/// `Request-Id`, and logs without secrets.
@Suite struct EnvelopeTests {
    @Test func health_isOKWithoutContactingUpstream() async throws {
        try await withGateway { client, upstream in
            let response = try await client.execute(uri: "/health", method: .get)
            #expect(response.status == .ok)
            #expect(response.text == #"{"status":"ok"}"#)
            #expect(response.header("Content-Type") == "application/json")
            #expect(response.header("Request-Id")?.hasPrefix("req_") == true)
            #expect(upstream.requests.isEmpty)
        }
    }

    @Test func openAPI_isServedAsYAMLAndNamesEveryRoute() async throws {
        try await withGateway { client, _ in
            let response = try await client.execute(uri: "/openapi.yaml", method: .get)
            #expect(response.status == .ok)
            #expect(response.header("Content-Type") == "application/yaml")
            #expect(response.text == RelayGatewayOpenAPI.document)
            #expect(response.text.hasPrefix("openapi: 3.1.0\n"))
            for path in ["/relays:", "/relays/privacy-passes:", "/relays/{relay-token}/redeem:", "/health:", "/openapi.yaml:"] {
                #expect(response.text.contains("\n  \(path)\n"), "\(path)")
            }
            #expect(!response.text.contains("\t"))
        }
    }

    @Test(arguments: ["/", "/nope", "/relays/a/b/redeem", "/relays/privacy-passes/x/y", "/api/privacy/v1/relays"])
    func unknownPath_is404InTheErrorShape(path: String) async throws {
        try await withGateway { client, upstream in
            for method in [HTTPRequest.Method.get, .post] {
                let response = try await client.execute(
                    uri: path, method: method, headers: jsonHeaders(), body: ByteBuffer(string: "{}"))
                expectGatewayError(response, status: 404, code: "not_found")
                #expect(response.firstError?.title == "Not found")
            }
            #expect(upstream.requests.isEmpty)
        }
    }

    @Test(arguments: ["/relays", "/relays/privacy-passes", "/relays/relay_abc/redeem"])
    func otherMethods_on_postRoutes_are405WithAllow(path: String) async throws {
        try await withGateway { client, upstream in
            for method in [HTTPRequest.Method.get, .put, .delete, .patch, .head, .options] {
                let response = try await client.execute(uri: path, method: method)
                #expect(response.status.code == 405, "\(method) \(path)")
                #expect(response.header("Allow") == "POST")
                #expect(response.header("Request-Id")?.hasPrefix("req_") == true)
                if method != .head {
                    #expect(response.firstError?.code == "method_not_allowed")
                    #expect(response.firstError?.title == "Method not allowed")
                }
            }
            #expect(upstream.requests.isEmpty)
        }
    }

    @Test(arguments: ["/health", "/openapi.yaml"])
    func post_on_getRoutes_is405WithAllowGET(path: String) async throws {
        try await withGateway { client, _ in
            let response = try await client.execute(uri: path, method: .post)
            expectGatewayError(response, status: 405, code: "method_not_allowed")
            #expect(response.header("Allow") == "GET")
        }
    }

    @Test func requestIDs_areFreshPerResponse() async throws {
        try await withGateway { client, _ in
            var seen = Set<String>()
            for _ in 0..<5 {
                let response = try await client.execute(uri: "/health", method: .get)
                let id = try #require(response.header("Request-Id"))
                #expect(id.count == 28)
                seen.insert(id)
            }
            #expect(seen.count == 5)
        }
    }

    @Test func logs_carryRequestLines_butNoCredentialsOrTokens() async throws {
        let (logger, store) = RecordingLogHandler.logger()
        let scripted = ScriptedResponse.json(
            409, #"{"errors":[{"title":"Conflict","code":"privacy_pass_already_redeemed"}]}"#)
        try await withGateway(upstream: { _ in scripted }, logger: logger) { client, _ in
            _ = try await post(
                client, "/relays/relay_SECRETTOKEN/redeem", #"{"privacy-pass-token":"PASSTOKEN123"}"#,
                headers: [("Persona-Relay-Secret", "RELAYSECRET9")])
            _ = try await post(
                client, "/relays/privacy-passes", #"{"relay-token":"relay_OTHER"}"#,
                headers: [("Authorization", "Bearer persona_sandbox_APIKEY7"), ("Persona-Relay-Secret", "RELAYSECRET9")])
        }
        let lines = store.all
        let requestLines = lines.filter { $0.hasPrefix("info request ") }
        #expect(requestLines.count == 2, "\(lines)")
        #expect(requestLines.first?.contains("path=/relays/{relay-token}/redeem") == true)
        #expect(requestLines.first?.contains("status=409") == true)
        #expect(requestLines.first?.contains("method=POST") == true)
        #expect(requestLines.allSatisfy { $0.contains("request-id=req_") && $0.contains("duration-ms=") })
        for secret in ["SECRETTOKEN", "PASSTOKEN123", "RELAYSECRET9", "APIKEY7", "relay_OTHER"] {
            #expect(!lines.contains { $0.contains(secret) }, "\(secret) was logged")
        }
    }
}
