import BigNum
import Crypto
import Foundation
@testable import PrivacyPass
@testable import RSA
import Testing

/// The draft-ietf-privacypass-batched-tokens-07 generic-batch vectors (Vectors/batched-tokens/), parsed from the
/// draft's YAML-like layout: `issuance:` entries (`- type: ...` then fields), then `token_request` and
/// `token_response`; hex values wrapped over several lines.
enum GenericBatchVectors {
    struct Vector {
        var number: Int
        var entries: [[String: String]] = []
        var fields: [String: String] = [:]
    }

    /// The draft's file as published, in the shared vector set beside the package (`../shared/vectors/`, as the
    /// Wycheproof runs read it): not copied into `Vectors/`, which holds converted values only.
    static let file = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
        .appendingPathComponent("shared/vectors/batched-tokens/generic-batch-test-vectors.txt")

    /// Whether the shared vector set is present.
    static var isPresent: Bool { FileManager.default.fileExists(atPath: file.path) }

    static func load() throws -> [Vector] {
        let text = try String(contentsOf: file, encoding: .utf8)
        guard let start = text.range(of: "// Test vector 1:") else { throw HexError() }
        var vectors: [Vector] = []
        var current: Vector?
        var key: String?
        var inEntry = false
        func store(_ k: String, _ v: String, into vector: inout Vector, entry: Bool) {
            if entry { vector.entries[vector.entries.count - 1][k, default: ""] += v } else { vector.fields[k, default: ""] += v }
        }
        for raw in text[start.lowerBound...].split(separator: "\n", omittingEmptySubsequences: false) {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("// Test vector ") {
                if let current { vectors.append(current) }
                let number = Int(line.dropFirst("// Test vector ".count).dropLast()) ?? -1
                current = Vector(number: number)
                key = nil
                inEntry = false
                continue
            }
            guard current != nil, !line.isEmpty else { continue }
            if line == "issuance:" { inEntry = true; key = nil; continue }
            var body = Substring(line)
            if body.hasPrefix("- ") {
                body = body.dropFirst(2)
                current!.entries.append([:])
            }
            if let colon = body.firstIndex(of: ":") {
                let k = String(body[..<colon])
                let v = body[body.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                // The batch-level fields start at column 0.
                if raw.first != " " && raw.first != "-" { inEntry = false }
                key = k
                store(k, v, into: &current!, entry: inEntry)
            } else if let key, body.allSatisfy(\.isHexDigit) {
                store(key, String(body), into: &current!, entry: inEntry)
            }
        }
        if let current { vectors.append(current) }
        return vectors
    }
}

@Suite("Generic batched issuance (draft-ietf-privacypass-batched-tokens-07 §6)")
struct BatchedTests {
    // MARK: QUIC varints

    @Test("Varints round trip at every length boundary, minimally encoded")
    func varintRoundTrips() throws {
        let values: [(UInt64, Int)] = [
            (0, 1), (37, 1), (63, 1), (64, 2), (15_293, 2), (16_383, 2), (16_384, 4), (494_878_333, 4),
            ((1 << 30) - 1, 4), (1 << 30, 8), (151_288_809_941_952_652, 8), (QUICVarint.maxValue, 8),
        ]
        for (value, length) in values {
            let encoded = try QUICVarint.encode(value)
            #expect(encoded.count == length, "\(value)")
            #expect(try QUICVarint.decode(encoded) == value)
        }
        // RFC 9000 §A.1 examples.
        #expect(try QUICVarint.encode(151_288_809_941_952_652) == (try bytes("c2197c5eff14e88c")))
        #expect(try QUICVarint.encode(494_878_333) == (try bytes("9d7f3e7d")))
        #expect(try QUICVarint.encode(15_293) == (try bytes("7bbd")))
        #expect(try QUICVarint.encode(37) == [0x25])
        #expect(privacyPassError { _ = try QUICVarint.encode(QUICVarint.maxValue + 1) }?.code == .malformed)
        var generator = SeededGenerator(seed: 0x7661_7269)
        for _ in 0..<2000 {
            let value = UInt64.random(in: 0...QUICVarint.maxValue, using: &generator) >> UInt64.random(in: 0...62, using: &generator)
            #expect(try QUICVarint.decode(try QUICVarint.encode(value)) == value)
        }
    }

