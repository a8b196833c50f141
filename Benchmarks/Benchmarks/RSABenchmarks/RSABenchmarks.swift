// RSA (RFC 8017) against swift-crypto's _CryptoExtras (BoringSSL): key generation, RSASSA-PSS (SHA-256, MGF1-SHA-256,
// 32-byte salt) sign and verify, RSAES-OAEP (SHA-256, MGF1-SHA-256, empty label) encrypt and decrypt.
//
// Both sides load the same fixed key (BenchmarkKeys) in setup, outside timing. Every timed iteration runs the
// public API call end to end, including the message hash (PSS) and the encoding of the result.

import Benchmark
import BenchmarkKeys
import Crypto
import Foundation
import RSA
import _CryptoExtras

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput],
        timeUnits: .microseconds,
        warmupIterations: 3,
        maxDuration: .seconds(2),
        maxIterations: 10_000
    )

    for bits in [2048, 4096] {
        // Private-key operations: a few milliseconds each (4096: tens of milliseconds).
        let privateConfiguration = Benchmark.Configuration(
            metrics: [.wallClock, .throughput],
            timeUnits: .microseconds,
            warmupIterations: 3,
            maxDuration: .seconds(bits == 2048 ? 2 : 3),
            maxIterations: 10_000
        )

        // MARK: PSS sign

        Benchmark("RSA-\(bits) PSS-SHA256 sign (ours)", configuration: privateConfiguration) { benchmark, keys in
            for _ in benchmark.scaledIterations {
                blackHole(try! RSASSAPSS.sign(keys.message, with: keys.ours, parameters: .sha256))
            }
        } setup: {
            try RSAFixture(bits: bits)
        }

        Benchmark("RSA-\(bits) PSS-SHA256 sign (swift-crypto)", configuration: privateConfiguration) { benchmark, keys in
            for _ in benchmark.scaledIterations {
                blackHole(try! keys.theirsSigning.signature(for: SHA256.hash(data: keys.messageData), padding: .PSS))
            }
        } setup: {
            try RSAFixture(bits: bits)
        }

        // MARK: PSS verify

        Benchmark("RSA-\(bits) PSS-SHA256 verify (ours)") { benchmark, keys in
            for _ in benchmark.scaledIterations {
                blackHole(
                    RSASSAPSS.isValidSignature(
                        keys.ourSignature, for: keys.message, with: keys.ours.publicKey, parameters: .sha256
                    )
                )
            }
        } setup: {
            try RSAFixture(bits: bits)
        }

        Benchmark("RSA-\(bits) PSS-SHA256 verify (swift-crypto)") { benchmark, keys in
            for _ in benchmark.scaledIterations {
                blackHole(
                    keys.theirsSigningPublic.isValidSignature(
                        keys.theirSignature, for: SHA256.hash(data: keys.messageData), padding: .PSS
                    )
                )
            }
        } setup: {
            try RSAFixture(bits: bits)
        }

        // MARK: OAEP encrypt

        Benchmark("RSA-\(bits) OAEP-SHA256 encrypt (ours)") { benchmark, keys in
            for _ in benchmark.scaledIterations {
                blackHole(try! RSAESOAEP.encrypt(keys.message, with: keys.ours.publicKey, parameters: .sha256))
            }
        } setup: {
            try RSAFixture(bits: bits)
        }

        Benchmark("RSA-\(bits) OAEP-SHA256 encrypt (swift-crypto)") { benchmark, keys in
            for _ in benchmark.scaledIterations {
                blackHole(try! keys.theirsEncryptionPublic.encrypt(keys.messageData, padding: .PKCS1_OAEP_SHA256))
            }
        } setup: {
            try RSAFixture(bits: bits)
        }

        // MARK: OAEP decrypt

        Benchmark("RSA-\(bits) OAEP-SHA256 decrypt (ours)", configuration: privateConfiguration) { benchmark, keys in
            for _ in benchmark.scaledIterations {
                blackHole(try! RSAESOAEP.decrypt(keys.ourCiphertext, with: keys.ours, parameters: .sha256))
            }
        } setup: {
            try RSAFixture(bits: bits)
        }

        Benchmark("RSA-\(bits) OAEP-SHA256 decrypt (swift-crypto)", configuration: privateConfiguration) {
            benchmark, keys in
            for _ in benchmark.scaledIterations {
                blackHole(try! keys.theirsEncryption.decrypt(keys.theirCiphertext, padding: .PKCS1_OAEP_SHA256))
            }
        } setup: {
            try RSAFixture(bits: bits)
        }
    }

    // MARK: Key generation (e = 65537)

    // Prime search makes single runs vary a lot: the median of up to 40 keys (2048) or 5 keys (4096).
    for (bits, size, iterations, seconds) in [
        (2048, _RSA.Signing.KeySize.bits2048, 40, 20), (4096, _RSA.Signing.KeySize.bits4096, 5, 20),
    ] {
        let keygenConfiguration = Benchmark.Configuration(
            metrics: [.wallClock, .throughput],
            timeUnits: .milliseconds,
            warmupIterations: 0,
            maxDuration: .seconds(seconds),
            maxIterations: iterations
        )
        Benchmark("RSA-\(bits) keygen (ours)", configuration: keygenConfiguration) { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(try! RSAPrivateKey.generate(bits: bits))
            }
        }
        Benchmark("RSA-\(bits) keygen (swift-crypto)", configuration: keygenConfiguration) { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(try! _RSA.Signing.PrivateKey(keySize: size))
            }
        }
    }
}

