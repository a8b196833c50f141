import BigInt
import Testing

@testable import BigNum

// Exponentiation against BigUInt. A full 4096-bit modular exponentiation takes BigUInt tens of seconds in a debug
// build, so every exponentiation is checked two ways:
//
// 1. Random moduli and bases of any size, with the exponent's length capped so that the BigUInt oracle
//    (`oraclePower`) stays cheap: large moduli get short exponents. For secretPower the exponent is still
//    processed as a full modulus-length bit string.
// 2. Full-size exponents (up to ~4100 bits) against moduli of up to 4096 bits whose group order is known:
//    m = p₁·p₂·…·p_k, a product of distinct random primes (each checked by a deterministic 64-bit test), is squarefree,
//    so x^(j·φ(m) + r) ≡ x^r (mod m) for every x and every r ≥ 1. BigUInt only has to compute x^r for a small r.

/// A squarefree modulus with its Euler totient.
struct KnownOrderModulus {
    let modulus: BigUInt
    let totient: BigUInt
}

extension OperandGenerator {
    /// A product of distinct random primes of 64 bits and fewer, with about `bits` bits, optionally times 2.
    mutating func knownOrderModulus(bits: Int, even: Bool = false) -> KnownOrderModulus {
        var modulus: BigUInt = even ? 2 : 1
        var totient: BigUInt = 1
        var used = Set<UInt64>()
        while modulus.bitWidth < bits - 8 {
            let remaining = bits - modulus.bitWidth
            let size = remaining >= 64 ? 64 : max(8, remaining)
            var prime: UInt64
            repeat {
                let candidate = (next() >> (64 - size)) | (1 << (size - 1)) | 1
                prime = candidate
            } while !isPrime64(prime) || used.contains(prime)
            used.insert(prime)
            modulus *= BigUInt(prime)
            totient *= BigUInt(prime - 1)
        }
        if modulus == 1 || modulus == 2 {
            modulus *= 3
            totient *= 2
        }
        return KnownOrderModulus(modulus: modulus, totient: totient)
    }

    /// An exponent short enough that BigUInt computes `x^e mod m` quickly for a `modulusBits`-bit modulus.
    mutating func affordableExponent(modulusBits: Int, minimumBits: Int = 0) -> BigUInt {
        let limbs = (modulusBits + 63) / 64 + 1
        let maximumBits = max(minimumBits, 2, 3000 / (2 * limbs * limbs + 8))
        return value(bits: Int.random(in: minimumBits...maximumBits, using: &self))
    }
}

@Suite("Modular exponentiation matches BigUInt")
struct BigNumExponentiationTests {
    @Test func oraclePower_agreesWithBigUIntPower() {
        // The test oracle itself, against BigUInt's `power(_:modulus:)` on small operands.
        var g = OperandGenerator()
        for i in 0..<60 {
            let m = g.nonZeroValue(upTo: 256), x = g.value(upTo: 300), e = g.value(upTo: 128)
            #expect(oraclePower(x, e, modulus: m) == x.power(e, modulus: m), "seed \(g.seed) case \(i)")
        }
    }

    // MARK: publicPower

    @Test func publicPower_matchesOracle_onRandomOperands() throws {
        var g = OperandGenerator()
        for i in 0..<150 {
            let m = g.nonZeroValue(upTo: 4096)
            let x = g.base(modulo: m)
            let e = g.affordableExponent(modulusBits: m.bitWidth)
            let r = try x.bigNum.publicPower(e.bigNum, modulus: m.bigNum)
            #expect(r.oracle == oraclePower(x, e, modulus: m), "seed \(g.seed) case \(i): \(x)^\(e) mod \(m)")
        }
    }

    @Test("publicPower with a short exponent (≤ 64 bits: the Montgomery path for odd moduli, plain for even) matches the oracle")
    func publicPower_shortExponents_matchOracle() throws {
        var g = OperandGenerator()
        for i in 0..<160 {
            // Odd moduli mostly (Montgomery), every fourth even (the plain path); 1 to 64 limbs.
            let bits = i < 8 ? [2048, 3072, 4096, 2049][i % 4] : Int.random(in: 2...1536, using: &g)
            let m = i % 4 == 3 ? g.value(bits: bits) | 2 : g.oddValue(minimumBits: bits, upTo: bits)
            // Bases below and above the modulus.
            let x = i % 5 == 0 ? g.value(upTo: 2 * bits + 64) : g.base(modulo: m)
            var exponents: [BigUInt] = [1, 2, 3, 17, 65537]
            if bits <= 1536 {
                exponents += [BigUInt(g.next()) | 1, BigUInt(g.next() >> 1)]
            }
            for e in exponents where e > 0 {
                let r = try x.bigNum.publicPower(e.bigNum, modulus: m.bigNum)
                #expect(r.oracle == oraclePower(x, e, modulus: m), "seed \(g.seed) case \(i): \(x)^\(e) mod \(m)")
            }
        }
    }

