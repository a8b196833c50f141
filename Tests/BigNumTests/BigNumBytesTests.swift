import BigInt
import Foundation
import Testing

@testable import BigNum

/// OS2IP / I2OSP (RFC 8017 §4), hexadecimal and decimal conversions, against BigUInt.
@Suite("Byte, hex and decimal conversions")
struct BigNumBytesTests {
    // MARK: OS2IP

    @Test func os2ip_matchesOracle_andIgnoresLeadingZeroBytes() {
        var g = OperandGenerator()
        for i in 0..<200 {
            let count = Int.random(in: 0...520, using: &g)
            let bytes = (0..<count).map { _ in UInt8.random(in: 0...255, using: &g) }
            let zeros = [UInt8](repeating: 0, count: Int.random(in: 0...9, using: &g))
            let expected = BigUInt(Data(bytes))
            #expect(BigNum(bigEndianBytes: bytes).oracle == expected, "seed \(g.seed) case \(i)")
            #expect(BigNum(bigEndianBytes: zeros + bytes).oracle == expected, "seed \(g.seed) case \(i)")
            #expect(BigNum(bigEndianBytes: zeros + bytes) == BigNum(bigEndianBytes: bytes))
        }
    }

    @Test func os2ip_emptyAndAllZeroInputsAreZero() {
        #expect(BigNum(bigEndianBytes: [UInt8]()) == 0)
        #expect(BigNum(bigEndianBytes: [UInt8]()).isZero)
        #expect(BigNum(bigEndianBytes: Data()).bitWidth == 0)
        #expect(BigNum(bigEndianBytes: [0]) == 0)
        #expect(BigNum(bigEndianBytes: [UInt8](repeating: 0, count: 600)) == 0)
        #expect(BigNum(bigEndianBytes: [0, 0, 1]) == 1)
        #expect(BigNum(bigEndianBytes: [1, 0]) == 256)
        #expect(BigNum(bigEndianBytes: [0x12, 0x34, 0x56, 0x78, 0x9a, 0xbc, 0xde, 0xf0, 0x01]).hexString == "123456789abcdef001")
    }

    @Test func os2ip_acceptsEveryKindOfByteCollection() {
        var g = OperandGenerator()
        for i in 0..<50 {
            let bytes = [0, 0] + (0..<Int.random(in: 0...300, using: &g)).map { _ in UInt8.random(in: 0...255, using: &g) }
            let expected = BigNum(bigEndianBytes: bytes)
            #expect(expected.oracle == BigUInt(Data(bytes)), "seed \(g.seed) case \(i)")
            #expect(BigNum(bigEndianBytes: Data(bytes)) == expected)
            #expect(BigNum(bigEndianBytes: bytes[...]) == expected)
            #expect(BigNum(bigEndianBytes: ContiguousArray(bytes)) == expected)
            // No contiguous storage: goes through BigNum's scratch-buffer path.
            #expect(BigNum(bigEndianBytes: bytes.lazy.map { $0 }) == expected, "seed \(g.seed) case \(i)")
            #expect(BigNum(bigEndianBytes: bytes.reversed().reversed()) == expected)
            bytes.withUnsafeBufferPointer { buffer in
                #expect(BigNum(bigEndianBytes: buffer) == expected)
            }
        }
    }

    // MARK: I2OSP

    @Test func i2osp_matchesOracle_withLeftPadding() throws {
        var g = OperandGenerator()
        for i in 0..<200 {
            let a = g.value(upTo: 4096)
            let x = a.bigNum
            let minimal = [UInt8](a.serialize())
            #expect(x.byteWidth == minimal.count, "seed \(g.seed) case \(i)")
            #expect(x.bigEndianBytes == minimal, "seed \(g.seed) case \(i)")
            let padding = Int.random(in: 0...40, using: &g)
            let padded = try x.bigEndianBytes(count: minimal.count + padding)
            #expect(padded == [UInt8](repeating: 0, count: padding) + minimal, "seed \(g.seed) case \(i)")
            // Round trip through OS2IP.
            #expect(BigNum(bigEndianBytes: padded) == x)
            #expect(BigNum(bigEndianBytes: x.bigEndianBytes) == x)
        }
    }

    @Test(arguments: [1, 2, 7, 8, 9, 31, 32, 33, 64, 256, 384, 512])
    func i2osp_exactlyKBytesSucceeds_kPlusOneBytesThrows(k: Int) throws {
        // The largest k-byte value, 256^k − 1, fits; the smallest (k+1)-byte value, 256^k, does not.
        let largestK = BigNum(BigUInt(1) << (8 * k) - 1)
        let smallestKPlusOne = BigNum(BigUInt(1) << (8 * k))
        let smallestK = BigNum(BigUInt(1) << (8 * (k - 1)))
        #expect(try largestK.bigEndianBytes(count: k) == [UInt8](repeating: 0xff, count: k))
        #expect(try smallestK.bigEndianBytes(count: k) == [1] + [UInt8](repeating: 0, count: k - 1))
        expectBigNumError(.valueTooLarge, "256^\(k) in \(k) bytes") { () throws(BigNumError) in
            try smallestKPlusOne.bigEndianBytes(count: k)
        }
        expectBigNumError(.valueTooLarge, "256^\(k) − 1 in \(k - 1) bytes") { () throws(BigNumError) in
            try largestK.bigEndianBytes(count: k - 1)
        }
        #expect(try smallestKPlusOne.bigEndianBytes(count: k + 1) == [1] + [UInt8](repeating: 0, count: k))
    }

