import BigNum
import Foundation
@testable import RSA
import Testing

/// The entry points added with the v1 API: keys from big-endian bytes, BlindSigning.PrivateKey from DER and PEM,
/// TwoCoreSigner, and the async batch.
@Suite("API v1: byte-based keys, BlindSigning.PrivateKey encodings, TwoCoreSigner, async batch")
struct APIv1Tests {
    typealias Support = BlindSigningTestSupport

    // MARK: - Keys from bytes

    @Test("RSAPublicKey(n:e:) from big-endian bytes equals the key built from BigNums")
    func publicKeyFromBytes() throws {
        let key = try TestKeys.primary().publicKey
        let n = key.modulus.bigEndianBytes
        let e = key.publicExponent.bigEndianBytes
        #expect(try RSAPublicKey(n: n, e: e) == key)
        #expect(try RSAPublicKey(n: Data(n), e: Data(e)) == key)
        // Leading zero bytes do not change the value.
        #expect(try RSAPublicKey(n: [0, 0] + n, e: [0] + e) == key)
    }

    @Test("RSAPublicKey(n:e:) rejects bad input with typed errors")
    func publicKeyFromBadBytes() throws {
        let key = try TestKeys.primary().publicKey
        let n = key.modulus.bigEndianBytes
        let e = key.publicExponent.bigEndianBytes
        // Too small a modulus for the default range (1024 bits).
        let small = try TestKeys.oaepVectKey(bits: 1024).publicKey
        expectRSAError(.unsupportedKeySize) {
            try RSAPublicKey(n: small.modulus.bigEndianBytes, e: small.publicExponent.bigEndianBytes)
        }
        // An even modulus, an even or tiny exponent, an empty modulus.
        var even = n
        even[even.count - 1] &= 0xFE
        expectRSAError(oneOf: [.invalidKey, .unsupportedKeySize]) { try RSAPublicKey(n: even, e: e) }
        expectRSAError(.invalidKey) { try RSAPublicKey(n: n, e: [0x01, 0x00, 0x00]) }
        expectRSAError(.invalidKey) { try RSAPublicKey(n: n, e: [0x01]) }
        expectRSAError(oneOf: [.invalidKey, .unsupportedKeySize]) { try RSAPublicKey(n: [UInt8](), e: e) }
    }

    @Test("RSAPrivateKey(n:e:d:p:q:) from big-endian bytes equals the key built from BigNums")
    func privateKeyFromBytes() throws {
        let key = try TestKeys.primary()
        let c = key.components
        let fromBytes = try RSAPrivateKey(
            n: c.n.bigEndianBytes, e: c.e.bigEndianBytes, d: c.d.bigEndianBytes, p: c.p.bigEndianBytes,
            q: c.q.bigEndianBytes)
        let fromBigNums = try RSAPrivateKey(
            modulus: c.n, publicExponent: c.e, privateExponent: c.d, prime1: c.p, prime2: c.q)
        #expect(fromBytes.derRepresentation == fromBigNums.derRepresentation)
        #expect(fromBytes.derRepresentation == key.derRepresentation)
        #expect(fromBytes.publicKey == key.publicKey)
        // Data and leading zero bytes.
        let fromData = try RSAPrivateKey(
            n: Data(c.n.bigEndianBytes), e: Data(c.e.bigEndianBytes), d: Data([0] + c.d.bigEndianBytes),
            p: Data([0] + c.p.bigEndianBytes), q: Data(c.q.bigEndianBytes))
        #expect(fromData.derRepresentation == key.derRepresentation)
        // The key works.
        let message: [UInt8] = Array("from bytes".utf8)
        let signature = try RSASSAPSS.sign(message, with: fromBytes, parameters: .sha256)
        #expect(RSASSAPSS.isValidSignature(signature, for: message, with: key.publicKey, parameters: .sha256))
    }

