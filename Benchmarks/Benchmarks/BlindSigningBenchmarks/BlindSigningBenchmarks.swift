// RSA blind signatures (RFC 9474, RSABSSA-SHA384-PSS-Randomized) against swift-crypto's _RSA.BlindSigning
// (BoringSSL): the client's prepare + blind, the signer's BlindSign (serial, two-core, batch), finalize and verify.
//
// Both sides load the same fixed key (BenchmarkKeys) in setup, outside timing. Inputs of the later steps (blinded
// messages, blind signatures, signatures) are made once in setup by the same side that consumes them, and checked.

import Benchmark
import BenchmarkKeys
import Crypto
import Foundation
import RSA
import _CryptoExtras

/// Messages per batch in the throughput benchmarks.
let batchSize = 32

/// Signed messages per second of one iteration of a batch benchmark.
let messagesPerSecond = BenchmarkMetric.custom("messages/s", polarity: .prefersLarger, useScalingFactor: false)

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput],
        timeUnits: .microseconds,
        warmupIterations: 3,
        maxDuration: .seconds(2),
        maxIterations: 10_000
    )

    for bits in [2048, 4096] {
        let privateConfiguration = Benchmark.Configuration(
            metrics: [.wallClock, .throughput],
            timeUnits: .microseconds,
            warmupIterations: 3,
            maxDuration: .seconds(bits == 2048 ? 2 : 3),
            maxIterations: 10_000
        )
        let batchConfiguration = Benchmark.Configuration(
            metrics: [.wallClock, .throughput, messagesPerSecond],
            timeUnits: .milliseconds,
            warmupIterations: 1,
            maxDuration: .seconds(3),
            maxIterations: 1_000
        )

        // MARK: Prepare + Blind (client)

        Benchmark("RSA-\(bits) prepare+blind (ours)") { benchmark, fixture in
            for _ in benchmark.scaledIterations {
                let prepared = fixture.ourPublic.prepare(fixture.message)
                blackHole(try! fixture.ourPublic.blind(prepared))
            }
        } setup: {
            try BlindFixture(bits: bits)
        }

        Benchmark("RSA-\(bits) prepare+blind (swift-crypto)") { benchmark, fixture in
            for _ in benchmark.scaledIterations {
                let prepared = fixture.theirPublic.prepare(fixture.messageData)
                blackHole(try! fixture.theirPublic.blind(prepared))
            }
        } setup: {
            try BlindFixture(bits: bits)
        }

        // MARK: BlindSign (signer)

        Benchmark("RSA-\(bits) blindSign serial (ours)", configuration: privateConfiguration) { benchmark, fixture in
            for _ in benchmark.scaledIterations {
                blackHole(try! fixture.ourPrivate.blindSignature(for: fixture.ourBlinded.blindedMessage))
            }
        } setup: {
            try BlindFixture(bits: bits)
        }

        Benchmark("RSA-\(bits) blindSign two-core (ours)", configuration: privateConfiguration) { benchmark, fixture in
            for _ in benchmark.scaledIterations {
                blackHole(try! fixture.signer.blindSignature(for: fixture.blind.ourBlinded.blindedMessage))
            }
        } setup: {
            try TwoCoreFixture(bits: bits)
        }

        Benchmark("RSA-\(bits) blindSign serial (swift-crypto)", configuration: privateConfiguration) {
            benchmark, fixture in
            for _ in benchmark.scaledIterations {
                blackHole(try! fixture.theirPrivate.blindSignature(for: fixture.theirBlinded.blindedMessage))
            }
        } setup: {
            try BlindFixture(bits: bits)
        }

        // MARK: Finalize (client)

        Benchmark("RSA-\(bits) finalize (ours)") { benchmark, fixture in
            for _ in benchmark.scaledIterations {
                blackHole(
                    try! fixture.ourPublic.finalize(
                        fixture.ourBlindSignature, for: fixture.ourPrepared, blindingInverse: fixture.ourBlinded.inverse
                    )
                )
            }
        } setup: {
            try BlindFixture(bits: bits)
        }

        Benchmark("RSA-\(bits) finalize (swift-crypto)") { benchmark, fixture in
            for _ in benchmark.scaledIterations {
                blackHole(
                    try! fixture.theirPublic.finalize(
                        fixture.theirBlindSignature, for: fixture.theirPrepared,
                        blindingInverse: fixture.theirBlinded.inverse
                    )
                )
            }
        } setup: {
            try BlindFixture(bits: bits)
        }

        // MARK: Verify (anyone)

        Benchmark("RSA-\(bits) verify (ours)") { benchmark, fixture in
            for _ in benchmark.scaledIterations {
                blackHole(fixture.ourPublic.isValidSignature(fixture.ourSignature, for: fixture.ourPrepared))
            }
        } setup: {
            try BlindFixture(bits: bits)
        }

        Benchmark("RSA-\(bits) verify (swift-crypto)") { benchmark, fixture in
            for _ in benchmark.scaledIterations {
                blackHole(fixture.theirPublic.isValidSignature(fixture.theirSignature, for: fixture.theirPrepared))
            }
        } setup: {
            try BlindFixture(bits: bits)
        }

        // MARK: Throughput: 32 blinded messages per iteration

        Benchmark("RSA-\(bits) 32 messages blindSignatures(for:) (ours)", configuration: batchConfiguration) {
            benchmark, fixture in
            let start = ContinuousClock.now
            let results = fixture.ourPrivate.blindSignatures(for: fixture.ourBatch)
            let elapsed = ContinuousClock.now - start
            blackHole(results)
            benchmark.measurement(messagesPerSecond, rate(batchSize, elapsed))
        } setup: {
            try BlindFixture(bits: bits)
        }

        Benchmark("RSA-\(bits) 32 messages serial blindSign (ours)", configuration: batchConfiguration) {
            benchmark, fixture in
            let start = ContinuousClock.now
            for blinded in fixture.ourBatch {
                blackHole(try! fixture.ourPrivate.blindSignature(for: blinded))
            }
            let elapsed = ContinuousClock.now - start
            benchmark.measurement(messagesPerSecond, rate(batchSize, elapsed))
        } setup: {
            try BlindFixture(bits: bits)
        }

        Benchmark("RSA-\(bits) 32 messages serial blindSignature (swift-crypto)", configuration: batchConfiguration) {
            benchmark, fixture in
            let start = ContinuousClock.now
            for blinded in fixture.theirBatch {
                blackHole(try! fixture.theirPrivate.blindSignature(for: blinded))
            }
            let elapsed = ContinuousClock.now - start
            benchmark.measurement(messagesPerSecond, rate(batchSize, elapsed))
        } setup: {
            try BlindFixture(bits: bits)
        }
    }
}

