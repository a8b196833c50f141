import BigInt
import Testing

@testable import BigNum

/// Property tests of the constant-time modular arithmetic against BigUInt, on random operands of 0…4096 bits.
/// (The constant-time exponentiations are in `BigNumExponentiationTests`.)
@Suite("Constant-time modular arithmetic matches BigUInt")
struct BigNumConstantTimeTests {
    /// A modulus ≥ 1 of up to 4096 bits (odd or even; 1 now and then). A quarter of them fill their top limb
    /// (2^(64·k) − small), so that sums of residues carry out of the modulus's limbs.
    private static func modulus(_ g: inout OperandGenerator) -> BigUInt {
        switch Int.random(in: 0..<40, using: &g) {
        case 0:
            return 1
        case 1..<11:
            let limbs = Int.random(in: 1...64, using: &g)
            return (BigUInt(1) << (64 * limbs)) - BigUInt(Int.random(in: 1...1000, using: &g))
        default:
            return g.nonZeroValue(upTo: 4096)
        }
    }

    @Test func secretReduced_matchesOracle() throws {
        var g = OperandGenerator()
        for i in 0..<300 {
            let m = Self.modulus(&g)
            let a = g.base(modulo: m)
            let r = try a.bigNum.secretReduced(modulo: m.bigNum)
            #expect(r.oracle == a % m, "seed \(g.seed) case \(i): \(a) mod \(m)")
            #expect(r == (try a.bigNum.reduced(modulo: m.bigNum)))
        }
    }

    @Test func secretMultiplied_matchesOracle() throws {
        var g = OperandGenerator()
        for i in 0..<200 {
            let m = Self.modulus(&g)
            let a = g.base(modulo: m), b = g.base(modulo: m)
            let r = try a.bigNum.secretMultiplied(by: b.bigNum, modulo: m.bigNum)
            #expect(r.oracle == (a * b) % m, "seed \(g.seed) case \(i): \(a) · \(b) mod \(m)")
        }
    }

    @Test("Montgomery form and Montgomery multiplication: x·R mod m, and a·y mod m from y's form, match the oracle")
    func montgomeryMultiplication_matchesOracle() throws {
        var g = OperandGenerator()
        for i in 0..<300 {
            // Odd moduli ≥ 3, a quarter of them filling the top limb (the REDC result then often exceeds m).
            var m = Self.modulus(&g) | 1
            if m < 3 { m = 3 }
            let limbs = (m.bitWidth + 63) / 64
            let r = BigUInt(1) << (64 * limbs)
            let y = g.base(modulo: m) % m
            // a: reduced, unreduced below R, and wider than the modulus.
            let a = [g.base(modulo: m) % m, g.value(below: r), g.value(upTo: 2 * m.bitWidth + 64)][i % 3]
            let form = try y.bigNum.secretMontgomeryForm(modulo: m.bigNum)
            #expect(form.oracle == (y * r) % m, "seed \(g.seed) case \(i): form of \(y) mod \(m)")
            let product = try a.bigNum.secretMultiplied(byMontgomeryForm: form, modulo: m.bigNum)
            #expect(product.oracle == (a * y) % m, "seed \(g.seed) case \(i): \(a) · \(y) mod \(m)")
        }
        // Edge values: 0, 1 and m − 1 on both sides.
        let m = (BigUInt(1) << 2048) - 159  // odd, fills its top limb
        for y in [BigUInt(0), 1, m - 1] {
            let form = try y.bigNum.secretMontgomeryForm(modulo: m.bigNum)
            for a in [BigUInt(0), 1, m - 1, m, m + 1] {
                #expect(try a.bigNum.secretMultiplied(byMontgomeryForm: form, modulo: m.bigNum).oracle == (a * y) % m)
            }
        }
    }

    @Test("Montgomery arithmetic refuses even moduli and a form that is not below the modulus")
    func montgomeryMultiplication_errors() {
        expectBigNumError(.invalidModulus) { () throws(BigNumError) -> BigNum in
            try BigNum(5).secretMontgomeryForm(modulo: 16)
        }
        expectBigNumError(.invalidModulus) { () throws(BigNumError) -> BigNum in
            try BigNum(5).secretMontgomeryForm(modulo: 1)
        }
        expectBigNumError(.invalidModulus) { () throws(BigNumError) -> BigNum in
            try BigNum(5).secretMultiplied(byMontgomeryForm: 3, modulo: 16)
        }
        expectBigNumError(.valueTooLarge) { () throws(BigNumError) -> BigNum in
            try BigNum(5).secretMultiplied(byMontgomeryForm: 17, modulo: 17)
        }
    }

    @Test func secretAdded_matchesOracle() throws {
        var g = OperandGenerator()
        for i in 0..<300 {
            let m = Self.modulus(&g)
            let a = g.base(modulo: m), b = g.base(modulo: m)
            let r = try a.bigNum.secretAdded(b.bigNum, modulo: m.bigNum)
            #expect(r.oracle == (a + b) % m, "seed \(g.seed) case \(i): \(a) + \(b) mod \(m)")
        }
    }

    @Test func secretSubtracted_matchesOracle() throws {
        var g = OperandGenerator()
        for i in 0..<300 {
            let m = Self.modulus(&g)
            let a = g.base(modulo: m), b = g.base(modulo: m)
            let r = try a.bigNum.secretSubtracted(b.bigNum, modulo: m.bigNum)
            // (a − b) mod m in [0, m): a − b + m·⌈b/m⌉ is non-negative.
            let expected = (a + m * (b / m + 1) - b) % m
            #expect(r.oracle == expected, "seed \(g.seed) case \(i): \(a) − \(b) mod \(m)")
        }
    }

