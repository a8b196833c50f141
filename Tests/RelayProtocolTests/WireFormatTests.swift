import Crypto
import Foundation
import RSA
import RelayProtocol
import Testing

/// Known answers for Persona Relay's wire format (relay-protocol.md §3, §4), computed independently (Python's
/// `hmac`/`hashlib`) where the value is a hash.
@Suite("RelayProtocol: wire format")
struct WireFormatTests {
    @Test("§3: the sandbox MAC matches an independent HMAC-SHA256 over the LF-joined fields")
    func challengeMAC() throws {
        let key = Array(0..<32).map(UInt8.init)
        let mac = RelayChallenge.mac(
            tokenType: 2, issuerName: RelayChallenge.documentedIssuerName,
            originInfo: RelayChallenge.documentedOriginInfo, expiresAt: "2026-12-02T10:00:00Z", key: key)
        #expect(mac == "6b41f204a4be368a45efbc73624af7837dfae7427519641f66c5fcd81ad4114d")
    }

    @Test("§3: an issued challenge is compact JSON in the table's member order with '/' unescaped")
    func issuedChallengeShape() throws {
        let key = Array(repeating: UInt8(7), count: 32)
        let challenge = RelayChallenge.issue(
            issuerName: RelayChallenge.documentedIssuerName, originInfo: RelayChallenge.documentedOriginInfo,
            expiresAt: "2026-12-02T10:00:00Z", macKey: key)
        let text = String(decoding: challenge.jsonBytes, as: UTF8.self)
        #expect(
            text
                == "{\"token_type\":2,\"issuer_name\":\"withpersona.com/api/v1/privacy-passes\",\"origin_info\":\"/api/privacy/v1/relays\",\"expires_at\":\"2026-12-02T10:00:00Z\",\"mac\":\"\(challenge.mac)\"}"
        )
        #expect(challenge.mac.count == 64)
        #expect(challenge.hasValidMAC(key: key))
        #expect(!challenge.hasValidMAC(key: Array(repeating: 8, count: 32)))
        let decoded = try RelayChallenge(base64URL: challenge.base64URL)
        #expect(decoded == challenge)
        #expect(!challenge.base64URL.contains("="))
    }

    @Test("§3: a forged field breaks the MAC")
    func forgedExpiry() throws {
        let key = Array(repeating: UInt8(1), count: 32)
        let genuine = RelayChallenge.issue(
            issuerName: "i", originInfo: "o", expiresAt: "2026-12-02T10:00:00Z", macKey: key)
        let forged = try RelayChallenge(
            jsonBytes: Array(
                String(decoding: genuine.jsonBytes, as: UTF8.self).replacingOccurrences(
                    of: "2026-12-02T10", with: "2027-12-02T10"
                ).utf8))
        #expect(!forged.hasValidMAC(key: key))
    }

    @Test("§3: the client keeps the challenge verbatim, unknown members included, and the token echoes it")
    func verbatimChallenge() throws {
        let json = #"{"token_type":2,"issuer_name":"persona","origin_info":"https://withpersona.com","expires_at":"2030-01-01T00:00:00Z","mac":"abc","extra":{"z":[1,2]}}"#
        let challenge = try RelayChallenge(jsonBytes: Array(json.utf8))
        #expect(challenge.mac == "abc")
        #expect(challenge.issuerName == "persona")
        #expect(challenge.tokenType == 2)
        let token = RelayPrivacyPassToken(
            nonceHex: String(repeating: "a", count: 64), signature: [1, 2, 3], keyID: "kid", challenge: challenge)
        let tokenJSON = String(decoding: try RelayBase64URL.decode(token.encoded), as: UTF8.self)
        #expect(
            tokenJSON
                == "{\"token_nonce\":\"\(String(repeating: "a", count: 64))\",\"signature\":\"AQID\",\"key_id\":\"kid\",\"challenge\":\(json)}"
        )
        let decoded = try RelayPrivacyPassToken(encoded: token.encoded)
        #expect(decoded.nonceHex == token.nonceHex)
        #expect(decoded.signature == [1, 2, 3])
        #expect(decoded.keyID == "kid")
        #expect(decoded.challenge.mac == "abc")
        #expect(decoded.challenge.expiresAt == "2030-01-01T00:00:00Z")
        #expect(decoded.tokenInput == token.tokenInput)
    }

    @Test("§4.6: the server reads a token with its members in any order and with padding")
    func tokenAnyOrderPadded() throws {
        let json = #"{"challenge":{"mac":"m","token_type":2},"key_id":"k","signature":"AQI","token_nonce":"00"}"#
        var encoded = RelayBase64URL.encode(Array(json.utf8))
        while encoded.count % 4 != 0 { encoded += "=" }
        let token = try RelayPrivacyPassToken(encoded: encoded)
        #expect(token.signature == [1, 2])
        #expect(token.keyID == "k")
        #expect(token.challenge.mac == "m")
    }

    @Test(
        "§4.6: malformed tokens are typed errors",
        arguments: [
            "", "!!!", RelayBase64URL.encode(Array("[]".utf8)), RelayBase64URL.encode(Array("{}".utf8)),
            RelayBase64URL.encode(Array(#"{"token_nonce":1,"signature":"AA","key_id":"k","challenge":{"mac":"m"}}"#.utf8)),
            RelayBase64URL.encode(Array(#"{"token_nonce":"n","signature":"A","key_id":"k","challenge":{"mac":"m"}}"#.utf8)),
            RelayBase64URL.encode(Array(#"{"token_nonce":"n","signature":"AA","key_id":"k","challenge":"x"}"#.utf8)),
            RelayBase64URL.encode(Array(#"{"token_nonce":"n","signature":"AA","key_id":"k","challenge":{"mac":""}}"#.utf8)),
            RelayBase64URL.encode(Array(#"{"token_nonce":"n","signature":"AA","challenge":{"mac":"m"}}"#.utf8)),
        ])
    func malformedTokens(encoded: String) {
        #expect(throws: RelayProtocolError.self) { try RelayPrivacyPassToken(encoded: encoded) }
    }

    @Test("§3: a challenge without a non-empty string mac, or not an object, is refused")
    func malformedChallenges() {
        for json in ["{}", #"{"mac":""}"#, #"{"mac":5}"#, "[]", "\"mac\"", "{", "nul"] {
            #expect(throws: RelayProtocolError.self, "\(json)") { try RelayChallenge(jsonBytes: Array(json.utf8)) }
        }
        #expect(throws: RelayProtocolError.self) { try RelayChallenge(base64URL: "e30+") }
    }

    @Test("§4.2: the 98-byte token input hashes the texts (independent known answer)")
    func tokenInput() {
        let input = RelayTokenInput.make(
            nonceHex: String(repeating: "ab", count: 32), mac: String(repeating: "cd", count: 32),
            keyID: String(repeating: "ef", count: 32))
        #expect(input.count == 98)
        let expected =
            "0002271a413bd339c5709fdceaec41f14f11e9fbfb5042d72d331c65f32b284cd09a3985dac9133f8144ae1ab001dd0a29dffdddb1bf14a5f95aa24c8eed2e5bde2c86ff9fd571dc3dde40e1777e61268053925caa1e7c01df7627f27f5b518c9b3d"
        #expect(input.map { String(format: "%02x", $0) }.joined() == expected)
    }

    @Test("§4.1: nonces are 64 lowercase hex characters and differ")
    func nonces() {
        let a = RelayPrivacyPassToken.randomNonceHex()
        let b = RelayPrivacyPassToken.randomNonceHex()
        #expect(a.count == 64 && b.count == 64)
        #expect(a != b)
        #expect(a.allSatisfy { "0123456789abcdef".contains($0) })
    }

    @Test("§3: expiry is now + 1 h rounded up to the hour; timestamps round-trip")
    func expiry() throws {
        let base = try #require(RelayTimestamp.parse("2026-12-02T09:00:00Z"))
        #expect(RelayTimestamp.challengeExpiry(for: base) == "2026-12-02T10:00:00Z")
        #expect(RelayTimestamp.challengeExpiry(for: base.addingTimeInterval(1)) == "2026-12-02T11:00:00Z")
        #expect(RelayTimestamp.challengeExpiry(for: base.addingTimeInterval(3599)) == "2026-12-02T11:00:00Z")
        let leap = try #require(RelayTimestamp.parse("2028-02-29T23:59:59Z"))
        #expect(RelayTimestamp.format(leap) == "2028-02-29T23:59:59Z")
        #expect(RelayTimestamp.parse("2027-02-29T00:00:00Z") == nil)
        #expect(RelayTimestamp.parse("2026-12-02T24:00:00Z") == nil)
        #expect(RelayTimestamp.parse("2026-12-02 10:00:00Z") == nil)
        #expect(RelayTimestamp.parse("2026-12-02T10:00:00+00:00") == nil)
        // Against Foundation's ISO 8601 formatter over a spread of instants.
        let formatter = ISO8601DateFormatter()
        for seconds in stride(from: -2_000_000_000, to: 4_000_000_000, by: 7_777_777) {
            let date = Date(timeIntervalSince1970: TimeInterval(seconds))
            #expect(RelayTimestamp.format(date) == formatter.string(from: date))
            #expect(RelayTimestamp.parse(formatter.string(from: date)) == date)
        }
    }

    @Test("§1, §13.4: key normalisation and re-spelling")
    func keyInflection() {
        let cases: [(String, String)] = [
            ("claim-type", "claim-type"), ("claimType", "claim-type"), ("claim_type", "claim-type"),
            ("encryptionKeyPEM", "encryption-key-pem"), ("encryptionKeyPem", "encryption-key-pem"),
            ("encryption_key_pem", "encryption-key-pem"), ("ClaimType", "claim-type"), ("CLAIMTYPE", "claimtype"), ("advance-seconds", "advance-seconds"),
            ("advanceSeconds", "advance-seconds"), ("keyId", "key-id"), ("blindedToken", "blinded-token"),
        ]
        for (input, expected) in cases { #expect(KeyInflection.normalize(input) == expected, "\(input)") }
        #expect(KeyInflection.camel.spell("relay-session-access-token") == "relaySessionAccessToken")
        #expect(KeyInflection.snake.spell("relay-session-access-token") == "relay_session_access_token")
        #expect(KeyInflection.kebab.spell("relay-token") == "relay-token")
        #expect(KeyInflection(headerValue: " Camel ") == .camel)
        #expect(KeyInflection(headerValue: "pascal") == nil)
    }

    @Test("§1: request bodies in three spellings read alike; two spellings of one key are refused")
    func requestBodies() throws {
        for body in [#"{"claim-type":"x"}"#, #"{"claimType":"x"}"#, #"{"claim_type":"x"}"#] {
            #expect(try RelayRequestBody.parse(Array(body.utf8))["claim-type"]?.stringValue == "x")
        }
        #expect(try RelayRequestBody.parse(Array("".utf8)).isEmpty)
        #expect(throws: RelayProtocolError(.duplicateKey, "two spellings of the key \"claim-type\"")) {
            try RelayRequestBody.parse(Array(#"{"claimType":"x","claim_type":"y"}"#.utf8))
        }
        #expect(throws: RelayProtocolError.self) { try RelayRequestBody.parse(Array("[1]".utf8)) }
        #expect(throws: RelayProtocolError.self) { try RelayRequestBody.parse(Array("{\"a\":".utf8)) }
        #expect(throws: RelayProtocolError.self) { try RelayRequestBody.parse([0x7B, 0xFF, 0x7D]) }
    }

    @Test("§1, §6: base64url and standard base64 accept both paddings; garbage is refused")
    func base64Forms() throws {
        let bytes: [UInt8] = [0xFB, 0xFF, 0xBF, 0x01]
        #expect(RelayBase64URL.encode(bytes) == "-_-_AQ")
        #expect(try RelayBase64URL.decode("-_-_AQ") == bytes)
        #expect(try RelayBase64URL.decode("-_-_AQ==") == bytes)
        #expect(throws: RelayProtocolError.self) { try RelayBase64URL.decode("+/+/AQ") }
        #expect(RelayBase64.encode(bytes) == "+/+/AQ==")
        #expect(try RelayBase64.decode("+/+/AQ==") == bytes)
        #expect(try RelayBase64.decode("+/+/AQ") == bytes)
        #expect(try RelayBase64.decode("-_-_AQ") == bytes)
        #expect(throws: RelayProtocolError.self) { try RelayBase64.decode("+_+/AQ") }
        #expect(throws: RelayProtocolError.self) { try RelayBase64.decode("A") }
        #expect(Data(base64Encoded: RelayBase64.encode(bytes)) == Data(bytes))
    }

    @Test("§7: error bodies round-trip; §6: claim payloads parse and serialise compactly")
    func errorBodyAndClaim() throws {
        let body = RelayErrorBody(title: "Conflict", details: "already \"redeemed\"", code: "privacy_pass_already_redeemed", meta: .object(["n": .number(1)]))
        let bytes = body.serialized()
        #expect(String(decoding: bytes, as: UTF8.self) == #"{"errors":[{"title":"Conflict","details":"already \"redeemed\"","code":"privacy_pass_already_redeemed","meta":{"n":1}}]}"#)
        #expect(RelayErrorBody.parse(bytes) == body)
        #expect(RelayErrorBody.parse(Array("{\"errors\":[]}".utf8)) == nil)
        #expect(RelayErrorBody.parse(Array("<html>".utf8)) == nil)
        #expect(RelayErrorBody.parse(Array(#"{"errors":[{"details":"x"}]}"#.utf8)) == nil)
        // §7: clients read errors[0]; a malformed later entry does not hide it.
        let mixed = RelayErrorBody.parse(Array(#"{"errors":[{"title":"Conflict","code":"c"},{"details":"x"},7]}"#.utf8))
        #expect(mixed == RelayErrorBody(title: "Conflict", code: "c"))

        let claim = RelayClaimPayload(
            claimType: "age_over18_united_kingdom", claimResult: "passed",
            methodology: [.init(method: "facial_age_estimation", result: "passed")])
        let text = String(decoding: claim.serialized(), as: UTF8.self)
        #expect(text == #"{"claim_type":"age_over18_united_kingdom","claim_result":"passed","methodology":[{"method":"facial_age_estimation","result":"passed"}]}"#)
        #expect(try RelayClaimPayload.parse(claim.serialized()) == claim)
        let plain = try RelayClaimPayload.parse(Array(#"{"claim_result":"failed","claim_type":"x","future":1}"#.utf8))
        #expect(plain.methodology == nil && !plain.passed)
        #expect(throws: RelayProtocolError.self) { try RelayClaimPayload.parse(Array(#"{"claim_type":"x"}"#.utf8)) }
        #expect(throws: RelayProtocolError.self) {
            try RelayClaimPayload.parse(Array(#"{"claim_type":"x","claim_result":"passed","methodology":{}}"#.utf8))
        }
    }

    @Test("§2: paths; a relay token is percent-encoded as one segment")
    func paths() {
        #expect(RelayPaths.generateClaim(relayToken: "relay_abc") == "/api/privacy/v1/relays/relay_abc/generate-claim")
        #expect(RelayPaths.generateClaim(relayToken: "a/b c") == "/api/privacy/v1/relays/a%2Fb%20c/generate-claim")
    }
}
