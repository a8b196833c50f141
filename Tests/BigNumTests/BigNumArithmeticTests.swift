import BigInt
import Testing

@testable import BigNum

/// Property tests of BigNum's variable-time arithmetic against BigUInt, on random operands of 0…4096 bits.
@Suite("Variable-time arithmetic matches BigUInt")
struct BigNumArithmeticTests {
    @Test func addition_matchesOracle() {
        var g = OperandGenerator()
        for i in 0..<300 {
            let a = g.value(upTo: 4096), b = g.value(upTo: 4096)
            let sum = a.bigNum + b.bigNum
            #expect(sum.oracle == a + b, "seed \(g.seed) case \(i): \(a) + \(b)")
        }
    }

    @Test func subtraction_matchesOracle_orThrowsNegativeResult() {
        var g = OperandGenerator()
        var below = 0, atOrAbove = 0
        for i in 0..<300 {
            let a = g.value(upTo: 4096)
            let b: BigUInt
            switch i % 6 {
            case 0: b = a  // difference zero
            case 1: b = a + 1  // just below zero
            case 2: b = a.isZero ? 0 : a - 1  // difference one
            default: b = g.value(upTo: 4096)
            }
            if b > a {
                below += 1
                expectBigNumError(.negativeResult, "seed \(g.seed) case \(i)") { () throws(BigNumError) in
                    try a.bigNum - b.bigNum
                }
                expectBigNumError(.negativeResult, "seed \(g.seed) case \(i)") { () throws(BigNumError) in
                    try a.bigNum.subtracting(b.bigNum)
                }
            } else {
                atOrAbove += 1
                #expect(throws: Never.self, "seed \(g.seed) case \(i)") {
                    let difference = try a.bigNum - b.bigNum
                    #expect(difference.oracle == a - b, "seed \(g.seed) case \(i): \(a) - \(b)")
                    #expect(try a.bigNum.subtracting(b.bigNum) == difference)
                }
            }
        }
        #expect(below >= 50 && atOrAbove >= 100, "both outcomes must be exercised (\(below) below, \(atOrAbove) not)")
    }

    @Test func multiplication_matchesOracle() {
        var g = OperandGenerator()
        for i in 0..<200 {
            let a = g.value(upTo: 4096), b = g.value(upTo: 4096)
            #expect((a.bigNum * b.bigNum).oracle == a * b, "seed \(g.seed) case \(i): \(a) * \(b)")
        }
    }

    @Test func quotientAndRemainder_matchesOracle() throws {
        var g = OperandGenerator()
        for i in 0..<200 {
            let divisor = g.nonZeroValue(upTo: 4096)
            // Half the dividends are built as q·d + r so that quotients are large as well as small.
            let dividend =
                i.isMultiple(of: 2)
                ? g.value(upTo: 4096)
                : g.value(upTo: 4096) * divisor + g.value(below: divisor)
            let (q, r) = try dividend.bigNum.quotientAndRemainder(dividingBy: divisor.bigNum)
            let expected = dividend.quotientAndRemainder(dividingBy: divisor)
            #expect(q.oracle == expected.quotient, "seed \(g.seed) case \(i)")
            #expect(r.oracle == expected.remainder, "seed \(g.seed) case \(i)")
            #expect(r < divisor.bigNum)
        }
    }

    @Test func quotientAndRemainder_smallAndEqualOperands() throws {
        let seven: BigNum = 7
        #expect(try seven.quotientAndRemainder(dividingBy: 7) == (1, 0))
        #expect(try seven.quotientAndRemainder(dividingBy: 8) == (0, 7))
        #expect(try seven.quotientAndRemainder(dividingBy: 1) == (7, 0))
        #expect(try BigNum().quotientAndRemainder(dividingBy: 3) == (0, 0))
    }

    @Test func reducedModulo_matchesOracle() throws {
        var g = OperandGenerator()
        for i in 0..<200 {
            let a = g.value(upTo: 4096), m = g.nonZeroValue(upTo: 4096)
            let r = try a.bigNum.reduced(modulo: m.bigNum)
            #expect(r.oracle == a % m, "seed \(g.seed) case \(i): \(a) mod \(m)")
        }
        #expect(try BigNum(12345).reduced(modulo: 1) == 0)
        #expect(try BigNum(12345).reduced(modulo: 12345) == 0)
        #expect(try BigNum(12344).reduced(modulo: 12345) == 12344)
    }

    @Test func addingModulo_matchesOracle() throws {
        var g = OperandGenerator()
        for i in 0..<200 {
            let a = g.value(upTo: 4096), b = g.value(upTo: 4096), m = g.nonZeroValue(upTo: 4096)
            let r = try a.bigNum.adding(b.bigNum, modulo: m.bigNum)
            #expect(r.oracle == (a + b) % m, "seed \(g.seed) case \(i)")
        }
        // (n − 1) + 1 wraps to zero; (n − 1) + (n − 1) = n − 2.
        let n = BigNum(BigUInt(1) << 521 - 1)
        let nMinusOne = try n - 1
        #expect(try nMinusOne.adding(1, modulo: n) == 0)
        #expect(try nMinusOne.adding(nMinusOne, modulo: n) == n - 2)
    }

    @Test func multipliedModulo_matchesOracle() throws {
        var g = OperandGenerator()
        for i in 0..<200 {
            let a = g.value(upTo: 4096), b = g.value(upTo: 4096), m = g.nonZeroValue(upTo: 4096)
            let r = try a.bigNum.multiplied(by: b.bigNum, modulo: m.bigNum)
            #expect(r.oracle == (a * b) % m, "seed \(g.seed) case \(i)")
        }
        // (n − 1)² ≡ 1 (mod n).
        let n = BigNum(BigUInt(1) << 607 - 1)
        #expect(try (n - 1).multiplied(by: n - 1, modulo: n) == 1)
    }

    @Test func inverse_isNilExactlyWhenGcdIsNotOne_andInvertsOtherwise() {
        var g = OperandGenerator()
        var inverted = 0, notInverted = 0
        for i in 0..<150 {
            let m = g.value(bits: max(2, g.bitCount(upTo: 4096)))
            var a = g.value(upTo: 4096)
            if i % 3 == 0 {
                // Force a common factor some of the time.
                let factor = g.nonZeroValue(upTo: 64) + 1
                a = a * factor
                let mWithFactor = m * factor
                check(a, mWithFactor, case: i)
                continue
            }
            check(a, m, case: i)
        }
        #expect(inverted >= 30 && notInverted >= 30, "both outcomes must be exercised (\(inverted), \(notInverted))")

        func check(_ a: BigUInt, _ m: BigUInt, case i: Int) {
            if let inverse = a.bigNum.inverse(modulo: m.bigNum) {
                inverted += 1
                let x = inverse.oracle
                #expect(x < m, "seed \(g.seed) case \(i): inverse not reduced")
                #expect((a * x) % m == 1, "seed \(g.seed) case \(i): a · a⁻¹ ≢ 1")
            } else {
                notInverted += 1
                #expect(a.greatestCommonDivisor(with: m) != 1, "seed \(g.seed) case \(i): nil although gcd = 1")
            }
        }
    }

    @Test func inverse_edgeCases() {
        let p: BigNum = 1_000_003
        #expect(BigNum(1).inverse(modulo: p) == 1)
        #expect(BigNum(1_000_002).inverse(modulo: p) == 1_000_002)  // (p − 1)⁻¹ = p − 1
        #expect(BigNum(1_000_004).inverse(modulo: p) == 1)  // operand above the modulus
        #expect(BigNum(0).inverse(modulo: p) == nil)
        #expect(p.inverse(modulo: p) == nil)
        #expect(BigNum(6).inverse(modulo: 9) == nil)
        #expect(BigNum(3).inverse(modulo: 2) == 1)
        // Documented: no inverse modulo 0 or 1.
        #expect(BigNum(3).inverse(modulo: 1) == nil)
        #expect(BigNum(3).inverse(modulo: 0) == nil)
    }

    @Test func greatestCommonDivisor_matchesOracle() {
        var g = OperandGenerator()
        for i in 0..<150 {
            let shared = i.isMultiple(of: 2) ? g.nonZeroValue(upTo: 512) : 1
            let a = g.value(upTo: 3584) * shared, b = g.value(upTo: 3584) * shared
            let gcd = a.bigNum.greatestCommonDivisor(with: b.bigNum)
            #expect(gcd.oracle == a.greatestCommonDivisor(with: b), "seed \(g.seed) case \(i)")
            #expect(b.bigNum.greatestCommonDivisor(with: a.bigNum) == gcd, "gcd is symmetric")
        }
        #expect(BigNum(0).greatestCommonDivisor(with: 0) == 0)
        #expect(BigNum(0).greatestCommonDivisor(with: 42) == 42)
        #expect(BigNum(42).greatestCommonDivisor(with: 0) == 42)
        #expect(BigNum(1).greatestCommonDivisor(with: 42) == 1)
    }

    @Test func bitWidthParityAndTestBit_matchOracle() {
        var g = OperandGenerator()
        for i in 0..<300 {
            let a = g.value(upTo: 4096)
            let x = a.bigNum
            #expect(x.bitWidth == a.bitWidth, "seed \(g.seed) case \(i)")
            #expect(x.isOdd == (a & 1 == 1), "seed \(g.seed) case \(i)")
            #expect(x.isEven == (a & 1 == 0), "seed \(g.seed) case \(i)")
            #expect(x.isZero == a.isZero)
            #expect(x.byteWidth == (a.bitWidth + 7) / 8)
            for _ in 0..<8 {
                let index = Int.random(in: 0...(a.bitWidth + 70), using: &g)
                #expect(x.testBit(index) == ((a >> index) & 1 == 1), "seed \(g.seed) case \(i) bit \(index)")
            }
            if a.bitWidth > 0 {
                #expect(x.testBit(a.bitWidth - 1), "the top bit is set")
            }
            #expect(!x.testBit(a.bitWidth), "no bit above the width is set")
            #expect(!x.testBit(-1), "a negative index is never set")
        }
        #expect(BigNum().bitWidth == 0)
        #expect(BigNum(1).bitWidth == 1)
        #expect(BigNum(UInt.max).bitWidth == 64)
        #expect(BigNum().isEven && !BigNum().isOdd)
    }

    @Test func shifts_matchOracle() {
        var g = OperandGenerator()
        for i in 0..<300 {
            let a = g.value(upTo: 4096)
            let count = Int.random(in: 0...(i.isMultiple(of: 3) ? 4200 : 130), using: &g)
            #expect(a.bigNum.shiftedLeft(by: count).oracle == a << count, "seed \(g.seed) case \(i) << \(count)")
            #expect(a.bigNum.shiftedRight(by: count).oracle == a >> count, "seed \(g.seed) case \(i) >> \(count)")
        }
        // Negative counts are not errors: the implementation clamps them to zero.
        let x: BigNum = 0b1011
        #expect(x.shiftedLeft(by: -3) == x)
        #expect(x.shiftedRight(by: -3) == x)
        #expect(x.shiftedRight(by: 4) == 0)
    }

    @Test func comparisonEqualityAndHash_areConsistentWithOracle() throws {
        var g = OperandGenerator()
        for i in 0..<300 {
            let a = g.value(upTo: 4096)
            // Often compare values that differ only in the lowest or highest bits.
            let b: BigUInt
            switch i % 4 {
            case 0: b = a
            case 1: b = a ^ 1
            case 2: b = a.bitWidth > 0 ? a ^ (BigUInt(1) << (a.bitWidth - 1)) : 1
            default: b = g.value(upTo: 4096)
            }
            let x = a.bigNum, y = b.bigNum
            #expect((x == y) == (a == b), "seed \(g.seed) case \(i)")
            #expect((x != y) == (a != b), "seed \(g.seed) case \(i)")
            #expect((x < y) == (a < b), "seed \(g.seed) case \(i)")
            #expect((x > y) == (a > b), "seed \(g.seed) case \(i)")
            #expect((x <= y) == (a <= b), "seed \(g.seed) case \(i)")
            #expect((x >= y) == (a >= b), "seed \(g.seed) case \(i)")
            if a == b {
                #expect(x.hashValue == y.hashValue, "seed \(g.seed) case \(i)")
            }
            // The same value built along different paths is equal and hashes equally.
            let viaArithmetic = try (x + 12345) - 12345
            let viaPaddedBytes = BigNum(bigEndianBytes: [0, 0, 0] + x.bigEndianBytes)
            let viaConstantTime = try x.secretReduced(modulo: x + 1)
            let viaHex = try BigNum(hexString: x.hexString)
            for other in [viaArithmetic, viaPaddedBytes, viaConstantTime, viaHex] {
                #expect(other == x, "seed \(g.seed) case \(i)")
                #expect(other.hashValue == x.hashValue, "seed \(g.seed) case \(i)")
            }
        }
    }

    @Test func hashableCollections_deduplicateEqualValues() throws {
        let values: [BigNum] = [
            0, BigNum(bigEndianBytes: []), BigNum(bigEndianBytes: [0, 0]),
            1, BigNum(bigEndianBytes: [0, 1]), try BigNum(hexString: "0001"),
            BigNum(BigUInt(1) << 200), BigNum(1).shiftedLeft(by: 200),
            try BigNum(hexString: "1" + String(repeating: "0", count: 50)),
        ]
        #expect(Set(values) == [0, 1, BigNum(1).shiftedLeft(by: 200)])
        #expect(Set(values).count == 3)
        var dictionary: [BigNum: Int] = [:]
        for value in values { dictionary[value, default: 0] += 1 }
        #expect(dictionary[0] == 3 && dictionary[1] == 3 && dictionary[BigNum(1).shiftedLeft(by: 200)] == 3)
        #expect(values.sorted().map(\.bitWidth) == [0, 0, 0, 1, 1, 1, 201, 201, 201])
    }

    @Test func integerInitializers() {
        #expect(BigNum(UInt.max).oracle == BigUInt(UInt.max))
        #expect(BigNum(exactly: 42) == 42)
        #expect(BigNum(exactly: 0) == BigNum())
        #expect(BigNum(exactly: -1) == nil)
        #expect(BigNum(exactly: Int.min) == nil)
        #expect(BigNum(exactly: Int.max)?.oracle == BigUInt(Int.max))
        let literal: BigNum = 18_446_744_073_709_551_615
        #expect(literal == BigNum(UInt.max))
    }
}
