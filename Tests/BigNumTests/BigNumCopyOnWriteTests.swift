import BigInt
import CGMP
import Testing

@testable import BigNum

/// Value semantics: copies share storage until one is mutated, mutating a copy never changes the original, and
/// no operation modifies its operands.
///
/// BigNum's only mutating API is the internal `withMutableMPZ(_:)` (used by `randomPrime` to set bits); the
/// public API is non-mutating, so the public side of value semantics is "operations return new values and leave
/// their operands untouched".
@Suite("Copy-on-write and value semantics")
struct BigNumCopyOnWriteTests {
    /// The reference value, as an oracle value that no BigNum mutation can reach.
    private static let sampleValue = BigUInt("d3adbeef0123456789abcdef00112233445566778899aabbccddeeff0f1e2d3c4b5a69788796a5b4c3d2e1f0", radix: 16)!
    /// A fresh BigNum holding the reference value (a new storage each time).
    private static var sample: BigNum { BigNum(sampleValue) }

    /// The identity of a value's storage object.
    private static func storageID(_ value: BigNum) -> ObjectIdentifier { ObjectIdentifier(value.storage) }

    // MARK: The mutating API

    @Test func mutatingACopy_copiesStorage_andLeavesTheOriginalUnchanged() {
        let original = Self.sample
        let originalBytes = original.bigEndianBytes
        var copy = original
        #expect(Self.storageID(copy) == Self.storageID(original), "a copy shares storage until mutated")

        copy.withMutableMPZ { z in
            __gmpz_setbit(z, 1000)
            __gmpz_add_ui(z, z, 1)
        }
        #expect(Self.storageID(copy) != Self.storageID(original), "mutation detached the copy")
        #expect(original.bigEndianBytes == originalBytes, "the original is unchanged")
        #expect(original.oracle == Self.sampleValue)
        #expect(copy.oracle == (Self.sampleValue | (BigUInt(1) << 1000)) + 1, "the copy has the new value")
    }

    @Test func mutatingTheOriginal_leavesAnEarlierCopyUnchanged() {
        var original = Self.sample
        let copy = original
        original.withMutableMPZ { z in __gmpz_set_ui(z, 7) }
        #expect(original == 7)
        #expect(copy.oracle == Self.sampleValue, "the copy keeps the old value")
    }

    @Test func mutatingAUniqueValue_doesNotCopy() {
        var unique = Self.sample + 0  // a fresh, uniquely referenced storage
        let before = Self.storageID(unique)
        unique.withMutableMPZ { z in __gmpz_add_ui(z, z, 1) }
        #expect(Self.storageID(unique) == before, "no copy when the storage is not shared")
        #expect(unique.oracle == Self.sampleValue + 1)
    }

    @Test func mutatingAResultEqualToAnOperand_leavesTheOperandUnchanged() throws {
        // Operations whose result equals an operand must still return a separate storage.
        let x = Self.sample
        let sameValued: [BigNum] = [
            x + 0, try x - 0, x * 1, try x.reduced(modulo: x + 1), try x.secretReduced(modulo: x + 1),
            x.shiftedLeft(by: 0), x.shiftedRight(by: 0), x.greatestCommonDivisor(with: 0),
            try x.quotientAndRemainder(dividingBy: 1).quotient, try x.quotientAndRemainder(dividingBy: x + 1).remainder,
            try x.publicPower(1, modulus: x + 1), BigNum(bigEndianBytes: x.bigEndianBytes),
        ]
        for var result in sameValued {
            #expect(result == x)
            result.withMutableMPZ { z in __gmpz_set_ui(z, 0) }
            #expect(result == 0)
            #expect(x.oracle == Self.sampleValue, "mutating a result changed its operand")
        }
    }

    @Test func copiesMutatedConcurrently_stayIndependent() async {
        let original = Self.sample
        let results = await withTaskGroup(of: BigNum.self) { group in
            for index in 0..<16 {
                group.addTask {
                    var copy = original
                    for _ in 0..<100 {
                        copy.withMutableMPZ { z in __gmpz_add_ui(z, z, UInt(index)) }
                    }
                    return copy
                }
            }
            var collected: [BigNum] = []
            for await result in group { collected.append(result) }
            return collected
        }
        #expect(original.oracle == Self.sampleValue)
        let expected = Set((0..<16).map { Self.sampleValue + BigUInt($0 * 100) })
        #expect(Set(results.map(\.oracle)) == expected)
    }

    // MARK: Reassignment through the public API

