import BigNum
import Crypto
import Foundation
@testable import RSA
import SwiftASN1
import Testing

/// Malformed and hostile input: every decoder and scheme answers with a typed error (or `false`), never a trap.
@Suite("Bad input")
struct BadInputTests {
    // MARK: - Helpers

    /// A DER TLV with a definite length (short or long form), for building structures by hand.
    static func tlv(_ tag: UInt8, _ content: [UInt8]) -> [UInt8] {
        var bytes: [UInt8] = [tag]
        if content.count < 0x80 {
            bytes.append(UInt8(content.count))
        } else {
            var length = content.count
            var lengthBytes: [UInt8] = []
            while length > 0 {
                lengthBytes.insert(UInt8(length & 0xFF), at: 0)
                length >>= 8
            }
            bytes.append(0x80 | UInt8(lengthBytes.count))
            bytes += lengthBytes
        }
        return bytes + content
    }

    /// The offsets of every tag octet in `der`: the outer TLV, everything inside constructed values, and the DER
    /// encapsulated in BIT STRINGs (after the unused-bits octet) and OCTET STRINGs that hold a SEQUENCE.
    static func tagOffsets(_ der: [UInt8]) -> [Int] {
        var offsets: [Int] = []
        func walk(_ start: Int, _ end: Int) {
            var index = start
            while index + 2 <= end {
                let tag = der[index]
                offsets.append(index)
                var lengthIndex = index + 1
                var length = Int(der[lengthIndex])
                if length & 0x80 != 0 {
                    let count = length & 0x7F
                    length = 0
                    for _ in 0..<count {
                        lengthIndex += 1
                        guard lengthIndex < end else { return }
                        length = (length << 8) | Int(der[lengthIndex])
                    }
                }
                let contentStart = lengthIndex + 1
                let contentEnd = contentStart + length
                guard contentEnd <= end else { return }
                if tag & 0x20 != 0 {
                    walk(contentStart, contentEnd)
                } else if tag == 0x03, length > 1, der[contentStart + 1] == 0x30 {
                    walk(contentStart + 1, contentEnd)
                } else if tag == 0x04, length > 0, der[contentStart] == 0x30 {
                    walk(contentStart, contentEnd)
                }
                index = contentEnd
            }
        }
        walk(0, der.count)
        return offsets
    }

    /// The key decoders under test, each with the encodings it reads.
    enum Decoder: String, CaseIterable, Sendable {
        case privateKey = "RSAPrivateKey(derRepresentation:)"
        case unsafePrivateKey = "RSAPrivateKey(unsafeDERRepresentation:)"
        case blindSigningPrivateKey = "BlindSigning.PrivateKey(derRepresentation:)"
        case publicKey = "RSAPublicKey(derRepresentation:)"
        case unsafePublicKey = "RSAPublicKey(unsafeDERRepresentation:)"
        case keyInfo = "RSASubjectPublicKeyInfo(derRepresentation:)"
        case unsafeKeyInfo = "RSASubjectPublicKeyInfo(unsafeDERRepresentation:)"

        func decode(_ der: [UInt8]) throws(RSAError) {
            switch self {
            case .privateKey: _ = try RSAPrivateKey(derRepresentation: der)
            case .unsafePrivateKey: _ = try RSAPrivateKey(unsafeDERRepresentation: der)
            case .blindSigningPrivateKey: _ = try BlindSigning.PrivateKey(derRepresentation: der)
            case .publicKey: _ = try RSAPublicKey(derRepresentation: der)
            case .unsafePublicKey: _ = try RSAPublicKey(unsafeDERRepresentation: der)
            case .keyInfo: _ = try RSASubjectPublicKeyInfo(derRepresentation: der)
            case .unsafeKeyInfo: _ = try RSASubjectPublicKeyInfo(unsafeDERRepresentation: der)
            }
        }

        /// The valid encodings of `key` this decoder reads, by name.
        func validInputs(_ key: RSAPrivateKey) -> [(String, [UInt8])] {
            let pkcs8 = ("PKCS #8", key.pkcs8DERRepresentation)
            let pkcs1 = ("PKCS #1 private", key.derRepresentation)
            let spki = ("SPKI", key.publicKey.derRepresentation)
            let pss = ("SPKI-PSS", key.publicKey.pssDERRepresentation(parameters: .sha384))
            let pkcs1Public = ("PKCS #1 public", key.publicKey.pkcs1DERRepresentation)
            switch self {
            case .privateKey, .unsafePrivateKey, .blindSigningPrivateKey: return [pkcs8, pkcs1]
            case .publicKey, .unsafePublicKey: return [spki, pss, pkcs1Public]
            case .keyInfo, .unsafeKeyInfo: return [spki, pss]
            }
        }
    }

    /// Any of these is an acceptable answer to a corrupted structure (the point is: typed, not a trap).
    static let keyErrors: Set<RSAError.Code> = [.invalidKeyEncoding, .unsupportedAlgorithm, .invalidKey, .unsupportedKeySize]

    // MARK: - Malformed DER

