import BigNum
import Foundation
@testable import RSA
import Testing

/// Keys shared by the whole suite: generated once (key generation is slow in debug builds), read-only afterwards.
enum TestKeys {
    /// Three 2048-bit keys from ``RSAPrivateKey/generate(bits:)``, generated on first use.
    static let generated2048: Result<[RSAPrivateKey], RSAError> = Result {
        () throws(RSAError) -> [RSAPrivateKey] in
        var keys: [RSAPrivateKey] = []
        for _ in 0..<3 {
            keys.append(try RSAPrivateKey.generate(bits: 2048))
        }
        return keys
    }

    /// The three generated 2048-bit keys.
    static func rsa2048() throws -> [RSAPrivateKey] {
        try generated2048.get()
    }

    /// The first generated 2048-bit key.
    static func primary() throws -> RSAPrivateKey {
        try rsa2048()[0]
    }

    /// The keys of `rfc8017-oaep-vect.json` (1024, 1025, …, 1031, 1536 and 2048 bits), in file order.
    static let oaepVectKeys: Result<[RSAPrivateKey], any Error> = Result {
        let file = try VectorFiles.oaep("rfc8017-oaep-vect.json")
        return try (1...file.keys.count).map { index in
            try file.key("key-\(index)").privateKey(id: "key-\(index)")
        }
    }

    /// The `oaep-vect` key with a modulus of exactly `bits` bits.
    static func oaepVectKey(bits: Int) throws -> RSAPrivateKey {
        let keys = try oaepVectKeys.get()
        return try #require(keys.first { $0.modulusBitWidth == bits }, "no oaep-vect key of \(bits) bits")
    }
}

// MARK: - Shared test helpers

/// Runs `body`, requiring it to throw an ``RSAError`` with exactly `code`; returns the error.
@discardableResult
func expectRSAError<R>(
    _ code: RSAError.Code, _ comment: Comment? = nil,
    sourceLocation: SourceLocation = #_sourceLocation,
    _ body: () throws -> R
) -> RSAError? {
    do {
        let value = try body()
        Issue.record("expected RSAError \(code), got a value: \(value) \(comment.map { "(\($0))" } ?? "")",
            sourceLocation: sourceLocation)
        return nil
    } catch let error as RSAError {
        #expect(error.code == code, "expected \(code), got \(error) \(comment.map { "(\($0))" } ?? "")",
            sourceLocation: sourceLocation)
        return error
    } catch {
        Issue.record("expected RSAError \(code), got \(type(of: error)): \(error)", sourceLocation: sourceLocation)
        return nil
    }
}

/// Runs `body`, requiring it to throw an ``RSAError`` whose code is one of `codes`; returns the error.
@discardableResult
func expectRSAError<R>(
    oneOf codes: Set<RSAError.Code>, _ comment: Comment? = nil,
    sourceLocation: SourceLocation = #_sourceLocation,
    _ body: () throws -> R
) -> RSAError? {
    do {
        _ = try body()
        Issue.record("expected an RSAError in \(codes), got a value \(comment.map { "(\($0))" } ?? "")",
            sourceLocation: sourceLocation)
        return nil
    } catch let error as RSAError {
        #expect(codes.contains(error.code), "unexpected \(error) \(comment.map { "(\($0))" } ?? "")",
            sourceLocation: sourceLocation)
        return error
    } catch {
        Issue.record("expected an RSAError, got \(type(of: error)): \(error)", sourceLocation: sourceLocation)
        return nil
    }
}

/// A small deterministic generator (SplitMix64), so that failures of randomized tests can be reproduced.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func bytes(_ count: Int) -> [UInt8] {
        (0..<count).map { _ in UInt8.random(in: .min ... .max, using: &self) }
    }
}

extension RSAPrivateKey {
    /// d, p, q, dP, dQ, qInv (package members) for tests that take keys apart.
    var components:
        (n: BigNum, e: BigNum, d: BigNum, p: BigNum, q: BigNum, dP: BigNum, dQ: BigNum, qInv: BigNum)
    {
        (
            publicKey.modulus, publicKey.publicExponent, privateExponent, prime1, prime2, exponent1, exponent2,
            coefficient
        )
    }
}
