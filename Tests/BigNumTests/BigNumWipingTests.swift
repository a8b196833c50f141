import BigInt
import CGMP
import Foundation
import Synchronization
import Testing

@testable import BigNum

/// Proof that secrets are wiped: `WipeObserver` sees every limb buffer after it was zeroed and before it is freed.
///
/// The observer is process-global and other suites run in parallel, so every observation records the thread that
/// released the buffer. A synchronous test body runs on one thread, so the buffers it releases are exactly the
/// observations made on its thread; buffers from other tests are only required to be all zeros as well.
@Suite("Secret wiping", .serialized)
struct BigNumWipingTests {
    /// One buffer seen by the observer: who released it, where it was, and what it held after the wipe.
    struct Observation: Sendable {
        let thread: UInt
        let address: UInt
        let limbs: [UInt]
        var isAllZero: Bool { limbs.allSatisfy { $0 == 0 } }
    }

    final class ObservationLog: Sendable {
        private let observations = Mutex<[Observation]>([])
        func append(_ observation: Observation) { observations.withLock { $0.append(observation) } }
        var all: [Observation] { observations.withLock { $0 } }
    }

    static func currentThread() -> UInt {
        #if canImport(Darwin)
        UInt(bitPattern: pthread_self())
        #else
        UInt(pthread_self())
        #endif
    }

    /// Runs `operation` with an observer installed; returns every observation and those made on this thread.
    static func observe(
        _ operation: (_ log: ObservationLog) throws -> Void
    ) rethrows -> (all: [Observation], mine: [Observation]) {
        let log = ObservationLog()
        try WipeObserver.observing({ buffer in
            log.append(
                Observation(
                    thread: currentThread(),
                    address: UInt(bitPattern: buffer.baseAddress),
                    limbs: Array(buffer)
                )
            )
        }, during: { try operation(log) })
        let me = currentThread()
        let all = log.all
        return (all, all.filter { $0.thread == me })
    }

    /// The address and allocated limb count of a value's GMP limb array.
    static func limbArray(of value: BigNum) -> (address: UInt, allocated: Int, limbs: [UInt]) {
        let z = value.storage.value.pointee
        let allocated = Int(z._mp_alloc)
        let limbs = Array(UnsafeBufferPointer(start: z._mp_d, count: allocated)).map { UInt($0) }
        return (UInt(bitPattern: z._mp_d), allocated, limbs)
    }

    // MARK: Released values

    @Test func releasedValue_isWipedBeforeItIsFreed() throws {
        let limbCount = 37  // an unusual size
        let pattern = [UInt8](repeating: 0xa5, count: limbCount * 8)
        var address: UInt = 0
        var allocated = 0
        let (all, mine) = Self.observe { _ in
            var value: BigNum? = BigNum(bigEndianBytes: pattern)
            let live = Self.limbArray(of: value!)
            address = live.address
            allocated = live.allocated
            // Before the release the limbs hold the non-zero pattern.
            #expect(live.limbs == [UInt](repeating: 0xa5a5_a5a5_a5a5_a5a5, count: limbCount))
            value = nil
            #expect(value == nil)
        }
        #expect(allocated == limbCount)
        let released = mine.filter { $0.address == address }
        try #require(released.count == 1, "the released value's limb array was observed once (\(mine.count) observations)")
        #expect(released[0].limbs.count == allocated, "the whole allocation is reported")
        #expect(released[0].isAllZero, "the limbs were wiped")
        #expect(all.allSatisfy { $0.isAllZero }, "every observed buffer is all zeros")
    }

