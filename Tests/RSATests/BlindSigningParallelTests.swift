import BigNum
import Foundation
@testable import RSA
import Testing

/// The two-core (``BlindSigning/TwoCoreSigner``) and batch BlindSign paths, and the fault check of the private
/// operation they share.
@Suite("BlindSigning: two-core, batch and fault detection")
struct BlindSigningParallelTests {
    typealias Support = BlindSigningTestSupport

    /// `count` blinded messages for `key`, from the client side.
    static func blindedMessages(_ count: Int, key: RSAPrivateKey, variant: BlindSigning.Variant) throws
        -> [(prepared: BlindSigning.PreparedMessage, blinded: BlindSigning.BlindingResult)]
    {
        let publicKey = BlindSigning.PublicKey(key.publicKey, variant: variant)
        return try (0..<count).map { index in
            let prepared = publicKey.prepare(Support.message(index, salt: 42))
            return (prepared, try publicKey.blind(prepared))
        }
    }

    @Test("TwoCoreSigner gives the same result as blindSignature(for:)", arguments: [2048, 3072])
    func twoCoresMatchSerial(bits: Int) throws {
        let key = try TestKeys.key(bits: bits)
        let signer = BlindSigning.PrivateKey(key)
        let twoCoreSigner = BlindSigning.TwoCoreSigner(signer)
        defer { twoCoreSigner.shutdown() }
        let variant = BlindSigning.Variant.RSABSSA_SHA384_PSS_Randomized
        let publicKey = BlindSigning.PublicKey(key.publicKey, variant: variant)
        for (prepared, blinded) in try Self.blindedMessages(8, key: key, variant: variant) {
            let serial = try signer.blindSignature(for: blinded.blindedMessage)
            let parallel = try twoCoreSigner.blindSignature(for: blinded.blindedMessage)
            #expect(parallel == serial)
            // Deterministic: signing again gives the same bytes, on either path.
            #expect(try signer.blindSignature(for: blinded.blindedMessage) == serial)
            #expect(try twoCoreSigner.blindSignature(for: blinded.blindedMessage) == serial)
            let signature = try publicKey.finalize(parallel, for: prepared, blindingInverse: blinded.inverse)
            #expect(publicKey.isValidSignature(signature, for: prepared))
        }
    }

    enum Malformation: String, CaseIterable, Sendable, CustomTestStringConvertible {
        case truncated, oversized, notBelowModulus

        var testDescription: String { rawValue }

        func apply(to message: BlindSigning.BlindedMessage, key: RSAPublicKey) throws -> BlindSigning.BlindedMessage {
            let bytes = message.rawRepresentation
            switch self {
            case .truncated: return BlindSigning.BlindedMessage(rawRepresentation: bytes.dropLast())
            case .oversized: return BlindSigning.BlindedMessage(rawRepresentation: bytes + [0])
            case .notBelowModulus:
                return BlindSigning.BlindedMessage(
                    rawRepresentation: try key.modulus.bigEndianBytes(count: key.modulusByteCount))
            }
        }

        var expectedCode: RSAError.Code {
            self == .notBelowModulus ? .invalidInput : .unexpectedInputSize
        }
    }

    @Test("blindSignatures(for:) of 16 with one malformed entry: 15 successes equal to serial, 1 failure in place",
        arguments: Malformation.allCases)
    func batchWithOneMalformedEntry(malformation: Malformation) throws {
        let key = try TestKeys.primary()
        let signer = BlindSigning.PrivateKey(key)
        let variant = BlindSigning.Variant.RSABSSA_SHA384_PSSZERO_Randomized
        let publicKey = BlindSigning.PublicKey(key.publicKey, variant: variant)
        let sessions = try Self.blindedMessages(16, key: key, variant: variant)
        let badIndex = 11
        var inputs = sessions.map(\.blinded.blindedMessage)
        inputs[badIndex] = try malformation.apply(to: inputs[badIndex], key: key.publicKey)

        let results = signer.blindSignatures(for: inputs)
        try #require(results.count == 16)
        var successes = 0
        var failures: [Int] = []
        for (index, result) in results.enumerated() {
            switch result {
            case .success(let blindSignature):
                successes += 1
                #expect(index != badIndex)
                #expect(
                    blindSignature == (try signer.blindSignature(for: inputs[index])),
                    "entry \(index) differs from serial")
                let (prepared, blinded) = sessions[index]
                let signature = try publicKey.finalize(blindSignature, for: prepared, blindingInverse: blinded.inverse)
                #expect(publicKey.isValidSignature(signature, for: prepared))
            case .failure(let error):
                failures.append(index)
                #expect(error.code == malformation.expectedCode, "entry \(index): \(error)")
            }
        }
        #expect(successes == 15)
        #expect(failures == [badIndex])
    }

    @Test("blindSignatures(for:) of nothing is empty")
    func emptyBatch() throws {
        let signer = BlindSigning.PrivateKey(try TestKeys.primary())
        #expect(signer.blindSignatures(for: []).isEmpty)
    }

    @Test("A fault in the CRT or the result is detected and nothing is released",
        arguments: [false, true])
    func faultInjectionIsDetected(parallelCRT: Bool) throws {
        let key = try TestKeys.primary()
        let m = try BigNum.random(in: 1..<key.publicKey.modulus)
        // Without a fault the primitive is correct: s^e ≡ m.
        let s = try RSAPrimitives.privateOperation(m, key: key, fault: nil, parallelCRT: parallelCRT)
        #expect(try RSAPrimitives.verify(s, with: key.publicKey) == m)
        Support.expectError(.signingFailure, "corruptFirstCRTHalf") { () throws(RSAError) in
            try RSAPrimitives.privateOperation(m, key: key, fault: .corruptFirstCRTHalf, parallelCRT: parallelCRT)
        }
        Support.expectError(.signingFailure, "corruptResult") { () throws(RSAError) in
            try RSAPrimitives.privateOperation(m, key: key, fault: .corruptResult, parallelCRT: parallelCRT)
        }
    }
}