/// `count` events in `elapsed`, per second.
func rate(_ count: Int, _ elapsed: Duration) -> Int {
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    return Int((Double(count) / seconds).rounded())
}

/// One key on both sides and one run of the protocol by each side, made in setup.
struct BlindFixture: @unchecked Sendable {
    typealias TheirPrivateKey = _RSA.BlindSigning.PrivateKey<SHA384>
    typealias TheirPublicKey = _RSA.BlindSigning.PublicKey<SHA384>

    let message: [UInt8]
    let messageData: Data

    let ourPrivate: BlindSigning.PrivateKey
    let ourPublic: BlindSigning.PublicKey
    let ourPrepared: BlindSigning.PreparedMessage
    let ourBlinded: BlindSigning.BlindingResult
    let ourBlindSignature: BlindSigning.BlindSignature
    let ourSignature: [UInt8]
    let ourBatch: [BlindSigning.BlindedMessage]

    let theirPrivate: TheirPrivateKey
    let theirPublic: TheirPublicKey
    let theirPrepared: _RSA.BlindSigning.PreparedMessage
    let theirBlinded: _RSA.BlindSigning.BlindingResult
    let theirBlindSignature: _RSA.BlindSigning.BlindSignature
    let theirSignature: _RSA.Signing.RSASignature
    let theirBatch: [Data]