    @Test func reassigningACopy_leavesTheOriginalUnchanged() throws {
        let original = Self.sample
        var copy = original
        copy = copy + 1
        #expect(copy.oracle == Self.sampleValue + 1)
        #expect(original.oracle == Self.sampleValue)
        copy = try copy - copy
        #expect(copy == 0)
        #expect(original.oracle == Self.sampleValue)
        var other = original
        other = other.shiftedLeft(by: 3)
        #expect(other.oracle == Self.sampleValue << 3)
        #expect(original.oracle == Self.sampleValue)
    }

    // MARK: Operations do not modify their operands

    /// One operation on (x, y, modulus), for the parameterized test below.
    struct Operation: Sendable, CustomTestStringConvertible {
        let name: String
        let apply: @Sendable (BigNum, BigNum, BigNum) throws -> [BigNum]
        var testDescription: String { name }
    }

    static let operations: [Operation] = [
        Operation(name: "plus") { x, y, _ in [x + y] },
        Operation(name: "minus") { x, y, _ in [try x - y] },
        Operation(name: "subtracting") { x, y, _ in [try x.subtracting(y)] },
        Operation(name: "times") { x, y, _ in [x * y] },
        Operation(name: "quotientAndRemainder") { x, y, _ in
            let (q, r) = try x.quotientAndRemainder(dividingBy: y)
            return [q, r]
        },
        Operation(name: "reduced") { x, _, m in [try x.reduced(modulo: m)] },
        Operation(name: "adding(modulo:)") { x, y, m in [try x.adding(y, modulo: m)] },
        Operation(name: "multiplied(modulo:)") { x, y, m in [try x.multiplied(by: y, modulo: m)] },
        Operation(name: "inverse") { x, _, m in [x.inverse(modulo: m)].compactMap { $0 } },
        Operation(name: "greatestCommonDivisor") { x, y, _ in [x.greatestCommonDivisor(with: y)] },
        Operation(name: "shiftedLeft") { x, _, _ in [x.shiftedLeft(by: 77)] },
        Operation(name: "shiftedRight") { x, _, _ in [x.shiftedRight(by: 77)] },
        Operation(name: "publicPower") { x, y, m in [try x.publicPower(y, modulus: m)] },
        Operation(name: "secretPower") { x, y, m in [try x.secretPower(y, modulus: m)] },
        Operation(name: "powerOfSecretBase") { x, y, m in [try x.powerOfSecretBase(publicExponent: y, modulus: m)] },
        Operation(name: "secretReduced") { x, _, m in [try x.secretReduced(modulo: m)] },
        Operation(name: "secretMultiplied") { x, y, m in [try x.secretMultiplied(by: y, modulo: m)] },
        Operation(name: "secretAdded") { x, y, m in [try x.secretAdded(y, modulo: m)] },
        Operation(name: "secretSubtracted") { x, y, m in [try x.secretSubtracted(y, modulo: m)] },
        Operation(name: "secretInverse") { x, _, m in [try x.secretInverse(modulo: m)].compactMap { $0 } },
        Operation(name: "random(in:)") { x, y, _ in [try BigNum.random(in: y..<x)] },
        Operation(name: "conversions") { x, _, _ in
            _ = x.bigEndianBytes
            _ = try x.bigEndianBytes(count: 200)
            _ = x.hexString
            _ = x.description
            _ = x.hashValue
            _ = x.isProbablePrime(rounds: 2)
            return []
        },
    ]

    @Test(arguments: operations)
    func operation_doesNotModifyOperands(_ operation: Operation) throws {
        var g = OperandGenerator()
        for i in 0..<20 {
            // x > y, an odd modulus (valid for every operation), each possibly longer than the modulus.
            let m = g.oddValue(minimumBits: 3, upTo: 1500)
            let y = g.nonZeroValue(upTo: 1500)
            let x = y + g.nonZeroValue(upTo: 1500)
            let (bx, by, bm) = (x.bigNum, y.bigNum, m.bigNum)
            let ids = [Self.storageID(bx), Self.storageID(by), Self.storageID(bm)]
            let results = try operation.apply(bx, by, bm)
            #expect(bx.oracle == x && by.oracle == y && bm.oracle == m, "seed \(g.seed) case \(i): an operand changed")
            #expect([Self.storageID(bx), Self.storageID(by), Self.storageID(bm)] == ids)
            for result in results {
                #expect(!ids.contains(Self.storageID(result)), "seed \(g.seed) case \(i): the result shares an operand's storage")
            }
        }
    }
}