    @Test func sharedStorage_isWipedOnlyWhenTheLastCopyIsReleased() throws {
        let pattern = [UInt8](repeating: 0x5a, count: 29 * 8)
        var address: UInt = 0
        let me = Self.currentThread()
        let (all, mine) = Self.observe { log in
            var first: BigNum? = BigNum(bigEndianBytes: pattern)
            var second: BigNum? = first
            address = Self.limbArray(of: first!).address
            first = nil
            // Still referenced by `second`: not wiped, not freed, and the value is intact.
            #expect(!log.all.contains { $0.thread == me && $0.address == address }, "wiped while still referenced")
            #expect(second.map { Self.limbArray(of: $0).limbs.allSatisfy { $0 == 0x5a5a_5a5a_5a5a_5a5a } } == true)
            #expect(second?.byteWidth == 29 * 8)
            second = nil
            #expect(first == nil && second == nil)
        }
        let released = mine.filter { $0.address == address }
        #expect(released.count == 1, "one wipe, when the last copy went away")
        #expect(released.first?.limbs.count == 29)
        #expect(released.first?.isAllZero == true)
        #expect(all.allSatisfy { $0.isAllZero })
    }

    @Test func observerIsRemovedAfterObserving() {
        let log = ObservationLog()
        WipeObserver.observing({ buffer in
            log.append(Observation(thread: Self.currentThread(), address: 0, limbs: Array(buffer)))
        }, during: {})
        let me = Self.currentThread()
        let before = log.all.filter { $0.thread == me }.count
        do {
            let value = BigNum(bigEndianBytes: [UInt8](repeating: 0x77, count: 64))
            #expect(!value.isZero)
        }
        #expect(log.all.filter { $0.thread == me }.count == before, "no observation outside `observing`")
    }

    // MARK: Scratch buffers of the constant-time code

    @Test func secretPower_wipesEveryScratchBuffer() throws {
        // Operand sizes chosen so that every buffer's limb count is recognizable:
        // modulus 32 limbs, base 40 limbs (reduced first), exponent 47 limbs (longer than the modulus).
        var g = OperandGenerator()
        let n = 32, baseLimbs = 40, exponentLimbs = 47
        let modulus = BigNum(g.value(bits: n * 64) | 1)
        let base = BigNum(g.value(bits: baseLimbs * 64))
        let exponent = BigNum(g.value(bits: exponentLimbs * 64))
        var result = BigNum()
        let (all, mine) = try Self.observe { _ in
            result = try base.secretPower(exponent, modulus: modulus)
        }
        #expect(result == (try base.publicPower(exponent, modulus: modulus)), "seed \(g.seed)")

        let powmScratch = Int(__gmpn_sec_powm_itch(n, mp_bitcnt_t(exponentLimbs * 64), n))
        let divisionScratch = Int(__gmpn_sec_div_r_itch(baseLimbs, n))
        let sizes = mine.map(\.limbs.count)
        #expect(sizes.filter { $0 == n }.count >= 3, "modulus, reduced base and result buffers: \(sizes)")
        #expect(sizes.contains(baseLimbs), "the copy of the base that was reduced: \(sizes)")
        #expect(sizes.contains(exponentLimbs), "the padded exponent: \(sizes)")
        #expect(sizes.contains(powmScratch), "mpn_sec_powm's scratch (\(powmScratch) limbs): \(sizes)")
        #expect(sizes.contains(divisionScratch), "mpn_sec_div_r's scratch (\(divisionScratch) limbs): \(sizes)")
        #expect(mine.allSatisfy { $0.isAllZero }, "every buffer secretPower released is all zeros")
        #expect(all.allSatisfy { $0.isAllZero }, "every observed buffer is all zeros")
        // The wiping touched only released buffers: the operands and the result are intact.
        #expect(modulus.isOdd && modulus.bitWidth == n * 64 && base.bitWidth == baseLimbs * 64)
        #expect(!result.isZero || base.isZero)
    }

