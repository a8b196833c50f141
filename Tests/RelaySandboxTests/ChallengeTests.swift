import RSA
import RelayProtocol
import RelaySandbox
import Testing

import Foundation

@Suite("Challenges (§2.2, §2.3, §3)")
struct ChallengeTests {
    @Test("the challenge endpoint returns the documented challenge and an rsaEncryption key")
    func challengeEndpoint() async throws {
        try await withSandbox { client in
            let (challenge, key, keyID) = try await client.challenge()
            #expect(challenge.tokenType == 2)
            #expect(challenge.issuerName == RelayChallenge.documentedIssuerName)
            #expect(challenge.originInfo == RelayChallenge.documentedOriginInfo)
            #expect(challenge.mac.count == 64)
            let expiry = try #require(challenge.expiryDate)
            #expect(expiry.timeIntervalSinceNow > 3590 && expiry.timeIntervalSinceNow <= 7200)
            #expect(Int(expiry.timeIntervalSince1970) % 3600 == 0)
            #expect(RelayTokenKey.keyID(spki: RelayTokenKey.spki(key.key)) == keyID)
            #expect(key.key.modulusBitWidth == 2048)
            // The JSON is compact, in table order, "/" unescaped.
            let text = String(decoding: challenge.jsonBytes, as: UTF8.self)
            #expect(text.hasPrefix("{\"token_type\":2,\"issuer_name\":\"withpersona.com/api/v1/privacy-passes\""))
            // Same (environment, claim type) → same key; another claim type → another key.
            let again = try await client.challenge()
            #expect(again.keyID == keyID)
            let other = try await client.challenge(claimType: "live_human_presence")
            #expect(other.keyID != keyID)
        }
    }

    @Test("the challenge endpoint needs a claim type")
    func challengeErrors() async throws {
        try await withSandbox { client in
            let missing = try await client.send("/api/privacy/v1/relays/challenge", body: "{}")
            #expect(missing.status == 400)
            let unknown = try await client.send("/api/privacy/v1/relays/challenge", body: "{\"claimType\":\"X\"}")
            #expect(unknown.status == 422)
        }
    }

    @Test("generate-claim without a token answers 401 with a PrivateToken challenge (§2.3)")
    func legacyChallenge() async throws {
        try await withSandbox { client in
            let relay = try await client.createRelay()
            let reply = try await client.redeem(relay: relay, pass: nil)
            #expect(reply.status == 401)
            #expect(reply.errorCode == "privacy_pass_required")
            let header = try #require(reply.header("WWW-Authenticate"))
            #expect(header.hasPrefix("PrivateToken challenge=\""))
            let parameters = Self.parameters(header)
            let challenge = try RelayChallenge(base64URL: try #require(parameters["challenge"]))
            #expect(challenge.tokenType == 2)
            let spki = try RelayBase64URL.decode(try #require(parameters["token-key"]))
            #expect(RelayTokenKey.keyID(spki: spki) == parameters["token-key-id"])
            // The same key as the challenge endpoint gives for the claim type.
            let current = try await client.challenge()
            #expect(current.keyID == parameters["token-key-id"])
        }
    }

    /// The quoted parameters of a `PrivateToken` challenge.
    static func parameters(_ header: String) -> [String: String] {
        var result: [String: String] = [:]
        let body = header.dropFirst("PrivateToken ".count)
        for part in body.split(separator: ",") {
            let pieces = part.split(separator: "=", maxSplits: 1)
            guard pieces.count == 2 else { continue }
            let name = pieces[0].trimmingCharacters(in: .whitespaces)
            result[name] = pieces[1].trimmingCharacters(in: CharacterSet(charactersIn: "\" "))
        }
        return result
    }
}
