import BigNum
import Foundation
@testable import RSA
import Testing

/// Key generation and the DER/PEM encodings: PKCS #1, PKCS #8, SPKI and SPKI with id-RSASSA-PSS.
@Suite("Key generation and encodings")
struct KeyEncodingTests {
    /// RFC 9578 §6.5: the SPKI prefix of a 2048-bit token key (id-RSASSA-PSS, SHA-384, MGF1-SHA-384, salt 48),
    /// up to and including the BIT STRING's unused-bits octet.
    static let rfc9578Prefix: [UInt8] = try! Hex.decode(
        "30820152303d06092a864886f70d01010a3030a00d300b0609608648016503040202a11a301806092a864886f70d010108300b0609608648016503040202a2030201300382010f00"
    )

    // MARK: - Generation

    @Test("generate(bits: 2048) meets FIPS 186-5 conditions: sizes, e, p > q, |p − q|, d > 2^(nlen/2)")
    func generatedKeyMeetsConditions() throws {
        for key in try TestKeys.rsa2048() {
            let c = key.components
            #expect(key.modulusBitWidth == 2048)
            #expect(key.modulusByteCount == 256)
            #expect(c.e == 65537)
            #expect(c.p * c.q == c.n)
            #expect(c.p.bitWidth == 1024 && c.q.bitWidth == 1024)
            // Top two bits set: p, q ≥ 2^1023 + 2^1022 > √2 · 2^1023.
            #expect(c.p.testBit(1022) && c.q.testBit(1022))
            #expect(c.p > c.q, "PKCS #1 convention: p > q")
            #expect(c.p.isProbablePrime(rounds: 20) && c.q.isProbablePrime(rounds: 20))
            // |p − q| > 2^(nlen/2 − 100).
            let distance = try c.p.subtracting(c.q)
            #expect(distance > BigNum(1).shiftedLeft(by: 1024 - 100))
            // d > 2^(nlen/2) and d < λ(n).
            #expect(c.d > BigNum(1).shiftedLeft(by: 1024))
            let pMinusOne = try c.p.subtracting(1)
            let qMinusOne = try c.q.subtracting(1)
            let lambda = try (pMinusOne * qMinusOne).quotientAndRemainder(
                dividingBy: pMinusOne.greatestCommonDivisor(with: qMinusOne)).quotient
            #expect(c.d < lambda)
            #expect(try (c.e * c.d).reduced(modulo: lambda) == 1)
            // CRT values.
            #expect(try c.d.reduced(modulo: pMinusOne) == c.dP)
            #expect(try c.d.reduced(modulo: qMinusOne) == c.dQ)
            #expect(try (c.q * c.qInv).reduced(modulo: c.p) == 1)
        }
        // Three independent generations give three different moduli.
        #expect(Set(try TestKeys.rsa2048().map(\.publicKey.modulus)).count == 3)
    }

    @Test("generate(bits:) rejects every size but 2048, 3072 and 4096 with .unsupportedKeySize",
        arguments: [0, 512, 1024, 1536, 2047, 2049, 2560, 4095, 8192, -2048])
    func generateRejectsUnsupportedSizes(bits: Int) {
        expectRSAError(.unsupportedKeySize) { try RSAPrivateKey.generate(bits: bits) }
    }

    // MARK: - Private keys

    @Test("Private key round-trips through PKCS #1 DER and PEM")
    func privateKeyPKCS1RoundTrip() throws {
        let key = try TestKeys.primary()
        let der = key.derRepresentation
        #expect(der.first == 0x30)
        #expect(try RSAPrivateKey(derRepresentation: der).derRepresentation == der)
        #expect(try RSAPrivateKey(unsafeDERRepresentation: der).derRepresentation == der)

        let pem = key.pemRepresentation
        #expect(pem.hasPrefix("-----BEGIN RSA PRIVATE KEY-----\n"))
        #expect(pem.hasSuffix("-----END RSA PRIVATE KEY-----"))
        #expect(try RSAPrivateKey(pemRepresentation: pem).derRepresentation == der)
        #expect(try RSAPrivateKey(unsafePEMRepresentation: pem).derRepresentation == der)
    }

