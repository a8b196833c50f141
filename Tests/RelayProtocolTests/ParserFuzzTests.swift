import RelayProtocol
import Testing

/// Every RelayProtocol parser gets random and mutated input and returns a value or a typed error, never traps.
@Suite("RelayProtocol: parsers under random and mutated input")
struct ParserFuzzTests {
    static let seeds: [String] = [
        #"{"token_type":2,"issuer_name":"withpersona.com/api/v1/privacy-passes","origin_info":"/api/privacy/v1/relays","expires_at":"2026-12-02T10:00:00Z","mac":"ab"}"#,
        #"{"token_nonce":"00","signature":"AQID","key_id":"k","challenge":{"mac":"m","token_type":2}}"#,
        #"{"errors":[{"title":"t","details":"d","code":"c","meta":{"a":[1,true,null]}}]}"#,
        #"{"claim_type":"x","claim_result":"passed","methodology":[{"method":"m","result":"r"}]}"#,
        #"{"claimType":"x","encryption_key_pem":null,"sandbox":true}"#,
    ]

    /// A deterministic generator (SplitMix64) so that a failure reproduces.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static func inputs(count: Int, seed: UInt64) -> [[UInt8]] {
        var random = SplitMix(state: seed)
        var result: [[UInt8]] = []
        let alphabet = Array(#"{}[]":,0123456789.-eE truefalsnl\abcmk_"#.utf8)
        for index in 0..<count {
            if index % 3 == 0 {
                let length = Int.random(in: 0...64, using: &random)
                result.append((0..<length).map { _ in
                    Bool.random(using: &random) ? alphabet.randomElement(using: &random) ?? 0 : UInt8.random(in: 0...255, using: &random)
                })
            } else {
                var bytes = Array(seeds[index % seeds.count].utf8)
                for _ in 0..<Int.random(in: 1...4, using: &random) where !bytes.isEmpty {
                    let position = Int.random(in: 0..<bytes.count, using: &random)
                    switch Int.random(in: 0..<4, using: &random) {
                    case 0: bytes[position] = UInt8.random(in: 0...255, using: &random)
                    case 1: bytes.remove(at: position)
                    case 2: bytes.insert(alphabet.randomElement(using: &random) ?? 0, at: position)
                    default: bytes = Array(bytes[..<position])
                    }
                }
                result.append(bytes)
            }
        }
        return result
    }

    @Test("10,000 inputs to each of the challenge, token, request-body, error-body, claim and base64 parsers")
    func fuzz() {
        var accepted = [0, 0, 0, 0, 0]
        for bytes in Self.inputs(count: 10_000, seed: 0x5EED) {
            if (try? RelayChallenge(jsonBytes: bytes)) != nil { accepted[0] += 1 }
            let text = String(decoding: bytes, as: UTF8.self)
            if (try? RelayPrivacyPassToken(encoded: RelayBase64URL.encode(bytes))) != nil { accepted[1] += 1 }
            _ = try? RelayPrivacyPassToken(encoded: text)
            if (try? RelayRequestBody.parse(bytes)) != nil { accepted[2] += 1 }
            if RelayErrorBody.parse(bytes) != nil { accepted[3] += 1 }
            if (try? RelayClaimPayload.parse(bytes)) != nil { accepted[4] += 1 }
            _ = try? RelayBase64URL.decode(text)
            _ = try? RelayBase64.decode(text)
            _ = RelayTimestamp.parse(text)
            _ = try? RelayTokenKey.publicKey(spki: bytes)
        }
        // The mutations leave a share of valid inputs, so both outcomes are exercised.
        for count in accepted { #expect(count > 0 && count < 10_000) }
    }
}
