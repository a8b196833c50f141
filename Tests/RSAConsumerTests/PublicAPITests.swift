import BigNum
import RSA
import SwiftASN1
import Testing

// Every public entry point of `RSA` and `BigNum`, called as an SDK would call it: no `@testable import`, so only
// what is public compiles here. Each entry point is exercised on its success path and on at least one typed error.

/// One generated key for the whole suite (key generation is slow in debug builds).
private let sharedKey: Result<RSAPrivateKey, RSAError> = Result { () throws(RSAError) in
    try RSAPrivateKey.generate(bits: 2048)
}

/// The INTEGERs of a DER PKCS #1 RSAPrivateKey (version, n, e, d, p, q, dP, dQ, qInv), as an SDK holding key
/// material from elsewhere would read them.
private func pkcs1Integers(_ der: [UInt8]) throws -> [ArraySlice<UInt8>] {
    let root = try DER.parse(der)
    guard case .constructed(let children) = root.content else {
        throw ASN1Error.invalidASN1Object(reason: "not a SEQUENCE")
    }
    return try children.map { node in
        guard case .primitive(let bytes) = node.content else {
            throw ASN1Error.invalidASN1Object(reason: "not an INTEGER")
        }
        return bytes
    }
}

@Suite("Public API, as a consumer sees it")
struct PublicAPITests {
    // MARK: - Keys

