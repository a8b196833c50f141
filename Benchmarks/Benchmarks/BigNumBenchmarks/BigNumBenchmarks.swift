// BigNum against raw GMP: how much the Swift wrapper costs on top of the GMP call it makes.
//
// Each pair runs on the same operands, prepared in setup (outside timing). "ours" is the public BigNum API, which
// also pays for what the wrapper does by design (validation, zeroed limb buffers that are wiped before release,
// a fresh result value that is wiped and freed when it goes away); "raw GMP" is the bare GMP call(s) on
// preallocated memory. Each benchmark says below exactly what its timed loop includes.

import Benchmark
import BigNum
import CGMPBench

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput],
        timeUnits: .microseconds,
        warmupIterations: 3,
        maxDuration: .seconds(2),
        maxIterations: 5_000
    )
    // Fast conversions run 1000 times per measured iteration; the reported times are per conversion.
    let conversionConfiguration = Benchmark.Configuration(
        metrics: [.wallClock, .throughput],
        timeUnits: .nanoseconds,
        warmupIterations: 3,
        scalingFactor: .kilo,
        maxDuration: .seconds(2),
        maxIterations: 2_000
    )

    // MARK: (a) Constant-time exponentiation, 1024-bit odd modulus, 1024-bit exponent

    // Ours: BigNum.secretPower — checks (odd modulus, non-zero exponent), five zeroed LimbBuffers (modulus, base,
    // exponent, result, scratch) wiped on release, the base copy (the base has fewer limbs than the modulus, so
    // no mpn_sec_div_r reduction), mpn_sec_powm_itch, mpn_sec_powm, and the result as a new BigNum (mpz_init2 +
    // copy), wiped and freed at the end of the iteration.
    Benchmark("secretPower 1024-bit (ours)") { benchmark, operands in
        for _ in benchmark.scaledIterations {
            blackHole(try! operands.base.secretPower(operands.exponent, modulus: operands.modulus))
        }
    } setup: {
        SecretPowerOperands()
    }

    // Raw: one mpn_sec_powm call with the same limb counts (base zero-padded to n limbs, exponent of 1024 bits,
    // n = 16 limbs) into preallocated result and scratch.
    Benchmark("secretPower 1024-bit (raw GMP mpn_sec_powm)") { benchmark, operands in
        for _ in benchmark.scaledIterations {
            operands.rawPower()
        }
        blackHole(operands.result[0])
    } setup: {
        SecretPowerOperands()
    }

    // MARK: (b) Public exponentiation, e = 65537, 2048-bit modulus

    // Ours: BigNum.publicPower — a zero-modulus check, a new BigNum pre-sized to the modulus (Storage object +
    // mpz_init2), mpz_powm, and the result wiped and freed at the end of the iteration.
    Benchmark("publicPower e=65537 2048-bit (ours)") { benchmark, operands in
        for _ in benchmark.scaledIterations {
            blackHole(try! operands.base.publicPower(operands.exponent, modulus: operands.modulus))
        }
    } setup: {
        PublicPowerOperands()
    }

    // Raw: mpz_powm into a preallocated, pre-sized mpz_t.
    Benchmark("publicPower e=65537 2048-bit (raw GMP mpz_powm)") { benchmark, operands in
        for _ in benchmark.scaledIterations {
            __gmpz_powm(operands.rawResult, operands.rawBase, operands.rawExponent, operands.rawModulus)
        }
        blackHole(operands.rawResult.pointee._mp_size)
    } setup: {
        PublicPowerOperands()
    }

    // MARK: (c) OS2IP / I2OSP of 256 bytes

    // Ours: BigNum(bigEndianBytes:) from a [UInt8] — Storage object + mpz_t allocation, mpz_init2(2048 bits),
    // mpz_import; then the value's release: wipe of its limbs, mpz_clear, deallocation.
    Benchmark("OS2IP 256 bytes (ours)", configuration: conversionConfiguration) { benchmark, operands in
        for _ in benchmark.scaledIterations {
            blackHole(BigNum(bigEndianBytes: operands.bytes))
        }
    } setup: {
        ConversionOperands()
    }

    // Raw: mpz_init2(2048 bits) + mpz_import + mpz_clear on a preallocated mpz_t struct (no wipe).
    Benchmark("OS2IP 256 bytes (raw GMP mpz_import)", configuration: conversionConfiguration) { benchmark, operands in
        operands.bytes.withUnsafeBufferPointer { bytes in
            for _ in benchmark.scaledIterations {
                __gmpz_init2(operands.scratchMPZ, 2048)
                __gmpz_import(operands.scratchMPZ, 256, 1, 1, 1, 0, bytes.baseAddress)
                blackHole(operands.scratchMPZ.pointee._mp_size)
                __gmpz_clear(operands.scratchMPZ)
            }
        }
    } setup: {
        ConversionOperands()
    }

    // Ours: bigEndianBytes(count: 256) — the size check (mpz_sizeinbase), a new zero-filled [UInt8] of 256 bytes,
    // mpz_export into it; the array is freed at the end of the iteration.
    Benchmark("I2OSP 256 bytes (ours)", configuration: conversionConfiguration) { benchmark, operands in
        for _ in benchmark.scaledIterations {
            blackHole(try! operands.value.bigEndianBytes(count: 256))
        }
    } setup: {
        ConversionOperands()
    }

    // Raw: mpz_sizeinbase for the length, malloc(256), zero the leading bytes, mpz_export, free.
    Benchmark("I2OSP 256 bytes (raw GMP mpz_export)", configuration: conversionConfiguration) { benchmark, operands in
        for _ in benchmark.scaledIterations {
            let needed = (__gmpz_sizeinbase(operands.rawValue, 2) + 7) / 8
            let output = malloc(256)!.assumingMemoryBound(to: UInt8.self)
            output.initialize(repeating: 0, count: 256 - needed)
            var written = 0
            __gmpz_export(output + (256 - needed), &written, 1, 1, 1, 0, operands.rawValue)
            blackHole(output[255])
            free(output)
        }
    } setup: {
        ConversionOperands()
    }
}