    init(bits: Int) throws {
        let pem = BenchmarkKeys.pem(bits: bits)
        var generator = SystemRandomNumberGenerator()
        message = (0..<32).map { _ in UInt8.random(in: 0 ... 255, using: &generator) }
        messageData = Data(message)

        ourPrivate = BlindSigning.PrivateKey(try RSAPrivateKey(pemRepresentation: pem))
        ourPublic = ourPrivate.publicKey(variant: .RSABSSA_SHA384_PSS_Randomized)
        ourPrepared = ourPublic.prepare(message)
        ourBlinded = try ourPublic.blind(ourPrepared)
        ourBlindSignature = try ourPrivate.blindSignature(for: ourBlinded.blindedMessage)
        ourSignature = try ourPublic.finalize(
            ourBlindSignature, for: ourPrepared, blindingInverse: ourBlinded.inverse)
        precondition(ourPublic.isValidSignature(ourSignature, for: ourPrepared))
        let ourPublicKey = ourPublic
        let ourMessage = message
        ourBatch = try (0..<batchSize).map { _ in
            try ourPublicKey.blind(ourPublicKey.prepare(ourMessage)).blindedMessage
        }
        precondition(ourPrivate.blindSignatures(for: ourBatch).allSatisfy { (try? $0.get()) != nil })

        theirPrivate = try TheirPrivateKey(pemRepresentation: pem, parameters: .RSABSSA_SHA384_PSS_Randomized)
        theirPublic = theirPrivate.publicKey
        precondition(theirPrivate.keySizeInBits == bits && ourPublic.key.modulusBitWidth == bits)
        theirPrepared = theirPublic.prepare(messageData)
        theirBlinded = try theirPublic.blind(theirPrepared)
        theirBlindSignature = try theirPrivate.blindSignature(for: theirBlinded.blindedMessage)
        theirSignature = try theirPublic.finalize(
            theirBlindSignature, for: theirPrepared, blindingInverse: theirBlinded.inverse
        )
        precondition(theirPublic.isValidSignature(theirSignature, for: theirPrepared))
        let theirPublicKey = theirPublic
        let theirMessage = messageData
        theirBatch = try (0..<batchSize).map { _ in
            try theirPublicKey.blind(theirPublicKey.prepare(theirMessage)).blindedMessage
        }

        // Cross-check: our finalized signature is an ordinary RSASSA-PSS signature (SHA-384, MGF1-SHA-384, salt
        // 48) over the prepared message, under the same key, for swift-crypto too.
        let plainPublic = try _RSA.Signing.PublicKey(pemRepresentation: theirPublic.pemRepresentation)
        precondition(
            plainPublic.isValidSignature(
                _RSA.Signing.RSASignature(rawRepresentation: ourSignature),
                for: SHA384.hash(data: ourPrepared.rawRepresentation),
                padding: .PSS
            )
        )
    }
}

/// A ``BlindFixture`` and a two-core signer over the same key, with its own helper thread (stopped when the fixture
/// is released: the signer stops its helper when it goes away).
struct TwoCoreFixture: @unchecked Sendable {
    let blind: BlindFixture
    let signer: BlindSigning.TwoCoreSigner

    init(bits: Int) throws {
        blind = try BlindFixture(bits: bits)
        signer = BlindSigning.TwoCoreSigner(blind.ourPrivate)
        let twoCoreSignature = try signer.blindSignature(for: blind.ourBlinded.blindedMessage)
        precondition(twoCoreSignature == blind.ourBlindSignature)
    }
}
