import BigInt
import Testing

@testable import BigNum

/// Every bad input yields its typed ``BigNumError`` (checked by ``BigNumError/code``), and none of them traps.
@Suite("Bad inputs throw typed errors")
struct BigNumErrorTests {
    private static let big = BigNum(BigUInt(1) << 1000 + 12345)  // odd, many limbs
    private static let prime = BigNum(BigUInt(1) << 127 - 1)

    @Test func subtractionBelowZero_throwsNegativeResult() {
        let cases: [(BigNum, BigNum)] = [(0, 1), (1, 2), (41, 42), (BigNum(UInt.max), Self.big), (Self.big, Self.big + 1)]
        for (lhs, rhs) in cases {
            expectBigNumError(.negativeResult, "\(lhs) − \(rhs)") { () throws(BigNumError) in try lhs - rhs }
            expectBigNumError(.negativeResult, "\(lhs) − \(rhs)") { () throws(BigNumError) in try lhs.subtracting(rhs) }
        }
    }

    @Test func divisionOrReductionByZero_throwsDivisionByZero() {
        for value: BigNum in [0, 1, Self.big] {
            expectBigNumError(.divisionByZero) { () throws(BigNumError) in try value.quotientAndRemainder(dividingBy: 0) }
            expectBigNumError(.divisionByZero) { () throws(BigNumError) in try value.reduced(modulo: 0) }
            expectBigNumError(.divisionByZero) { () throws(BigNumError) in try value.adding(1, modulo: 0) }
            expectBigNumError(.divisionByZero) { () throws(BigNumError) in try value.multiplied(by: 2, modulo: 0) }
            expectBigNumError(.divisionByZero) { () throws(BigNumError) in try value.secretReduced(modulo: 0) }
            expectBigNumError(.divisionByZero) { () throws(BigNumError) in try value.secretMultiplied(by: 2, modulo: 0) }
            expectBigNumError(.divisionByZero) { () throws(BigNumError) in try value.secretAdded(1, modulo: 0) }
            expectBigNumError(.divisionByZero) { () throws(BigNumError) in try value.secretSubtracted(1, modulo: 0) }
        }
    }

    @Test func i2ospTooShort_throwsValueTooLarge() {
        expectBigNumError(.valueTooLarge) { () throws(BigNumError) in try BigNum(256).bigEndianBytes(count: 1) }
        expectBigNumError(.valueTooLarge) { () throws(BigNumError) in try BigNum(1).bigEndianBytes(count: 0) }
        expectBigNumError(.valueTooLarge) { () throws(BigNumError) in try Self.big.bigEndianBytes(count: 125) }
        expectBigNumError(.valueTooLarge) { () throws(BigNumError) in try BigNum(0).bigEndianBytes(count: -1) }
        #expect(throws: Never.self) { try Self.big.bigEndianBytes(count: 126) }
    }

    @Test(arguments: ["", "zz", "0x12", "0X12", " 12", "12 ", "1 2", "12\n", "g0", "-1", "+1", "é1", "１２", "\u{0}1"])
    func malformedHexString_throwsInvalidHex(text: String) {
        expectBigNumError(.invalidHex, "BigNum(hexString: \(text.debugDescription))") { () throws(BigNumError) in
            try BigNum(hexString: text)
        }
    }

    @Test(arguments: ["1", "abc", " 12", "12345", "zz", "0x12", "0X", "gg", "0g", "g0", " 1", "1 ", "-1", "é1", "\u{0}1"])
    func malformedHexBytes_throwsInvalidHex(text: String) {
        // Odd lengths and non-hex characters alike (Hex.decode accepts only an even number of digits).
        expectBigNumError(.invalidHex, "Hex.decode(\(text.debugDescription))") { () throws(BigNumError) in
            try Hex.decode(text)
        }
    }

