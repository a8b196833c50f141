import BigNum
import Foundation
@testable import RSA
import Testing

/// `blindSignatures(for:)` under real concurrency: large batches, so that the workers of `concurrentPerform` overlap
/// (the Thread Sanitizer sees only races between threads that actually ran), each checked against the serial path.
///
/// Run under the Thread Sanitizer with
/// `swift build --build-tests --sanitize=thread --scratch-path .build-tsan` and
/// `swift test --skip-build --sanitize=thread --scratch-path .build-tsan --filter BlindSigningParallel`.
@Suite("BlindSigning: batch signing under concurrency")
struct BlindSigningParallelBatchTests {
    typealias Support = BlindSigningTestSupport

    @Test("blindSignatures(for:) of 64, four times: every entry equals the serial blind signature and finalizes")
    func largeBatchesMatchSerial() throws {
        let key = try TestKeys.secondary()
        let signer = BlindSigning.PrivateKey(key)
        let variant = BlindSigning.Variant.RSABSSA_SHA384_PSS_Deterministic
        let publicKey = BlindSigning.PublicKey(key.publicKey, variant: variant)
        let sessions = try (0..<64).map { index in
            let prepared = publicKey.prepare(Support.message(index, salt: 7))
            return (prepared: prepared, blinded: try publicKey.blind(prepared))
        }
        let inputs = sessions.map(\.blinded.blindedMessage)
        let expected = try inputs.map { try signer.blindSignature(for: $0) }
        for round in 0..<4 {
            let results = signer.blindSignatures(for: inputs)
            try #require(results.count == inputs.count, "round \(round)")
            for (index, result) in results.enumerated() {
                let blindSignature = try result.get()
                #expect(blindSignature == expected[index], "round \(round), entry \(index) differs from serial")
            }
        }
        // The batch output finalizes to valid signatures (spot check: a few entries).
        let results = signer.blindSignatures(for: inputs)
        for index in [0, 31, 63] {
            let signature = try publicKey.finalize(
                try results[index].get(), for: sessions[index].prepared,
                blindingInverse: sessions[index].blinded.inverse)
            #expect(publicKey.isValidSignature(signature, for: sessions[index].prepared))
        }
    }

    @Test("blindSignatures(for:) of one and of two entries")
    func smallBatches() throws {
        let key = try TestKeys.secondary()
        let signer = BlindSigning.PrivateKey(key)
        let publicKey = BlindSigning.PublicKey(key.publicKey, variant: .RSABSSA_SHA384_PSSZERO_Deterministic)
        let inputs = try (0..<2).map { index in
            try publicKey.blind(publicKey.prepare(Support.message(index, salt: 9))).blindedMessage
        }
        let one = signer.blindSignatures(for: [inputs[0]])
        #expect(one.count == 1)
        #expect(try one.first?.get() == (try signer.blindSignature(for: inputs[0])))
        let two = signer.blindSignatures(for: inputs)
        #expect(two.count == 2)
        #expect(try two.map { try $0.get() } == (try inputs.map { try signer.blindSignature(for: $0) }))
    }
}
