import BigInt
import Testing

@testable import BigNum

/// Sampling from the system CSPRNG, probable-prime generation and primality testing.
@Suite("Random values and primes")
struct BigNumRandomTests {
    // MARK: Uniform sampling

    @Test func randomBelow_isAlwaysBelowTheBound() throws {
        var g = OperandGenerator()
        for i in 0..<300 {
            // Bounds of every size, including powers of two and 2^k + 1 (worst case for rejection sampling).
            let bound: BigUInt
            switch i % 5 {
            case 0: bound = BigUInt(1) << Int.random(in: 0...4096, using: &g)
            case 1: bound = (BigUInt(1) << Int.random(in: 0...4096, using: &g)) + 1
            default: bound = g.nonZeroValue(upTo: 4096)
            }
            let draw = try BigNum.random(below: bound.bigNum)
            #expect(draw.oracle < bound, "seed \(g.seed) case \(i): bound \(bound)")
        }
        for _ in 0..<50 {
            #expect(try BigNum.random(below: 1) == 0)
        }
    }

    @Test func randomInRange_staysInRange() throws {
        var g = OperandGenerator()
        for i in 0..<300 {
            let n = g.nonZeroValue(upTo: 4096) + 1  // n ≥ 2
            let draw = try BigNum.random(in: 1..<n.bigNum)
            #expect(draw.oracle >= 1 && draw.oracle < n, "seed \(g.seed) case \(i): 1..<\(n)")
            let low = g.value(upTo: 4096)
            let high = low + g.nonZeroValue(upTo: 2048)
            let other = try BigNum.random(in: low.bigNum..<high.bigNum)
            #expect(other.oracle >= low && other.oracle < high, "seed \(g.seed) case \(i)")
        }
        #expect(try BigNum.random(in: 5..<6) == 5)
        #expect(try BigNum.random(in: 1..<2) == 1)
    }

    @Test func randomBelowTen_isRoughlyUniform() throws {
        // 10,000 draws below 10: each count is Binomial(10⁴, 0.1), mean 1000, standard deviation 30. Accepting
        // 700…1300 (±10σ) fails for a correct sampler with probability below 10⁻²⁰.
        var counts = [Int](repeating: 0, count: 10)
        for _ in 0..<10_000 {
            let draw = try BigNum.random(below: 10)
            let index = try #require(Int(exactly: draw.oracle), "draw \(draw) is not a small integer")
            try #require(index < 10, "draw \(draw) is not below 10")
            counts[index] += 1
        }
        #expect(counts.allSatisfy { 700...1300 ~= $0 }, "counts \(counts)")
        #expect(counts.reduce(0, +) == 10_000)
    }

    @Test func randomInRange_isRoughlyUniform() throws {
        // The same check through random(in:), shifted away from zero: 5,000 draws in 100..<105, mean 1000 each.
        var counts = [Int](repeating: 0, count: 5)
        for _ in 0..<5_000 {
            let draw = try BigNum.random(in: 100..<105)
            let index = try #require(Int(exactly: draw.oracle)) - 100
            try #require((0..<5).contains(index), "draw \(draw) outside 100..<105")
            counts[index] += 1
        }
        // Binomial(5000, 0.2): standard deviation ≈ 28.3; ±10σ.
        #expect(counts.allSatisfy { 717...1283 ~= $0 }, "counts \(counts)")
    }

    @Test func randomBelowLargeBound_usesTheFullWidth() throws {
        // Below 2^256 the top byte is zero with probability 1/256: seeing 20 or more of 200 such draws has
        // probability below 10⁻¹⁴ for a correct sampler. Repeated values would mean a broken generator.
        let bound = BigNum(1).shiftedLeft(by: 256)
        var draws: [BigNum] = []
        for _ in 0..<200 {
            draws.append(try BigNum.random(below: bound))
        }
        let short = draws.filter { $0.bitWidth <= 248 }.count
        #expect(short < 20, "\(short) of 200 draws have at most 248 bits")
        #expect(Set(draws).count == 200, "200 draws of 256 bits are distinct")
        #expect(draws.contains { $0.testBit(255) } && draws.contains { !$0.testBit(255) })
        #expect(draws.contains { $0.isOdd } && draws.contains { $0.isEven })
    }

    // MARK: Probable primes

    @Test(arguments: [64, 256, 512])
    func randomPrime_hasExactWidthTopTwoBitsAndIsPrime(bits: Int) throws {
        // BigUInt's Miller–Rabin is slow in a debug build (about 0.15 s per 512-bit round): few primes, 5 rounds.
        for _ in 0..<(bits == 64 ? 4 : bits == 256 ? 3 : 1) {
            let p = try BigNum.randomPrime(bits: bits)
            #expect(p.bitWidth == bits)
            #expect(p.testBit(bits - 1) && p.testBit(bits - 2), "top two bits set")
            #expect(p.isOdd)
            #expect(p.oracle.isPrime(rounds: 5), "BigUInt says \(p) is composite")
            if bits == 64 {
                #expect(isPrime64(UInt64(p.oracle)), "the deterministic 64-bit test agrees")
            }
            // With the top two bits set, a product of two such primes has exactly 2·bits bits.
            let q = try BigNum.randomPrime(bits: bits)
            #expect((p * q).bitWidth == 2 * bits)
        }
    }