    @Test func secretPowerWithEvenOrTinyModulus_throwsInvalidModulus() {
        let evenModuli: [BigNum] = [0, 1, 2, 4, 256, BigNum(1).shiftedLeft(by: 64), Self.big + 1, BigNum(UInt.max) + 1]
        for modulus in evenModuli {
            expectBigNumError(.invalidModulus, "modulus \(modulus)") { () throws(BigNumError) in
                try BigNum(3).secretPower(5, modulus: modulus)
            }
            // The modulus is validated before the exponent.
            expectBigNumError(.invalidModulus, "modulus \(modulus), exponent 0") { () throws(BigNumError) in
                try BigNum(3).secretPower(0, modulus: modulus)
            }
        }
    }

    @Test func secretPowerWithZeroExponent_throwsInvalidExponent() {
        for modulus: BigNum in [3, 5, Self.prime, Self.big] {
            for base: BigNum in [0, 1, 2, Self.big] {
                expectBigNumError(.invalidExponent, "\(base)^0 mod \(modulus)") { () throws(BigNumError) in
                    try base.secretPower(0, modulus: modulus)
                }
            }
        }
    }

    @Test func otherExponentiationsAndInversionWithBadModulus_throwInvalidModulus() {
        expectBigNumError(.invalidModulus) { () throws(BigNumError) in try BigNum(3).publicPower(5, modulus: 0) }
        expectBigNumError(.invalidModulus) { () throws(BigNumError) in try BigNum(0).publicPower(0, modulus: 0) }
        expectBigNumError(.invalidModulus) { () throws(BigNumError) in try Self.big.publicPower(Self.big, modulus: 0) }
        for modulus: BigNum in [0, 1] {
            expectBigNumError(.invalidModulus) { () throws(BigNumError) in
                try BigNum(3).powerOfSecretBase(publicExponent: 65537, modulus: modulus)
            }
            expectBigNumError(.invalidModulus) { () throws(BigNumError) in
                try BigNum(3).powerOfSecretBase(publicExponent: 0, modulus: modulus)
            }
            expectBigNumError(.invalidModulus) { () throws(BigNumError) in try BigNum(3).secretInverse(modulo: modulus) }
        }
    }

    @Test func emptyRandomBound_throwsInvalidBound() {
        expectBigNumError(.invalidBound) { () throws(BigNumError) in try BigNum.random(below: 0) }
        expectBigNumError(.invalidBound) { () throws(BigNumError) in try BigNum.random(in: 5..<5) }
        expectBigNumError(.invalidBound) { () throws(BigNumError) in try BigNum.random(in: 0..<0) }
        expectBigNumError(.invalidBound) { () throws(BigNumError) in try BigNum.random(in: Self.big..<Self.big) }
    }

    @Test(arguments: [-1, 0, 1, 2, 8, 15])
    func randomPrimeWithTooFewBits_throwsInvalidBitCount(bits: Int) {
        expectBigNumError(.invalidBitCount, "randomPrime(bits: \(bits))") { () throws(BigNumError) in
            try BigNum.randomPrime(bits: bits)
        }
    }

    @Test func errorEqualityComparesCodesAndDescriptionsNameTheCode() {
        let first = BigNumError(.invalidHex, "one reason")
        let second = BigNumError(.invalidHex, "another reason")
        let third = BigNumError(.invalidBound, "one reason")
        #expect(first == second)
        #expect(first.hashValue == second.hashValue)
        #expect(first != third)
        #expect(first.description.contains("invalidHex"))
        #expect(first.description.contains("one reason"))
        let codes: [BigNumError.Code] = [
            .negativeResult, .divisionByZero, .valueTooLarge, .invalidHex,
            .invalidModulus, .invalidExponent, .invalidBound, .invalidBitCount,
        ]
        #expect(Set(codes).count == 8)
        #expect(Set(codes.map(\.description)).count == 8)
        #expect(BigNumError.Code.negativeResult.description == "negativeResult")
    }
}
