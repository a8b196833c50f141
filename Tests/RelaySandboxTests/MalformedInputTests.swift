import RelayProtocol
import RelaySandbox
import Testing

@Suite("Malformed input is a 4xx in the error shape, never a 5xx")
struct MalformedInputTests {
    /// A deterministic generator, so a failure can be reproduced.
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

    static let fragments = [
        "{", "}", "[", "]", "\"", ":", ",", "null", "true", "1e999", "-0", "\\u0000", "\\ud800", "claim-type",
        "claimType", "claim_type", "age_18_plus_verified", "blinded-token", "key-id", "status", "passed",
        "advance-seconds", "path", "times", "{\"a\":{\"a\":{\"a\":", "\u{FF}", "é", " ", "\n",
    ]

    @Test("a few hundred garbage bodies and headers against every route")
    func garbage() async throws {
        try await withSandbox { client in
            let relay = try await client.createRelay()
            let routes = [
                "/api/privacy/v1/relays", "/api/privacy/v1/relays/challenge", "/api/v1/privacy-passes",
                "/api/privacy/v1/relays/\(relay.token)/generate-claim", "/_sandbox/relays/\(relay.token)/state",
                "/_sandbox/clock", "/_sandbox/faults",
            ]
            let headerNames = [
                "Authorization", "Persona-Relay-Secret", "Idempotency-Key", "Persona-Version", "Key-Inflection",
            ]
            let headerValues = [
                "PrivateToken token=", "PrivateToken token=\"", "PrivateToken token=%%%", "Bearer", "Bearer ",
                "PrivateToken ,,,", "PrivateToken token=e30", relay.secret, "camel", "x", "PrivateToken token=\"\\",
            ]
            var random = SplitMix(state: 0x5EED)
            for iteration in 0..<400 {
                let route = routes[iteration % routes.count]
                var body = ""
                for _ in 0..<Int.random(in: 0...12, using: &random) {
                    body += Self.fragments.randomElement(using: &random) ?? ""
                }
                var headers: [String: String] = [:]
                for _ in 0..<Int.random(in: 0...3, using: &random) {
                    if let name = headerNames.randomElement(using: &random),
                        let value = headerValues.randomElement(using: &random)
                    {
                        headers[name] = value
                    }
                }
                if route.contains("generate-claim"), Bool.random(using: &random) {
                    headers["Persona-Relay-Secret"] = relay.secret
                }
                let reply = try await client.send(route, body: body, headers: headers)
                #expect((200..<500).contains(reply.status), "\(route) \(body) \(headers) → \(reply.status)")
                if reply.status >= 400 {
                    #expect(reply.errorCode != nil && reply.error?["title"] != nil, "\(reply.text)")
                }
            }
        }
    }

    @Test("bodies that are not UTF-8, deep nesting and huge numbers are 400")
    func hostileBodies() async throws {
        try await withSandbox { client in
            let bodies: [[UInt8]] = [
                [0xFF, 0xFE, 0x00], Array("{\"claim-type\":\"\u{FF}".utf8) + [0xC3],
                Array((String(repeating: "[", count: 5000) + String(repeating: "]", count: 5000)).utf8),
                Array("{\"claim-type\":\"age_18_plus_verified\"} trailing".utf8),
                Array("{\"claim-type\":1e999999}".utf8),
            ]
            for body in bodies {
                for path in ["/api/privacy/v1/relays", "/api/privacy/v1/relays/challenge", "/_sandbox/clock"] {
                    let reply = try await client.send(path, bytes: body)
                    #expect(reply.status == 400 && reply.errorCode == "invalid_request", "\(path) \(reply.text)")
                }
            }
        }
    }
}
