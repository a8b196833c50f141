import _CryptoExtras
import BigNum
import Crypto
import Foundation
@testable import RSA
import Testing

/// EMSA-PSS edge cases: every salt length, moduli whose bit length is not a multiple of 8 (including
/// modBits ≡ 1 mod 8, where emLen = k − 1), and MGF1 against known values.
@Suite("EMSA-PSS edge cases and MGF1")
struct PSSEdgeCaseTests {
    // MARK: - Salt lengths

    @Test("Every salt length 0…222 (the maximum for 2048-bit SHA-256) signs and verifies; 223 is .encodingError")
    func everySaltLengthFor2048BitSHA256() throws {
        let key = try TestKeys.primary()
        // emBits = 2047, emLen = 256: sLen ≤ emLen − hLen − 2 = 222.
        let maximum = 256 - 32 - 2
        let message: [UInt8] = Array("every salt length".utf8)
        for saltLength in 0...maximum {
            let parameters = PSSParameters(hash: .sha256, saltLength: saltLength)
            let signature = try RSASSAPSS.sign(message, with: key, parameters: parameters)
            #expect(signature.count == 256)
            #expect(
                RSASSAPSS.isValidSignature(signature, for: message, with: key.publicKey, parameters: parameters),
                "salt length \(saltLength)")
            // A neighbouring salt length never verifies.
            if saltLength % 37 == 0 || saltLength == maximum {
                let other = PSSParameters(hash: .sha256, saltLength: saltLength == maximum ? saltLength - 1 : saltLength + 1)
                #expect(!RSASSAPSS.isValidSignature(signature, for: message, with: key.publicKey, parameters: other))
            }
        }
        expectRSAError(.encodingError) {
            try RSASSAPSS.sign(message, with: key, parameters: PSSParameters(hash: .sha256, saltLength: maximum + 1))
        }
        expectRSAError(.encodingError) {
            try RSASSAPSS.sign(message, with: key, parameters: PSSParameters(hash: .sha256, saltLength: -1))
        }
        // Verification with an impossible salt length is simply false.
        let signature = try RSASSAPSS.sign(message, with: key, parameters: .sha256)
        for saltLength in [-1, maximum + 1, Int.max / 2] {
            #expect(
                !RSASSAPSS.isValidSignature(
                    signature, for: message, with: key.publicKey,
                    parameters: PSSParameters(hash: .sha256, saltLength: saltLength)))
        }
    }

    @Test("EMSA-PSS-ENCODE output has the RFC 8017 layout: top bits clear, H, 0xbc, PS || 01 || salt")
    func encodedMessageStructure() throws {
        // EMSA-PSS-ENCODE with a fixed salt: check the layout of EM directly.
        let message: [UInt8] = Array("structure".utf8)
        for (emBits, hash) in [(2047, DigestAlgorithm.sha256), (1024, .sha1), (1025, .sha512), (1030, .sha384)] {
            let emLen = (emBits + 7) / 8
            let salt = [UInt8](repeating: 0xA5, count: 7)
            let parameters = PSSParameters(hash: hash, saltLength: salt.count)
            let em = try EMSAPSS.encode(message: message, emBits: emBits, parameters: parameters, salt: salt)
            #expect(em.count == emLen)
            #expect(em.last == 0xBC)
            // The leftmost 8·emLen − emBits bits are zero.
            let unusedBits = 8 * emLen - emBits
            #expect(Int(em[0]) >> (8 - unusedBits) == 0 || unusedBits == 0)
            // H = Hash(0^8 || mHash || salt) sits just before 0xbc.
            let h = hash.hash([UInt8](repeating: 0, count: 8), hash.hash(message), salt)
            #expect(Array(em[(emLen - hash.digestByteCount - 1)..<(emLen - 1)]) == h)
            // Unmasking DB gives PS || 01 || salt.
            var db = em[0..<(emLen - hash.digestByteCount - 1)]
            try MGF1.applyMask(to: &db, seed: h[...], hash: hash)
            db[db.startIndex] &= UInt8(truncatingIfNeeded: 0xFF >> unusedBits)
            #expect(Array(db.suffix(salt.count)) == salt)
            #expect(db[db.endIndex - salt.count - 1] == 0x01)
            #expect(db.dropLast(salt.count + 1).allSatisfy { $0 == 0 })
            #expect(EMSAPSS.verify(message: message, encoded: em, emBits: emBits, parameters: parameters))
            // Setting a bit that must be zero breaks it (when there is such a bit).
            if unusedBits > 0 {
                var bad = em
                bad[0] |= 0x80
                #expect(!EMSAPSS.verify(message: message, encoded: bad, emBits: emBits, parameters: parameters))
            }
            // Too little room: emLen < hLen + sLen + 2.
            let tooLong = [UInt8](repeating: 0, count: emLen - hash.digestByteCount - 1)
            expectRSAError(.encodingError) {
                try EMSAPSS.encode(message: message, emBits: emBits, parameters: parameters, salt: tooLong)
            }
        }
    }

    @Test("Absurd salt lengths (Int.max, 2^40) are .encodingError when signing and false when verifying, without trapping")
    func absurdSaltLengths() throws {
        let key = try TestKeys.primary()
        let message: [UInt8] = Array("absurd".utf8)
        let signature = try RSASSAPSS.sign(message, with: key, parameters: .sha256)
        for saltLength in [Int.max, Int.max - 1, Int.max - 33, 1 << 40] {
            let parameters = PSSParameters(hash: .sha256, saltLength: saltLength)
            expectRSAError(.encodingError, "salt length \(saltLength)") {
                try RSASSAPSS.sign(message, with: key, parameters: parameters)
            }
            #expect(!RSASSAPSS.isValidSignature(signature, for: message, with: key.publicKey, parameters: parameters))
            #expect(!EMSAPSS.verify(message: message, encoded: [UInt8](repeating: 0xBC, count: 256), emBits: 2047, parameters: parameters))
        }
    }

    // MARK: - Non-byte-aligned moduli

    @Test("PSS round trips on the 1024…1031-bit, 1536- and 2048-bit oaep-vect keys, every hash, every few salt lengths",
        arguments: [1024, 1025, 1026, 1027, 1028, 1029, 1030, 1031, 1536, 2048])
    func roundTripOnOddSizedKeys(bits: Int) throws {
        let key = try TestKeys.oaepVectKey(bits: bits)
        #expect(key.modulusBitWidth == bits)
        let emBits = bits - 1
        let emLen = (emBits + 7) / 8
        // modBits ≡ 1 (mod 8): emBits is a multiple of 8 and EM is one byte shorter than the modulus.
        #expect((emLen == key.modulusByteCount - 1) == (bits % 8 == 1))
        var generator = SeededGenerator(seed: UInt64(bits))
        for hash in DigestAlgorithm.allCases {
            let maximum = emLen - hash.digestByteCount - 2
            for saltLength in Array(stride(from: 0, through: maximum, by: 9)) + [maximum] {
                let message = generator.bytes(Int.random(in: 0...300, using: &generator))
                let parameters = PSSParameters(hash: hash, saltLength: saltLength)
                let signature = try RSASSAPSS.sign(message, with: key, parameters: parameters)
                #expect(signature.count == key.modulusByteCount)
                #expect(
                    RSASSAPSS.isValidSignature(signature, for: message, with: key.publicKey, parameters: parameters),
                    "\(bits) bits, \(hash), salt \(saltLength)")
                #expect(!RSASSAPSS.isValidSignature(signature, for: message + [1], with: key.publicKey, parameters: parameters))
                // The recovered EM has its unused top bits clear and fits emLen.
                let m = try RSAPrimitives.verify(BigNum(bigEndianBytes: signature), with: key.publicKey)
                #expect(m.bitWidth <= emBits)
            }
            expectRSAError(.encodingError, "\(bits) bits, \(hash)") {
                try RSASSAPSS.sign([], with: key, parameters: PSSParameters(hash: hash, saltLength: maximum + 1))
            }
        }
    }

    @Test("A 1025-bit key's PSS signature (emLen = k − 1) verifies in BoringSSL, and BoringSSL's verifies here")
    func oddSizedKeyAgainstBoringSSL() throws {
        for bits in [1025, 1026, 1031] {
            let key = try TestKeys.oaepVectKey(bits: bits)
            let theirs = try _RSA.Signing.PrivateKey(unsafeDERRepresentation: key.pkcs8DERRepresentation)
            let theirPublic = try _RSA.Signing.PublicKey(unsafeDERRepresentation: key.publicKey.derRepresentation)
            for index in 0..<5 {
                let message = Array("message \(index) for a \(bits)-bit key".utf8)
                let ours = try RSASSAPSS.sign(message, with: key, parameters: .sha256)
                #expect(
                    theirPublic.isValidSignature(
                        _RSA.Signing.RSASignature(rawRepresentation: ours), for: SHA256.hash(data: message), padding: .PSS),
                    "\(bits) bits, ours → BoringSSL")
                let signature = Array(try theirs.signature(for: SHA256.hash(data: message), padding: .PSS).rawRepresentation)
                #expect(
                    RSASSAPSS.isValidSignature(signature, for: message, with: key.publicKey, parameters: .sha256),
                    "\(bits) bits, BoringSSL → ours")
            }
        }
    }

    // MARK: - MGF1

    /// MGF1 by the definition (RFC 8017 B.2.1), with swift-crypto's hashes.
    static func referenceMGF1(_ seed: [UInt8], _ length: Int, _ hash: DigestAlgorithm) -> [UInt8] {
        var output: [UInt8] = []
        var counter: UInt32 = 0
        while output.count < length {
            let block = seed + withUnsafeBytes(of: counter.bigEndian, Array.init)
            switch hash {
            case .sha1: output += Insecure.SHA1.hash(data: block)
            case .sha256: output += SHA256.hash(data: block)
            case .sha384: output += SHA384.hash(data: block)
            default: output += SHA512.hash(data: block)
            }
            counter += 1
        }
        return Array(output.prefix(length))
    }

    @Test("MGF1 equals the definition computed with swift-crypto for every hash and many lengths",
        arguments: DigestAlgorithm.allCases)
    func mgf1MatchesDefinition(hash: DigestAlgorithm) throws {
        var generator = SeededGenerator(seed: 0x4D47_4631)
        let hLen = hash.digestByteCount
        for length in [0, 1, hLen - 1, hLen, hLen + 1, 2 * hLen, 2 * hLen + 3, 100, 255, 511, 1000] {
            let seed = generator.bytes(Int.random(in: 0...80, using: &generator))
            let mask = try MGF1.mask(seed: seed[...], length: length, hash: hash)
            #expect(mask.count == length)
            #expect(mask == Self.referenceMGF1(seed, length, hash), "\(hash), length \(length)")
            // A seed that is a slice of a larger array (non-zero start index) gives the same mask.
            let padded = [0xEE] + seed + [0xEE]
            #expect(try MGF1.mask(seed: padded[1..<(padded.count - 1)], length: length, hash: hash) == mask)
        }
        // Prefix property: a shorter mask is a prefix of a longer one.
        let seed: [UInt8] = [1, 2, 3]
        let long = try MGF1.mask(seed: seed[...], length: 300, hash: hash)
        #expect(Array(long.prefix(77)) == (try MGF1.mask(seed: seed[...], length: 77, hash: hash)))
    }

    @Test("MGF1 known answers (SHA-1 and SHA-256)")
    func mgf1KnownAnswers() throws {
        let cases: [(String, Int, DigestAlgorithm, String)] = [
            ("foo", 3, .sha1, "1ac907"),
            ("foo", 5, .sha1, "1ac9075cd4"),
            ("bar", 5, .sha1, "bc0c655e01"),
            ("bar", 50, .sha1,
                "bc0c655e016bc2931d85a2e675181adcef7f581f76df2739da74faac41627be2f7f415c89e983fd0ce80ced9878641cb4876"),
            ("bar", 50, .sha256,
                "382576a7841021cc28fc4c0948753fb8312090cea942ea4c4e735d10dc724b155f9f6069f289d61daca0cb814502ef04eae1"),
        ]
        for (seed, length, hash, expected) in cases {
            let mask = try MGF1.mask(seed: Array(seed.utf8)[...], length: length, hash: hash)
            #expect(Hex.encode(mask) == expected, "MGF1-\(hash)(\"\(seed)\", \(length))")
        }
    }

    @Test("MGF1 rejects a mask longer than 2^32·hLen (and a negative length) with .encodingError, without allocating")
    func mgf1MaskTooLong() {
        for hash in DigestAlgorithm.allCases {
            let tooLong = (1 << 32) * hash.digestByteCount + 1
            expectRSAError(.encodingError) { try MGF1.mask(seed: [1, 2, 3][...], length: tooLong, hash: hash) }
            expectRSAError(.encodingError) { try MGF1.mask(seed: [][...], length: -1, hash: hash) }
        }
    }
}
