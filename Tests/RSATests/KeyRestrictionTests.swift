import BigNum
import Foundation
@testable import RSA
import SwiftASN1
import Testing

/// Keys read from an id-RSASSA-PSS SubjectPublicKeyInfo or PrivateKeyInfo keep their restriction (RFC 4055 §1.2):
/// OAEP refuses them, RSASSA-PSS refuses parameters other than the declared ones, and the restriction survives
/// re-encoding.
@Suite("Key restrictions: id-RSASSA-PSS keys")
struct KeyRestrictionTests {
    /// A DER PKCS #8 PrivateKeyInfo for `key` declaring `algorithm` (built by hand from the PKCS #1 encoding, not by
    /// the library's PKCS #8 encoder).
    static func pkcs8(_ key: RSAPrivateKey, algorithm: RSAKeyAlgorithm) throws -> [UInt8] {
        let info = PrivateKeyInfoASN1(
            algorithm: try KeyEncoding.algorithmIdentifier(algorithm),
            privateKey: ASN1OctetString(contentBytes: key.derRepresentation[...]))
        var serializer = DER.Serializer()
        try serializer.serialize(info)
        return serializer.serializedBytes
    }

    /// The restricted key pair for `algorithm`: the public key from an SPKI, the private key from a PKCS #8.
    static func restricted(_ algorithm: RSAKeyAlgorithm) throws -> (RSAPublicKey, RSAPrivateKey) {
        let key = try TestKeys.primary()
        let spki = RSASubjectPublicKeyInfo(publicKey: key.publicKey, algorithm: algorithm).derRepresentation
        let publicKey = try RSAPublicKey(derRepresentation: spki)
        let privateKey = try RSAPrivateKey(derRepresentation: pkcs8(key, algorithm: algorithm))
        #expect(publicKey.algorithm == algorithm)
        #expect(privateKey.algorithm == algorithm)
        #expect(privateKey.publicKey == publicKey)
        return (publicKey, privateKey)
    }

    static let restrictions: [RSAKeyAlgorithm] = [.rsassaPSS(.sha384), .rsassaPSS(.sha256), .rsassaPSS(nil)]

    @Test("pssDERRepresentation(parameters:) gives a key restricted to those parameters")
    func pssDERRepresentationRestricts() throws {
        let key = try TestKeys.primary().publicKey
        let restricted = try RSAPublicKey(derRepresentation: key.pssDERRepresentation(parameters: .sha384))
        #expect(restricted.algorithm == .rsassaPSS(.sha384))
        #expect(restricted.modulus == key.modulus && restricted.publicExponent == key.publicExponent)
        #expect(key.algorithm == .rsaEncryption)
        let fromPEM = try RSAPublicKey(pemRepresentation: key.pssPEMRepresentation(parameters: .sha384))
        #expect(fromPEM == restricted)
    }

    @Test("OAEP encrypt and decrypt refuse a key restricted to RSASSA-PSS", arguments: restrictions)
    func oaepRefusesRestrictedKeys(algorithm: RSAKeyAlgorithm) throws {
        let (publicKey, privateKey) = try Self.restricted(algorithm)
        let message: [UInt8] = Array("not for a PSS key".utf8)
        for parameters in [OAEPParameters.sha256, OAEPParameters(hash: .sha1)] {
            expectRSAError(.unsupportedAlgorithm, "encrypt, \(algorithm)") {
                try RSAESOAEP.encrypt(message, with: publicKey, parameters: parameters)
            }
            expectRSAError(.unsupportedAlgorithm, "encrypt with the private key's public half, \(algorithm)") {
                try RSAESOAEP.encrypt(message, with: privateKey.publicKey, parameters: parameters)
            }
            // A ciphertext made with the unrestricted key: decryption is refused before it is attempted.
            let unrestricted = try TestKeys.primary()
            let ciphertext = try RSAESOAEP.encrypt(message, with: unrestricted.publicKey, parameters: parameters)
            #expect(try RSAESOAEP.decrypt(ciphertext, with: unrestricted, parameters: parameters) == message)
            expectRSAError(.unsupportedAlgorithm, "decrypt, \(algorithm)") {
                try RSAESOAEP.decrypt(ciphertext, with: privateKey, parameters: parameters)
            }
        }
    }