    @Test("Non-minimal, truncated and trailing varints are malformed")
    func varintRejections() throws {
        // RFC 9000 §A.1: 0x4025 is 37 in two bytes: valid QUIC, but not minimal, so refused here.
        for hex in ["4025", "4000", "403f", "80000000", "80003fff", "c000000000000000", "c00000003fffffff"] {
            #expect(privacyPassError { _ = try QUICVarint.decode(try bytes(hex)) }?.code == .malformed, "\(hex)")
        }
        for hex in ["", "40", "8000", "c0000000000000", "2500"] {
            #expect(privacyPassError { _ = try QUICVarint.decode(try bytes(hex)) }?.code == .malformed, "\(hex)")
        }
        // A non-minimal length prefix on a whole batch is malformed too.
        #expect(privacyPassError { _ = try GenericBatchTokenRequest(bytes: [0x40, 0x00]) }?.code == .malformed)
        #expect(try GenericBatchTokenRequest(bytes: [0x00]).requests.isEmpty)
        #expect(privacyPassError { _ = try GenericBatchTokenResponse(bytes: [0x40, 0x01, 0x00]) }?.code == .malformed)
    }

    // MARK: optional presence octet

    @Test("The optional presence octet must be 0 or 1")
    func presenceOctet() throws {
        #expect(try GenericBatchTokenResponse(bytes: [0x01, 0x00]).responses == [nil])
        #expect(try GenericBatchTokenResponse(bytes: [0x02, 0x00, 0x00]).responses == [nil, nil])
        for octet in [UInt8(2), 3, 0x7f, 0x80, 0xff] {
            #expect(privacyPassError { _ = try GenericBatchTokenResponse(bytes: [0x01, octet]) }?.code == .malformed)
            let present = [UInt8(1), 0x00, 0x02] + [UInt8](repeating: 7, count: 256)
            var body = present + [octet]
            var encoded: [UInt8] = []
            encoded.appendVectorV(body)
            #expect(privacyPassError { _ = try GenericBatchTokenResponse(bytes: encoded) }?.code == .malformed)
            body = [octet] + present
            encoded = []
            encoded.appendVectorV(body)
            #expect(privacyPassError { _ = try GenericBatchTokenResponse(bytes: encoded) }?.code == .malformed)
        }
        // A present entry of an unknown type cannot be framed; a truncated one is malformed.
        #expect(privacyPassError { _ = try GenericBatchTokenResponse(bytes: [0x03, 0x01, 0x00, 0x03]) }?.code == .unsupportedTokenType)
        #expect(privacyPassError { _ = try GenericBatchTokenResponse(bytes: [0x04, 0x01, 0x00, 0x02, 0x00]) }?.code == .malformed)
        #expect(privacyPassError { _ = try GenericBatchTokenRequest(bytes: [0x02, 0x00, 0x03]) }?.code == .unsupportedTokenType)
    }

    // MARK: vectors