    @Test("Private key round-trips through PKCS #8 DER and PEM, declaring rsaEncryption")
    func privateKeyPKCS8RoundTrip() throws {
        let key = try TestKeys.primary()
        let der = key.pkcs8DERRepresentation
        // PrivateKeyInfo { 0, rsaEncryption NULL, OCTET STRING { PKCS #1 } }.
        let algorithmPrefix: [UInt8] = try Hex.decode("020100300d06092a864886f70d0101010500")
        #expect(Array(der[4..<(4 + algorithmPrefix.count)]) == algorithmPrefix)
        let decoded = try RSAPrivateKey(derRepresentation: der)
        #expect(decoded.algorithm == .rsaEncryption)
        #expect(decoded.pkcs8DERRepresentation == der)
        #expect(decoded.derRepresentation == key.derRepresentation)
        #expect(decoded.publicKey == key.publicKey)

        let pem = key.pkcs8PEMRepresentation
        #expect(pem.hasPrefix("-----BEGIN PRIVATE KEY-----\n"))
        #expect(pem.hasSuffix("-----END PRIVATE KEY-----"))
        #expect(try RSAPrivateKey(pemRepresentation: pem).pkcs8DERRepresentation == der)
        #expect(try RSAPrivateKey(unsafePEMRepresentation: pem).pkcs8DERRepresentation == der)
        // The PKCS #1 key is embedded verbatim.
        #expect(Array(der.suffix(key.derRepresentation.count)) == key.derRepresentation)
    }

    @Test("A decoded private key works: it signs and decrypts like the original")
    func decodedPrivateKeyIsUsable() throws {
        let key = try TestKeys.primary()
        let decoded = try RSAPrivateKey(pemRepresentation: key.pkcs8PEMRepresentation)
        let message: [UInt8] = Array("decoded keys work".utf8)
        let signature = try RSASSAPSS.sign(message, with: decoded, parameters: .sha256)
        #expect(RSASSAPSS.isValidSignature(signature, for: message, with: key.publicKey, parameters: .sha256))
        let ciphertext = try RSAESOAEP.encrypt(message, with: key.publicKey, parameters: .sha256)
        #expect(try RSAESOAEP.decrypt(ciphertext, with: decoded, parameters: .sha256) == message)
    }

    // MARK: - Public keys

    @Test("Public key round-trips through SPKI DER/PEM and PKCS #1 DER/PEM")
    func publicKeyRoundTrips() throws {
        let key = try TestKeys.primary().publicKey
        let spki = key.derRepresentation
        // SEQUENCE { SEQUENCE { rsaEncryption, NULL }, BIT STRING { 00, RSAPublicKey } }.
        #expect(Array(spki.prefix(24)) == (try Hex.decode("30820122300d06092a864886f70d01010105000382010f00")))
        #expect(Array(spki.suffix(key.pkcs1DERRepresentation.count)) == key.pkcs1DERRepresentation)
        #expect(try RSAPublicKey(derRepresentation: spki) == key)
        #expect(try RSAPublicKey(unsafeDERRepresentation: spki) == key)
        let info = try RSASubjectPublicKeyInfo(derRepresentation: spki)
        #expect(info.publicKey == key)
        #expect(info.algorithm == .rsaEncryption)
        #expect(info.derRepresentation == spki)

        let pem = key.pemRepresentation
        #expect(pem.hasPrefix("-----BEGIN PUBLIC KEY-----\n"))
        #expect(try RSAPublicKey(pemRepresentation: pem) == key)
        #expect(try RSASubjectPublicKeyInfo(pemRepresentation: pem).publicKey == key)

        let pkcs1 = key.pkcs1DERRepresentation
        #expect(try RSAPublicKey(derRepresentation: pkcs1) == key)
        let pkcs1PEM = key.pkcs1PEMRepresentation
        #expect(pkcs1PEM.hasPrefix("-----BEGIN RSA PUBLIC KEY-----\n"))
        #expect(try RSAPublicKey(pemRepresentation: pkcs1PEM) == key)
        #expect(try RSAPublicKey(unsafePEMRepresentation: pkcs1PEM) == key)
        // PKCS #1 RSAPublicKey: SEQUENCE { INTEGER n (with a 00 sign octet), INTEGER 65537 }.
        #expect(Array(pkcs1.prefix(9)) == (try Hex.decode("3082010a0282010100")))
        #expect(Array(pkcs1.suffix(5)) == [0x02, 0x03, 0x01, 0x00, 0x01])
    }

