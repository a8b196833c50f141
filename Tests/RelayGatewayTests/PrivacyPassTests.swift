import HummingbirdTesting
import NIOCore
import RelayProtocol
import Testing

/// `POST /relays/privacy-passes` (relay-protocol.md §2.2–§2.4, §8) against a scripted upstream that issues passes.
@Suite struct PrivacyPassTests {
    @Test(arguments: [
        [(String, String)](), [("Authorization", "Basic dXNlcjpwYXNz")], [("Authorization", "Bearer")],
        [("Authorization", "Bearer ")], [("Authorization", "persona_sandbox_key")],
    ])
    func issue_withoutBearerKey_is401WithoutContactingUpstream(headers: [(String, String)]) async throws {
        try await withGateway(upstream: FakeIssuer.responder()) { client, upstream in
            let response = try await post(client, "/relays/privacy-passes", #"{"claim-type":"a"}"#, headers: headers)
            expectGatewayError(response, status: 401, code: "unauthorized")
            // RFC 9110 §15.5.2: the gateway's own 401 names the scheme it wants.
            #expect(response.header("WWW-Authenticate") == "Bearer")
            #expect(upstream.requests.isEmpty)
        }
    }

    @Test func issue_sandboxKey_requestsASandboxChallengeAndReturnsAVerifiedToken() async throws {
        try await withGateway(upstream: FakeIssuer.responder()) { client, upstream in
            let response = try await post(
                client, "/relays/privacy-passes", #"{"claim-type":"age_over18_germany"}"#,
                headers: [("Authorization", "Bearer persona_sandbox_abc")])
            #expect(response.status == .ok, "\(response.text)")
            #expect(response.json?.objectValue?.keys.sorted() == ["privacy-pass-token"])
            let token = try #require(response.json?["privacy-pass-token"]?.stringValue)
            let parsed = try RelayPrivacyPassToken(encoded: token)
            #expect(parsed.challenge.issuerName == RelayChallenge.documentedIssuerName)
            #expect(response.header("Request-Id") == "req_issued")

            let requests = upstream.requests
            #expect(requests.map(\.path) == [RelayPaths.challenge, RelayPaths.privacyPasses])
            #expect(requests.first?.json?["claim-type"] == .string("age_over18_germany"))
            #expect(requests.first?.json?["sandbox"] == .bool(true))
            #expect(requests.first?.headers["authorization"] == nil)
            #expect(requests.last?.headers["authorization"] == "Bearer persona_sandbox_abc")
        }
    }

    @Test(arguments: [#"{"claimType":"age_over18_germany"}"#, #"{"claim_type":"age_over18_germany"}"#])
    func issue_productionKey_sendsNoSandboxFlag(body: String) async throws {
        try await withGateway(upstream: FakeIssuer.responder()) { client, upstream in
            let response = try await post(
                client, "/relays/privacy-passes", body, headers: [("Authorization", "bearer persona_production_k")])
            #expect(response.status == .ok, "\(response.text)")
            #expect(upstream.requests.first?.json?["sandbox"] == nil)
            #expect(upstream.requests.last?.headers["authorization"] == "Bearer persona_production_k")
        }
    }

    @Test(arguments: [
        (#"{"claim-type":"a","relay-token":"relay_x"}"#, "both forms"), ("{}", "neither form"),
        (#"{"relay-token":"relay_x"}"#, "relay-token without the secret header"),
        (#"{"claim-type":7}"#, "number claim-type"), (#"{"relay-token":true}"#, "boolean relay-token"),
        ("[1]", "not an object"), ("{", "bad JSON"),
    ])
    func issue_badBody_is400WithoutContactingUpstream(body: String, reason: String) async throws {
        try await withGateway(upstream: FakeIssuer.responder()) { client, upstream in
            let response = try await post(
                client, "/relays/privacy-passes", body, headers: [("Authorization", "Bearer persona_sandbox_k")])
            expectGatewayError(response, status: 400, code: "invalid_request")
            #expect(upstream.requests.isEmpty, "\(reason)")
        }
    }

    @Test func issue_legacyForm_usesTheRelaysChallenge() async throws {
        let challenge = try FakeIssuer.challengeResponse()
        let offer = try #require(try JSONValue.parse(challenge.body).objectValue)
        let header =
            "PrivateToken challenge=\"\(offer["challenge"]?.stringValue ?? "")\", "
            + "token-key=\"\(offer["token-key"]?.stringValue ?? "")\", "
            + "token-key-id=\"\(offer["token-key-id"]?.stringValue ?? "")\""
        let responder = FakeIssuer.responder { request in
            .json(
                401, #"{"errors":[{"title":"Unauthorized","code":"privacy_pass_required"}]}"#,
                headers: [("WWW-Authenticate", header)])
        }
        try await withGateway(upstream: responder) { client, upstream in
            let response = try await post(
                client, "/relays/privacy-passes", #"{"relayToken":"relay_old"}"#,
                headers: [("Authorization", "Bearer persona_sandbox_k"), ("Persona-Relay-Secret", "s3cret")])
            #expect(response.status == .ok, "\(response.text)")
            #expect(response.json?["privacy-pass-token"]?.stringValue != nil)
            let first = try #require(upstream.requests.first)
            #expect(first.path == RelayPaths.generateClaim(relayToken: "relay_old"))
            #expect(first.headers["persona-relay-secret"] == "s3cret")
            #expect(upstream.requests.last?.path == RelayPaths.privacyPasses)
        }
    }

    @Test func issue_upstream403_passesThrough() async throws {
        let body = #"{"errors":[{"title":"Forbidden","details":"Privacy Pass for Relay is not enabled","code":"forbidden"}]}"#
        let responder = FakeIssuer.responder()
        try await withGateway(upstream: { request in
            request.path == RelayPaths.privacyPasses
                ? .json(403, body, headers: [("Request-Id", "req_forbidden")]) : await responder(request)
        }) { client, _ in
            let response = try await post(
                client, "/relays/privacy-passes", #"{"claim-type":"a"}"#, headers: [("Authorization", "Bearer k")])
            #expect(response.status.code == 403)
            #expect(response.text == body)
            #expect(response.header("Request-Id") == "req_forbidden")
        }
    }
}