    @Test("RSAPrivateKey(n:e:d:p:q:) rejects inconsistent or missing components with typed errors")
    func privateKeyFromBadBytes() throws {
        let key = try TestKeys.primary()
        let c = key.components
        let (n, e, d, p, q) = (
            c.n.bigEndianBytes, c.e.bigEndianBytes, c.d.bigEndianBytes, c.p.bigEndianBytes, c.q.bigEndianBytes
        )
        let other = try TestKeys.rsa2048()[1].components
        // Primes of another key, a wrong d, empty components.
        expectRSAError(.invalidKey) { try RSAPrivateKey(n: n, e: e, d: d, p: other.p.bigEndianBytes, q: q) }
        expectRSAError(.invalidKey) { try RSAPrivateKey(n: n, e: e, d: other.d.bigEndianBytes, p: p, q: q) }
        expectRSAError(.invalidKey) { try RSAPrivateKey(n: n, e: e, d: d, p: [UInt8](), q: q) }
        expectRSAError(.invalidKey) { try RSAPrivateKey(n: n, e: e, d: d, p: p, q: [0, 0]) }
        expectRSAError(.invalidKey) { try RSAPrivateKey(n: n, e: e, d: d, p: p, q: p) }
        // A modulus outside the default range.
        let small = try TestKeys.oaepVectKey(bits: 1024).components
        expectRSAError(.unsupportedKeySize) {
            try RSAPrivateKey(
                n: small.n.bigEndianBytes, e: small.e.bigEndianBytes, d: small.d.bigEndianBytes,
                p: small.p.bigEndianBytes, q: small.q.bigEndianBytes)
        }
    }

    // MARK: - BlindSigning.PrivateKey encodings

    @Test("BlindSigning.PrivateKey reads PKCS #1 and PKCS #8, DER and PEM, and signs like the key it was made from")
    func blindSigningPrivateKeyEncodings() throws {
        let key = try TestKeys.primary()
        let signers = [
            try BlindSigning.PrivateKey(derRepresentation: key.derRepresentation),
            try BlindSigning.PrivateKey(derRepresentation: Data(key.pkcs8DERRepresentation)),
            try BlindSigning.PrivateKey(pemRepresentation: key.pemRepresentation),
            try BlindSigning.PrivateKey(pemRepresentation: key.pkcs8PEMRepresentation),
        ]
        let reference = BlindSigning.PrivateKey(key)
        let client = reference.publicKey(variant: .RSABSSA_SHA384_PSS_Randomized)
        let prepared = client.prepare(Array("encodings".utf8))
        let blinded = try client.blind(prepared)
        let expected = try reference.blindSignature(for: blinded.blindedMessage)
        for signer in signers {
            #expect(signer.publicKey == key.publicKey)
            #expect(signer.publicKey(variant: .RSABSSA_SHA384_PSS_Randomized) == client)
            #expect(signer.key.derRepresentation == key.derRepresentation)
            #expect(try signer.blindSignature(for: blinded.blindedMessage) == expected)
        }
        let signature = try client.finalize(expected, for: prepared, blindingInverse: blinded.inverse)
        #expect(client.isValidSignature(signature, for: prepared))
    }

    @Test("BlindSigning.PrivateKey rejects bad encodings with typed errors")
    func blindSigningPrivateKeyBadEncodings() throws {
        let key = try TestKeys.primary()
        expectRSAError(.invalidKeyEncoding) { try BlindSigning.PrivateKey(derRepresentation: [UInt8]()) }
        expectRSAError(.invalidKeyEncoding) {
            try BlindSigning.PrivateKey(derRepresentation: Array(key.derRepresentation.dropLast()))
        }
        expectRSAError(.invalidKeyEncoding) {
            try BlindSigning.PrivateKey(derRepresentation: key.publicKey.derRepresentation)
        }
        expectRSAError(.invalidKeyEncoding) {
            try BlindSigning.PrivateKey(pemRepresentation: key.publicKey.pemRepresentation)
        }
        expectRSAError(.invalidKeyEncoding) { try BlindSigning.PrivateKey(pemRepresentation: "not PEM") }
        let small = try TestKeys.oaepVectKey(bits: 1024)
        expectRSAError(.unsupportedKeySize) { try BlindSigning.PrivateKey(derRepresentation: small.derRepresentation) }
    }

    // MARK: - TwoCoreSigner

