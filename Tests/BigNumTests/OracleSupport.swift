import BigInt
import Foundation
import Testing

@testable import BigNum

// Shared helpers for the BigNum test suite: conversions between `BigNum` and the independent oracle
// (attaswift/BigInt's `BigUInt`), a reproducible random-operand generator, and an error-code checker.

// MARK: - Conversions (through big-endian bytes, never through BigNum's own arithmetic)

extension BigNum {
    /// The same value as a `BigUInt`, through BigNum's minimal big-endian bytes.
    var oracle: BigUInt { BigUInt(Data(bigEndianBytes)) }

    /// The same value as a `BigUInt`'s, through the oracle's big-endian serialization.
    init(_ value: BigUInt) {
        self.init(bigEndianBytes: value.serialize())
    }
}

extension BigUInt {
    /// The same value as a `BigNum`.
    var bigNum: BigNum { BigNum(self) }
}

// MARK: - Random operands

/// A seeded SplitMix64 generator for test operands.
///
/// The seed comes from the `BIGNUM_TEST_SEED` environment variable when it is set (to replay a failure), and from
/// the system generator otherwise; every failure message of a property test names the seed.
struct OperandGenerator: RandomNumberGenerator {
    let seed: UInt64
    private var state: UInt64

    init(seed fixedSeed: UInt64? = nil) {
        if let fixedSeed {
            seed = fixedSeed
        } else if let text = ProcessInfo.processInfo.environment["BIGNUM_TEST_SEED"], let value = UInt64(text) {
            seed = value
        } else {
            var system = SystemRandomNumberGenerator()
            seed = system.next()
        }
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A random bit length in `0...maximum`: tiny lengths, lengths around limb boundaries, and uniform lengths.
    mutating func bitCount(upTo maximum: Int = 4096) -> Int {
        switch Int.random(in: 0..<20, using: &self) {
        case 0..<3:
            return Int.random(in: 0...min(8, maximum), using: &self)
        case 3..<6:
            let limbs = Int.random(in: 1...max(1, maximum / 64), using: &self)
            return max(0, min(maximum, limbs * 64 + Int.random(in: -1...1, using: &self)))
        default:
            return Int.random(in: 0...maximum, using: &self)
        }
    }

    /// A random value of exactly `bits` bits, in one of several shapes: uniform bits (most often), all ones
    /// (2^bits − 1, long carry chains), a power of two, or sparse bits.
    mutating func value(bits: Int) -> BigUInt {
        guard bits > 0 else { return 0 }
        let top = BigUInt(1) << (bits - 1)
        switch Int.random(in: 0..<10, using: &self) {
        case 0:
            return (BigUInt(1) << bits) - 1
        case 1:
            return top
        case 2:
            let a = BigUInt.randomInteger(withMaximumWidth: bits, using: &self)
            let b = BigUInt.randomInteger(withMaximumWidth: bits, using: &self)
            let c = BigUInt.randomInteger(withMaximumWidth: bits, using: &self)
            return (a & b & c) | top
        default:
            return BigUInt.randomInteger(withExactWidth: bits, using: &self)
        }
    }

    /// A random value of a random length up to `maximumBits` bits.
    mutating func value(upTo maximumBits: Int = 4096) -> BigUInt {
        value(bits: bitCount(upTo: maximumBits))
    }

    /// A random non-zero value of a random length in `1...maximumBits`.
    mutating func nonZeroValue(upTo maximumBits: Int = 4096) -> BigUInt {
        value(bits: max(1, bitCount(upTo: maximumBits)))
    }

    /// A random odd value of at least `minimumBits` bits (so ≥ 3 when `minimumBits` ≥ 2).
    mutating func oddValue(minimumBits: Int = 2, upTo maximumBits: Int = 4096) -> BigUInt {
        value(bits: max(minimumBits, bitCount(upTo: maximumBits))) | 1
    }

    /// A uniform value in `0..<bound` (bound > 0).
    mutating func value(below bound: BigUInt) -> BigUInt {
        BigUInt.randomInteger(lessThan: bound, using: &self)
    }

    /// An operand for arithmetic modulo `m`: often below m, sometimes 0, 1, m − 1, m, a multiple of m, or longer.
    mutating func base(modulo m: BigUInt) -> BigUInt {
        switch Int.random(in: 0..<12, using: &self) {
        case 0: return 0
        case 1: return 1
        case 2: return m - 1
        case 3: return m
        case 4: return m * value(upTo: 128)
        case 5: return value(bits: m.bitWidth + Int.random(in: 1...200, using: &self))
        default: return value(below: m)
        }
    }

    /// A random 64-bit prime, checked with the deterministic ``isPrime64(_:)``.
    mutating func prime64() -> UInt64 {
        while true {
            let candidate = next() | (1 << 63) | 1
            if isPrime64(candidate) { return candidate }
        }
    }
}

// MARK: - An independent word-size primality test

/// Deterministic Miller–Rabin for 64-bit values (the first twelve primes are a complete base set below 2^64).
func isPrime64(_ n: UInt64) -> Bool {
    if n < 2 { return false }
    let smallPrimes: [UInt64] = [2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37]
    for p in smallPrimes {
        if n == p { return true }
        if n % p == 0 { return false }
    }
    func mulmod(_ a: UInt64, _ b: UInt64) -> UInt64 {
        let product = a.multipliedFullWidth(by: b)
        return n.dividingFullWidth(product).remainder
    }
    func powmod(_ base: UInt64, _ exponent: UInt64) -> UInt64 {
        var result: UInt64 = 1
        var base = base % n
        var exponent = exponent
        while exponent > 0 {
            if exponent & 1 == 1 { result = mulmod(result, base) }
            base = mulmod(base, base)
            exponent >>= 1
        }
        return result
    }
    let d = (n - 1) >> (n - 1).trailingZeroBitCount
    let s = (n - 1).trailingZeroBitCount
    witnesses: for a in smallPrimes {
        var x = powmod(a, d)
        if x == 1 || x == n - 1 { continue }
        for _ in 1..<s {
            x = mulmod(x, x)
            if x == n - 1 { continue witnesses }
        }
        return false
    }
    return true
}

// MARK: - Error checking

/// Runs `body`, expecting it to throw a ``BigNumError`` with `code` (and not to return, trap or throw anything else).
func expectBigNumError<R>(
    _ code: BigNumError.Code,
    _ comment: Comment? = nil,
    sourceLocation: SourceLocation = #_sourceLocation,
    _ body: () throws(BigNumError) -> R
) {
    do {
        let value = try body()
        Issue.record("expected BigNumError.\(code), got the value \(value). \(comment.map { "\($0)" } ?? "")", sourceLocation: sourceLocation)
    } catch {
        #expect(error.code == code, "expected BigNumError.\(code), got \(error). \(comment.map { "\($0)" } ?? "")", sourceLocation: sourceLocation)
    }
}

// MARK: - Oracle exponentiation

/// `base^exponent mod modulus` with BigUInt's multiplication and division, by left-to-right square-and-multiply
/// over the exponent's significant bits only.
///
/// BigUInt's own `power(_:modulus:)` squares once per bit of every exponent *word* (64 squarings even for a one-bit
/// exponent), which is far too slow for 4096-bit moduli in a debug build.
func oraclePower(_ base: BigUInt, _ exponent: BigUInt, modulus: BigUInt) -> BigUInt {
    precondition(modulus > 0)
    if modulus == 1 { return 0 }
    let reducedBase = base % modulus
    var result: BigUInt = 1
    var index = exponent.bitWidth - 1
    while index >= 0 {
        result = (result * result) % modulus
        if exponent[bitAt: index] {
            result = (result * reducedBase) % modulus
        }
        index -= 1
    }
    return result
}