    @Test("Each decoder reads its valid inputs (baseline for the corruption tests)", arguments: Decoder.allCases)
    func decodersAcceptValidInput(decoder: Decoder) throws {
        let key = try TestKeys.primary()
        for (name, der) in decoder.validInputs(key) {
            #expect(throws: Never.self, "\(decoder.rawValue) on \(name)") { try decoder.decode(der) }
        }
    }

    @Test("Truncated DER (every length below 40 and a few later ones) is .invalidKeyEncoding", arguments: Decoder.allCases)
    func truncatedDER(decoder: Decoder) throws {
        let key = try TestKeys.primary()
        for (name, der) in decoder.validInputs(key) {
            let lengths = Array(0..<40) + [der.count / 2, der.count - 100, der.count - 20, der.count - 2, der.count - 1]
            for length in lengths {
                expectRSAError(.invalidKeyEncoding, "\(decoder.rawValue) on \(name) truncated to \(length)") {
                    try decoder.decode(Array(der.prefix(length)))
                }
            }
        }
    }

    @Test("Trailing data after the DER is .invalidKeyEncoding", arguments: Decoder.allCases)
    func trailingGarbage(decoder: Decoder) throws {
        let key = try TestKeys.primary()
        for (name, der) in decoder.validInputs(key) {
            for suffix: [UInt8] in [[0x00], [0xFF], [0x30, 0x00], [0x05, 0x00], der] {
                expectRSAError(.invalidKeyEncoding, "\(decoder.rawValue) on \(name) + \(suffix.count) bytes") {
                    try decoder.decode(der + suffix)
                }
            }
        }
    }

    @Test("A wrong outer length (one more, one less, indefinite) is .invalidKeyEncoding", arguments: Decoder.allCases)
    func wrongOuterLength(decoder: Decoder) throws {
        let key = try TestKeys.primary()
        for (name, der) in decoder.validInputs(key) {
            // All the encodings here have a two-byte long-form outer length: 30 82 HH LL.
            #expect(der[1] == 0x82)
            let length = Int(der[2]) << 8 | Int(der[3])
            for newLength in [length + 1, length - 1] {
                var bad = der
                bad[2] = UInt8(newLength >> 8)
                bad[3] = UInt8(newLength & 0xFF)
                expectRSAError(.invalidKeyEncoding, "\(decoder.rawValue) on \(name), length \(newLength)") {
                    try decoder.decode(bad)
                }
            }
            // BER indefinite length (30 80 … 00 00) is not DER.
            let indefinite: [UInt8] = [0x30, 0x80] + der[4...] + [0x00, 0x00]
            expectRSAError(.invalidKeyEncoding, "\(decoder.rawValue) on \(name), indefinite") { try decoder.decode(indefinite) }
            // A non-minimal long-form length (30 83 00 HH LL).
            let nonMinimal: [UInt8] = [0x30, 0x83, 0x00, der[2], der[3]] + der[4...]
            expectRSAError(.invalidKeyEncoding, "\(decoder.rawValue) on \(name), non-minimal") { try decoder.decode(nonMinimal) }
        }
    }

