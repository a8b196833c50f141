import HTTPTypes
import HummingbirdTesting
import NIOCore
import RelayProtocol
import Testing

/// `POST /relays` (relay-protocol.md §2.1, §8) against a scripted upstream.
@Suite struct CreateRelayTests {
    static let created = ScriptedResponse.json(
        200, #"{"relay-token":"relay_abc","relay-secret":"secret-1","relay-session-access-token":"jwt.x.y"}"#,
        headers: [("Request-Id", "req_upstream1")])

    @Test func create_kebabBody_returnsTheRelayAndForwardsTheCall() async throws {
        try await withGateway(upstream: { _ in Self.created }) { client, upstream in
            let response = try await post(client, "/relays", #"{"claim-type":"age_over18_germany","encryption-key-pem":null}"#)
            #expect(response.status == .ok)
            #expect(response.json == .object([
                "relay-token": .string("relay_abc"), "relay-secret": .string("secret-1"),
                "relay-session-access-token": .string("jwt.x.y"),
            ]))
            #expect(response.header("Request-Id") == "req_upstream1")
            let sent = try #require(upstream.requests.first)
            #expect(upstream.requests.count == 1)
            #expect(sent.method == "POST")
            #expect(sent.path == RelayPaths.createRelay)
            #expect(sent.headers["authorization"] == nil)
            #expect(sent.json?["claim-type"] == .string("age_over18_germany"))
            #expect(sent.json?["encryption-key-pem"] == .null)
            #expect(sent.json?["sandbox"] == nil)
        }
    }

    @Test(arguments: [
        #"{"claimType":"age_over18_germany","encryptionKeyPem":"PEM","sandbox":true}"#,
        #"{"claim_type":"age_over18_germany","encryption_key_pem":"PEM","sandbox":true}"#,
        #"{"claim-type":"age_over18_germany","encryptionKeyPEM":"PEM","sandbox":true}"#,
    ])
    func create_camelAndSnakeBodies_areAccepted(body: String) async throws {
        try await withGateway(upstream: { _ in Self.created }) { client, upstream in
            let response = try await post(client, "/relays", body)
            #expect(response.status == .ok, "\(response.text)")
            let sent = try #require(upstream.requests.first)
            #expect(sent.json?["claim-type"] == .string("age_over18_germany"))
            #expect(sent.json?["encryption-key-pem"] == .string("PEM"))
            #expect(sent.json?["sandbox"] == .bool(true))
        }
    }

    @Test func create_withoutEncryptionKeyMember_sendsNull() async throws {
        try await withGateway(upstream: { _ in Self.created }) { client, upstream in
            let response = try await post(client, "/relays", #"{"claim-type":"live_human_presence"}"#)
            #expect(response.status == .ok)
            #expect(upstream.requests.first?.json?["encryption-key-pem"] == .null)
        }
    }

    @Test(arguments: [
        ("[]", "not an object"), (#""claim-type""#, "a string"), ("{", "bad JSON"), ("", "empty body"),
        (#"{"claim-type":"a"} x"#, "trailing garbage"), ("{}", "missing claim-type"),
        (#"{"claim-type":null}"#, "null claim-type"), (#"{"claim-type":5}"#, "number claim-type"),
        (#"{"claim-type":"a","encryption-key-pem":3}"#, "number PEM"),
        (#"{"claim-type":"a","sandbox":"yes"}"#, "string sandbox"),
        (#"{"claim-type":"a","claimType":"b"}"#, "two spellings"), ("\u{FF}", "not UTF-8"),
    ])
    func create_badBody_is400WithoutContactingUpstream(body: String, reason: String) async throws {
        try await withGateway(upstream: { _ in Self.created }) { client, upstream in
            let response = try await post(client, "/relays", body)
            expectGatewayError(response, status: 400, code: "invalid_request")
            #expect(response.firstError?.title == "Bad request", "\(reason)")
            #expect(upstream.requests.isEmpty, "\(reason)")
        }
    }

    @Test(arguments: [Optional("text/plain"), "application/x-www-form-urlencoded", "application/jsonx", nil])
    func create_wrongContentType_is400(contentType: String?) async throws {
        try await withGateway(upstream: { _ in Self.created }) { client, upstream in
            var headers = HTTPFields()
            if let contentType { headers[.contentType] = contentType }
            let response = try await client.execute(
                uri: "/relays", method: .post, headers: headers, body: ByteBuffer(string: #"{"claim-type":"a"}"#))
            expectGatewayError(response, status: 400, code: "invalid_request")
            #expect(upstream.requests.isEmpty)
        }
    }

    @Test func create_contentTypeWithCharset_isAccepted() async throws {
        try await withGateway(upstream: { _ in Self.created }) { client, _ in
            let response = try await client.execute(
                uri: "/relays", method: .post, headers: [.contentType: "Application/JSON; charset=utf-8"],
                body: ByteBuffer(string: #"{"claim-type":"a"}"#))
            #expect(response.status == .ok)
        }
    }

    @Test func create_oversizedBody_is400() async throws {
        try await withGateway(upstream: { _ in Self.created }) { client, upstream in
            let padding = String(repeating: "a", count: 64 * 1024)
            let response = try await post(client, "/relays", #"{"claim-type":"a","padding":""# + padding + #""}"#)
            expectGatewayError(response, status: 400, code: "invalid_request")
            #expect(upstream.requests.isEmpty)
        }
    }

    @Test func create_upstream422_passesThroughStatusBodyAndHeaders() async throws {
        let body = #"{"errors":[{"title":"Unprocessable entity","details":"bad PEM","code":"invalid_encryption_key","meta":{"bits":1024}}]}"#
        let scripted = ScriptedResponse.json(
            422, body,
            headers: [
                ("Request-Id", "req_up422"), ("RateLimit-Limit", "300"), ("RateLimit-Remaining", "299"),
                ("RateLimit-Reset", "42"), ("Persona-Organization-Id", "org_x"),
            ])
        try await withGateway(upstream: { _ in scripted }) { client, _ in
            let response = try await post(client, "/relays", #"{"claim-type":"a","encryption-key-pem":"x"}"#)
            #expect(response.status.code == 422)
            #expect(response.text == body)
            #expect(response.header("Request-Id") == "req_up422")
            #expect(response.header("RateLimit-Limit") == "300")
            #expect(response.header("RateLimit-Remaining") == "299")
            #expect(response.header("RateLimit-Reset") == "42")
            #expect(response.header("Persona-Organization-Id") == nil)
        }
    }

    @Test func create_upstream429_passesThroughRetryAfter() async throws {
        let body = #"{"errors":[{"title":"Rate limited","details":"slow down","code":"rate_limited"}]}"#
        let scripted = ScriptedResponse.json(
            429, body, headers: [("Request-Id", "req_up429"), ("Retry-After", "7"), ("RateLimit-Remaining", "0")])
        try await withGateway(upstream: { _ in scripted }) { client, _ in
            let response = try await post(client, "/relays", #"{"claim-type":"a"}"#)
            #expect(response.status.code == 429)
            #expect(response.text == body)
            #expect(response.header("Retry-After") == "7")
            #expect(response.header("RateLimit-Remaining") == "0")
            #expect(response.header("Request-Id") == "req_up429")
        }
    }

    @Test func create_upstreamErrorWithoutJSONBody_isReserialisedInTheErrorShape() async throws {
        let scripted = ScriptedResponse(status: 503, headers: [("Content-Type", "text/plain")], body: Array("down".utf8))
        try await withGateway(upstream: { _ in scripted }) { client, _ in
            let response = try await post(client, "/relays", #"{"claim-type":"a"}"#)
            #expect(response.status.code == 503)
            let error = try #require(response.firstError)
            #expect(error.title == "Service unavailable")
            #expect(error.details?.contains("down") == true)
            #expect(response.header("Request-Id")?.hasPrefix("req_") == true)
        }
    }

    @Test func create_upstreamUndecodableSuccess_is502() async throws {
        let scripted = ScriptedResponse.json(200, #"{"relay-token":5}"#)
        try await withGateway(upstream: { _ in scripted }) { client, _ in
            let response = try await post(client, "/relays", #"{"claim-type":"a"}"#)
            #expect(response.status.code == 502)
            #expect(response.firstError != nil)
        }
    }

    @Test func create_upstreamDown_is502NetworkError() async throws {
        try await withGateway(configure: { $0.upstreamBaseURL = "http://127.0.0.1:1" }) { client, _ in
            let response = try await post(client, "/relays", #"{"claim-type":"a"}"#)
            #expect(response.status.code == 502, "\(response.text)")
            #expect(response.firstError?.title == "Network error")
            #expect(response.header("Request-Id")?.hasPrefix("req_") == true)
        }
    }

    @Test func create_upstreamSlowerThanTimeout_is504() async throws {
        // Far slower than the timeout, with a loose bound, so that the test holds on a loaded machine.
        let slow = ScriptedResponse.json(200, "{}", delay: .seconds(10))
        try await withGateway(upstream: { _ in slow }, configure: { $0.upstreamTimeout = .milliseconds(300) }) {
            client, upstream in
            let start = ContinuousClock.now
            let response = try await post(client, "/relays", #"{"claim-type":"a"}"#)
            #expect(response.status.code == 504, "\(response.text)")
            #expect(response.firstError?.title == "Request to Persona timed out")
            #expect(ContinuousClock.now - start < .seconds(8))
            #expect(upstream.requests.count == 1)
        }
    }
}