    @Test func crtBlindedPower_wipesBothHalvesWorkspacesAndTheRecombination() throws {
        // 1024-bit primes (16 limbs): each half's values are fixed-width limb buffers, and its exponentiation
        // keeps a window table of 2^5 Montgomery forms; the blinding pair and the recombination use buffers of n's
        // width.
        let n = 16
        let p = try BigNum.randomPrime(bits: 1024)
        var q = try BigNum.randomPrime(bits: 1024)
        while q == p { q = try BigNum.randomPrime(bits: 1024) }
        let e: BigNum = 65537
        let phi = try (p - 1) * (q - 1)
        let d = try #require(e.inverse(modulo: phi))
        let crt = try CRTPrivateExponent(
            prime1: p, prime2: q, exponent1: d.reduced(modulo: p - 1), exponent2: d.reduced(modulo: q - 1),
            coefficient: #require(q.inverse(modulo: p)), publicExponent: e)
        let x = try BigNum.random(below: p * q)
        let windowTable = (1 << MontgomeryDomain.windowSize(exponentBits: n * 64)) * n
        for parallel in [false, true] {
            var result = BigNum()
            let (all, mine) = try Self.observe { _ in result = try crt.blindedPower(x, parallel: parallel).declassified() }
            #expect(result == (try x.publicPower(d, modulus: p * q)))
            let sizes = mine.map(\.limbs.count)
            // Serial: both halves' window tables are released by the caller. Two-core: the first surely is; the
            // helper may release the other (all buffers are checked below).
            let tables = sizes.filter { $0 == windowTable }.count
            #expect(parallel ? tables >= 1 : tables == 2, "window tables of \(windowTable) limbs: \(sizes)")
            #expect(sizes.filter { $0 == 2 * n }.count >= 2, "the blinding pair and r·t at n's width: \(sizes)")
            #expect(mine.allSatisfy { $0.isAllZero }, "every buffer the caller released is all zeros")
            #expect(all.allSatisfy { $0.isAllZero }, "every buffer released anywhere (the helper too) is all zeros")
        }
    }

    @Test func otherConstantTimeOperations_wipeTheirBuffers() throws {
        var g = OperandGenerator()
        let modulus = BigNum(g.value(bits: 2048) | 1)
        var a = BigNum(g.value(bits: 2500))
        while a.inverse(modulo: modulus) == nil {  // so that secretInverse has a result
            a = BigNum(g.value(bits: 2500))
        }
        let b = BigNum(g.value(bits: 2047))
        let operations: [(String, () throws -> BigNum?)] = [
            ("powerOfSecretBase", { try a.powerOfSecretBase(publicExponent: 65537, modulus: modulus) }),
            ("secretReduced", { try a.secretReduced(modulo: modulus) }),
            ("secretMultiplied", { try a.secretMultiplied(by: b, modulo: modulus) }),
            ("secretMontgomeryForm", { try a.secretMontgomeryForm(modulo: modulus) }),
            ("secretMultiplied(byMontgomeryForm:)", {
                try a.secretMultiplied(byMontgomeryForm: b.secretMontgomeryForm(modulo: modulus), modulo: modulus)
            }),
            ("secretAdded", { try a.secretAdded(b, modulo: modulus) }),
            ("secretSubtracted", { try a.secretSubtracted(b, modulo: modulus) }),
            ("secretInverse", { try a.secretInverse(modulo: modulus) }),
            ("randomPrime", { try BigNum.randomPrime(bits: 128) }),
        ]
        for (name, operation) in operations {
            var result: BigNum?
            let (all, mine) = try Self.observe { _ in result = try operation() }
            #expect(result != nil, "seed \(g.seed): \(name)")
            #expect(mine.count >= 3, "\(name) released its limb buffers (\(mine.count) observed)")
            if name != "randomPrime" {
                #expect(mine.contains { $0.limbs.count == 32 }, "\(name): a modulus-sized buffer was wiped")
            }
            #expect(mine.allSatisfy { $0.isAllZero }, "\(name): every released buffer is all zeros")
            #expect(all.allSatisfy { $0.isAllZero }, "\(name): every observed buffer is all zeros")
        }
    }
}
