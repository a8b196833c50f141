import RSA
import RelayProtocol
import RelaySandbox
import Testing

/// §5.2's order for tokens whose shape is right but whose challenge or signature is not: step 5 checks only the
/// members' JSON types (400), the challenge's mac belongs to step 6 (401 invalid_challenge) and the signature's
/// encoding to step 11 (401 invalid_signature), each with a fresh WWW-Authenticate. And §1 + §5.4: a replay is
/// spelled for the retry's own Key-Inflection.
@Suite("Redemption: step order for malformed challenges and signatures; replays re-spelled")
struct StepOrderTests {
    static func encode(_ json: String) -> String { RelayBase64URL.encode(Array(json.utf8)) }

    @Test("no mac, a numeric mac or an undecodable signature are 401s of steps 6 and 11, not 400s")
    func stepOrder() async throws {
        try await withSandbox { client in
            let relay = try await client.createRelay()
            let pass = try await client.issuePass()
            let token = pass.token
            let challenge = String(decoding: token.challenge.jsonBytes, as: UTF8.self)
            let nonce = JSONValue.string(token.nonceHex).serialized()
            let keyID = JSONValue.string(token.keyID).serialized()
            let signature = JSONValue.string(RelayBase64URL.encode(token.signature)).serialized()
            func tokenJSON(signature: [UInt8], challenge: String) -> String {
                "{\"token_nonce\":\(String(decoding: nonce, as: UTF8.self)),\"signature\":\(String(decoding: signature, as: UTF8.self)),\"key_id\":\(String(decoding: keyID, as: UTF8.self)),\"challenge\":\(challenge)}"
            }
            let withoutMAC = challenge.replacingOccurrences(of: ",\"mac\":\"\(token.challenge.mac)\"", with: "")
            let numericMAC = challenge.replacingOccurrences(of: "\"\(token.challenge.mac)\"", with: "5")
            #expect(withoutMAC != challenge && numericMAC != challenge)
            let cases: [(String, Int, String)] = [
                (tokenJSON(signature: signature, challenge: withoutMAC), 401, "invalid_challenge"),
                (tokenJSON(signature: signature, challenge: numericMAC), 401, "invalid_challenge"),
                (tokenJSON(signature: Array("\"!!!\"".utf8), challenge: challenge), 401, "invalid_signature"),
                (tokenJSON(signature: Array("7".utf8), challenge: challenge), 400, "invalid_privacy_pass"),
                (tokenJSON(signature: signature, challenge: "\"not an object\""), 400, "invalid_privacy_pass"),
            ]
            for (json, status, code) in cases {
                let reply = try await client.redeem(relay: relay, pass: Self.encode(json))
                #expect(reply.status == status && reply.errorCode == code, "\(json): \(reply.status) \(reply.text)")
                if status == 401 {
                    #expect(reply.header("WWW-Authenticate")?.hasPrefix("PrivateToken challenge=\"") == true)
                }
            }
            // The genuine token still redeems: none of the refusals spent it.
            let genuine = try await client.redeem(relay: relay, pass: pass.encoded)
            #expect(genuine.status == 200)
        }
    }

    @Test("an idempotent replay answers in the retry's Key-Inflection")
    func replayRespelled() async throws {
        try await withSandbox { client in
            let relay = try await client.createRelay()
            let pass = try await client.issuePass()
            let first = try await client.redeem(relay: relay, pass: pass.encoded, idempotencyKey: "replay-key")
            #expect(first.status == 200 && first.json?["claim-payload"] != nil)
            let camel = try await client.redeem(
                relay: relay, pass: pass.encoded, idempotencyKey: "replay-key", extraHeaders: ["Key-Inflection": "camel"])
            #expect(camel.status == 200)
            #expect(camel.json?["claimPayload"] == first.json?["claim-payload"], "\(camel.text)")
            #expect(camel.json?["tokenConsumed"] == .bool(true))
            let snake = try await client.redeem(
                relay: relay, pass: pass.encoded, idempotencyKey: "replay-key", extraHeaders: ["Key-Inflection": "snake"])
            #expect(snake.json?["claim_payload"] == first.json?["claim-payload"], "\(snake.text)")
        }
    }
}