    @Test func randomPrime_smallestSizeAndPredicate() throws {
        for _ in 0..<20 {
            let p = try BigNum.randomPrime(bits: 16)
            #expect(p.bitWidth == 16 && p.testBit(14) && p.isOdd)
            #expect(isPrime64(UInt64(p.oracle)), "\(p) is not prime")
        }
        // The predicate sees only primes, and the result satisfies it.
        var seen: [BigNum] = []
        let p = try BigNum.randomPrime(bits: 48) { candidate in
            seen.append(candidate)
            return candidate.testBit(1) && candidate.testBit(2)  // p ≡ 7 (mod 8)
        }
        #expect(try p.reduced(modulo: 8) == 7)
        #expect(seen.last == p)
        #expect(seen.allSatisfy { isPrime64(UInt64($0.oracle)) }, "the predicate was offered a composite")
    }

    @Test func millerRabinRounds_meetFIPS186Minimums() {
        #expect(BigNum.millerRabinRounds(forBits: 2048) >= 4)
        #expect(BigNum.millerRabinRounds(forBits: 1536) >= 4)
        #expect(BigNum.millerRabinRounds(forBits: 1024) >= 5)
        #expect(BigNum.millerRabinRounds(forBits: 512) >= 5)
        #expect(BigNum.millerRabinRounds(forBits: 64) >= 5)
    }

    // MARK: isProbablePrime

    @Test(arguments: [2, 3, 5, 7, 13, 17, 19, 31, 61, 89, 107, 127, 521, 607])
    func isProbablePrime_acceptsMersennePrimes(exponent: Int) {
        let p = BigNum((BigUInt(1) << exponent) - 1)
        #expect(p.isProbablePrime(rounds: 20), "2^\(exponent) − 1 is prime")
    }

    @Test func isProbablePrime_acceptsKnownPrimes() {
        let primes: [BigUInt] = [
            2, 3, 5, 65537, 16381, 16411, (1 << 28) - 57, (1 << 28) + 3, 4_294_967_291, 18_446_744_073_709_551_557,
            BigUInt("170141183460469231731687303715884105727"),  // 2^127 − 1
            (BigUInt(1) << 255) - 19,  // the Curve25519 field prime
            (BigUInt(1) << 521) - 1,
        ]
        for p in primes {
            #expect(p.bigNum.isProbablePrime(rounds: 20), "\(p) is prime")
        }
    }

    @Test func isProbablePrime_rejectsKnownComposites() {
        let composites: [BigUInt] = [
            0, 1, 4, 9, 15, 2047, 16383 * 16383, (1 << 28), (1 << 28) + 1,
            4_294_967_297,  // F5 = 641 · 6700417
            (BigUInt(1) << 67) - 1,  // 193707721 · 761838257287
            (BigUInt(1) << 128) + 1,  // F7, no factor below 2^14
            3_825_123_056_546_413_051,  // strong pseudoprime to bases 2…23, factors 149491 · 747451 · 34233211
            BigUInt("318665857834031151167461"),  // strong pseudoprime to bases 2…37: 399165290221 · 798330580441
        ]
        for n in composites {
            #expect(!n.bigNum.isProbablePrime(rounds: 20), "\(n) is composite")
        }
    }

    @Test(arguments: [561, 1105, 1729, 2465, 2821, 6601, 8911, 41041, 825265, 321_197_185, 5_394_826_801])
    func isProbablePrime_rejectsCarmichaelNumbers(n: UInt) {
        #expect(!BigNum(n).isProbablePrime(rounds: 20), "Carmichael number \(n)")
    }

    @Test func isProbablePrime_rejectsLargeChernickCarmichaelNumber() throws {
        // (6k+1)(12k+1)(18k+1) is a Carmichael number when all three factors are prime (Chernick). With k ≥ 10⁶
        // all factors exceed 2^14, so trial division cannot catch it: Miller–Rabin must.
        var k: UInt64 = 1_000_000
        while !(isPrime64(6 * k + 1) && isPrime64(12 * k + 1) && isPrime64(18 * k + 1)) {
            k += 1
        }
        let factors = [6 * k + 1, 12 * k + 1, 18 * k + 1].map { BigUInt($0) }
        let n = factors.reduce(1, *)
        // It is a Carmichael number: a^(n−1) ≡ 1 for bases coprime to n (Korselt: (p − 1) | (n − 1)).
        for p in factors {
            #expect((n - 1) % (p - 1) == 0)
        }
        #expect(try BigNum(2).publicPower(BigNum(n - 1), modulus: BigNum(n)) == 1, "a Fermat liar for base 2")
        #expect(!BigNum(n).isProbablePrime(rounds: 20), "Chernick Carmichael number \(n) with k = \(k)")
        // And its factors are primes that the test accepts.
        for p in factors {
            #expect(BigNum(p).isProbablePrime(rounds: 20))
        }
    }

    @Test func isProbablePrime_rejectsProductsOfTwoLargePrimes() throws {
        var g = OperandGenerator()
        for _ in 0..<10 {
            let p = BigUInt(g.prime64()), q = BigUInt(g.prime64())
            #expect(!BigNum(p * q).isProbablePrime(rounds: 20), "\(p) · \(q)")
            #expect(!BigNum(p * p).isProbablePrime(rounds: 20), "\(p)²")
        }
        let p = try BigNum.randomPrime(bits: 256), q = try BigNum.randomPrime(bits: 256)
        #expect(!(p * q).isProbablePrime(rounds: 20))
        #expect(!(p * p).isProbablePrime(rounds: 20))
    }

    @Test func isProbablePrime_agreesWithDeterministicTest() {
        // Every value below 3000, around the trial-division cut-off at 2^28, and random 64-bit values.
        var g = OperandGenerator()
        var values: [UInt64] = Array(0..<3000)
        values += ((1 << 28) - 300)..<((1 << 28) + 300)
        values += (0..<300).map { _ in g.next() | 1 }
        values += (0..<100).map { _ in g.prime64() }
        for value in values {
            #expect(BigNum(UInt(value)).isProbablePrime(rounds: 20) == isPrime64(value), "\(value)")
        }
    }
}