    @Test("RSASSA-PSS with a restricted key: the declared parameters work, others are refused")
    func pssHonoursRestriction() throws {
        let (publicKey, privateKey) = try Self.restricted(.rsassaPSS(.sha384))
        let message: [UInt8] = Array("restricted".utf8)
        // The declared parameters.
        let signature = try RSASSAPSS.sign(message, with: privateKey, parameters: .sha384)
        #expect(RSASSAPSS.isValidSignature(signature, for: message, with: publicKey, parameters: .sha384))
        #expect(throws: Never.self) {
            try RSASSAPSS.verify(signature, for: message, with: publicKey, parameters: .sha384)
        }
        // The signature is an ordinary PSS signature: the unrestricted key verifies it too.
        let unrestricted = try TestKeys.primary().publicKey
        #expect(RSASSAPSS.isValidSignature(signature, for: message, with: unrestricted, parameters: .sha384))
        // Other parameters: signing throws, verification is false (even for a signature that is valid under them
        // with the unrestricted key).
        let others = [
            PSSParameters.sha256, .sha512, PSSParameters(hash: .sha384, saltLength: 0),
            PSSParameters(hash: .sha384, mgf1Hash: .sha256, saltLength: 48),
        ]
        for parameters in others {
            expectRSAError(.unsupportedAlgorithm, "sign with \(parameters)") {
                try RSASSAPSS.sign(message, with: privateKey, parameters: parameters)
            }
            let valid = try RSASSAPSS.sign(message, with: TestKeys.primary(), parameters: parameters)
            #expect(RSASSAPSS.isValidSignature(valid, for: message, with: unrestricted, parameters: parameters))
            #expect(
                !RSASSAPSS.isValidSignature(valid, for: message, with: publicKey, parameters: parameters),
                "\(parameters)")
        }
    }

    @Test("An id-RSASSA-PSS key without parameters allows RSASSA-PSS with any parameters")
    func unrestrictedPSSKey() throws {
        let (publicKey, privateKey) = try Self.restricted(.rsassaPSS(nil))
        let message: [UInt8] = Array("any PSS parameters".utf8)
        for parameters in [PSSParameters.sha256, .sha384, .sha512, PSSParameters(hash: .sha384, saltLength: 0)] {
            let signature = try RSASSAPSS.sign(message, with: privateKey, parameters: parameters)
            #expect(RSASSAPSS.isValidSignature(signature, for: message, with: publicKey, parameters: parameters))
        }
    }

    @Test("The restriction survives derRepresentation, pemRepresentation and PKCS #8", arguments: restrictions)
    func restrictionRoundTrips(algorithm: RSAKeyAlgorithm) throws {
        let (publicKey, privateKey) = try Self.restricted(algorithm)
        // Public: the SPKI declares the key's own algorithm.
        let spki = publicKey.derRepresentation
        #expect(try RSASubjectPublicKeyInfo(derRepresentation: spki).algorithm == algorithm)
        #expect(try RSAPublicKey(derRepresentation: spki) == publicKey)
        #expect(try RSAPublicKey(pemRepresentation: publicKey.pemRepresentation) == publicKey)
        // Private: PKCS #8 keeps it, and is the hand-built encoding byte for byte.
        let pkcs8 = privateKey.pkcs8DERRepresentation
        #expect(pkcs8 == (try Self.pkcs8(TestKeys.primary(), algorithm: algorithm)))
        let reread = try RSAPrivateKey(derRepresentation: pkcs8)
        #expect(reread.algorithm == algorithm)
        #expect(try RSAPrivateKey(pemRepresentation: privateKey.pkcs8PEMRepresentation).algorithm == algorithm)
        // PKCS #1 has no algorithm identifier: read back, the key is unrestricted.
        let fromPKCS1 = try RSAPrivateKey(derRepresentation: privateKey.derRepresentation)
        #expect(fromPKCS1.algorithm == .rsaEncryption)
        #expect(fromPKCS1.derRepresentation == privateKey.derRepresentation)
    }

    @Test("rsaEncryption keys are unrestricted: OAEP and any PSS parameters work")
    func rsaEncryptionKeys() throws {
        let key = try TestKeys.primary()
        #expect(key.algorithm == .rsaEncryption)
        #expect(try RSAPrivateKey(derRepresentation: key.pkcs8DERRepresentation).algorithm == .rsaEncryption)
        #expect(try RSAPublicKey(derRepresentation: key.publicKey.derRepresentation).algorithm == .rsaEncryption)
        let message: [UInt8] = Array("plain".utf8)
        let ciphertext = try RSAESOAEP.encrypt(message, with: key.publicKey, parameters: .sha256)
        #expect(try RSAESOAEP.decrypt(ciphertext, with: key, parameters: .sha256) == message)
        for parameters in [PSSParameters.sha256, .sha384] {
            let signature = try RSASSAPSS.sign(message, with: key, parameters: parameters)
            #expect(RSASSAPSS.isValidSignature(signature, for: message, with: key.publicKey, parameters: parameters))
        }
    }
}