    @Test("TwoCoreSigner gives the serial results, and still signs after shutdown()")
    func twoCoreSigner() throws {
        let key = try TestKeys.primary()
        let signer = BlindSigning.PrivateKey(key)
        let client = signer.publicKey(variant: .RSABSSA_SHA384_PSSZERO_Randomized)
        let sessions = try (0..<6).map { index in
            let prepared = client.prepare(Support.message(index, salt: 77))
            return (prepared, try client.blind(prepared))
        }
        for spinDuration in [Duration.milliseconds(2), .zero] {
            let twoCore = BlindSigning.TwoCoreSigner(signer, spinDuration: spinDuration)
            defer { twoCore.shutdown() }
            #expect(twoCore.privateKey.key.derRepresentation == key.derRepresentation)
            for (prepared, blinded) in sessions {
                let expected = try signer.blindSignature(for: blinded.blindedMessage)
                #expect(try twoCore.blindSignature(for: blinded.blindedMessage) == expected, "\(spinDuration)")
                let signature = try client.finalize(
                    twoCore.blindSignature(for: blinded.blindedMessage), for: prepared,
                    blindingInverse: blinded.inverse)
                #expect(client.isValidSignature(signature, for: prepared))
            }
            twoCore.shutdown()
            #expect(!twoCore.isUsingTwoCores, "after shutdown()")
            // After shutdown: still the same results, on the calling thread alone; shutdown is idempotent.
            for (_, blinded) in sessions {
                #expect(
                    try twoCore.blindSignature(for: blinded.blindedMessage)
                        == signer.blindSignature(for: blinded.blindedMessage))
            }
            twoCore.shutdown()
            #expect(!twoCore.isUsingTwoCores)
            // Bad input fails the same way after shutdown.
            Support.expectError(.unexpectedInputSize) { () throws(RSAError) in
                try twoCore.blindSignature(for: BlindSigning.BlindedMessage(rawRepresentation: [1, 2, 3]))
            }
        }
    }

    @Test("TwoCoreSigner reports two cores while it runs")
    func twoCoreSignerIsRunning() throws {
        let twoCore = BlindSigning.TwoCoreSigner(BlindSigning.PrivateKey(try TestKeys.primary()))
        defer { twoCore.shutdown() }
        // The helper thread starts with the signer (it could fail to start only if thread creation failed).
        #expect(twoCore.isUsingTwoCores)
        twoCore.shutdown()
        #expect(!twoCore.isUsingTwoCores)
    }

    @Test("TwoCoreSigner used from several threads at once gives the serial results")
    func twoCoreSignerConcurrent() async throws {
        let key = try TestKeys.primary()
        let signer = BlindSigning.PrivateKey(key)
        let client = signer.publicKey(variant: .RSABSSA_SHA384_PSS_Deterministic)
        let blinded = try (0..<8).map { index in
            try client.blind(client.prepare(Support.message(index, salt: 91))).blindedMessage
        }
        let expected = try blinded.map { try signer.blindSignature(for: $0) }
        let twoCore = BlindSigning.TwoCoreSigner(signer)
        defer { twoCore.shutdown() }
        let results = try await withThrowingTaskGroup(of: (Int, BlindSigning.BlindSignature).self) { group in
            for (index, message) in blinded.enumerated() {
                group.addTask { (index, try twoCore.blindSignature(for: message)) }
            }
            var results: [Int: BlindSigning.BlindSignature] = [:]
            for try await (index, signature) in group {
                results[index] = signature
            }
            return results
        }
        #expect(results.count == blinded.count)
        for (index, signature) in expected.enumerated() {
            #expect(results[index] == signature, "entry \(index)")
        }
    }

    // MARK: - async batch

    @Test("The async blindSignatures(for:) equals the synchronous one, including a failing entry")
    func asyncBatch() async throws {
        let key = try TestKeys.secondary()
        let signer = BlindSigning.PrivateKey(key)
        let client = signer.publicKey(variant: .RSABSSA_SHA384_PSS_Randomized)
        var inputs = try (0..<12).map { index in
            try client.blind(client.prepare(Support.message(index, salt: 33))).blindedMessage
        }
        inputs[5] = BlindSigning.BlindedMessage(rawRepresentation: inputs[5].rawRepresentation.dropLast())
        // The synchronous overload, called from a synchronous closure.
        let signSynchronously: () -> [Result<BlindSigning.BlindSignature, RSAError>] = {
            signer.blindSignatures(for: inputs)
        }
        let synchronous = signSynchronously()
        let asynchronous = await signer.blindSignatures(for: inputs)
        try #require(asynchronous.count == inputs.count && synchronous.count == inputs.count)
        for index in inputs.indices {
            switch (synchronous[index], asynchronous[index]) {
            case (.success(let a), .success(let b)):
                #expect(a == b, "entry \(index)")
                #expect(index != 5)
            case (.failure(let a), .failure(let b)):
                #expect(a.code == b.code && a.code == .unexpectedInputSize, "entry \(index)")
                #expect(index == 5)
            default:
                Issue.record("entry \(index): sync \(synchronous[index]), async \(asynchronous[index])")
            }
        }
        let empty: [BlindSigning.BlindedMessage] = []
        #expect(await signer.blindSignatures(for: empty).isEmpty)
    }
}
