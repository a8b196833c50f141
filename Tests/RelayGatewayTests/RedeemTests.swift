import HummingbirdTesting
import NIOCore
import RelayProtocol
import Synchronization
import Testing

/// `POST /relays/{relay-token}/redeem` (relay-protocol.md §2.5, §8) against a scripted upstream.
@Suite struct RedeemTests {
    static let payload = #"{"claim_type":"age_over18_germany","claim_result":"passed","note":"a/b é"}"#
    static let claimed = ScriptedResponse(
        status: 200, headers: [("Content-Type", "application/json"), ("Request-Id", "req_claim")],
        body: JSONValue.object(["claim-payload": .string(payload), "token-consumed": .bool(true)]).serialized())

    @Test func redeem_forwardsTokenSecretAndIdempotencyKey_andPassesThePayloadThrough() async throws {
        try await withGateway(upstream: { _ in Self.claimed }) { client, upstream in
            let response = try await post(
                client, "/relays/relay_abc/redeem", #"{"privacy-pass-token":"dG9rZW4"}"#,
                headers: [("Persona-Relay-Secret", "secret-1"), ("Idempotency-Key", "my-key-1")])
            #expect(response.status == .ok, "\(response.text)")
            #expect(response.json == .object(["claim-payload": .string(Self.payload), "token-consumed": .bool(true)]))
            #expect(response.header("Request-Id") == "req_claim")
            let sent = try #require(upstream.requests.first)
            #expect(sent.path == RelayPaths.generateClaim(relayToken: "relay_abc"))
            #expect(sent.headers["authorization"] == "PrivateToken token=dG9rZW4")
            #expect(sent.headers["persona-relay-secret"] == "secret-1")
            #expect(sent.headers["idempotency-key"] == "my-key-1")
        }
    }

    @Test func redeem_withoutIdempotencyKey_generatesOneAndKeepsItAcrossRetries() async throws {
        let attempts = Counter()
        try await withGateway(
            upstream: { _ in
                attempts.next() == 0
                    ? .json(503, #"{"errors":[{"title":"Service unavailable","code":"internal_error"}]}"#)
                    : Self.claimed
            }, configure: { $0.upstreamRetries = 1 }
        ) { client, upstream in
            let response = try await post(
                client, "/relays/relay_abc/redeem", #"{"privacy_pass_token":"dG9rZW4"}"#,
                headers: [("Persona-Relay-Secret", "secret-1")])
            #expect(response.status == .ok, "\(response.text)")
            let keys = upstream.requests.map { $0.headers["idempotency-key"] }
            #expect(keys.count == 2)
            let key = try #require(keys.first ?? nil)
            #expect(key.count == 36 && key == key.lowercased())
            #expect(keys.last == key)
        }
    }

    @Test func redeem_twoCallsWithoutIdempotencyKey_useDifferentKeys() async throws {
        try await withGateway(upstream: { _ in Self.claimed }) { client, upstream in
            for _ in 0..<2 {
                let response = try await post(
                    client, "/relays/relay_abc/redeem", #"{"privacyPassToken":"dG9rZW4"}"#,
                    headers: [("Persona-Relay-Secret", "secret-1")])
                #expect(response.status == .ok)
            }
            let keys = upstream.requests.compactMap { $0.headers["idempotency-key"] }
            #expect(keys.count == 2 && keys[0] != keys[1])
        }
    }

    @Test func redeem_percentEncodedRelayToken_isDecodedOnce() async throws {
        try await withGateway(upstream: { _ in Self.claimed }) { client, upstream in
            let response = try await post(
                client, "/relays/relay%5Fabc/redeem", #"{"privacy-pass-token":"t"}"#,
                headers: [("Persona-Relay-Secret", "s")])
            #expect(response.status == .ok)
            #expect(upstream.requests.first?.path == RelayPaths.generateClaim(relayToken: "relay_abc"))
        }
    }

    @Test(arguments: [
        (#"{"privacy-pass-token":"t"}"#, [(String, String)](), "no secret"),
        ("{}", [("Persona-Relay-Secret", "s")], "no token"),
        (#"{"privacy-pass-token":1}"#, [("Persona-Relay-Secret", "s")], "number token"),
        (#"{"privacy-pass-token":"t","privacyPassToken":"u"}"#, [("Persona-Relay-Secret", "s")], "two spellings"),
        (#"{"privacy-pass-token":"t"}"#, [("Persona-Relay-Secret", "s"), ("Idempotency-Key", String(repeating: "k", count: 256))], "long key"),
        ("nope", [("Persona-Relay-Secret", "s")], "bad JSON"),
    ])
    func redeem_badInput_is400WithoutContactingUpstream(
        body: String, headers: [(String, String)], reason: String
    ) async throws {
        try await withGateway(upstream: { _ in Self.claimed }) { client, upstream in
            let response = try await post(client, "/relays/relay_abc/redeem", body, headers: headers)
            #expect(response.status.code == 400, "\(reason)")
            #expect(response.firstError != nil, "\(reason)")
            #expect(upstream.requests.isEmpty, "\(reason)")
        }
    }

    @Test func redeem_upstream409_passesThroughBodyAndHeaders() async throws {
        let body = #"{"errors":[{"title":"Conflict","details":"already redeemed","code":"privacy_pass_already_redeemed"}]}"#
        let scripted = ScriptedResponse.json(
            409, body, headers: [("Request-Id", "req_409"), ("RateLimit-Limit", "300")])
        try await withGateway(upstream: { _ in scripted }) { client, _ in
            let response = try await post(
                client, "/relays/relay_abc/redeem", #"{"privacy-pass-token":"t"}"#,
                headers: [("Persona-Relay-Secret", "s")])
            #expect(response.status.code == 409)
            #expect(response.text == body)
            #expect(response.header("Request-Id") == "req_409")
            #expect(response.header("RateLimit-Limit") == "300")
        }
    }

    @Test func redeem_upstream401_dropsWWWAuthenticate() async throws {
        let body = #"{"errors":[{"title":"Unauthorized","details":"bad token","code":"invalid_signature"}]}"#
        let scripted = ScriptedResponse.json(
            401, body,
            headers: [("Request-Id", "req_401"), ("WWW-Authenticate", #"PrivateToken challenge="x", token-key="y""#)])
        try await withGateway(upstream: { _ in scripted }) { client, _ in
            let response = try await post(
                client, "/relays/relay_abc/redeem", #"{"privacy-pass-token":"t"}"#,
                headers: [("Persona-Relay-Secret", "s")])
            #expect(response.status.code == 401)
            #expect(response.text == body)
            #expect(response.header("WWW-Authenticate") == nil)
            #expect(response.header("Request-Id") == "req_401")
        }
    }
}

/// A thread-safe call counter for scripted upstreams.
final class Counter: Sendable {
    private let value = Mutex(0)
    /// The count before this call.
    func next() -> Int { value.withLock { count in defer { count += 1 }; return count } }
}
