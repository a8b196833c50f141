import BigInt
import Dispatch
import Synchronization
import Testing

@testable import BigNum

/// The blinded CRT exponentiation under the RSA private-key primitives, against the oracle (BigUInt's plain
/// `x^d mod n`), on primes of equal and unequal limb counts, serial and two-core, under concurrency, with its
/// constant-time check, its injected fault and its input validation.
@Suite("CRT private exponent")
struct CRTPrivateExponentTests {
    /// An RSA-style key over two fresh primes: n, e, d and the CRT values.
    struct Key {
        let p: BigUInt
        let q: BigUInt
        let e: BigUInt
        let d: BigUInt
        var n: BigUInt { p * q }
        var dP: BigUInt { d % (p - 1) }
        var dQ: BigUInt { d % (q - 1) }
        var qInv: BigUInt { q.inverse(p)! }

        /// Two distinct primes of the given sizes with gcd(e, (p−1)(q−1)) = 1.
        static func generate(bits pBits: Int, _ qBits: Int, e: BigUInt = 65537) throws -> Key {
            while true {
                let p = try BigNum.randomPrime(bits: pBits).oracle
                let q = try BigNum.randomPrime(bits: qBits).oracle
                let phi = (p - 1) * (q - 1)
                guard p != q, let d = e.inverse(phi) else { continue }
                return Key(p: p, q: q, e: e, d: d)
            }
        }

        /// x^d mod n: BigUInt's plain exponentiation for small keys; for large ones (too slow in a debug build)
        /// BigNum's `publicPower`, GMP's `mpz_powm` without CRT, blinding or `mpn_sec_powm`, itself checked
        /// against BigUInt in the exponentiation suite.
        func power(_ x: BigUInt) throws -> BigUInt {
            n.bitWidth <= 700
                ? oraclePower(x, d, modulus: n) : try x.bigNum.publicPower(d.bigNum, modulus: n.bigNum).oracle
        }

        func exponent() throws -> CRTPrivateExponent {
            try CRTPrivateExponent(
                prime1: p.bigNum, prime2: q.bigNum, exponent1: dP.bigNum, exponent2: dQ.bigNum,
                coefficient: qInv.bigNum, publicExponent: e.bigNum)
        }
    }

    /// Prime sizes: equal limb counts (the RSA case), unequal ones in both orders, a size just past a limb
    /// boundary, and e = 3 and e = 17 as well as 65537.
    static let shapes: [(Int, Int, BigUInt)] = [
        (512, 512, 65537), (1024, 1024, 65537), (200, 330, 65537), (330, 200, 65537), (65, 64, 65537),
        (64, 65, 17), (256, 256, 3), (129, 129, 65537),
    ]

    @Test("blindedPower equals x^d mod n (serial and two-core), for edge and random x", arguments: 0..<shapes.count)
    func matchesOracle(shape: Int) throws {
        let (pBits, qBits, e) = Self.shapes[shape]
        let key = try Key.generate(bits: pBits, qBits, e: e)
        let crt = try key.exponent()
        var g = OperandGenerator()
        var inputs: [BigUInt] = [0, 1, 2, key.n - 1, key.n - 2, key.p, key.q, key.p * 2, key.q + 1]
        for _ in 0..<12 {
            inputs.append(g.value(below: key.n))
        }
        for x in inputs {
            let expected = try key.power(x)
            #expect(try crt.blindedPower(x.bigNum).declassified().oracle == expected, "seed \(g.seed): \(x)^d mod \(key.n)")
            #expect(try crt.blindedPower(x.bigNum, parallel: true).declassified().oracle == expected, "two-core, seed \(g.seed)")
        }
    }