    @Test func publicPower_fullSizeExponents_knownGroupOrder() throws {
        var g = OperandGenerator()
        for i in 0..<20 {
            let known = g.knownOrderModulus(bits: i < 10 ? 4096 : Int.random(in: 64...4096, using: &g), even: i % 3 == 0)
            let m = known.modulus
            let x = g.base(modulo: m)
            let r = BigUInt(Int.random(in: 1...8, using: &g))
            let e = g.value(bits: Int.random(in: 3900...4100, using: &g)) * known.totient + r
            let result = try x.bigNum.publicPower(e.bigNum, modulus: m.bigNum)
            #expect(result.oracle == oraclePower(x, r, modulus: m), "seed \(g.seed) case \(i)")
        }
    }

    @Test func publicPower_edgeCases() throws {
        let n = BigNum(BigUInt(1) << 127 - 1)
        let nMinusOne = try n - 1
        // Exponent 0: x⁰ = 1, including 0⁰, for any modulus above 1.
        for base: BigNum in [0, 1, 2, nMinusOne, n, n + 5] {
            #expect(try base.publicPower(0, modulus: n) == 1)
            #expect(try base.publicPower(1, modulus: n) == base.reduced(modulo: n))
        }
        // Modulus 1: everything is 0.
        #expect(try BigNum(5).publicPower(3, modulus: 1) == 0)
        #expect(try BigNum(5).publicPower(0, modulus: 1) == 0)
        // Base 0 and base ≡ 0.
        #expect(try BigNum(0).publicPower(nMinusOne, modulus: n) == 0)
        #expect(try n.publicPower(3, modulus: n) == 0)
        // Base 1 and n − 1.
        #expect(try BigNum(1).publicPower(nMinusOne, modulus: n) == 1)
        #expect(try nMinusOne.publicPower(2, modulus: n) == 1)
        #expect(try nMinusOne.publicPower(3, modulus: n) == nMinusOne)
        // Fermat: a^(n−1) ≡ 1 for the prime n; base above the modulus.
        #expect(try (n + 3).publicPower(nMinusOne, modulus: n) == 1)
        // Even modulus.
        #expect(try BigNum(3).publicPower(4, modulus: 16) == 1)
        #expect(try BigNum(2).publicPower(4, modulus: 16) == 0)
    }

    // MARK: secretPower

    @Test func secretPower_matchesOracle_onRandomOperands() throws {
        var g = OperandGenerator()
        for i in 0..<150 {
            let m = g.oddValue(minimumBits: 2, upTo: 4096)
            let x = g.base(modulo: m)
            let e = g.affordableExponent(modulusBits: m.bitWidth, minimumBits: 1)
            let r = try x.bigNum.secretPower(e.bigNum, modulus: m.bigNum)
            #expect(r.oracle == oraclePower(x, e, modulus: m), "seed \(g.seed) case \(i): \(x)^\(e) mod \(m)")
        }
    }

    @Test func secretPower_fullSizeExponents_knownGroupOrder() throws {
        var g = OperandGenerator()
        for i in 0..<20 {
            let known = g.knownOrderModulus(bits: i < 10 ? 4096 : Int.random(in: 64...4096, using: &g))
            let m = known.modulus
            let x = g.base(modulo: m)
            let r = BigUInt(Int.random(in: 1...8, using: &g))
            // Exponents both shorter and longer than the modulus (secretPower pads to max(limbs(e), limbs(m))).
            let e = g.value(bits: Int.random(in: 0...4200, using: &g)) * known.totient + r
            let result = try x.bigNum.secretPower(e.bigNum, modulus: m.bigNum)
            #expect(result.oracle == oraclePower(x, r, modulus: m), "seed \(g.seed) case \(i)")
        }
    }

    @Test func secretPower_agreesWithPublicPower_onFullSizeRandomOperands() throws {
        // mpn_sec_powm and mpz_powm are separate GMP code paths; publicPower is checked against BigUInt above.
        var g = OperandGenerator()
        for i in 0..<30 {
            let m = g.oddValue(minimumBits: 2, upTo: 4096)
            let x = g.base(modulo: m)
            let e = g.nonZeroValue(upTo: 4096)
            let secret = try x.bigNum.secretPower(e.bigNum, modulus: m.bigNum)
            let `public` = try x.bigNum.publicPower(e.bigNum, modulus: m.bigNum)
            #expect(secret == `public`, "seed \(g.seed) case \(i)")
            #expect(secret < m.bigNum)
        }
    }