/// One key on both sides, plus a message, a signature and a ciphertext made by each side in setup (and checked
/// by the other side, so that the timed calls run on valid inputs).
struct RSAFixture: @unchecked Sendable {
    let ours: RSAPrivateKey
    let theirsSigning: _RSA.Signing.PrivateKey
    let theirsSigningPublic: _RSA.Signing.PublicKey
    let theirsEncryption: _RSA.Encryption.PrivateKey
    let theirsEncryptionPublic: _RSA.Encryption.PublicKey

    let message: [UInt8]
    let messageData: Data
    let ourSignature: [UInt8]
    let theirSignature: _RSA.Signing.RSASignature
    let ourCiphertext: [UInt8]
    let theirCiphertext: Data

    init(bits: Int) throws {
        let pem = BenchmarkKeys.pem(bits: bits)
        ours = try RSAPrivateKey(pemRepresentation: pem)
        theirsSigning = try _RSA.Signing.PrivateKey(pemRepresentation: pem)
        theirsSigningPublic = theirsSigning.publicKey
        theirsEncryption = try _RSA.Encryption.PrivateKey(pemRepresentation: pem)
        theirsEncryptionPublic = theirsEncryption.publicKey
        precondition(ours.publicKey.modulusBitWidth == bits && theirsSigning.keySizeInBits == bits)

        var generator = SystemRandomNumberGenerator()
        message = (0..<32).map { _ in UInt8.random(in: 0 ... 255, using: &generator) }
        messageData = Data(message)

        ourSignature = try RSASSAPSS.sign(message, with: ours, parameters: .sha256)
        theirSignature = try theirsSigning.signature(for: SHA256.hash(data: messageData), padding: .PSS)
        ourCiphertext = try RSAESOAEP.encrypt(message, with: ours.publicKey, parameters: .sha256)
        theirCiphertext = try theirsEncryptionPublic.encrypt(messageData, padding: .PKCS1_OAEP_SHA256)

        // Cross-checks: each side accepts the other's output.
        precondition(
            theirsSigningPublic.isValidSignature(
                _RSA.Signing.RSASignature(rawRepresentation: ourSignature), for: SHA256.hash(data: messageData),
                padding: .PSS
            )
        )
        precondition(
            RSASSAPSS.isValidSignature(
                Array(theirSignature.rawRepresentation), for: message, with: ours.publicKey, parameters: .sha256
            )
        )
        let theirPlaintext = try theirsEncryption.decrypt(ourCiphertext, padding: .PKCS1_OAEP_SHA256)
        let ourPlaintext = try RSAESOAEP.decrypt(Array(theirCiphertext), with: ours, parameters: .sha256)
        precondition(theirPlaintext == messageData && ourPlaintext == message)
    }
}
