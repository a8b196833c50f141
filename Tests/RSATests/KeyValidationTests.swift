import BigNum
import Foundation
@testable import RSA
import Testing

/// Key validation: every inconsistent or out-of-range component is a typed error, never a usable key.
@Suite("Key validation")
struct KeyValidationTests {
    typealias Components = (n: BigNum, e: BigNum, d: BigNum, p: BigNum, q: BigNum, dP: BigNum, dQ: BigNum, qInv: BigNum)

    /// Builds a key from all eight components with the default (2048–4096-bit) initializer.
    static func build(_ c: Components) throws(RSAError) -> RSAPrivateKey {
        try RSAPrivateKey(
            modulus: c.n, publicExponent: c.e, privateExponent: c.d, prime1: c.p, prime2: c.q,
            exponent1: c.dP, exponent2: c.dQ, coefficient: c.qInv)
    }

    /// Builds a key from n, e, d, p and q with the default initializer (CRT values derived).
    static func buildFromFive(_ c: Components) throws(RSAError) -> RSAPrivateKey {
        try RSAPrivateKey(modulus: c.n, publicExponent: c.e, privateExponent: c.d, prime1: c.p, prime2: c.q)
    }

    /// `value + delta` or, if that would leave `[1, bound)`, `value − delta`.
    static func nudge(_ value: BigNum, by delta: UInt, below bound: BigNum) throws -> BigNum {
        let up = value + BigNum(delta)
        return up < bound ? up : try value.subtracting(BigNum(delta))
    }