// MARK: - Operands

/// Random limbs (little-endian) from the system generator.
func randomLimbs(_ count: Int) -> [UInt] {
    var generator = SystemRandomNumberGenerator()
    return (0..<count).map { _ in UInt.random(in: .min ... .max, using: &generator) }
}

/// The big-endian bytes of little-endian 64-bit limbs.
func bigEndianBytes(ofLimbs limbs: [UInt]) -> [UInt8] {
    limbs.reversed().flatMap { limb in (0..<8).reversed().map { UInt8(truncatingIfNeeded: limb >> ($0 * 8)) } }
}

/// A fresh mpz_t holding the value of `limbs`, allocated with room for `bits` bits.
func makeMPZ(limbs: [UInt], bits: Int) -> UnsafeMutablePointer<__mpz_struct> {
    let z = UnsafeMutablePointer<__mpz_struct>.allocate(capacity: 1)
    __gmpz_init2(z, mp_bitcnt_t(bits))
    limbs.withUnsafeBufferPointer { buffer in
        __gmpz_import(z, buffer.count, -1, MemoryLayout<UInt>.size, 0, 0, buffer.baseAddress)
    }
    return z
}

/// Operands of (a): a 1024-bit odd modulus (16 limbs, top bit set), a 1024-bit exponent (top bit set) and a base of
/// 15 limbs, so that it is already below the modulus and neither side reduces it.
final class SecretPowerOperands: @unchecked Sendable {
    static let n = 16
    static let exponentBits = 1024

    let modulus: BigNum
    let exponent: BigNum
    let base: BigNum

    // Raw side: preallocated limb arrays and scratch.
    let m: UnsafeMutablePointer<mp_limb_t>
    let e: UnsafeMutablePointer<mp_limb_t>
    let b: UnsafeMutablePointer<mp_limb_t>
    let result: UnsafeMutablePointer<mp_limb_t>
    let scratch: UnsafeMutablePointer<mp_limb_t>