    @Test("SPKI-PSS with SHA-384 starts with the exact RFC 9578 §6.5 prefix and parses back as .rsassaPSS(.sha384)")
    func pssSPKIMatchesRFC9578() throws {
        for privateKey in try TestKeys.rsa2048() {
            let key = privateKey.publicKey
            let der = key.pssDERRepresentation(parameters: .sha384)
            #expect(der.count == 0x156)
            #expect(Array(der.prefix(Self.rfc9578Prefix.count)) == Self.rfc9578Prefix)
            #expect(Array(der.dropFirst(Self.rfc9578Prefix.count)) == key.pkcs1DERRepresentation)

            let info = try RSASubjectPublicKeyInfo(derRepresentation: der)
            // A key read from an id-RSASSA-PSS SPKI keeps its restriction, and the algorithm is part of the key's
            // equality: the same (n, e) as `key`, but not an equal key.
            #expect(info.publicKey.modulus == key.modulus && info.publicKey.publicExponent == key.publicExponent)
            #expect(info.publicKey.algorithm == .rsassaPSS(PSSParameters.sha384))
            #expect(info.algorithm == .rsassaPSS(PSSParameters.sha384))
            #expect(info.derRepresentation == der)
            let decoded = try RSAPublicKey(derRepresentation: der)
            #expect(decoded.modulus == key.modulus && decoded.publicExponent == key.publicExponent)
            #expect(decoded.algorithm == .rsassaPSS(PSSParameters.sha384))
            #expect(decoded != key)
            // Its own DER is the id-RSASSA-PSS SPKI it was read from.
            #expect(decoded.derRepresentation == der)

            let pem = key.pssPEMRepresentation(parameters: .sha384)
            #expect(pem.hasPrefix("-----BEGIN PUBLIC KEY-----\n"))
            #expect(try RSASubjectPublicKeyInfo(pemRepresentation: pem).algorithm == .rsassaPSS(.sha384))
            #expect(try RSAPublicKey(pemRepresentation: pem) == decoded)
        }
    }

    @Test("SPKI-PSS round-trips for other parameter sets, including DEFAULT (omitted) fields",
        arguments: [
            PSSParameters.sha256, .sha384, .sha512,
            PSSParameters(hash: .sha256, saltLength: 0),
            PSSParameters(hash: .sha1, saltLength: 20),  // every field DEFAULT: empty SEQUENCE
            PSSParameters(hash: .sha256, mgf1Hash: .sha1, saltLength: 20),
            PSSParameters(hash: .sha512, mgf1Hash: .sha256, saltLength: 222),
        ])
    func pssSPKIRoundTrips(parameters: PSSParameters) throws {
        let key = try TestKeys.primary().publicKey
        let info = RSASubjectPublicKeyInfo(publicKey: key, algorithm: .rsassaPSS(parameters))
        let der = info.derRepresentation
        #expect(der == key.pssDERRepresentation(parameters: parameters))
        let decoded = try RSASubjectPublicKeyInfo(derRepresentation: der)
        #expect(decoded == info)
        #expect(decoded.algorithm == .rsassaPSS(parameters))
        #expect(try RSASubjectPublicKeyInfo(pemRepresentation: info.pemRepresentation) == info)
        if parameters == PSSParameters(hash: .sha1, saltLength: 20) {
            // AlgorithmIdentifier { id-RSASSA-PSS, SEQUENCE {} }.
            #expect(Array(der[4..<19]) == (try Hex.decode("300d06092a864886f70d01010a3000")))
        }
    }

