import BigNum
import Foundation
@testable import RSA
import Testing

/// The private operation's fault check: an injected fault is detected and its result never released.
@Suite("Fault injection")
struct FaultInjectionTests {
    static func inputs(for key: RSAPrivateKey) throws -> [BigNum] {
        let n = key.publicKey.modulus
        var generator = SeededGenerator(seed: 0xFA17)
        var values: [BigNum] = [0, 1, 2, try n.subtracting(1), try n.subtracting(2)]
        for _ in 0..<5 {
            values.append(try BigNum(bigEndianBytes: generator.bytes(key.modulusByteCount)).reduced(modulo: n))
        }
        return values
    }

    @Test("fault: nil gives the textbook answer: s = m^d mod n and s^e mod n = m")
    func noFaultGivesCorrectResult() throws {
        for key in [try TestKeys.primary(), try TestKeys.oaepVectKey(bits: 1025)] {
            let n = key.publicKey.modulus
            for m in try Self.inputs(for: key) {
                let s = try RSAPrimitives.privateOperation(m, key: key, fault: nil)
                #expect(s < n)
                #expect(try s.publicPower(key.publicKey.publicExponent, modulus: n) == m)
                #expect(try m.publicPower(key.privateExponent, modulus: n) == s)
                // The public entry points are the same operation.
                #expect(try RSAPrimitives.sign(m, with: key) == s)
                #expect(try RSAPrimitives.decrypt(m, with: key) == s)
                #expect(try RSAPrimitives.verify(s, with: key.publicKey) == m)
                #expect(try RSAPrimitives.encrypt(s, with: key.publicKey) == m)
            }
        }
    }

    @Test("An injected fault (corrupted CRT half, the Bellcore fault, or corrupted result) throws .signingFailure",
        arguments: [RSAPrimitives.FaultInjection.corruptFirstCRTHalf, .corruptResult])
    func injectedFaultIsDetected(fault: RSAPrimitives.FaultInjection) throws {
        for key in [try TestKeys.primary(), try TestKeys.oaepVectKey(bits: 1025)] {
            for m in try Self.inputs(for: key) {
                expectRSAError(.signingFailure, "\(fault), m of \(m.bitWidth) bits") {
                    try RSAPrimitives.privateOperation(m, key: key, fault: fault)
                }
            }
        }
        // Also with e = 17 (the oaep-int key).
        let smallExponentKey = try TestKeys.oaepInt.get()
        #expect(smallExponentKey.publicKey.publicExponent == 17)
        expectRSAError(.signingFailure) {
            try RSAPrimitives.privateOperation(0x1234_5678, key: smallExponentKey, fault: fault)
        }
        #expect(
            try RSAPrimitives.privateOperation(0x1234_5678, key: smallExponentKey, fault: nil)
                .publicPower(17, modulus: smallExponentKey.publicKey.modulus) == 0x1234_5678)
    }

    @Test("The fault check runs after the range check: m ≥ n is .invalidInput even with a fault injected")
    func rangeCheckComesFirst() throws {
        let key = try TestKeys.primary()
        expectRSAError(.invalidInput) {
            try RSAPrimitives.privateOperation(key.publicKey.modulus, key: key, fault: .corruptFirstCRTHalf)
        }
    }

    @Test("Blinding: repeated private operations on the same input give the same result")
    func blindingDoesNotChangeResult() throws {
        let key = try TestKeys.primary()
        let m: BigNum = 0xDEAD_BEEF
        let first = try RSAPrimitives.sign(m, with: key)
        for _ in 0..<5 {
            #expect(try RSAPrimitives.sign(m, with: key) == first)
        }
    }
}