    init() {
        precondition(GMP_NUMB_BITS == 64, "the benchmark operands assume 64-bit limbs")
        let n = Self.n
        var modulusLimbs = randomLimbs(n)
        modulusLimbs[n - 1] |= 1 << 63
        modulusLimbs[0] |= 1
        var exponentLimbs = randomLimbs(n)
        exponentLimbs[n - 1] |= 1 << 63
        var baseLimbs = randomLimbs(n - 1)
        baseLimbs[n - 2] |= 1 << 63
        modulus = BigNum(bigEndianBytes: bigEndianBytes(ofLimbs: modulusLimbs))
        exponent = BigNum(bigEndianBytes: bigEndianBytes(ofLimbs: exponentLimbs))
        base = BigNum(bigEndianBytes: bigEndianBytes(ofLimbs: baseLimbs))

        m = .allocate(capacity: n)
        m.initialize(from: modulusLimbs, count: n)
        e = .allocate(capacity: n)
        e.initialize(from: exponentLimbs, count: n)
        b = .allocate(capacity: n)
        b.initialize(from: baseLimbs + [0], count: n)
        result = .allocate(capacity: n)
        result.initialize(repeating: 0, count: n)
        let scratchCount = Int(__gmpn_sec_powm_itch(n, mp_bitcnt_t(Self.exponentBits), n))
        scratch = .allocate(capacity: scratchCount)
        scratch.initialize(repeating: 0, count: scratchCount)

        // Both sides compute the same value.
        rawPower()
        let raw = BigNum(bigEndianBytes: bigEndianBytes(ofLimbs: Array(UnsafeBufferPointer(start: result, count: n))))
        precondition(try! base.secretPower(exponent, modulus: modulus) == raw, "ours and raw GMP disagree")
    }

    func rawPower() {
        __gmpn_sec_powm(result, b, Self.n, e, mp_bitcnt_t(Self.exponentBits), m, Self.n, scratch)
    }
}

/// Operands of (b): a 2048-bit odd modulus, e = 65537 and a 2048-bit base below the modulus.
final class PublicPowerOperands: @unchecked Sendable {
    let modulus: BigNum
    let exponent: BigNum = 65537
    let base: BigNum

    let rawModulus: UnsafeMutablePointer<__mpz_struct>
    let rawExponent: UnsafeMutablePointer<__mpz_struct>
    let rawBase: UnsafeMutablePointer<__mpz_struct>
    let rawResult: UnsafeMutablePointer<__mpz_struct>

    init() {
        var modulusLimbs = randomLimbs(32)
        modulusLimbs[31] |= 1 << 63
        modulusLimbs[0] |= 1
        var baseLimbs = randomLimbs(32)
        baseLimbs[31] = (baseLimbs[31] >> 2) | (1 << 61)  // below the modulus, still 2046 bits
        modulus = BigNum(bigEndianBytes: bigEndianBytes(ofLimbs: modulusLimbs))
        base = BigNum(bigEndianBytes: bigEndianBytes(ofLimbs: baseLimbs))
        rawModulus = makeMPZ(limbs: modulusLimbs, bits: 2048)
        rawExponent = makeMPZ(limbs: [65537], bits: 64)
        rawBase = makeMPZ(limbs: baseLimbs, bits: 2048)
        rawResult = makeMPZ(limbs: [], bits: 2048)
        __gmpz_powm(rawResult, rawBase, rawExponent, rawModulus)
        let ours = try! base.publicPower(exponent, modulus: modulus)
        precondition(ours.hexString == String(cString: __gmpz_get_str(nil, 16, rawResult)), "ours and raw GMP disagree")
    }
}

/// Operands of (c): 256 random bytes with a non-zero first byte, as bytes, as a BigNum and as an mpz_t.
final class ConversionOperands: @unchecked Sendable {
    let bytes: [UInt8]
    let value: BigNum
    let rawValue: UnsafeMutablePointer<__mpz_struct>
    let scratchMPZ: UnsafeMutablePointer<__mpz_struct>

    init() {
        var limbs = randomLimbs(32)
        limbs[31] |= 1 << 63
        bytes = bigEndianBytes(ofLimbs: limbs)
        value = BigNum(bigEndianBytes: bytes)
        rawValue = makeMPZ(limbs: limbs, bits: 2048)
        scratchMPZ = .allocate(capacity: 1)
        precondition(try! value.bigEndianBytes(count: 256) == bytes, "round trip failed")
    }
}