    @Test(
        "The eight draft vectors: framing parses and re-encodes; every 0x0002 element reproduces byte for byte",
        .enabled(if: GenericBatchVectors.isPresent, "../shared/vectors/batched-tokens is not present"))
    func vectors() throws {
        let vectors = try GenericBatchVectors.load()
        try #require(vectors.count == 8)
        var skipped: [String] = []
        var reproducedWhole: [Int] = []
        for vector in vectors {
            let requestBytes = try bytes(try #require(vector.fields["token_request"]))
            let responseBytes = try bytes(try #require(vector.fields["token_response"]))
            let batch = try GenericBatchTokenRequest(bytes: requestBytes)
            let response = try GenericBatchTokenResponse(bytes: responseBytes)
            #expect(batch.bytes == requestBytes, "vector \(vector.number): request re-encodes")
            #expect(response.bytes == responseBytes, "vector \(vector.number): response re-encodes")
            try #require(batch.requests.count == vector.entries.count)
            try #require(response.responses.count == vector.entries.count)
            #expect(!response.isPartial)

            var issuerKeys: [RSAPrivateKey] = []
            var states: [PendingToken?] = []
            var builtRequests: [GenericTokenRequest] = []
            for (i, entry) in vector.entries.enumerated() {
                let type = TokenType(rawValue: UInt16(try #require(entry["type"]), radix: 16)!)
                #expect(batch.requests[i].tokenType == type)
                #expect(response.responses[i]?.tokenType == type)
                guard type == .privateToken else {
                    skipped.append(
                        "vector \(vector.number) entry \(i): type \(type) skipped (VOPRF issuance is not implemented; framing only)")
                    states.append(nil)
                    builtRequests.append(batch.requests[i])
                    continue
                }
                let pem = String(decoding: try bytes(try #require(entry["skS"])), as: UTF8.self)
                let rsaKey = try RSAPrivateKey(pemRepresentation: pem)
                let tokenKey = try TokenKey(rsaKey.publicKey)
                #expect(tokenKey.spki == (try bytes(try #require(entry["pkS"]))), "vector \(vector.number).\(i): pkS")
                let challenge = try TokenChallenge(bytes: try bytes(try #require(entry["token_challenge"])))
                let r = BigNum(bigEndianBytes: try bytes(try #require(entry["blind"])))
                // The file gives no salt (the draft lists the field but prints none): it is recovered from the vector's
                // token, EM = authenticator^e mod n, as the last 48 bytes of DB (RFC 8017 §9.1.2 steps 7-10).
                let tokenBytes = try bytes(try #require(entry["token"]))
                let salt = try recoverSalt(authenticator: Array(tokenBytes[98...]), key: rsaKey.publicKey)
                let (request, state) = try TokenClient().request(
                    for: challenge, tokenKey: tokenKey, nonce: try bytes(try #require(entry["nonce"]))
                ) { (prepared) throws(RSAError) in
                    try tokenKey.publicKey.blind(prepared, salt: salt, r: r)
                }
                #expect(GenericTokenRequest(request) == batch.requests[i], "vector \(vector.number).\(i): token_request")
                builtRequests.append(GenericTokenRequest(request))
                states.append(state)
                if !issuerKeys.contains(where: { $0.publicKey == rsaKey.publicKey }) { issuerKeys.append(rsaKey) }
                // Finalizing the vector's response entry gives the vector's token.
                let single = try #require(response.responses[i]?.privateTokenResponse)
                let token = try TokenClient().finalize(single, state: state)
                #expect(token.bytes == (try bytes(try #require(entry["token"]))), "vector \(vector.number).\(i): token")
            }
            #expect(GenericBatchTokenRequest(requests: builtRequests).bytes == requestBytes)

            // Issue the whole batch with an issuer holding every distinct 0x0002 key of the vector.
            guard !issuerKeys.isEmpty else { continue }
            let issuer = try Issuer(privateKeys: issuerKeys.map { BlindSigning.PrivateKey($0) })
            let issued = issuer.issue(batch: batch)
            for (i, entry) in batch.requests.enumerated() {
                if entry.tokenType == .privateToken {
                    #expect(issued.response.responses[i] == response.responses[i], "vector \(vector.number).\(i): issued")
                    #expect(issued.failures[i] == nil)
                } else {
                    #expect(issued.response.responses[i] == nil)
                    #expect(issued.failures[i]?.code == .unsupportedTokenType)
                }
            }
            if batch.requests.allSatisfy({ $0.tokenType == .privateToken }) {
                #expect(issued.response.bytes == responseBytes, "vector \(vector.number): whole response byte for byte")
                #expect(issued.status == .complete)
                reproducedWhole.append(vector.number)
            } else {
                #expect(issued.status == .partial && issued.isPartial)
            }
            // The client finalizes every present 0x0002 entry and skips the rest.
            let tokens = try TokenClient().finalize(batch: response, states: states)
            for (i, entry) in vector.entries.enumerated() {
                if entry["type"] == "0002" {
                    #expect(tokens[i]?.bytes == (try bytes(entry["token"]!)))
                } else {
                    #expect(tokens[i] == nil)
                }
            }
        }
        #expect(reproducedWhole == [2, 4])
        #expect(skipped.count == 8)
        print("Generic batch vectors: whole batches reproduced byte for byte: \(reproducedWhole)")
        for line in skipped { print("  " + line) }
    }

    /// EMSA-PSS-DECODE's salt (SHA-384, MGF1-SHA-384, 48-byte salt, 2048-bit modulus) from a signature.
    func recoverSalt(authenticator: [UInt8], key: RSAPublicKey) throws -> [UInt8] {
        let sig = BigNum(bigEndianBytes: authenticator)
        let em = try sig.powerOfSecretBase(publicExponent: key.publicExponent, modulus: key.modulus).bigEndianBytes(count: 256)
        try #require(em.last == 0xbc)
        let hLen = 48
        let maskedDB = Array(em[0..<(256 - hLen - 1)])
        let h = Array(em[(256 - hLen - 1)..<255])
        var mask: [UInt8] = []
        var counter: UInt32 = 0
        while mask.count < maskedDB.count {
            let c = [UInt8(counter >> 24), UInt8(truncatingIfNeeded: counter >> 16), UInt8(truncatingIfNeeded: counter >> 8), UInt8(truncatingIfNeeded: counter)]
            mask += Array(SHA384.hash(data: h + c))
            counter += 1
        }
        var db = zip(maskedDB, mask).map { $0 ^ $1 }
        db[0] &= 0x7f
        try #require(db[db.count - hLen - 1] == 0x01)
        return Array(db.suffix(hLen))
    }

    // MARK: issuance round trip with partial success

    @Test("Partial success: unknown-key and foreign-type entries are absent; the client finalizes the rest")
    func partialIssuance() throws {
        let privateKey = try #require(PrivacyPassVectors.issuerKey)
        let issuer = try Issuer(privateKeys: [BlindSigning.PrivateKey(privateKey)])
        let tokenKey = issuer.tokenKeys[0]
        let challenge = try TokenChallenge(
            tokenType: .privateToken, issuerName: "issuer.example", redemptionContext: [], originNames: [])
        let (batch, states) = try TokenClient().batchRequest(for: Array(repeating: (challenge, tokenKey), count: 5))
        var requests = batch.requests
        // Entry 1 names another key; entry 3 is a type-0x0005 request.
        let original = try #require(requests[1].privateTokenRequest)
        requests[1] = GenericTokenRequest(
            try TokenRequest(truncatedTokenKeyID: original.truncatedTokenKeyID &+ 1, blindedMessage: original.blindedMessage))
        requests[3] = try GenericTokenRequest(bytes: [0x00, 0x05] + [UInt8](repeating: 9, count: 33))
        let mixed = try GenericBatchTokenRequest(bytes: GenericBatchTokenRequest(requests: requests).bytes)
        let issued = issuer.issue(batch: mixed)
        #expect(issued.isPartial && issued.status == .partial)
        #expect(issued.failures[1]?.code == .unknownKey)
        #expect(issued.failures[3]?.code == .unsupportedTokenType)
        let wire = try GenericBatchTokenResponse(bytes: issued.response.bytes)
        #expect(wire == issued.response)
        let clientStates: [PendingToken?] = states.enumerated().map { $0.offset == 3 ? nil : $0.element }
        let tokens = try TokenClient().finalize(batch: wire, states: clientStates)
        #expect(tokens.map { $0 == nil } == [false, true, false, true, false])
        for token in tokens.compactMap({ $0 }) {
            #expect(token.tokenKeyID == tokenKey.tokenKeyID)
        }
        // All absent: status none. Count mismatch: malformed.
        let none = issuer.issue(batch: GenericBatchTokenRequest(requests: [requests[1], requests[3]]))
        #expect(none.status == .none && !none.isPartial)
        #expect(privacyPassError { _ = try TokenClient().finalize(batch: wire, states: [nil]) }?.code == .malformed)
        // A tampered signature does not finalize.
        var tampered = wire.responses
        var body = tampered[0]!.body
        body[17] ^= 1
        tampered[0] = try GenericTokenResponse(tokenType: .privateToken, body: body)
        #expect(
            privacyPassError {
                _ = try TokenClient().finalize(batch: GenericBatchTokenResponse(responses: tampered), states: clientStates)
            }?.code == .invalidSignature)
    }

    // MARK: randomized parsing

    @Test(
        "12,000 random and mutated inputs: both parsers return a value or a typed error, and values re-encode exactly",
        .enabled(if: GenericBatchVectors.isPresent, "../shared/vectors/batched-tokens is not present"))
    func randomizedParsing() throws {
        let vectors = try GenericBatchVectors.load()
        let seeds = try vectors.flatMap { v in [try bytes(v.fields["token_request"]!), try bytes(v.fields["token_response"]!)] }
        var generator = SeededGenerator(seed: 0x6261_7463_6865_64)
        var parsedRequests = 0
        var parsedResponses = 0
        var errors: [PrivacyPassError.Code: Int] = [:]
        for round in 0..<12_000 {
            var input: [UInt8]
            switch round % 4 {
            case 0:
                input = generator.bytes(Int.random(in: 0...64, using: &generator))
            case 1:
                // A valid-looking prefix with random element bytes.
                let body = generator.bytes(Int.random(in: 0...600, using: &generator))
                input = []
                input.appendVectorV(body)
            default:
                input = seeds[Int.random(in: 0..<seeds.count, using: &generator)]
                for _ in 0..<Int.random(in: 1...4, using: &generator) {
                    switch Int.random(in: 0..<5, using: &generator) {
                    case 0 where !input.isEmpty:
                        input[Int.random(in: 0..<input.count, using: &generator)] = UInt8.random(in: 0...255, using: &generator)
                    case 1 where !input.isEmpty:
                        input.removeLast(Int.random(in: 1...min(input.count, 300), using: &generator))
                    case 2:
                        input += generator.bytes(Int.random(in: 1...8, using: &generator))
                    case 3 where input.count > 3:
                        // Flip a bit in the header region (length prefix, presence octet, token type).
                        input[Int.random(in: 0..<4, using: &generator)] ^= 1 << UInt8.random(in: 0..<8, using: &generator)
                    default:
                        input.insert(UInt8.random(in: 0...255, using: &generator), at: Int.random(in: 0...input.count, using: &generator))
                    }
                }
            }
            do {
                let request = try GenericBatchTokenRequest(bytes: input)
                #expect(request.bytes == input)
                parsedRequests += 1
            } catch {
                errors[error.code, default: 0] += 1
            }
            do {
                let response = try GenericBatchTokenResponse(bytes: input)
                #expect(response.bytes == input)
                parsedResponses += 1
            } catch {
                errors[error.code, default: 0] += 1
            }
        }
        #expect(parsedRequests > 0 && parsedResponses > 0)
        #expect(Set(errors.keys).isSubset(of: [.malformed, .unsupportedTokenType, .invalidLength]))
    }
}
