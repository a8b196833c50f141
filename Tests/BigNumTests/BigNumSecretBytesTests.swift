import BigInt
import Testing

@testable import BigNum

@Suite("Constant-time I2OSP")
struct BigNumSecretBytesTests {
    @Test("secretBigEndianBytes equals I2OSP for random values and every fitting length")
    func matchesI2OSP() throws {
        var generator = OperandGenerator()
        for _ in 0..<300 {
            let value = generator.value(upTo: 2100).bigNum
            let minimum = value.byteWidth
            for length in [minimum, minimum + 1, minimum + 7, minimum + 8, minimum + 9, 256] where length >= minimum {
                let expected = try value.bigEndianBytes(count: length)
                #expect(
                    try value.secretBigEndianBytes(count: length) == expected,
                    "seed \(generator.seed): \(value.hexString) in \(length) bytes"
                )
            }
        }
    }

    @Test("secretBigEndianBytes keeps leading zero bytes and handles zero")
    func leadingZerosAndZero() throws {
        #expect(try BigNum(0).secretBigEndianBytes(count: 0) == [])
        #expect(try BigNum(0).secretBigEndianBytes(count: 3) == [0, 0, 0])
        #expect(try BigNum(0x0102).secretBigEndianBytes(count: 4) == [0, 0, 1, 2])
    }

    @Test("secretBigEndianBytes throws valueTooLarge when the value needs more bytes, within or beyond a limb")
    func tooLarge() {
        var generator = OperandGenerator()
        for _ in 0..<200 {
            let value = generator.nonZeroValue(upTo: 2100).bigNum
            let length = value.byteWidth - 1
            expectBigNumError(.valueTooLarge, "seed \(generator.seed)") { () throws(BigNumError) -> [UInt8] in try value.secretBigEndianBytes(count: length) }
        }
        expectBigNumError(.valueTooLarge) { () throws(BigNumError) -> [UInt8] in try BigNum(1).shiftedLeft(by: 64).secretBigEndianBytes(count: 8) }
        expectBigNumError(.valueTooLarge) { () throws(BigNumError) -> [UInt8] in try BigNum(0x1_00).secretBigEndianBytes(count: 1) }
        expectBigNumError(.valueTooLarge) { () throws(BigNumError) -> [UInt8] in try BigNum(5).secretBigEndianBytes(count: -1) }
    }
}