    @Test("An injected Bellcore fault gives a wrong result, which the public-key check (result^e mod n) refuses")
    func injectedFaultIsCaught() throws {
        let key = try Key.generate(bits: 512, 512)
        let crt = try key.exponent()
        var g = OperandGenerator()
        for parallel in [false, true] {
            for _ in 0..<10 {
                let x = g.value(below: key.n)
                let faulty = try crt.blindedPower(x.bigNum, parallel: parallel, fault: .corruptFirstHalf).declassified()
                #expect(try faulty.oracle != key.power(x))
                #expect(try faulty.powerOfSecretBase(publicExponent: key.e.bigNum, modulus: key.n.bigNum) != x.bigNum)
            }
        }
    }

    @Test("Fresh blinding on every call: the same input gives the same output many times, on both paths")
    func repeatedCallsAgree() throws {
        let key = try Key.generate(bits: 1024, 1024)
        let crt = try key.exponent()
        let x = BigUInt(0xC0FFEE) << 1000 + 12345
        let expected = try key.power(x)
        for index in 0..<40 {
            #expect(try crt.blindedPower(x.bigNum, parallel: index % 2 == 0).declassified().oracle == expected)
        }
    }

    @Test("Every call draws a fresh r and applies it: each half's base is (x mod P)·r^e mod P, never x mod P")
    func blindingIsFreshAndApplied() throws {
        let key = try Key.generate(bits: 512, 512)
        let crt = try key.exponent()
        let x = BigUInt(0xC0FFEE) << 900 + 12345
        let seen = Mutex<[BlindingObserver.Observation]>([])
        for parallel in [false, true] {
            for _ in 0..<3 {
                let result = try BlindingObserver.observing(crt, { observation in seen.withLock { $0.append(observation) } }) {
                    try crt.blindedPower(x.bigNum, parallel: parallel).declassified()
                }
                #expect(result.oracle == (try key.power(x)))
            }
        }
        let observations = seen.withLock { $0 }
        #expect(observations.count == 12, "two halves per call, six calls")
        for observation in observations {
            let prime = observation.prime.oracle
            #expect(prime == key.p || prime == key.q)
            let r = observation.factor.oracle
            #expect(r > 1 && r < key.n, "r is a non-trivial residue modulo n")
            // The base that mpn_sec_powm saw is the blinded one ...
            let expectedBase = (x % prime) * oraclePower(r % prime, key.e, modulus: prime) % prime
            #expect(observation.blindedBase.oracle == expectedBase)
            // ... and not the input itself (which it would be with the blinding dropped).
            #expect(observation.blindedBase.oracle != x % prime)
        }
        // A fresh r per call: six calls, six distinct factors (each seen by both halves).
        let factors = Set(observations.map(\.factor))
        #expect(factors.count == 6, "distinct blinding factors: \(factors.count)")
    }

    @Test("Many threads using the two-core path at once (the helper busy: the caller computes both halves)")
    func concurrentTwoCoreCalls() throws {
        let key = try Key.generate(bits: 512, 512)
        let crt = try key.exponent()
        var g = OperandGenerator()
        let inputs = (0..<64).map { _ in g.value(below: key.n) }
        let expected = try inputs.map { try key.power($0) }
        let failures = Atomic<Int>(0)
        let bigInputs = inputs.map(\.bigNum)
        let bigExpected = expected.map(\.bigNum)
        DispatchQueue.concurrentPerform(iterations: inputs.count) { index in
            let result = (try? crt.blindedPower(bigInputs[index], parallel: true))?.declassified()
            if result != bigExpected[index] {
                failures.add(1, ordering: .relaxed)
            }
        }
        #expect(failures.load(ordering: .relaxed) == 0)
    }