    @Test("SPKI with id-RSASSA-PSS and absent parameters parses as .rsassaPSS(nil) and round-trips")
    func pssSPKIWithoutParameters() throws {
        let key = try TestKeys.primary().publicKey
        let info = RSASubjectPublicKeyInfo(publicKey: key, algorithm: .rsassaPSS(nil))
        let der = info.derRepresentation
        // AlgorithmIdentifier { id-RSASSA-PSS } with nothing after the OID.
        #expect(Array(der[4..<17]) == (try Hex.decode("300b06092a864886f70d01010a")))
        #expect(try RSASubjectPublicKeyInfo(derRepresentation: der) == info)
        // The key keeps the (unrestricted) id-RSASSA-PSS declaration: same (n, e), another algorithm.
        let decoded = try RSAPublicKey(derRepresentation: der)
        #expect(decoded.modulus == key.modulus && decoded.publicExponent == key.publicExponent)
        #expect(decoded.algorithm == .rsassaPSS(nil))
        #expect(decoded != key)
        #expect(decoded.derRepresentation == der)
    }

    @Test("The same modulus under different algorithm identifiers gives keys that differ in algorithm only, and distinct key infos")
    func algorithmIsPartOfKeyInfoIdentity() throws {
        let key = try TestKeys.primary().publicKey
        let plain = try RSASubjectPublicKeyInfo(derRepresentation: key.derRepresentation)
        let pss = try RSASubjectPublicKeyInfo(derRepresentation: key.pssDERRepresentation(parameters: .sha384))
        // Intended semantics since the public API v1: a decoded key keeps its algorithm (an id-RSASSA-PSS key is
        // restricted to PSS), and RSAPublicKey's equality includes it. So the two keys have equal modulus and
        // public exponent but differ in `algorithm`, and are not equal.
        #expect(plain.publicKey.modulus == pss.publicKey.modulus)
        #expect(plain.publicKey.publicExponent == pss.publicKey.publicExponent)
        #expect(plain.publicKey.algorithm == .rsaEncryption)
        #expect(pss.publicKey.algorithm == .rsassaPSS(.sha384))
        #expect(plain.publicKey != pss.publicKey)
        #expect(plain != pss)
        #expect(pss != (try RSASubjectPublicKeyInfo(derRepresentation: key.pssDERRepresentation(parameters: .sha256))))
    }

    // MARK: - Non-standard sizes

    @Test("Vector keys of 1024–1031 bits round-trip through the unsafe DER/PEM readers and are refused by the default ones")
    func smallKeysNeedUnsafeReaders() throws {
        for key in try TestKeys.oaepVectKeys.get() where key.modulusBitWidth < 2048 {
            let der = key.pkcs8DERRepresentation
            #expect(try RSAPrivateKey(unsafeDERRepresentation: der).pkcs8DERRepresentation == der)
            #expect(try RSAPrivateKey(unsafePEMRepresentation: key.pemRepresentation).pkcs8DERRepresentation == der)
            expectRSAError(.unsupportedKeySize) { try RSAPrivateKey(derRepresentation: der) }
            expectRSAError(.unsupportedKeySize) { try RSAPrivateKey(pemRepresentation: key.pkcs8PEMRepresentation) }

            let spki = key.publicKey.derRepresentation
            #expect(try RSAPublicKey(unsafeDERRepresentation: spki) == key.publicKey)
            #expect(try RSAPublicKey(unsafePEMRepresentation: key.publicKey.pkcs1PEMRepresentation) == key.publicKey)
            #expect(try RSASubjectPublicKeyInfo(unsafeDERRepresentation: spki).publicKey == key.publicKey)
            expectRSAError(.unsupportedKeySize) { try RSAPublicKey(derRepresentation: spki) }
            expectRSAError(.unsupportedKeySize) { try RSASubjectPublicKeyInfo(derRepresentation: spki) }
            expectRSAError(.unsupportedKeySize) { try RSAPublicKey(pemRepresentation: key.publicKey.pemRepresentation) }
            // The unsafe reader reports the declared algorithm at any size.
            #expect(try RSAPrivateKey(unsafeDERRepresentation: der).algorithm == .rsaEncryption)
        }
    }
}
