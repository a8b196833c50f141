import _CryptoExtras
import BigNum
import Crypto
import Foundation
@testable import RSA
import Testing

/// Moduli whose bit length is ≡ 1–16 (mod 64) — 2049, 2056, 3073 bits — where the top limb of a value below n is
/// (almost) its leading byte: before every secret was held at n's fixed limb width, a normalised EM or r showed its
/// leading zero octet through its limb count (Manger's oracle). Every private operation runs on such keys here, and
/// its results are checked against swift-crypto (BoringSSL) where it takes the same input. 3072 bits is the aligned
/// control.
@Suite("Keys of 2049, 2056, 3072 and 3073 bits through every private operation")
struct UnalignedModulusTests {
    typealias Support = BlindSigningTestSupport

    static let sizes = [2049, 2056, 3072, 3073]

    /// One key per size, made once: primes of ⌈bits/2⌉ and ⌊bits/2⌋ bits with their two top bits set (so n has
    /// exactly `bits` bits), d = e^−1 mod λ(n), the CRT values derived by the key initializer.
    static let keys: [Int: Result<RSAPrivateKey, any Error>] = Dictionary(
        uniqueKeysWithValues: sizes.map { bits in (bits, Result { try makeKey(bits: bits) }) })

    static func makeKey(bits: Int) throws -> RSAPrivateKey {
        let e: BigNum = 65537
        while true {
            let p = try BigNum.randomPrime(bits: (bits + 1) / 2)
            let q = try BigNum.randomPrime(bits: bits / 2)
            guard p != q else { continue }
            let pMinusOne = try p - 1
            let qMinusOne = try q - 1
            let lambda = try (pMinusOne * qMinusOne).quotientAndRemainder(
                dividingBy: pMinusOne.greatestCommonDivisor(with: qMinusOne)
            ).quotient
            guard let d = e.inverse(modulo: lambda) else { continue }
            let key = try RSAPrivateKey(
                modulus: p * q, publicExponent: e, privateExponent: d, prime1: p > q ? p : q, prime2: p > q ? q : p)
            #expect(key.modulusBitWidth == bits)
            return key
        }
    }

    static func key(_ bits: Int) throws -> RSAPrivateKey {
        try #require(keys[bits]).get()
    }

    @Test("The key round-trips through PKCS #1 and PKCS #8 DER and loads in swift-crypto", arguments: sizes)
    func encodings(bits: Int) throws {
        let key = try Self.key(bits)
        let pkcs1 = try RSAPrivateKey(derRepresentation: key.derRepresentation)
        let pkcs8 = try RSAPrivateKey(derRepresentation: key.pkcs8DERRepresentation)
        #expect(pkcs1.derRepresentation == key.derRepresentation)
        #expect(pkcs8.derRepresentation == key.derRepresentation)
        #expect(pkcs1.prime1 == key.prime1 && pkcs1.coefficient == key.coefficient)
        let theirs = try _RSA.Signing.PrivateKey(derRepresentation: key.pkcs8DERRepresentation)
        #expect(Array(theirs.publicKey.derRepresentation) == key.publicKey.derRepresentation)
    }

    @Test("OAEP: ours to an independent implementation and back, at every message length", arguments: sizes)
    func oaep(bits: Int) throws {
        let key = try Self.key(bits)
        let maximum = key.modulusByteCount - 2 * 32 - 2
        var generator = SeededGenerator(seed: UInt64(bits))
        let messages = [0, 1, 31, maximum - 1, maximum].map { generator.bytes($0) }
        for message in messages {
            let ours = try RSAESOAEP.encrypt(message, with: key.publicKey, parameters: .sha256)
            #expect(try RSAESOAEP.decrypt(ours, with: key, parameters: .sha256) == message)
        }
        if bits % 8 == 0 {
            // swift-crypto's _RSA.Encryption takes only whole-byte modulus sizes.
            let theirPrivate = try _RSA.Encryption.PrivateKey(derRepresentation: key.pkcs8DERRepresentation)
            let theirPublic = try _RSA.Encryption.PublicKey(derRepresentation: key.publicKey.derRepresentation)
            for message in messages {
                let ours = try RSAESOAEP.encrypt(message, with: key.publicKey, parameters: .sha256)
                #expect(Array(try theirPrivate.decrypt(ours, padding: .PKCS1_OAEP_SHA256)) == message)
                let theirs = Array(try theirPublic.encrypt(message, padding: .PKCS1_OAEP_SHA256))
                #expect(try RSAESOAEP.decrypt(theirs, with: key, parameters: .sha256) == message)
            }
        } else if OpenSSL.isAvailable {
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("unaligned-\(UUID())")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            try Data(key.pkcs8PEMRepresentation.utf8).write(to: directory.appendingPathComponent("key.pem"))
            try Data(key.publicKey.pemRepresentation.utf8).write(to: directory.appendingPathComponent("pub.pem"))
            let options = ["-pkeyopt", "rsa_padding_mode:oaep", "-pkeyopt", "rsa_oaep_md:sha256", "-pkeyopt", "rsa_mgf1_md:sha256"]
            for message in messages {
                let ours = try RSAESOAEP.encrypt(message, with: key.publicKey, parameters: .sha256)
                try Data(ours).write(to: directory.appendingPathComponent("ours.bin"))
                let decrypted = try OpenSSL.succeed(
                    ["pkeyutl", "-decrypt", "-inkey", "key.pem", "-in", "ours.bin"] + options, in: directory)
                #expect(Array(decrypted.standardOutput) == message)
                try Data(message).write(to: directory.appendingPathComponent("msg.bin"))
                try OpenSSL.succeed(
                    ["pkeyutl", "-encrypt", "-pubin", "-inkey", "pub.pem", "-in", "msg.bin", "-out", "ct.bin"] + options,
                    in: directory)
                let theirs = try [UInt8](Data(contentsOf: directory.appendingPathComponent("ct.bin")))
                #expect(try RSAESOAEP.decrypt(theirs, with: key, parameters: .sha256) == message)
            }
        }
    }