    @Test func i2osp_zeroAndSmallValues() throws {
        #expect(try BigNum().bigEndianBytes(count: 0) == [])
        #expect(BigNum().bigEndianBytes == [])
        #expect(BigNum().byteWidth == 0)
        #expect(try BigNum().bigEndianBytes(count: 4) == [0, 0, 0, 0])
        #expect(try BigNum(1).bigEndianBytes(count: 1) == [1])
        #expect(try BigNum(0x0102).bigEndianBytes(count: 3) == [0, 1, 2])
        expectBigNumError(.valueTooLarge) { () throws(BigNumError) in try BigNum(1).bigEndianBytes(count: 0) }
        expectBigNumError(.valueTooLarge) { () throws(BigNumError) in try BigNum(0).bigEndianBytes(count: -1) }
    }

    // MARK: Hexadecimal

    @Test func hexString_matchesOracle_andRoundTrips() throws {
        var g = OperandGenerator()
        for i in 0..<200 {
            let a = g.value(upTo: 4096)
            let x = a.bigNum
            let hex = x.hexString
            #expect(hex == String(a, radix: 16), "seed \(g.seed) case \(i)")
            #expect(try BigNum(hexString: hex) == x, "seed \(g.seed) case \(i)")
            #expect(try BigNum(hexString: hex.uppercased()) == x)
            #expect(try BigNum(hexString: "000" + hex) == x, "leading zero digits, odd or even length")
            if !x.isZero {
                #expect(try BigNum(hexString: Hex.encode(x.bigEndianBytes)) == x, "through Hex.encode of the bytes")
            }
            #expect(x.debugDescription == "BigNum(0x\(hex))")
        }
    }

    @Test func hexString_fixedValues() throws {
        #expect(BigNum().hexString == "0")
        #expect(try BigNum(hexString: "0") == 0)
        #expect(try BigNum(hexString: "00000") == 0)
        #expect(try BigNum(hexString: "f") == 15)
        #expect(try BigNum(hexString: "abc") == 0xabc)
        #expect(try BigNum(hexString: "ABCdef") == 0xabcdef)
        #expect(BigNum(0xabcdef).hexString == "abcdef")
        #expect(BigNum(0x0abc).hexString == "abc", "no leading zero digit")
        #expect(try BigNum(hexString: "FFFFFFFFFFFFFFFF") == BigNum(UInt.max))
        #expect(try BigNum(hexString: "1" + String(repeating: "0", count: 16)).oracle == BigUInt(1) << 64)
    }

    @Test func hexCodec_roundTripsRandomBytes() throws {
        var g = OperandGenerator()
        for i in 0..<200 {
            let bytes = (0..<Int.random(in: 0...300, using: &g)).map { _ in UInt8.random(in: 0...255, using: &g) }
            let hex = Hex.encode(bytes)
            #expect(hex.utf8.count == 2 * bytes.count, "two digits per byte")
            #expect(hex == bytes.map { String(format: "%02x", $0) }.joined(), "seed \(g.seed) case \(i)")
            #expect(try Hex.decode(hex) == bytes, "seed \(g.seed) case \(i)")
            #expect(try Hex.decode(hex.uppercased()) == bytes, "seed \(g.seed) case \(i)")
        }
        #expect(Hex.encode([UInt8]()) == "")
        #expect(try Hex.decode("") == [])
        #expect(Hex.encode([0x00, 0x0f, 0xf0, 0xff]) == "000ff0ff")
        #expect(try Hex.decode("000FF0ff") == [0x00, 0x0f, 0xf0, 0xff])
        #expect(Hex.encode(Data([0xde, 0xad])) == "dead")
    }

    // MARK: Decimal and other radices

    @Test func description_matchesOracleDecimal() {
        var g = OperandGenerator()
        for i in 0..<150 {
            let a = g.value(upTo: 4096)
            #expect(a.bigNum.description == a.description, "seed \(g.seed) case \(i)")
            #expect("\(a.bigNum)" == String(a), "seed \(g.seed) case \(i)")
        }
        #expect(BigNum().description == "0")
        #expect(BigNum(UInt.max).description == "18446744073709551615")
    }

    @Test func stringRadix_matchesOracle_forEveryRadix() {
        var g = OperandGenerator()
        for radix in 2...36 {
            for i in 0..<8 {
                let a = g.value(upTo: 1024)
                #expect(a.bigNum.string(radix: radix) == String(a, radix: radix), "seed \(g.seed) radix \(radix) case \(i)")
            }
            #expect(BigNum().string(radix: radix) == "0")
            #expect(BigNum(UInt(radix)).string(radix: radix) == "10")
        }
        #expect(BigNum(35).string(radix: 36) == "z", "lowercase digits")
        #expect(BigNum(255).string(radix: 2) == "11111111")
    }
}