    @Test("Hand-over stress: thousands of small two-core calls from several threads at once finish and agree",
        .timeLimit(.minutes(1)))
    func handOverStress() throws {
        // Small primes make each half short, so posts, take-backs and completions interleave as tightly as they
        // can; the helper's half (mod q) is much shorter than the caller's (mod p), so the helper is often free
        // again, and taken by another caller, before the first caller asks for its own task back. A lost task, or
        // a task taken back by the wrong caller, would hang here (the time limit fails it).
        let key = try Key.generate(bits: 384, 64)
        let crt = try key.exponent()
        let x: BigUInt = 0xDEAD_BEEF_CAFE
        let expected = try key.power(x).bigNum
        let base = x.bigNum
        let failures = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: 8) { _ in
            for _ in 0..<2000 where (try? crt.blindedPower(base, parallel: true))?.declassified() != expected {
                failures.add(1, ordering: .relaxed)
            }
        }
        #expect(failures.load(ordering: .relaxed) == 0)
        for _ in 0..<2000 {
            #expect(try crt.blindedPower(base, parallel: true).declassified() == expected)
        }
    }

    @Test("A base with more limbs than n is .valueTooLarge")
    func oversizedBase() throws {
        let key = try Key.generate(bits: 256, 256)
        let crt = try key.exponent()
        let oversized = (key.n << 64).bigNum
        expectBigNumError(.valueTooLarge) { () throws(BigNumError) -> BigNum in try crt.blindedPower(oversized).declassified() }
    }

    @Test("Construction refuses what the limb arithmetic cannot take")
    func invalidConstruction() throws {
        let key = try Key.generate(bits: 256, 256)
        let p = key.p.bigNum
        let q = key.q.bigNum
        let dP = key.dP.bigNum
        let dQ = key.dQ.bigNum
        let qInv = key.qInv.bigNum
        let e = key.e.bigNum
        func make(
            _ p: BigNum, _ q: BigNum, _ dP: BigNum, _ dQ: BigNum, _ qInv: BigNum, _ e: BigNum
        ) throws(BigNumError) -> CRTPrivateExponent {
            try CRTPrivateExponent(prime1: p, prime2: q, exponent1: dP, exponent2: dQ, coefficient: qInv, publicExponent: e)
        }
        expectBigNumError(.invalidModulus, "even p") { () throws(BigNumError) -> CRTPrivateExponent in try make(p + 1, q, dP, dQ, qInv, e) }
        expectBigNumError(.invalidModulus, "q = 1") { () throws(BigNumError) -> CRTPrivateExponent in try make(p, 1, dP, 0, qInv, e) }
        expectBigNumError(.invalidExponent, "dP = 0") { () throws(BigNumError) -> CRTPrivateExponent in try make(p, q, 0, dQ, qInv, e) }
        expectBigNumError(.invalidExponent, "dQ ≥ q") { () throws(BigNumError) -> CRTPrivateExponent in try make(p, q, dP, q, qInv, e) }
        expectBigNumError(.invalidModulus, "qInv ≥ p") { () throws(BigNumError) -> CRTPrivateExponent in try make(p, q, dP, dQ, p, e) }
        expectBigNumError(.invalidExponent, "e = 0") { () throws(BigNumError) -> CRTPrivateExponent in try make(p, q, dP, dQ, qInv, 0) }
        #expect(throws: Never.self) { try make(p, q, dP, dQ, qInv, e) }
    }

    @Test("A composite 'prime' whose random draws are mostly not units still yields a typed outcome, never a trap")
    func compositePrimeDoesNotTrap() throws {
        // p = 3 · 5 · 7 · … is odd but far from prime: r_p · t is often not invertible; the loop retries and
        // either finds a unit (and computes something the caller's check would refuse) or throws.
        let p: BigUInt = 3 * 5 * 7 * 11 * 13 * 17 * 19 * 23 * 29 * 31 * 37 * 41 * 43 * 47
        let key = try Key.generate(bits: 64, 64)
        let crt = try CRTPrivateExponent(
            prime1: p.bigNum, prime2: key.q.bigNum, exponent1: 5, exponent2: key.dQ.bigNum,
            coefficient: 1, publicExponent: 65537)
        for _ in 0..<20 {
            do {
                _ = try crt.blindedPower(12345, parallel: false)
            } catch {
                #expect(error.code == .invalidModulus)
            }
        }
    }
}