    @Test("OAEP: every kind of bad padding is the one decryption error", arguments: sizes)
    func oaepBadPadding(bits: Int) throws {
        let key = try Self.key(bits)
        let k = key.modulusByteCount
        let hLen = 32
        let parameters = OAEPParameters.sha256
        let seed = [UInt8](repeating: 0x5A, count: hLen)
        let lHash = Array(SHA256.hash(data: [UInt8]()))
        let message: [UInt8] = [0x42, 0x43, 0x44]  // no 0x01 in M, so removing the separator leaves none
        let psLength = k - message.count - 2 * hLen - 2
        let good = lHash + [UInt8](repeating: 0, count: psLength) + [0x01] + message
        var wrongHash = good
        wrongHash[0] ^= 1
        var noSeparator = good
        noSeparator[hLen + psLength] = 0
        var nonZeroPS = good
        nonZeroPS[hLen + 1] = 7
        let cases: [(String, [UInt8], UInt8)] = [
            ("valid", good, 0), ("Y = 1", good, 1), ("wrong lHash", wrongHash, 0),
            ("no 0x01 separator", noSeparator, 0), ("non-zero PS", nonZeroPS, 0),
        ]
        for (name, db, y) in cases {
            let em = try OAEPTestEncoding.em(db: db, seed: seed, y: y, hash: .sha256)
            // Y = 1 makes EM ≥ n for about half of the moduli whose top octet is 1 (2049, 3073 bits): not a
            // ciphertext then.
            guard BigNum(bigEndianBytes: em) < key.publicKey.modulus else { continue }
            let ciphertext = try RSAPrimitives.encrypt(BigNum(bigEndianBytes: em), with: key.publicKey)
                .bigEndianBytes(count: k)
            if name == "valid" {
                #expect(try RSAESOAEP.decrypt(ciphertext, with: key, parameters: parameters) == message)
            } else {
                let error = expectRSAError(.decryptionError, "\(name)") {
                    try RSAESOAEP.decrypt(ciphertext, with: key, parameters: parameters)
                }
                #expect(error?.description == RSAError.decryption.description)
            }
        }
    }

    @Test("PSS signatures verify in swift-crypto", arguments: sizes)
    func pss(bits: Int) throws {
        let key = try Self.key(bits)
        let theirs = try _RSA.Signing.PublicKey(derRepresentation: key.publicKey.derRepresentation)
        for index in 0..<4 {
            let message = Array("message \(index) for \(bits) bits".utf8)
            let signature = try RSASSAPSS.sign(
                message, with: key, parameters: PSSParameters(hash: .sha256, saltLength: 32))
            #expect(
                theirs.isValidSignature(
                    _RSA.Signing.RSASignature(rawRepresentation: signature), for: SHA256.hash(data: message),
                    padding: .PSS))
        }
    }

    @Test("Blind signatures (serial, two-core, batch) finalize and verify, here and in swift-crypto",
        arguments: sizes)
    func blindSignatures(bits: Int) throws {
        let key = try Self.key(bits)
        let signer = BlindSigning.PrivateKey(key)
        for variant in BlindSigning.Variant.allCases {
            let client = signer.publicKey(variant: variant)
            let theirVerifier = try _RSA.BlindSigning.PublicKey(
                derRepresentation: key.publicKey.derRepresentation,
                parameters: Support.identityPreparationParameters(variant))
            let prepared = client.prepare(Array("blind \(variant) \(bits)".utf8))
            let blinded = try client.blind(prepared)
            let batch = try signer.blindSignatures(for: [blinded.blindedMessage, blinded.blindedMessage])
                .map { try $0.get() }
            let twoCoreSigner = BlindSigning.TwoCoreSigner(signer)
            defer { twoCoreSigner.shutdown() }
            let blindSignatures = [
                try signer.blindSignature(for: blinded.blindedMessage),
                try twoCoreSigner.blindSignature(for: blinded.blindedMessage),
            ] + batch
            for blindSignature in blindSignatures {
                let signature = try client.finalize(blindSignature, for: prepared, blindingInverse: blinded.inverse)
                try client.verify(signature, for: prepared)
                #expect(
                    theirVerifier.isValidSignature(
                        _RSA.Signing.RSASignature(rawRepresentation: signature),
                        for: theirVerifier.prepare(prepared.rawRepresentation)))
            }
            // The inverse survives its k-byte encoding (a stateless client finishing in a second request).
            let restored = try BlindSigning.BlindingInverse(
                rawRepresentation: blinded.inverse.rawRepresentation, for: key.publicKey)
            _ = try client.finalize(blindSignatures[0], for: prepared, blindingInverse: restored)
        }
    }
}

/// A hand-built OAEP EM = Y || maskedSeed || maskedDB for given DB, seed and Y, for padding-failure tests.
enum OAEPTestEncoding {
    static func em(db: [UInt8], seed: [UInt8], y: UInt8, hash: DigestAlgorithm) throws -> [UInt8] {
        var maskedDB = db[...]
        try MGF1.applyMask(to: &maskedDB, seed: seed[...], hash: hash)
        var maskedSeed = seed[...]
        try MGF1.applyMask(to: &maskedSeed, seed: maskedDB, hash: hash)
        return [y] + Array(maskedSeed) + Array(maskedDB)
    }
}