    @Test("RSAPrivateKey: generation, PKCS#1 and PKCS#8 in DER and PEM, bytes, errors")
    func privateKeys() throws {
        let key = try sharedKey.get()
        #expect(RSAPrivateKey.generatableModulusBits == [2048, 3072, 4096])
        #expect(key.modulusBitWidth == 2048 && key.modulusByteCount == 256)
        #expect(key.algorithm == .rsaEncryption)
        #expect(key.pemRepresentation.hasPrefix("-----BEGIN RSA PRIVATE KEY-----"))
        #expect(key.pkcs8PEMRepresentation.hasPrefix("-----BEGIN PRIVATE KEY-----"))
        for der in [key.derRepresentation, key.pkcs8DERRepresentation] {
            #expect(try RSAPrivateKey(derRepresentation: der).derRepresentation == key.derRepresentation)
            #expect(try RSAPrivateKey(unsafeDERRepresentation: der).derRepresentation == key.derRepresentation)
        }
        for pem in [key.pemRepresentation, key.pkcs8PEMRepresentation] {
            #expect(try RSAPrivateKey(pemRepresentation: pem).derRepresentation == key.derRepresentation)
            #expect(try RSAPrivateKey(unsafePEMRepresentation: pem).derRepresentation == key.derRepresentation)
        }
        // From the components' bytes (swift-crypto's init(n:e:d:p:q:)): the same key, CRT values derived.
        let integers = try pkcs1Integers(key.derRepresentation)
        let rebuilt = try RSAPrivateKey(n: integers[1], e: integers[2], d: integers[3], p: integers[4], q: integers[5])
        #expect(rebuilt.derRepresentation == key.derRepresentation)
        // From BigNums.
        let fromBigNums = try RSAPrivateKey(
            modulus: BigNum(bigEndianBytes: integers[1]), publicExponent: BigNum(bigEndianBytes: integers[2]),
            privateExponent: BigNum(bigEndianBytes: integers[3]), prime1: BigNum(bigEndianBytes: integers[4]),
            prime2: BigNum(bigEndianBytes: integers[5]))
        #expect(fromBigNums.derRepresentation == key.derRepresentation)
        let fromEight = try RSAPrivateKey(
            modulus: BigNum(bigEndianBytes: integers[1]), publicExponent: BigNum(bigEndianBytes: integers[2]),
            privateExponent: BigNum(bigEndianBytes: integers[3]), prime1: BigNum(bigEndianBytes: integers[4]),
            prime2: BigNum(bigEndianBytes: integers[5]), exponent1: BigNum(bigEndianBytes: integers[6]),
            exponent2: BigNum(bigEndianBytes: integers[7]), coefficient: BigNum(bigEndianBytes: integers[8]))
        #expect(fromEight.derRepresentation == key.derRepresentation)
        // Typed errors.
        #expect(throws: RSAError.self) { try RSAPrivateKey(derRepresentation: [0x30, 0x00]) }
        #expect(throws: RSAError.self) { try RSAPrivateKey(pemRepresentation: "not a key") }
        #expect(throws: RSAError.self) { try RSAPrivateKey.generate(bits: 1024) }
        var wrongD = Array(integers[3])
        wrongD[wrongD.count - 1] ^= 2
        let error = #expect(throws: RSAError.self) {
            try RSAPrivateKey(n: integers[1], e: integers[2], d: wrongD, p: integers[4], q: integers[5])
        }
        #expect(error?.code == .invalidKey)
    }

    @Test("RSAPublicKey and RSASubjectPublicKeyInfo: encodings, bytes, the PSS restriction")
    func publicKeys() throws {
        let key = try sharedKey.get().publicKey
        #expect(key.modulusBitWidth == 2048 && key.publicExponent == 65537)
        #expect(try RSAPublicKey(derRepresentation: key.derRepresentation) == key)
        #expect(try RSAPublicKey(derRepresentation: key.pkcs1DERRepresentation) == key)
        #expect(try RSAPublicKey(pemRepresentation: key.pemRepresentation) == key)
        #expect(try RSAPublicKey(pemRepresentation: key.pkcs1PEMRepresentation) == key)
        #expect(try RSAPublicKey(unsafeDERRepresentation: key.derRepresentation) == key)
        #expect(try RSAPublicKey(unsafePEMRepresentation: key.pemRepresentation) == key)
        #expect(try RSAPublicKey(n: key.modulus.bigEndianBytes, e: key.publicExponent.bigEndianBytes) == key)
        #expect(try RSAPublicKey(modulus: key.modulus, publicExponent: key.publicExponent) == key)
        #expect(try RSAPublicKey(unsafeModulus: key.modulus, publicExponent: key.publicExponent) == key)
        #expect(throws: RSAError.self) { try RSAPublicKey(n: [0x01, 0x00], e: [0x03]) }
        // An id-RSASSA-PSS key keeps its restriction: OAEP refuses it, other PSS parameters verify nothing.
        let restricted = try RSAPublicKey(derRepresentation: key.pssDERRepresentation(parameters: .sha384))
        #expect(restricted.algorithm == .rsassaPSS(.sha384))
        #expect(restricted != key && restricted.modulus == key.modulus)
        #expect(try RSAPublicKey(pemRepresentation: key.pssPEMRepresentation(parameters: .sha384)) == restricted)
        let refusal = #expect(throws: RSAError.self) {
            try RSAESOAEP.encrypt([1, 2, 3], with: restricted, parameters: .sha256)
        }
        #expect(refusal?.code == .unsupportedAlgorithm)
        let info = try RSASubjectPublicKeyInfo(derRepresentation: restricted.derRepresentation)
        #expect(info.algorithm == .rsassaPSS(.sha384))
        #expect(try RSASubjectPublicKeyInfo(pemRepresentation: info.pemRepresentation) == info)
        #expect(try RSASubjectPublicKeyInfo(unsafeDERRepresentation: info.derRepresentation) == info)
        let relabelled = RSASubjectPublicKeyInfo(publicKey: key, algorithm: .rsaEncryption)
        #expect(relabelled.derRepresentation == key.derRepresentation)
    }

    // MARK: - Schemes

    @Test("RSASSA-PSS and RSAES-OAEP: every parameter type, success and typed errors")
    func schemes() throws {
        let key = try sharedKey.get()
        let message = Array("consumer".utf8)
        for parameters in [PSSParameters.sha256, .sha384, .sha512, PSSParameters(hash: .sha256, mgf1Hash: .sha1, saltLength: 0)] {
            let signature = try RSASSAPSS.sign(message, with: key, parameters: parameters)
            #expect(RSASSAPSS.isValidSignature(signature, for: message, with: key.publicKey, parameters: parameters))
            try RSASSAPSS.verify(signature, for: message, with: key.publicKey, parameters: parameters)
            #expect(!RSASSAPSS.isValidSignature(signature, for: message + [0], with: key.publicKey, parameters: parameters))
        }
        #expect(throws: RSAError.self) {
            try RSASSAPSS.verify([UInt8](repeating: 0, count: 256), for: message, with: key.publicKey, parameters: .sha256)
        }
        for parameters in [OAEPParameters.sha256, OAEPParameters(hash: .sha1), OAEPParameters(hash: .sha384, mgf1Hash: .sha256, label: [7])] {
            let ciphertext = try RSAESOAEP.encrypt(message, with: key.publicKey, parameters: parameters)
            #expect(try RSAESOAEP.decrypt(ciphertext, with: key, parameters: parameters) == message)
        }
        let tooLong = #expect(throws: RSAError.self) {
            try RSAESOAEP.encrypt([UInt8](repeating: 1, count: 200), with: key.publicKey, parameters: .sha256)
        }
        #expect(tooLong?.code == .messageTooLong)
        let wrong = #expect(throws: RSAError.self) {
            try RSAESOAEP.decrypt([UInt8](repeating: 1, count: 256), with: key, parameters: .sha256)
        }
        #expect(wrong?.code == .decryptionError && wrong?.description == "decryption error")
        #expect(DigestAlgorithm.allCases.allSatisfy { DigestAlgorithm(name: $0.name) == $0 })
        #expect(DigestAlgorithm.sha384.digestByteCount == 48)
    }

    // MARK: - Blind signatures

    @Test("BlindSigning: variants, key constructors, typed protocol values, errors with RFC 9474 names")
    func blindSigning() throws {
        let key = try sharedKey.get()
        #expect(BlindSigning.Variant.allCases.count == 4)
        for variant in BlindSigning.Variant.allCases {
            #expect(BlindSigning.Variant(name: variant.name) == variant)
            #expect(variant.messagePrefixLength == (variant.isRandomized ? 32 : 0))
            #expect(variant.pssParameters.hash == .sha384)
        }
        #expect(BlindSigning.Variant(name: "RSABSSA-SHA512") == nil)
        let signer = try BlindSigning.PrivateKey(derRepresentation: key.derRepresentation)
        #expect(try BlindSigning.PrivateKey(pemRepresentation: key.pkcs8PEMRepresentation).publicKey == signer.publicKey)
        #expect(BlindSigning.PrivateKey(key).publicKey == key.publicKey)
        let variant = BlindSigning.Variant.RSABSSA_SHA384_PSS_Deterministic
        let client = try BlindSigning.PublicKey(
            derRepresentation: key.publicKey.pssDERRepresentation(parameters: variant.pssParameters), variant: variant)
        #expect(try BlindSigning.PublicKey(pemRepresentation: key.publicKey.pemRepresentation, variant: variant).key.modulus
            == client.key.modulus)
        let contradiction = #expect(throws: RSAError.self) {
            try BlindSigning.PublicKey(
                RSASubjectPublicKeyInfo(derRepresentation: key.publicKey.pssDERRepresentation(parameters: .sha384)),
                variant: .RSABSSA_SHA384_PSSZERO_Deterministic)
        }
        #expect(contradiction?.code == .unsupportedAlgorithm)

        let prepared = client.prepare(Array("token".utf8))
        let blinded = try client.blind(prepared)
        // The signer takes the typed value or raw bytes as they arrive.
        let blindSignature = try signer.blindSignature(for: blinded.blindedMessage.rawRepresentation)
        #expect(try signer.blindSignature(for: blinded.blindedMessage) == blindSignature)  // deterministic RSASP1
        let signature = try client.finalize(
            BlindSigning.BlindSignature(rawRepresentation: blindSignature.rawRepresentation), for: prepared,
            blindingInverse: blinded.inverse)
        try client.verify(signature, for: BlindSigning.PreparedMessage(rawRepresentation: prepared.rawRepresentation))
        // RFC 9474 error names.
        let short = #expect(throws: RSAError.self) {
            try signer.blindSignature(for: BlindSigning.BlindedMessage(rawRepresentation: [1, 2, 3]))
        }
        #expect(short?.code == .unexpectedInputSize && short?.code.description == "unexpected input size")
        let tampered = #expect(throws: RSAError.self) {
            var bytes = blindSignature.rawRepresentation
            bytes[100] ^= 1
            _ = try client.finalize(
                BlindSigning.BlindSignature(rawRepresentation: bytes), for: prepared, blindingInverse: blinded.inverse)
        }
        #expect(tampered?.code == .invalidSignature)
        #expect(RSAError.Code.signingFailure.description == "signing failure")
        #expect(RSAError.Code.blindingError.description == "blinding error")
        let badInverse = #expect(throws: RSAError.self) {
            try BlindSigning.BlindingInverse(rawRepresentation: [UInt8](repeating: 0, count: 256), for: key.publicKey)
        }
        #expect(badInverse?.code == .invalidInput)
        // Secrets never print.
        #expect(!"\(blinded.inverse)".contains(blinded.inverse.rawRepresentation.map { String($0) }.joined()))
        #expect("\(signer)".contains("<redacted>") && "\(key)".contains("<redacted>"))
    }

    @Test("TwoCoreSigner: same blind signatures as the serial signer, before and after shutdown")
    func twoCoreSigner() throws {
        let signer = BlindSigning.PrivateKey(try sharedKey.get())
        let client = signer.publicKey(variant: .RSABSSA_SHA384_PSSZERO_Deterministic)
        let blinded = try client.blind(client.prepare(Array("two cores".utf8)))
        let twoCores = BlindSigning.TwoCoreSigner(signer, spinDuration: .zero)
        #expect(twoCores.isUsingTwoCores)
        let serial = try signer.blindSignature(for: blinded.blindedMessage)
        #expect(try twoCores.blindSignature(for: blinded.blindedMessage) == serial)
        twoCores.shutdown()
        #expect(!twoCores.isUsingTwoCores)
        #expect(try twoCores.blindSignature(for: blinded.blindedMessage) == serial)
        #expect(signer.blindSignatures(for: [blinded.blindedMessage]).map { try? $0.get() } == [serial])
    }

    // MARK: - BigNum

    @Test("BigNum: the supported surface for public values")
    func bigNum() throws {
        let a: BigNum = 1_000_003
        let b = BigNum(97)
        #expect(a + b == 1_000_100)
        #expect(try a - b == 999_906)
        #expect(a * b == 97_000_291)
        #expect(try a.quotientAndRemainder(dividingBy: b) == (10309, 30))
        #expect(try a.reduced(modulo: b) == 30)
        #expect(try a.adding(b, modulo: 1000) == 100)
        #expect(try a.multiplied(by: b, modulo: 1000) == 291)
        #expect(try BigNum(3).publicPower(4, modulus: 7) == 4)
        #expect(try BigNum(3).secretPower(4, modulus: 7) == 4)
        #expect(BigNum(3).inverse(modulo: 7) == 5 && BigNum(6).greatestCommonDivisor(with: 9) == 3)
        #expect(try BigNum(hexString: "ff") == 255)
        #expect(BigNum(255).hexString == "ff" && BigNum(255).string(radix: 2) == "11111111")
        #expect(BigNum(bigEndianBytes: [1, 0]) == 256 && BigNum(256).bigEndianBytes == [1, 0])
        #expect(try BigNum(256).bigEndianBytes(count: 4) == [0, 0, 1, 0])
        #expect(BigNum(256).byteWidth == 2)
        #expect(a.bitWidth == 20 && a.isOdd && !a.isEven && !a.isZero && a.testBit(0))
        #expect(a.shiftedLeft(by: 1) == 2_000_006 && a.shiftedRight(by: 1) == 500_001)
        #expect(BigNum(exactly: -1) == nil && BigNum(exactly: 5) == 5)
        #expect(try BigNum.random(below: 10) < 10)
        let inRange = try BigNum.random(in: 5..<9)
        #expect(inRange >= 5 && inRange < 9)
        let prime = try BigNum.randomPrime(bits: 64)
        #expect(prime.bitWidth == 64 && prime.isProbablePrime(rounds: BigNum.millerRabinRounds(forBits: 64)))
        #expect(throws: BigNumError.self) { try BigNum(1) - BigNum(2) }
        #expect(throws: BigNumError.self) { try BigNum(hexString: "xyz") }
        #expect(throws: BigNumError.self) { try BigNum(2).secretPower(3, modulus: 8) }
    }
}