    @Test func secretArithmetic_edgeCases() throws {
        let n = BigNum(BigUInt(1) << 127 - 1)
        let nMinusOne = try n - 1
        // Wrap-around at the modulus.
        #expect(try nMinusOne.secretAdded(1, modulo: n) == 0)
        #expect(try nMinusOne.secretAdded(nMinusOne, modulo: n) == n - 2)
        #expect(try BigNum(0).secretSubtracted(1, modulo: n) == nMinusOne)
        #expect(try BigNum(0).secretSubtracted(nMinusOne, modulo: n) == 1)
        #expect(try BigNum(5).secretSubtracted(5, modulo: n) == 0)
        #expect(try nMinusOne.secretMultiplied(by: nMinusOne, modulo: n) == 1)
        #expect(try BigNum(0).secretMultiplied(by: nMinusOne, modulo: n) == 0)
        // Operands at or above the modulus are reduced first.
        #expect(try n.secretReduced(modulo: n) == 0)
        #expect(try (n + 7).secretAdded(n * n, modulo: n) == 7)
        #expect(try (n + 7).secretSubtracted(n * 3 + 9, modulo: n) == n - 2)
        #expect(try (n + 2).secretMultiplied(by: n.shiftedLeft(by: 300) + 3, modulo: n) == 6)
        // Modulus 1: everything is 0. A one-limb modulus with the top bit set.
        #expect(try BigNum(12345).secretReduced(modulo: 1) == 0)
        #expect(try BigNum(12345).secretAdded(3, modulo: 1) == 0)
        #expect(try BigNum(12345).secretSubtracted(3, modulo: 1) == 0)
        #expect(try BigNum(12345).secretMultiplied(by: 3, modulo: 1) == 0)
        let word = BigNum(UInt.max)
        #expect(try (word - 1).secretAdded(word - 1, modulo: word) == word - 2)
        #expect(try BigNum(0).secretSubtracted(word + 1, modulo: word) == word - 1)
        // Zero operands.
        #expect(try BigNum(0).secretReduced(modulo: n) == 0)
        #expect(try BigNum(0).secretAdded(0, modulo: n) == 0)
    }

    @Test func secretInverse_isNilExactlyWhenGcdIsNotOne_andInvertsOtherwise() throws {
        var g = OperandGenerator()
        var inverted = 0, notInverted = 0
        for i in 0..<150 {
            var m = g.value(bits: max(2, g.bitCount(upTo: 4096)))
            var a = g.base(modulo: m)
            if i % 3 == 0 {
                let factor = g.nonZeroValue(upTo: 64) + 1
                a *= factor
                m *= factor
            }
            let inverse = try a.bigNum.secretInverse(modulo: m.bigNum)
            if let inverse {
                inverted += 1
                let x = inverse.oracle
                #expect(x < m, "seed \(g.seed) case \(i): inverse not reduced")
                #expect((a * x) % m == 1, "seed \(g.seed) case \(i): a · a⁻¹ ≢ 1 (mod m)")
                #expect(a.bigNum.inverse(modulo: m.bigNum) == inverse, "the inverse is unique")
            } else {
                notInverted += 1
                #expect(a.greatestCommonDivisor(with: m) != 1, "seed \(g.seed) case \(i): nil although gcd = 1")
            }
        }
        #expect(inverted >= 30 && notInverted >= 30, "both outcomes must be exercised (\(inverted), \(notInverted))")
    }

    @Test func secretInverse_edgeCases() throws {
        let p: BigNum = 1_000_003
        #expect(try BigNum(0).secretInverse(modulo: p) == nil)
        #expect(try p.secretInverse(modulo: p) == nil)
        #expect(try (p * 5).secretInverse(modulo: p) == nil)
        #expect(try BigNum(1).secretInverse(modulo: p) == 1)
        #expect(try BigNum(1_000_002).secretInverse(modulo: p) == 1_000_002)
        #expect(try BigNum(1_000_004).secretInverse(modulo: p) == 1)
        #expect(try BigNum(2).secretInverse(modulo: p) == 500_002)
        #expect(try BigNum(1).secretInverse(modulo: 2) == 1)
        #expect(try BigNum(3).secretInverse(modulo: 2) == 1)
        #expect(try BigNum(2).secretInverse(modulo: 2) == nil)
        #expect(try BigNum(6).secretInverse(modulo: 9) == nil)
        #expect(try BigNum(2).secretInverse(modulo: 9) == 5)
        // A modulus made only of small factors: most blinding factors share one with it.
        let smooth: BigNum = 2 * 3 * 5 * 7 * 11 * 13 * 17 * 19 * 23 * 29 * 31 * 37 * 41 * 43 * 47
        let unit: BigNum = 53
        let inverse = try #require(try unit.secretInverse(modulo: smooth))
        #expect(try unit.multiplied(by: inverse, modulo: smooth) == 1)
        #expect(try BigNum(6).secretInverse(modulo: smooth) == nil)
    }

    @Test func secretInverse_inversesOfManySmallValues_matchOracle() throws {
        // Every residue modulo a small composite: the inverse exists exactly for the units.
        let m: BigUInt = 360
        for value in 0..<720 {
            let a = BigUInt(value)
            let inverse = try a.bigNum.secretInverse(modulo: m.bigNum)
            if a.greatestCommonDivisor(with: m) == 1 {
                #expect(inverse?.oracle == a.inverse(m), "a = \(a)")
            } else {
                #expect(inverse == nil, "a = \(a)")
            }
        }
    }
}
