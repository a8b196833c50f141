import RSA
import RelayProtocol
import RelaySandbox
import Testing

@Suite("Redemption in the order of §5.2")
struct RedemptionTests {
    @Test("a wrong secret is 404 even with an idempotency key that holds a stored reply (§13.3)")
    func wrongSecret() async throws {
        try await withSandbox { client in
            let relay = try await client.createRelay()
            let pass = try await client.issuePass()
            let first = try await client.redeem(relay: relay, pass: pass.encoded, idempotencyKey: "key-1")
            #expect(first.status == 200)
            let wrong = try await client.redeem(
                relay: (relay.token, "00000000-0000-4000-8000-000000000000"), pass: pass.encoded,
                idempotencyKey: "key-1")
            #expect(wrong.status == 404 && wrong.errorCode == "not_found")
            let unknown = try await client.redeem(relay: ("relay_unknown", relay.secret), pass: pass.encoded)
            #expect(unknown.status == 404)
            let noSecret = try await client.send("/api/privacy/v1/relays/\(relay.token)/generate-claim")
            #expect(noSecret.status == 404)
        }
    }

    @Test("every 401 carries a fresh WWW-Authenticate challenge")
    func unauthorizedKinds() async throws {
        var configuration = testConfiguration()
        configuration.passLifetime = 0
        try await withSandbox(configuration) { client in
            let relay = try await client.createRelay()
            let pass = try await client.issuePass()
            let token = pass.token
            // invalid_challenge: the MAC does not recompute.
            let forgedChallenge = try RelayChallenge(
                jsonBytes: Array(String(decoding: token.challenge.jsonBytes, as: UTF8.self)
                    .replacingOccurrences(of: "\"mac\":\"", with: "\"mac\":\"0").utf8))
            let forged = RelayPrivacyPassToken(
                nonceHex: token.nonceHex, signature: token.signature, keyID: token.keyID, challenge: forgedChallenge)
            // invalid_signature: one bit of the signature flipped.
            var signature = token.signature
            signature[signature.count - 1] ^= 1
            let badSignature = RelayPrivacyPassToken(
                nonceHex: token.nonceHex, signature: signature, keyID: token.keyID, challenge: token.challenge)
            // unknown_token_key: a key id the sandbox never issued.
            let unknownKey = RelayPrivacyPassToken(
                nonceHex: token.nonceHex, signature: token.signature, keyID: String(repeating: "a", count: 64),
                challenge: token.challenge)
            let cases: [(String?, String)] = [
                (nil, "privacy_pass_required"),
                (forged.encoded, "invalid_challenge"),
                (badSignature.encoded, "invalid_signature"),
                (unknownKey.encoded, "unknown_token_key"),
            ]
            for (encoded, code) in cases {
                let reply = try await client.redeem(relay: relay, pass: encoded)
                #expect(reply.status == 401 && reply.errorCode == code, "\(code): \(reply.status) \(reply.text)")
                #expect(reply.header("WWW-Authenticate")?.hasPrefix("PrivateToken challenge=\"") == true)
            }
            // A Bearer header is not a PrivateToken.
            let bearer = try await client.redeem(
                relay: relay, pass: nil, extraHeaders: ["Authorization": "Bearer \(sandboxAPIKey)"])
            #expect(bearer.status == 401 && bearer.errorCode == "privacy_pass_required")
            // privacy_pass_expired: with L = 0, past expires_at.
            _ = try await client.advanceClock(seconds: 2 * 3600 + 1)
            let expired = try await client.redeem(relay: relay, pass: pass.encoded)
            #expect(expired.status == 401 && expired.errorCode == "privacy_pass_expired")
            #expect(expired.header("WWW-Authenticate") != nil)
        }
    }

    @Test("a malformed token is 400 invalid_privacy_pass")
    func malformedToken() async throws {
        try await withSandbox { client in
            let relay = try await client.createRelay()
            for garbage in ["%%%", RelayBase64URL.encode(Array("{\"token_nonce\":1}".utf8)), "e30"] {
                let reply = try await client.redeem(relay: relay, pass: garbage)
                #expect(reply.status == 400 && reply.errorCode == "invalid_privacy_pass", "\(garbage)")
            }
        }
    }

    @Test("quoted token values and padded base64url are accepted")
    func tokenSyntax() async throws {
        try await withSandbox { client in
            let relay = try await client.createRelay()
            let pass = try await client.issuePass()
            let padding = String(repeating: "=", count: (4 - pass.encoded.count % 4) % 4)
            let reply = try await client.send(
                "/api/privacy/v1/relays/\(relay.token)/generate-claim",
                headers: [
                    "Authorization": "privatetoken  token=\"\(pass.encoded)\(padding)\", max-age=10",
                    "Persona-Relay-Secret": relay.secret,
                ])
            #expect(reply.status == 200, "\(reply.text)")
        }
    }