    @Test("Flipped tag octets (every tag, three ways) give a typed key error, never a key", arguments: Decoder.allCases)
    func flippedTags(decoder: Decoder) throws {
        let key = try TestKeys.primary()
        for (name, der) in decoder.validInputs(key) {
            let offsets = Self.tagOffsets(der)
            // Sanity of the walker: the outer SEQUENCE plus 9 INTEGERs (PKCS #1 private) or 2 (PKCS #1 public).
            if name == "PKCS #1 private" { #expect(offsets.count == 10) }
            if name == "PKCS #1 public" { #expect(offsets.count == 3) }
            // PKCS #8: SEQUENCE, INTEGER, AlgorithmIdentifier (SEQUENCE, OID, NULL), OCTET STRING, and the PKCS #1 key.
            if name == "PKCS #8" { #expect(offsets.count == 6 + 10) }
            // SPKI: SEQUENCE, AlgorithmIdentifier (SEQUENCE, OID, NULL), BIT STRING, and the PKCS #1 public key.
            if name == "SPKI" { #expect(offsets.count == 5 + 3) }
            #expect(offsets.count >= 3)
            for offset in offsets {
                for flip: UInt8 in [0x01, 0x20, 0x80] {
                    var bad = der
                    bad[offset] ^= flip
                    expectRSAError(
                        oneOf: Self.keyErrors,
                        "\(decoder.rawValue) on \(name), tag at \(offset) \(der[offset]) → \(bad[offset])"
                    ) {
                        try decoder.decode(bad)
                    }
                }
            }
        }
    }

    @Test("Random byte mutations never trap: each answer is a key or a typed key error", arguments: Decoder.allCases)
    func randomMutationsNeverTrap(decoder: Decoder) throws {
        let key = try TestKeys.primary()
        var generator = SeededGenerator(seed: 0xBAD_DE2 &+ UInt64(decoder.rawValue.utf8.count))
        for (name, der) in decoder.validInputs(key) {
            for round in 0..<60 {
                var bad = der
                // Mutations concentrated in the structural first 40 bytes, some anywhere.
                for _ in 0..<Int.random(in: 1...3, using: &generator) {
                    let range = round % 3 == 0 ? 0..<der.count : 0..<min(40, der.count)
                    bad[Int.random(in: range, using: &generator)] = UInt8.random(in: 0...255, using: &generator)
                }
                do {
                    try decoder.decode(bad)
                } catch {
                    #expect(Self.keyErrors.contains(error.code), "\(decoder.rawValue) on \(name): \(error)")
                }
            }
        }
    }

    @Test("Empty, one-byte and non-DER inputs are .invalidKeyEncoding", arguments: Decoder.allCases)
    func nonDERInput(decoder: Decoder) {
        let inputs: [[UInt8]] = [
            [], [0x30], [0x30, 0x00], [0x02, 0x01, 0x00], [0x05, 0x00], Array("-----BEGIN PUBLIC KEY-----".utf8),
            [0x30, 0x03, 0x02, 0x01, 0x00], [UInt8](repeating: 0xFF, count: 64),
        ]
        for input in inputs {
            expectRSAError(.invalidKeyEncoding, "\(decoder.rawValue) on \(Hex.encode(input.prefix(8)))") {
                try decoder.decode(input)
            }
        }
    }

    @Test("PKCS #1 RSAPrivateKey version 1 (multi-prime) and a bad PKCS #8 version are .invalidKeyEncoding")
    func unsupportedVersions() throws {
        let key = try TestKeys.primary()
        var multiPrime = key.derRepresentation
        // 30 82 HH LL 02 01 00: the version INTEGER's value is at offset 6.
        #expect(Array(multiPrime[4..<7]) == [0x02, 0x01, 0x00])
        multiPrime[6] = 0x01
        expectRSAError(.invalidKeyEncoding) { try RSAPrivateKey(derRepresentation: multiPrime) }
        var pkcs8 = key.pkcs8DERRepresentation
        #expect(Array(pkcs8[4..<7]) == [0x02, 0x01, 0x00])
        pkcs8[6] = 0x02
        expectRSAError(.invalidKeyEncoding) { try RSAPrivateKey(derRepresentation: pkcs8) }
        expectRSAError(.invalidKeyEncoding) { try RSAPrivateKey(unsafeDERRepresentation: pkcs8) }
    }

    @Test("rsaEncryption with parameters other than NULL is .invalidKeyEncoding; absent parameters are tolerated")
    func rsaEncryptionParameters() throws {
        let key = try TestKeys.primary().publicKey
        let bitString = Self.tlv(0x03, [0x00] + key.pkcs1DERRepresentation)
        let rsaEncryptionOID: [UInt8] = try Hex.decode("06092a864886f70d010101")
        let absent = Self.tlv(0x30, Self.tlv(0x30, rsaEncryptionOID) + bitString)
        #expect(try RSASubjectPublicKeyInfo(derRepresentation: absent).algorithm == .rsaEncryption)
        let withInteger = Self.tlv(0x30, Self.tlv(0x30, rsaEncryptionOID + [0x02, 0x01, 0x00]) + bitString)
        expectRSAError(.invalidKeyEncoding) { try RSASubjectPublicKeyInfo(derRepresentation: withInteger) }
        expectRSAError(.invalidKeyEncoding) { try RSAPublicKey(derRepresentation: withInteger) }
        // A BIT STRING with unused bits.
        let padded = Self.tlv(0x30, Self.tlv(0x30, rsaEncryptionOID + [0x05, 0x00]) + Self.tlv(0x03, [0x01] + key.pkcs1DERRepresentation))
        expectRSAError(.invalidKeyEncoding) { try RSASubjectPublicKeyInfo(derRepresentation: padded) }
    }

    // MARK: - PEM

    @Test("Wrong PEM types and non-PEM strings are .invalidKeyEncoding")
    func wrongPEMType() throws {
        let key = try TestKeys.primary()
        let pkcs8 = key.pkcs8DERRepresentation
        let spki = key.publicKey.derRepresentation
        func pem(_ type: String, _ der: [UInt8]) -> String { PEMDocument(type: type, derBytes: der).pemString }

        // Private-key readers: only "PRIVATE KEY" and "RSA PRIVATE KEY".
        for text in [
            key.publicKey.pemRepresentation, key.publicKey.pkcs1PEMRepresentation, pem("CERTIFICATE", pkcs8),
            pem("ENCRYPTED PRIVATE KEY", pkcs8), pem("EC PRIVATE KEY", pkcs8), pem("RSA-PSS PRIVATE KEY", pkcs8),
            pem("PUBLIC KEY", pkcs8),
        ] {
            expectRSAError(.invalidKeyEncoding) { try RSAPrivateKey(pemRepresentation: text) }
            expectRSAError(.invalidKeyEncoding) { try RSAPrivateKey(unsafePEMRepresentation: text) }
        }
        // Public-key readers: only "PUBLIC KEY" and "RSA PUBLIC KEY".
        for text in [
            key.pkcs8PEMRepresentation, key.pemRepresentation, pem("CERTIFICATE", spki), pem("PRIVATE KEY", spki),
        ] {
            expectRSAError(.invalidKeyEncoding) { try RSAPublicKey(pemRepresentation: text) }
            expectRSAError(.invalidKeyEncoding) { try RSAPublicKey(unsafePEMRepresentation: text) }
            expectRSAError(.invalidKeyEncoding) { try RSASubjectPublicKeyInfo(pemRepresentation: text) }
        }
        // RSASubjectPublicKeyInfo reads "PUBLIC KEY" only.
        expectRSAError(.invalidKeyEncoding) {
            try RSASubjectPublicKeyInfo(pemRepresentation: key.publicKey.pkcs1PEMRepresentation)
        }
        // The right type with the wrong content.
        expectRSAError(.invalidKeyEncoding) { try RSAPrivateKey(pemRepresentation: pem("PRIVATE KEY", spki)) }
        expectRSAError(.invalidKeyEncoding) { try RSAPublicKey(pemRepresentation: pem("PUBLIC KEY", pkcs8)) }
        expectRSAError(.invalidKeyEncoding) {
            try RSAPublicKey(pemRepresentation: pem("RSA PUBLIC KEY", key.derRepresentation))
        }
        expectRSAError(.invalidKeyEncoding) { try RSAPublicKey(derRepresentation: key.derRepresentation) }
        expectRSAError(.invalidKeyEncoding) { try RSAPublicKey(derRepresentation: pkcs8) }
        expectRSAError(.invalidKeyEncoding) { try RSAPrivateKey(derRepresentation: spki) }
        expectRSAError(.invalidKeyEncoding) { try RSAPrivateKey(derRepresentation: key.publicKey.pkcs1DERRepresentation) }

        // Not PEM at all, broken base64, mismatched labels, a missing END line.
        let good = key.publicKey.pemRepresentation
        let broken = [
            "", "hello", "-----BEGIN PUBLIC KEY-----", "-----BEGIN PUBLIC KEY-----\n-----END PUBLIC KEY-----",
            "-----BEGIN PUBLIC KEY-----\n!!!!not base64!!!!\n-----END PUBLIC KEY-----",
            good.replacingOccurrences(of: "-----END PUBLIC KEY-----", with: "-----END PRIVATE KEY-----"),
            String(good.dropLast(30)),
        ]
        for text in broken {
            expectRSAError(.invalidKeyEncoding, "\(text.prefix(40))") { try RSAPublicKey(pemRepresentation: text) }
            expectRSAError(.invalidKeyEncoding, "\(text.prefix(40))") { try RSASubjectPublicKeyInfo(pemRepresentation: text) }
            expectRSAError(.invalidKeyEncoding, "\(text.prefix(40))") { try RSAPrivateKey(pemRepresentation: text) }
        }
    }

    // MARK: - Non-RSA keys and unsupported PSS parameters

    @Test("Non-RSA keys (P-256 and Ed25519 SPKI and PKCS #8, an EC OID around an RSA key) are .unsupportedAlgorithm")
    func nonRSAKeys() throws {
        let ec = P256.Signing.PrivateKey()
        let ecSPKI = Array(ec.publicKey.derRepresentation)
        let ecPKCS8 = Array(ec.derRepresentation)
        let ed25519SPKI = try Hex.decode("302a300506032b6570032100") + [UInt8](repeating: 0x42, count: 32)
        let ed25519PKCS8 = try Hex.decode("302e020100300506032b657004220420") + [UInt8](repeating: 0x42, count: 32)
        // id-ecPublicKey with prime256v1, but an RSA key in the BIT STRING: the algorithm decides.
        let rsaKey = try TestKeys.primary()
        let ecAlgorithm = try Hex.decode("301306072a8648ce3d020106082a8648ce3d030107")
        let disguisedSPKI = Self.tlv(0x30, ecAlgorithm + Self.tlv(0x03, [0x00] + rsaKey.publicKey.pkcs1DERRepresentation))
        let disguisedPKCS8 = Self.tlv(
            0x30, [0x02, 0x01, 0x00] + ecAlgorithm + Self.tlv(0x04, rsaKey.derRepresentation))

        for spki in [ecSPKI, ed25519SPKI, disguisedSPKI] {
            expectRSAError(.unsupportedAlgorithm) { try RSAPublicKey(derRepresentation: spki) }
            expectRSAError(.unsupportedAlgorithm) { try RSAPublicKey(unsafeDERRepresentation: spki) }
            expectRSAError(.unsupportedAlgorithm) { try RSASubjectPublicKeyInfo(derRepresentation: spki) }
            expectRSAError(.unsupportedAlgorithm) {
                try RSAPublicKey(pemRepresentation: PEMDocument(type: "PUBLIC KEY", derBytes: spki).pemString)
            }
        }
        for pkcs8 in [ecPKCS8, ed25519PKCS8, disguisedPKCS8] {
            expectRSAError(.unsupportedAlgorithm) { try RSAPrivateKey(derRepresentation: pkcs8) }
            expectRSAError(.unsupportedAlgorithm) { try RSAPrivateKey(unsafeDERRepresentation: pkcs8) }
            expectRSAError(.unsupportedAlgorithm) { try BlindSigning.PrivateKey(derRepresentation: pkcs8) }
        }
    }

    /// The AlgorithmIdentifier of `pssDERRepresentation(parameters: .sha384)`, with the SHA-384 OIDs optionally
    /// replaced by SHA-224 (same length): `hash` in the [0] hash field, `mgf1` inside MGF1's parameters.
    static func pssAlgorithmIdentifier(key: RSAPublicKey, hash224: Bool, mgf1224: Bool) throws -> [UInt8] {
        let der = key.pssDERRepresentation(parameters: .sha384)
        var identifier = Array(der[4..<(4 + 2 + Int(der[5]))])
        #expect(identifier.count == 0x3F)
        let sha384: [UInt8] = try Hex.decode("0609608648016503040202")
        var positions: [Int] = []
        for index in 0...(identifier.count - sha384.count) where Array(identifier[index..<(index + sha384.count)]) == sha384 {
            positions.append(index)
        }
        #expect(positions.count == 2)
        if hash224 { identifier[positions[0] + sha384.count - 1] = 0x04 }
        if mgf1224 { identifier[positions[1] + sha384.count - 1] = 0x04 }
        return identifier
    }

    @Test("RSASSA-PSS parameters naming SHA-224 (hash, MGF1 hash or both) are .unsupportedAlgorithm")
    func pssParametersWithSHA224() throws {
        let key = try TestKeys.primary()
        let bitString = Self.tlv(0x03, [0x00] + key.publicKey.pkcs1DERRepresentation)
        let octetString = Self.tlv(0x04, key.derRepresentation)
        // Baseline: the hand-built structures with the SHA-384 identifier are accepted.
        let good = try Self.pssAlgorithmIdentifier(key: key.publicKey, hash224: false, mgf1224: false)
        #expect(Self.tlv(0x30, good + bitString) == key.publicKey.pssDERRepresentation(parameters: .sha384))
        let goodPKCS8 = Self.tlv(0x30, [0x02, 0x01, 0x00] + good + octetString)
        let fromGoodPKCS8 = try RSAPrivateKey(derRepresentation: goodPKCS8)
        #expect(fromGoodPKCS8.algorithm == .rsassaPSS(.sha384))
        #expect(fromGoodPKCS8.derRepresentation == key.derRepresentation)
        // The restricted key re-encodes its own AlgorithmIdentifier.
        #expect(fromGoodPKCS8.pkcs8DERRepresentation == goodPKCS8)

        for (hash224, mgf1224) in [(true, false), (false, true), (true, true)] {
            let identifier = try Self.pssAlgorithmIdentifier(key: key.publicKey, hash224: hash224, mgf1224: mgf1224)
            let spki = Self.tlv(0x30, identifier + bitString)
            let pkcs8 = Self.tlv(0x30, [0x02, 0x01, 0x00] + identifier + octetString)
            let label = "SHA-224 in hash: \(hash224), in MGF1: \(mgf1224)"
            expectRSAError(.unsupportedAlgorithm, "\(label)") { try RSASubjectPublicKeyInfo(derRepresentation: spki) }
            expectRSAError(.unsupportedAlgorithm, "\(label)") { try RSAPublicKey(derRepresentation: spki) }
            expectRSAError(.unsupportedAlgorithm, "\(label)") { try RSAPrivateKey(derRepresentation: pkcs8) }
            expectRSAError(.unsupportedAlgorithm, "\(label)") { try RSAPrivateKey(unsafeDERRepresentation: pkcs8) }
        }
    }

    @Test("Malformed RSASSA-PSS parameters (negative salt, trailer field 2, hash with non-NULL parameters) are rejected")
    func malformedPSSParameters() throws {
        let key = try TestKeys.primary().publicKey
        let bitString = Self.tlv(0x03, [0x00] + key.pkcs1DERRepresentation)
        let pssOID: [UInt8] = try Hex.decode("06092a864886f70d01010a")
        func spki(_ parameters: [UInt8]) -> [UInt8] {
            Self.tlv(0x30, Self.tlv(0x30, pssOID + Self.tlv(0x30, parameters)) + bitString)
        }
        // Baseline: saltLength [2] 32 alone (hash and MGF1 default to SHA-1).
        let salt32 = Self.tlv(0xA2, [0x02, 0x01, 0x20])
        #expect(
            try RSASubjectPublicKeyInfo(derRepresentation: spki(salt32)).algorithm
                == .rsassaPSS(PSSParameters(hash: .sha1, saltLength: 32)))
        let negativeSalt = Self.tlv(0xA2, [0x02, 0x01, 0xFF])
        let trailer2 = Self.tlv(0xA3, [0x02, 0x01, 0x02])
        let hashWithInteger = Self.tlv(0xA0, Self.tlv(0x30, try Hex.decode("0609608648016503040201") + [0x02, 0x01, 0x00]))
        let unknownHash = Self.tlv(0xA0, Self.tlv(0x30, try Hex.decode("06092a864886f70d010101")))
        for (name, parameters) in [
            ("negative salt", negativeSalt), ("trailer 2", trailer2), ("hash parameters", hashWithInteger),
            ("rsaEncryption as hash", unknownHash), ("[2] before [0]", salt32 + Self.tlv(0xA0, [0x30, 0x00])),
        ] {
            expectRSAError(oneOf: [.invalidKeyEncoding, .unsupportedAlgorithm], "\(name)") {
                try RSASubjectPublicKeyInfo(derRepresentation: spki(parameters))
            }
        }
    }

    @Test("SPKI-PSS with a salt length of 2^63 − 1 parses, and its parameters fail cleanly in sign and verify; 2^64 is rejected")
    func pssParametersWithHugeSaltLength() throws {
        let key = try TestKeys.primary()
        let bitString = Self.tlv(0x03, [0x00] + key.publicKey.pkcs1DERRepresentation)
        let pssOID: [UInt8] = try Hex.decode("06092a864886f70d01010a")
        func spki(saltLengthInteger: [UInt8]) -> [UInt8] {
            Self.tlv(0x30, Self.tlv(0x30, pssOID + Self.tlv(0x30, Self.tlv(0xA2, Self.tlv(0x02, saltLengthInteger)))) + bitString)
        }
        let hostile = try RSASubjectPublicKeyInfo(derRepresentation: spki(saltLengthInteger: try Hex.decode("7fffffffffffffff")))
        guard case .rsassaPSS(let parameters?) = hostile.algorithm else {
            Issue.record("expected PSS parameters, got \(hostile.algorithm)")
            return
        }
        #expect(parameters.saltLength == Int.max)
        let message: [UInt8] = Array("hostile".utf8)
        let signature = try RSASSAPSS.sign(message, with: key, parameters: .sha256)
        #expect(!RSASSAPSS.isValidSignature(signature, for: message, with: hostile.publicKey, parameters: parameters))
        expectRSAError(.encodingError) { try RSASSAPSS.sign(message, with: key, parameters: parameters) }
        // 2^64 does not fit an Int: malformed for this decoder.
        expectRSAError(.invalidKeyEncoding) {
            try RSASubjectPublicKeyInfo(derRepresentation: spki(saltLengthInteger: try Hex.decode("010000000000000000")))
        }
    }

    // MARK: - OAEP

    @Test("OAEP: a message longer than k − 2hLen − 2 is .messageTooLong; exactly that length is fine")
    func oaepMessageTooLong() throws {
        let key = try TestKeys.primary()
        for hash in DigestAlgorithm.allCases {
            let parameters = OAEPParameters(hash: hash)
            let maximum = key.modulusByteCount - 2 * hash.digestByteCount - 2
            let ciphertext = try RSAESOAEP.encrypt([UInt8](repeating: 7, count: maximum), with: key.publicKey, parameters: parameters)
            #expect(try RSAESOAEP.decrypt(ciphertext, with: key, parameters: parameters).count == maximum)
            for length in [maximum + 1, maximum + 100, key.modulusByteCount, 10_000] {
                expectRSAError(.messageTooLong, "\(hash), \(length) bytes") {
                    try RSAESOAEP.encrypt([UInt8](repeating: 7, count: length), with: key.publicKey, parameters: parameters)
                }
            }
        }
        // A key too small for the hash: k = 128 < 2·64 + 2 with SHA-512, even the empty message.
        let small = try TestKeys.oaepVectKey(bits: 1024)
        expectRSAError(.messageTooLong) {
            try RSAESOAEP.encrypt([], with: small.publicKey, parameters: OAEPParameters(hash: .sha512))
        }
        expectRSAError(.decryptionError) {
            try RSAESOAEP.decrypt([UInt8](repeating: 1, count: 128), with: small, parameters: OAEPParameters(hash: .sha512))
        }
        // A seed of the wrong length (package API) is .invalidInput.
        expectRSAError(.invalidInput) {
            try RSAESOAEP.encrypt([1], with: key.publicKey, parameters: .sha256, seed: [UInt8](repeating: 0, count: 31))
        }
    }

    /// An EME-OAEP encoding built by hand: `y || maskedSeed || maskedDB` with `db` given in full.
    static func handMadeEM(db: [UInt8], seed: [UInt8], y: UInt8, hash: DigestAlgorithm) throws -> [UInt8] {
        let dbMask = try MGF1.mask(seed: seed[...], length: db.count, hash: hash)
        let maskedDB = zip(db, dbMask).map { $0 ^ $1 }
        let seedMask = try MGF1.mask(seed: maskedDB[...], length: seed.count, hash: hash)
        let maskedSeed = zip(seed, seedMask).map { $0 ^ $1 }
        return [y] + maskedSeed + maskedDB
    }

    @Test("OAEP decryption failures — length, range, corruption, label, hash, each padding check — are one identical .decryptionError")
    func oaepDecryptionFailuresAreIndistinguishable() throws {
        let key = try TestKeys.primary()
        let k = key.modulusByteCount
        let n = key.publicKey.modulus
        let parameters = OAEPParameters.sha256
        let hLen = 32
        let message: [UInt8] = Array("attack at dawn".utf8)
        let good = try RSAESOAEP.encrypt(message, with: key.publicKey, parameters: parameters)
        #expect(try RSAESOAEP.decrypt(good, with: key, parameters: parameters) == message)

        var attempts: [(String, [UInt8], OAEPParameters)] = []
        // Wrong lengths.
        for length in [0, 1, k - 1, k + 1, 2 * k] {
            attempts.append(("length \(length)", [UInt8](repeating: 0x01, count: length), parameters))
        }
        attempts.append(("good with a leading 00", [0x00] + good, parameters))
        attempts.append(("good minus its last byte", Array(good.dropLast()), parameters))
        // Representatives out of range: n, n + 1, 2^2048 − 1.
        attempts.append(("c = n", try n.bigEndianBytes(count: k), parameters))
        attempts.append(("c = n + 1", try (n + 1).bigEndianBytes(count: k), parameters))
        attempts.append(("c = 2^2048 − 1", [UInt8](repeating: 0xFF, count: k), parameters))
        // In range but meaningless: 0, 1, n − 1.
        attempts.append(("c = 0", [UInt8](repeating: 0, count: k), parameters))
        attempts.append(("c = 1", [UInt8](repeating: 0, count: k - 1) + [1], parameters))
        attempts.append(("c = n − 1", try n.subtracting(1).bigEndianBytes(count: k), parameters))
        // Corrupted ciphertexts: one bit flipped at fixed and random positions.
        var generator = SeededGenerator(seed: 0x0AE9)
        for position in [0, 1, k / 2, k - 2, k - 1] + (0..<10).map({ _ in Int.random(in: 0..<k, using: &generator) }) {
            var bad = good
            bad[position] ^= UInt8(1) << UInt8.random(in: 0...7, using: &generator)
            attempts.append(("bit flip at \(position)", bad, parameters))
        }
        // Wrong label, wrong hash, wrong MGF1 hash.
        let labelled = try RSAESOAEP.encrypt(message, with: key.publicKey, parameters: OAEPParameters(hash: .sha256, label: [1, 2, 3]))
        #expect(try RSAESOAEP.decrypt(labelled, with: key, parameters: OAEPParameters(hash: .sha256, label: [1, 2, 3])) == message)
        attempts.append(("empty label instead of 010203", labelled, parameters))
        attempts.append(("label 010204", labelled, OAEPParameters(hash: .sha256, label: [1, 2, 4])))
        attempts.append(("label on an unlabelled ciphertext", good, OAEPParameters(hash: .sha256, label: [0])))
        attempts.append(("SHA-1 instead of SHA-256", good, OAEPParameters(hash: .sha1)))
        attempts.append(("MGF1-SHA-1 instead of MGF1-SHA-256", good, OAEPParameters(hash: .sha256, mgf1Hash: .sha1)))
        attempts.append(("SHA-384 instead of SHA-256", good, OAEPParameters(hash: .sha384)))

        // Hand-made encodings, each breaking one check of RFC 8017 §7.1.2 step 3.g.
        let lHash = DigestAlgorithm.sha256.hash([])
        let seed = generator.bytes(hLen)
        let dbLength = k - hLen - 1
        func db(lHash: [UInt8], ps: [UInt8], separator: [UInt8], message: [UInt8]) -> [UInt8] {
            let filler = [UInt8](repeating: 0, count: dbLength - lHash.count - ps.count - separator.count - message.count)
            return lHash + filler + ps + separator + message
        }
        func encrypted(_ em: [UInt8]) throws -> [UInt8] {
            try RSAPrimitives.encrypt(BigNum(bigEndianBytes: em), with: key.publicKey).bigEndianBytes(count: k)
        }
        // Baseline: the hand-made encoding is right.
        let correct = try Self.handMadeEM(db: db(lHash: lHash, ps: [], separator: [1], message: message), seed: seed, y: 0, hash: .sha256)
        #expect(try RSAESOAEP.decrypt(encrypted(correct), with: key, parameters: parameters) == message)
        var wrongLHash = lHash
        wrongLHash[31] ^= 1
        let handMade: [(String, [UInt8])] = [
            ("Y = 01", try Self.handMadeEM(db: db(lHash: lHash, ps: [], separator: [1], message: message), seed: seed, y: 1, hash: .sha256)),
            ("Y = 80", try Self.handMadeEM(db: db(lHash: lHash, ps: [], separator: [1], message: message), seed: seed, y: 0x80, hash: .sha256)),
            ("wrong lHash", try Self.handMadeEM(db: db(lHash: wrongLHash, ps: [], separator: [1], message: message), seed: seed, y: 0, hash: .sha256)),
            ("no 01 separator", try Self.handMadeEM(db: db(lHash: lHash, ps: [], separator: [], message: [0, 0]), seed: seed, y: 0, hash: .sha256)),
            ("02 instead of 01", try Self.handMadeEM(db: db(lHash: lHash, ps: [], separator: [2], message: message), seed: seed, y: 0, hash: .sha256)),
            ("non-zero PS byte", try Self.handMadeEM(db: db(lHash: lHash, ps: [0x05, 0x00], separator: [1], message: message), seed: seed, y: 0, hash: .sha256)),
            ("PS byte ff before 01", try Self.handMadeEM(db: db(lHash: lHash, ps: [0xFF], separator: [1], message: message), seed: seed, y: 0, hash: .sha256)),
            ("lHash directly followed by non-zero", try Self.handMadeEM(db: lHash + [0x02] + [UInt8](repeating: 1, count: dbLength - hLen - 1), seed: seed, y: 0, hash: .sha256)),
        ]
        for (name, em) in handMade {
            #expect(em.count == k)
            attempts.append((name, try encrypted(em), parameters))
        }
        // The decoder alone agrees (no RSA involved).
        for (name, em) in handMade {
            var copy = em
            #expect(RSAESOAEP.decode(&copy, parameters: parameters) == nil, "\(name)")
        }

        var descriptions: Set<String> = []
        var reasons: Set<String> = []
        for (name, ciphertext, attemptParameters) in attempts {
            let error = expectRSAError(.decryptionError, "\(name)") {
                try RSAESOAEP.decrypt(ciphertext, with: key, parameters: attemptParameters)
            }
            if let error {
                descriptions.insert(error.description)
                descriptions.insert(String(describing: error))
                descriptions.insert("\(error)")
                reasons.insert(error.reason)
            }
        }
        #expect(attempts.count >= 40)
        #expect(descriptions == [RSAError.decryption.description], "\(descriptions)")
        #expect(reasons.count == 1)
    }

    // MARK: - PSS

    @Test("PSS verification is false for wrong lengths, s ≥ n, wrong message, salt length, hash or MGF1 hash, flipped bits")
    func pssVerificationRejects() throws {
        let key = try TestKeys.primary()
        let publicKey = key.publicKey
        let k = key.modulusByteCount
        let n = publicKey.modulus
        let message: [UInt8] = Array("sign me".utf8)
        let signature = try RSASSAPSS.sign(message, with: key, parameters: .sha256)
        #expect(RSASSAPSS.isValidSignature(signature, for: message, with: publicKey, parameters: .sha256))

        var rejected: [(String, [UInt8], [UInt8], PSSParameters)] = [
            ("empty signature", [], message, .sha256),
            ("k − 1 bytes", Array(signature.dropFirst()), message, .sha256),
            ("k + 1 bytes (leading 00)", [0] + signature, message, .sha256),
            ("k + 1 bytes (trailing 00)", signature + [0], message, .sha256),
            ("s = n", try n.bigEndianBytes(count: k), message, .sha256),
            ("s = n + 1", try (n + 1).bigEndianBytes(count: k), message, .sha256),
            ("s = 2^2048 − 1", [UInt8](repeating: 0xFF, count: k), message, .sha256),
            ("s = 0", [UInt8](repeating: 0, count: k), message, .sha256),
            ("s = 1", [UInt8](repeating: 0, count: k - 1) + [1], message, .sha256),
            ("wrong message", signature, message + [0], .sha256),
            ("empty message", signature, [], .sha256),
            ("salt length 0", signature, message, PSSParameters(hash: .sha256, saltLength: 0)),
            ("salt length 31", signature, message, PSSParameters(hash: .sha256, saltLength: 31)),
            ("salt length 33", signature, message, PSSParameters(hash: .sha256, saltLength: 33)),
            ("SHA-384", signature, message, PSSParameters(hash: .sha384, mgf1Hash: .sha256, saltLength: 32)),
            ("MGF1-SHA-1", signature, message, PSSParameters(hash: .sha256, mgf1Hash: .sha1, saltLength: 32)),
            ("SHA-1 everything", signature, message, PSSParameters(hash: .sha1, saltLength: 32)),
        ]
        for position in [0, 1, 100, k - 2, k - 1] {
            var flipped = signature
            flipped[position] ^= 0x10
            rejected.append(("bit flip at \(position)", flipped, message, .sha256))
        }
        // A signature by another key.
        rejected.append(("other key", try RSASSAPSS.sign(message, with: TestKeys.rsa2048()[1], parameters: .sha256), message, .sha256))
        for (name, candidate, candidateMessage, parameters) in rejected {
            #expect(!RSASSAPSS.isValidSignature(candidate, for: candidateMessage, with: publicKey, parameters: parameters), "\(name)")
            expectRSAError(.invalidSignature, "\(name)") {
                try RSASSAPSS.verify(candidate, for: candidateMessage, with: publicKey, parameters: parameters)
            }
        }
    }

    @Test("Signing with a key too small for the hash and salt is .encodingError")
    func pssSignKeyTooSmall() throws {
        let small = try TestKeys.oaepVectKey(bits: 1024)
        // emLen = 128 < 64 + 64 + 2.
        expectRSAError(.encodingError) {
            try RSASSAPSS.sign([1], with: small, parameters: PSSParameters(hash: .sha512, saltLength: 64))
        }
    }

    // MARK: - Primitives

    @Test("RSAEP/RSADP/RSASP1 with a representative ≥ n are .invalidInput; RSAVP1 with s ≥ n is .invalidSignature")
    func primitivesRejectOutOfRange() throws {
        let key = try TestKeys.primary()
        let n = key.publicKey.modulus
        for value in [n, n + 1, n + n, BigNum(1).shiftedLeft(by: 2048), BigNum(1).shiftedLeft(by: 4096)] {
            expectRSAError(.invalidInput) { try RSAPrimitives.encrypt(value, with: key.publicKey) }
            expectRSAError(.invalidInput) { try RSAPrimitives.decrypt(value, with: key) }
            expectRSAError(.invalidInput) { try RSAPrimitives.sign(value, with: key) }
            expectRSAError(.invalidSignature) { try RSAPrimitives.verify(value, with: key.publicKey) }
        }
        // n − 1 is in range.
        let top = try n.subtracting(1)
        #expect(try RSAPrimitives.encrypt(top, with: key.publicKey) == top)  // (−1)^e = −1 for odd e
        #expect(try RSAPrimitives.decrypt(top, with: key) == top)
    }
}
