import Foundation
@testable import PrivacyPass
import RSA
import Testing

/// Random and mutated inputs to every parser: each returns a value or a PrivacyPassError, never traps, and a value
/// re-encodes to the input.
@Suite("Parsers never trap on random or mutated input")
struct FuzzTests {
    static let iterations = 10_000

    /// A mutation of `seed`: flipped bits, changed, inserted or removed bytes, truncation or extension; or, one time
    /// in eight, random bytes of a random length.
    static func mutate(_ seed: [UInt8], _ generator: inout SeededGenerator) -> [UInt8] {
        if Int.random(in: 0..<8, using: &generator) == 0 {
            return generator.bytes(Int.random(in: 0...(seed.count + 16), using: &generator))
        }
        var bytes = seed
        for _ in 0..<Int.random(in: 1...4, using: &generator) {
            switch Int.random(in: 0..<6, using: &generator) {
            case 0 where !bytes.isEmpty:
                bytes[Int.random(in: 0..<bytes.count, using: &generator)] ^= 1 << UInt8.random(in: 0..<8, using: &generator)
            case 1 where !bytes.isEmpty:
                bytes[Int.random(in: 0..<bytes.count, using: &generator)] = UInt8.random(in: .min ... .max, using: &generator)
            case 2:
                bytes.insert(UInt8.random(in: .min ... .max, using: &generator), at: Int.random(in: 0...bytes.count, using: &generator))
            case 3 where !bytes.isEmpty:
                bytes.remove(at: Int.random(in: 0..<bytes.count, using: &generator))
            case 4:
                bytes = Array(bytes.prefix(Int.random(in: 0...bytes.count, using: &generator)))
            default:
                bytes += generator.bytes(Int.random(in: 1...8, using: &generator))
            }
        }
        return bytes
    }

    /// Runs `parse` on `iterations` inputs derived from `seeds`; counts values and typed errors.
    static func fuzz(
        seeds: [[UInt8]], seed: UInt64, _ parse: ([UInt8]) throws(PrivacyPassError) -> [UInt8]?
    ) -> (values: Int, errors: Int, mismatches: Int) {
        var generator = SeededGenerator(seed: seed)
        var values = 0
        var errors = 0
        var mismatches = 0
        for index in 0..<iterations {
            let input = mutate(seeds[index % seeds.count], &generator)
            do {
                if let encoded = try parse(input), encoded != input { mismatches += 1 }
                values += 1
            } catch {
                errors += 1
            }
        }
        return (values, errors, mismatches)
    }

    static func vectorField(_ field: KeyPath<PrivacyPassVectors.IssuanceCase, String>) throws -> [[UInt8]] {
        try PrivacyPassVectors.issuance().cases.map { try bytes($0[keyPath: field]) }
    }

    @Test("TokenChallenge(bytes:)")
    func tokenChallenge() throws {
        let result = Self.fuzz(seeds: try Self.vectorField(\.token_challenge), seed: 1) { (input) throws(PrivacyPassError) in
            try TokenChallenge(bytes: input).bytes
        }
        #expect(result.values + result.errors == Self.iterations)
        #expect(result.values > 0 && result.errors > 0 && result.mismatches == 0)
    }

    @Test("Token(bytes:)")
    func token() throws {
        let result = Self.fuzz(seeds: try Self.vectorField(\.token), seed: 2) { (input) throws(PrivacyPassError) in
            try Token(bytes: input).bytes
        }
        #expect(result.values + result.errors == Self.iterations)
        #expect(result.values > 0 && result.errors > 0 && result.mismatches == 0)
    }

    @Test("TokenRequest(bytes:)")
    func tokenRequest() throws {
        let result = Self.fuzz(seeds: try Self.vectorField(\.token_request), seed: 3) { (input) throws(PrivacyPassError) in
            try TokenRequest(bytes: input).bytes
        }
        #expect(result.values + result.errors == Self.iterations)
        #expect(result.values > 0 && result.errors > 0 && result.mismatches == 0)
    }

    @Test("TokenResponse(bytes:)")
    func tokenResponse() throws {
        let result = Self.fuzz(seeds: try Self.vectorField(\.token_response), seed: 4) { (input) throws(PrivacyPassError) in
            try TokenResponse(bytes: input).bytes
        }
        #expect(result.values + result.errors == Self.iterations)
        #expect(result.values > 0 && result.errors > 0 && result.mismatches == 0)
    }

    @Test("TokenKey(spki:)")
    func tokenKey() throws {
        let seeds = try Self.vectorField(\.token_key)
        let result = Self.fuzz(seeds: seeds, seed: 5) { (input) throws(PrivacyPassError) in
            let key = try TokenKey(spki: input)
            return key.spki
        }
        #expect(result.values + result.errors == Self.iterations)
        #expect(result.values > 0 && result.errors > 0 && result.mismatches == 0)
    }

    @Test("PendingToken(rawRepresentation:)")
    func pendingToken() throws {
        let key = try #require(PrivacyPassVectors.issuerKey)
        let (_, state) = try TokenClient().request(
            for: TokenChallenge(issuerName: "issuer.example"), tokenKey: TokenKey(key.publicKey))
        let result = Self.fuzz(seeds: [state.rawRepresentation], seed: 6) { (input) throws(PrivacyPassError) in
            try PendingToken(rawRepresentation: input).rawRepresentation
        }
        #expect(result.values + result.errors == Self.iterations)
        #expect(result.errors > 0 && result.mismatches == 0)
    }

    @Test("IssuerDirectory(jsonBytes:)")
    func issuerDirectory() throws {
        let key = try #require(PrivacyPassVectors.issuerKey)
        let directory = IssuerDirectory(
            issuerRequestURI: "https://issuer.example.net/request",
            tokenKeys: [.init(try TokenKey(key.publicKey), notBefore: 1_686_913_811)])
        let seeds = [
            directory.jsonBytes,
            Array(#"{"issuer-request-uri":"/r","token-keys":[{"token-type":2,"token-key":"AQID"}],"x":[{}]}"#.utf8),
        ]
        let result = Self.fuzz(seeds: seeds, seed: 7) { (input) throws(PrivacyPassError) in
            let parsed = try IssuerDirectory(jsonBytes: input)
            // A decoded directory re-encodes and decodes to itself (the bytes may differ: spacing, padding).
            guard try IssuerDirectory(jsonBytes: parsed.jsonBytes) == parsed else { return [] }
            return nil
        }
        #expect(result.values + result.errors == Self.iterations)
        #expect(result.values > 0 && result.errors > 0 && result.mismatches == 0)
    }
}