    @Test("another claim type is 422 claim_type_mismatch; another environment 422 environment_mismatch")
    func bindings() async throws {
        try await withSandbox { client in
            let pass = try await client.issuePass()
            let otherClaim = try await client.createRelay(claimType: "live_human_presence")
            let reply = try await client.redeem(relay: otherClaim, pass: pass.encoded)
            #expect(reply.status == 422 && reply.errorCode == "claim_type_mismatch")
            let production = try await client.createRelay(apiKey: productionAPIKey)
            let mismatch = try await client.redeem(relay: production, pass: pass.encoded)
            #expect(mismatch.status == 422 && mismatch.errorCode == "environment_mismatch")
        }
    }

    @Test("relay states: pending 403, failed refunds, passed consumes, replay on the same relay, 409 elsewhere")
    func states() async throws {
        try await withSandbox { client in
            let production = try await client.createRelay(apiKey: productionAPIKey)
            let pass = try await client.issuePass(apiKey: productionAPIKey)
            let pending = try await client.redeem(relay: production, pass: pass.encoded)
            #expect(pending.status == 403 && pending.errorCode == "relay_not_completed")

            #expect(try await client.setState(production.token, "failed").status == 204)
            let failed = try await client.redeem(relay: production, pass: pass.encoded)
            #expect(failed.status == 200 && failed.json?["token-consumed"] == .bool(false))
            let failedPayload = try RelayClaimPayload.parse(Array(try #require(failed.string("claim-payload")).utf8))
            #expect(failedPayload.claimResult == "failed")

            #expect(try await client.setState(production.token, "passed").status == 204)
            let passed = try await client.redeem(relay: production, pass: pass.encoded)
            #expect(passed.status == 200 && passed.json?["token-consumed"] == .bool(true))
            let payload = try RelayClaimPayload.parse(Array(try #require(passed.string("claim-payload")).utf8))
            #expect(payload.claimType == ageClaim && payload.claimResult == "passed")
            #expect(payload.methodology?.first?.method == "facial_age_estimation")

            let again = try await client.redeem(relay: production, pass: pass.encoded)
            #expect(again.status == 200 && again.body == passed.body)

            let other = try await client.createRelay(apiKey: productionAPIKey)
            _ = try await client.setState(other.token, "passed")
            let conflict = try await client.redeem(relay: other, pass: pass.encoded)
            #expect(conflict.status == 409 && conflict.errorCode == "privacy_pass_already_redeemed")

            let unknown = try await client.setState("relay_nope", "passed")
            #expect(unknown.status == 404)
            let badState = try await client.setState(production.token, "done")
            #expect(badState.status == 422)
        }
    }

    @Test("non-age claim types carry no methodology")
    func noMethodology() async throws {
        try await withSandbox { client in
            let relay = try await client.createRelay(claimType: "live_human_presence")
            let pass = try await client.issuePass(claimType: "live_human_presence")
            let reply = try await client.redeem(relay: relay, pass: pass.encoded)
            let text = try #require(reply.string("claim-payload"))
            #expect(text == "{\"claim_type\":\"live_human_presence\",\"claim_result\":\"passed\"}")
        }
    }

    @Test("encrypted payloads decrypt with the project's OAEP", arguments: RelaySandboxConfiguration.OAEPHash.allCases)
    func encryptedPayload(hash: RelaySandboxConfiguration.OAEPHash) async throws {
        let privateKey = try #require(RelayEncryptionKeys.pair)
        var configuration = testConfiguration()
        configuration.oaepHash = hash
        try await withSandbox(configuration) { client in
            let relay = try await client.createRelay(pem: privateKey.publicKey.pemRepresentation)
            let pass = try await client.issuePass()
            let reply = try await client.redeem(relay: relay, pass: pass.encoded)
            let ciphertext = try RelayBase64.decode(try #require(reply.string("claim-payload")))
            #expect(ciphertext.count == 256)
            let parameters = OAEPParameters(hash: hash == .sha256 ? .sha256 : .sha1)
            let plaintext = try RSAESOAEP.decrypt(ciphertext, with: privateKey, parameters: parameters)
            let payload = try RelayClaimPayload.parse(plaintext)
            #expect(payload.claimResult == "passed" && payload.claimType == ageClaim)
            let otherHash = OAEPParameters(hash: hash == .sha256 ? .sha1 : .sha256)
            #expect(throws: RSAError.self) { try RSAESOAEP.decrypt(ciphertext, with: privateKey, parameters: otherHash) }
        }
    }
}