    @Test func secretPower_edgeCases() throws {
        let n = BigNum(BigUInt(1) << 521 - 1)  // a prime
        let nMinusOne = try n - 1
        for base: BigNum in [0, 1, 2, nMinusOne, n, n + 1, n * n + 2, n.shiftedLeft(by: 3000) + 7] {
            let reducedBase = try base.reduced(modulo: n)
            #expect(try base.secretPower(1, modulus: n) == reducedBase, "x¹ = x mod n for \(base)")
            #expect(try base.secretPower(2, modulus: n) == reducedBase.multiplied(by: reducedBase, modulo: n))
            #expect(try base.secretPower(nMinusOne, modulus: n) == (reducedBase.isZero ? 0 : 1), "Fermat for \(base)")
            #expect(try base.secretPower(n, modulus: n) == reducedBase, "x^n ≡ x for \(base)")
        }
        #expect(try BigNum(0).secretPower(5, modulus: 3) == 0)
        #expect(try BigNum(2).secretPower(1, modulus: 3) == 2)
        #expect(try BigNum(2).secretPower(2, modulus: 3) == 1)
        #expect(try BigNum(7).secretPower(1, modulus: 3) == 1)
        #expect(try BigNum(5).secretPower(3, modulus: 5) == 0)
        // A one-limb modulus with its top bit set, and a modulus just above one limb.
        let oneLimb = BigNum(UInt.max)  // odd
        #expect(try BigNum(UInt.max - 1).secretPower(2, modulus: oneLimb) == 1)
        let twoLimbs = BigNum(1).shiftedLeft(by: 64) + 1
        #expect(try twoLimbs.secretPower(7, modulus: twoLimbs) == 0)
        #expect(try BigNum(1).shiftedLeft(by: 64).secretPower(2, modulus: twoLimbs) == 1)
        // A long exponent with a short modulus.
        let longExponent = BigNum(1).shiftedLeft(by: 4095) + 1
        #expect(try BigNum(2).secretPower(longExponent, modulus: 3) == 2, "2^odd ≡ 2 (mod 3)")
        #expect(try BigNum(2).secretPower(longExponent - 1, modulus: 3) == 1, "2^even ≡ 1 (mod 3)")
    }

    // MARK: powerOfSecretBase

    @Test func powerOfSecretBase_matchesOracle_onRandomOperands() throws {
        var g = OperandGenerator()
        for i in 0..<150 {
            let m = g.value(bits: max(2, g.bitCount(upTo: 4096)))  // odd or even, ≥ 2
            let x = g.base(modulo: m)
            let e = i % 10 == 0 ? BigUInt(65537) : g.affordableExponent(modulusBits: m.bitWidth)
            let r = try x.bigNum.powerOfSecretBase(publicExponent: e.bigNum, modulus: m.bigNum)
            #expect(r.oracle == oraclePower(x, e, modulus: m), "seed \(g.seed) case \(i): \(x)^\(e) mod \(m)")
        }
    }

    @Test func powerOfSecretBase_fullSizeExponents_knownGroupOrder() throws {
        var g = OperandGenerator()
        for i in 0..<20 {
            let known = g.knownOrderModulus(bits: i < 10 ? 4096 : Int.random(in: 64...4096, using: &g), even: i % 3 == 0)
            let m = known.modulus
            let x = g.base(modulo: m)
            let r = BigUInt(Int.random(in: 1...8, using: &g))
            let e = g.value(bits: Int.random(in: 0...4100, using: &g)) * known.totient + r
            let result = try x.bigNum.powerOfSecretBase(publicExponent: e.bigNum, modulus: m.bigNum)
            #expect(result.oracle == oraclePower(x, r, modulus: m), "seed \(g.seed) case \(i)")
        }
    }

    @Test func powerOfSecretBase_edgeCases() throws {
        let n = BigNum(BigUInt(1) << 127 - 1)
        let nMinusOne = try n - 1
        let e: BigNum = 65537
        for base: BigNum in [0, 1, 2, nMinusOne, n, n + 2, n.shiftedLeft(by: 500)] {
            let reducedBase = try base.reduced(modulo: n)
            #expect(try base.powerOfSecretBase(publicExponent: 0, modulus: n) == 1, "x⁰ = 1 for \(base)")
            #expect(try base.powerOfSecretBase(publicExponent: 1, modulus: n) == reducedBase, "x¹ for \(base)")
            #expect(try base.powerOfSecretBase(publicExponent: e, modulus: n) == base.publicPower(e, modulus: n))
            #expect(try base.powerOfSecretBase(publicExponent: nMinusOne, modulus: n) == (reducedBase.isZero ? 0 : 1))
        }
        // Modulus 2 and an even modulus.
        #expect(try BigNum(3).powerOfSecretBase(publicExponent: 5, modulus: 2) == 1)
        #expect(try BigNum(4).powerOfSecretBase(publicExponent: 5, modulus: 2) == 0)
        #expect(try BigNum(3).powerOfSecretBase(publicExponent: 4, modulus: 16) == 1)
        #expect(try BigNum(6).powerOfSecretBase(publicExponent: 4, modulus: 16) == 0)
    }
}