    @Test("The components of a valid key rebuild it with both initializers")
    func validComponentsRebuild() throws {
        let key = try TestKeys.primary()
        let c = key.components
        #expect(try Self.build(c).derRepresentation == key.derRepresentation)
        #expect(try Self.buildFromFive(c).derRepresentation == key.derRepresentation)
        #expect(
            try RSAPrivateKey(
                unsafeModulus: c.n, publicExponent: c.e, privateExponent: c.d, prime1: c.p, prime2: c.q
            ).derRepresentation == key.derRepresentation)
    }

    @Test("Swapping p and q is a valid key when the CRT values are derived again")
    func swappedPrimesAreValid() throws {
        let c = try TestKeys.primary().components
        let swapped = try RSAPrivateKey(modulus: c.n, publicExponent: c.e, privateExponent: c.d, prime1: c.q, prime2: c.p)
        #expect(swapped.prime1 == c.q && swapped.prime2 == c.p)
        #expect(try (swapped.prime2 * swapped.coefficient).reduced(modulo: swapped.prime1) == 1)
        // It computes the same function as the original.
        let m: BigNum = 0xC0FFEE
        #expect(try RSAPrimitives.sign(m, with: swapped) == (try RSAPrimitives.sign(m, with: try TestKeys.primary())))
        // But the original CRT values do not fit the swapped primes.
        expectRSAError(.invalidKey) {
            try Self.build((c.n, c.e, c.d, c.q, c.p, c.dP, c.dQ, c.qInv))
        }
    }

    @Test("n ≠ p·q is .invalidKey")
    func modulusNotProductOfPrimes() throws {
        let c = try TestKeys.primary().components
        var bad = c
        bad.n = c.n + 2  // still odd and 2048 bits
        #expect(bad.n.bitWidth == 2048)
        expectRSAError(.invalidKey) { try Self.build(bad) }
        expectRSAError(.invalidKey) { try Self.buildFromFive(bad) }
        // A different valid key's modulus.
        bad.n = try TestKeys.rsa2048()[1].publicKey.modulus
        expectRSAError(.invalidKey) { try Self.build(bad) }
    }

    @Test("Public exponent: even, 1, 0, ≥ n, and a wrong odd value are .invalidKey")
    func badPublicExponents() throws {
        let c = try TestKeys.primary().components
        for e in [BigNum(65536), BigNum(2), BigNum(1), BigNum(0), c.n, c.n + 2, BigNum(3), BigNum(65539)] {
            var bad = c
            bad.e = e
            expectRSAError(.invalidKey, "e = \(e)") { try Self.build(bad) }
            expectRSAError(.invalidKey, "e = \(e)") { try Self.buildFromFive(bad) }
        }
        for e in [BigNum(65536), BigNum(1), BigNum(0), c.n] {
            expectRSAError(.invalidKey, "e = \(e)") { try RSAPublicKey(modulus: c.n, publicExponent: e) }
            expectRSAError(.invalidKey, "e = \(e)") { try RSAPublicKey(unsafeModulus: c.n, publicExponent: e) }
        }
    }

    @Test("An even modulus is .invalidKey")
    func evenModulus() throws {
        let c = try TestKeys.primary().components
        let even = try c.n.subtracting(1)
        expectRSAError(.invalidKey) { try RSAPublicKey(modulus: even, publicExponent: c.e) }
        var bad = c
        bad.n = even
        expectRSAError(.invalidKey) { try Self.build(bad) }
    }

    @Test("A wrong private exponent is .invalidKey: d ± 2, d = 0, d = 1, d ≥ n, another key's d")
    func wrongPrivateExponent() throws {
        let c = try TestKeys.primary().components
        let candidates: [BigNum] = [
            c.d + 2, try c.d.subtracting(2), 0, 1, c.n, c.n + 1, try TestKeys.rsa2048()[1].components.d,
        ]
        for d in candidates {
            var bad = c
            bad.d = d
            expectRSAError(.invalidKey, "d variant") { try Self.build(bad) }
            expectRSAError(.invalidKey, "d variant") { try Self.buildFromFive(bad) }
        }
        // d + λ(n) satisfies e·d ≡ 1 (mod λ) and stays below n: a consistent alternative, accepted by
        // the five-component initializer (the CRT exponents are the same).
        let pMinusOne = try c.p.subtracting(1)
        let qMinusOne = try c.q.subtracting(1)
        let lambda = try (pMinusOne * qMinusOne).quotientAndRemainder(
            dividingBy: pMinusOne.greatestCommonDivisor(with: qMinusOne)).quotient
        var alternative = c
        alternative.d = c.d + lambda
        if alternative.d < c.n {
            let key = try Self.build(alternative)
            #expect(key.exponent1 == c.dP)
        }
    }

    @Test("Wrong CRT values are .invalidKey: dP, dQ, qInv nudged, zero, or out of range")
    func wrongCRTValues() throws {
        let c = try TestKeys.primary().components
        var variants: [(String, Components)] = []
        for (name, value, bound) in [("dP", c.dP, c.p), ("dQ", c.dQ, c.q), ("qInv", c.qInv, c.p)] {
            for replacement in [try Self.nudge(value, by: 2, below: bound), try Self.nudge(value, by: 1, below: bound),
                BigNum(0), BigNum(1), bound, bound + value]
            {
                var bad = c
                switch name {
                case "dP": bad.dP = replacement
                case "dQ": bad.dQ = replacement
                default: bad.qInv = replacement
                }
                variants.append((name, bad))
            }
        }
        // dP, dQ swapped; qInv replaced by p^-1 mod q.
        var swapped = c
        (swapped.dP, swapped.dQ) = (c.dQ, c.dP)
        variants.append(("dP/dQ swapped", swapped))
        var wrongInverse = c
        wrongInverse.qInv = try #require(c.p.inverse(modulo: c.q))
        variants.append(("p^-1 mod q", wrongInverse))
        // dP = d (not reduced mod p − 1).
        var unreduced = c
        unreduced.dP = c.d
        variants.append(("unreduced dP", unreduced))

        for (name, bad) in variants {
            expectRSAError(.invalidKey, "\(name)") { try Self.build(bad) }
        }
        #expect(variants.count == 21)
    }

    @Test("Bad primes are .invalidKey: p == q, even p, p in {0, 1, 2}, (n, 1), a prime of another key")
    func badPrimes() throws {
        let c = try TestKeys.primary().components
        // p == q with n = p²: a 2048-bit modulus (p has its top two bits set).
        let square = c.p * c.p
        #expect(square.bitWidth == 2048)
        expectRSAError(.invalidKey, "p == q") {
            try RSAPrivateKey(modulus: square, publicExponent: c.e, privateExponent: c.d, prime1: c.p, prime2: c.p)
        }
        expectRSAError(.invalidKey, "p == q") {
            try Self.build((square, c.e, c.d, c.p, c.p, c.dP, c.dP, BigNum(1)))
        }
        // p even, 1, 2 with the same n.
        for p in [c.p + 1, BigNum(1), BigNum(2), BigNum(0)] {
            var bad = c
            bad.p = p
            expectRSAError(.invalidKey, "p = \(p.bitWidth)-bit value") { try Self.build(bad) }
            expectRSAError(.invalidKey, "p = \(p.bitWidth)-bit value") { try Self.buildFromFive(bad) }
        }
        // "Factors" 1 and n: n = n · 1 with p = n.
        expectRSAError(.invalidKey) {
            try RSAPrivateKey(modulus: c.n, publicExponent: c.e, privateExponent: c.d, prime1: c.n, prime2: 1)
        }
        // A consistent n = p·q' with q' from another key: d does not fit q' − 1.
        let other = try TestKeys.rsa2048()[1].components
        var mixed = c
        mixed.q = other.q
        mixed.n = c.p * other.q
        if mixed.n.bitWidth == 2048 {
            expectRSAError(.invalidKey, "d does not match the mixed primes") { try Self.buildFromFive(mixed) }
        }
    }

    @Test("A 1024-bit key is .unsupportedKeySize with the default initializers and accepted by the unsafe ones")
    func keySizePolicy() throws {
        let key = try TestKeys.oaepVectKey(bits: 1024)
        let c = key.components
        expectRSAError(.unsupportedKeySize) { try Self.build(c) }
        expectRSAError(.unsupportedKeySize) { try Self.buildFromFive(c) }
        expectRSAError(.unsupportedKeySize) { try RSAPublicKey(modulus: c.n, publicExponent: c.e) }
        let unsafe = try RSAPrivateKey(
            unsafeModulus: c.n, publicExponent: c.e, privateExponent: c.d, prime1: c.p, prime2: c.q,
            exponent1: c.dP, exponent2: c.dQ, coefficient: c.qInv)
        #expect(unsafe.modulusBitWidth == 1024)
        #expect(try RSAPublicKey(unsafeModulus: c.n, publicExponent: c.e) == key.publicKey)
        // The unsafe initializer still validates.
        expectRSAError(.invalidKey) {
            try RSAPrivateKey(
                unsafeModulus: c.n, publicExponent: c.e, privateExponent: c.d + 2, prime1: c.p, prime2: c.q,
                exponent1: c.dP, exponent2: c.dQ, coefficient: c.qInv)
        }
    }

    @Test("Modulus size bounds: 2048 and 4096 accepted by default; 2047 and 4097 not; unsafe: 512…16384")
    func modulusSizeBounds() throws {
        func oddModulus(bits: Int) -> BigNum { BigNum(1).shiftedLeft(by: bits - 1) + 1 }
        let e: BigNum = 65537
        #expect(try RSAPublicKey(modulus: oddModulus(bits: 2048), publicExponent: e).modulusBitWidth == 2048)
        #expect(try RSAPublicKey(modulus: oddModulus(bits: 4096), publicExponent: e).modulusBitWidth == 4096)
        expectRSAError(.unsupportedKeySize) { try RSAPublicKey(modulus: oddModulus(bits: 2047), publicExponent: e) }
        expectRSAError(.unsupportedKeySize) { try RSAPublicKey(modulus: oddModulus(bits: 4097), publicExponent: e) }
        #expect(try RSAPublicKey(unsafeModulus: oddModulus(bits: 512), publicExponent: e).modulusByteCount == 64)
        #expect(try RSAPublicKey(unsafeModulus: oddModulus(bits: 16384), publicExponent: e).modulusByteCount == 2048)
        expectRSAError(.unsupportedKeySize) { try RSAPublicKey(unsafeModulus: oddModulus(bits: 511), publicExponent: e) }
        expectRSAError(.unsupportedKeySize) {
            try RSAPublicKey(unsafeModulus: oddModulus(bits: 16385), publicExponent: e)
        }
        expectRSAError(.unsupportedKeySize) { try RSAPublicKey(unsafeModulus: 0, publicExponent: e) }
    }

    @Test("Errors carry a reason and compare by code only")
    func errorShape() throws {
        let c = try TestKeys.primary().components
        var bad = c
        bad.n = c.n + 2
        let error = try #require(expectRSAError(.invalidKey) { try Self.build(bad) })
        #expect(!error.reason.isEmpty)
        #expect(error.description.hasPrefix("invalid key: "))
        #expect(error == RSAError(.invalidKey, "something else"))
        #expect(error != RSAError(.unsupportedKeySize, error.reason))
    }
}
