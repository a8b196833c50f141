import Crypto
import RSA
import RelayProtocol
import Testing
import _CryptoExtras

/// The token key and the signature over the token input, checked against swift-crypto (BoringSSL) as an oracle.
@Suite("RelayProtocol: token key and the wire suite")
struct TokenKeyTests {
    static let key: Result<RSAPrivateKey, RSAError> = Result { () throws(RSAError) in try RSAPrivateKey.generate(bits: 2048) }

    @Test("§4.4: the sandbox's token key is an rsaEncryption SPKI that BoringSSL parses; its id is hex SHA-256")
    func spkiAndKeyID() throws {
        let key = try Self.key.get()
        let spki = RelayTokenKey.spki(key.publicKey)
        // rsaEncryption OID 1.2.840.113549.1.1.1 followed by NULL parameters.
        let rsaEncryption: [UInt8] = [0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x01, 0x05, 0x00]
        #expect(spki.indices.contains { Array(spki[$0...].prefix(rsaEncryption.count)) == rsaEncryption })
        let theirs = try _RSA.Signing.PublicKey(derRepresentation: spki)
        #expect(Array(theirs.derRepresentation) == spki)
        let keyID = RelayTokenKey.keyID(spki: spki)
        #expect(keyID == SHA256.hash(data: spki).map { String(format: "%02x", $0) }.joined())
        #expect(keyID.count == 64)
        #expect(try RelayTokenKey.publicKey(spki: spki).key == key.publicKey)
    }

    @Test("§4.4: the client also accepts an id-RSASSA-PSS SPKI with the suite's parameters, and refuses others")
    func pssSPKI() throws {
        let key = try Self.key.get()
        let pss = key.publicKey.pssDERRepresentation(parameters: .sha384)
        #expect(try RelayTokenKey.publicKey(spki: pss).key.modulus == key.publicKey.modulus)
        let sha256Restricted = key.publicKey.pssDERRepresentation(parameters: .sha256)
        #expect(throws: RelayProtocolError.self) { try RelayTokenKey.publicKey(spki: sha256Restricted) }
        #expect(throws: RelayProtocolError.self) { try RelayTokenKey.publicKey(spki: key.publicKey.pkcs1DERRepresentation) }
        #expect(throws: RelayProtocolError.self) { try RelayTokenKey.publicKey(spki: []) }
        let p256 = Array(P256.Signing.PrivateKey().publicKey.derRepresentation)
        #expect(throws: RelayProtocolError.self) { try RelayTokenKey.publicKey(spki: p256) }
    }

    @Test("§4.3: our blinding, BoringSSL's blind signature, our finalize: an ordinary PSS SHA-384/salt 48 signature over the 98-byte input")
    func differentialIssuance() throws {
        let key = try Self.key.get()
        let spki = RelayTokenKey.spki(key.publicKey)
        let theirSigner = try _RSA.BlindSigning.PrivateKey(
            pemRepresentation: key.pkcs8PEMRepresentation, parameters: .RSABSSA_SHA384_PSS_Deterministic)
        let ourClient = try RelayTokenKey.publicKey(spki: spki)
        let verifier = try _RSA.Signing.PublicKey(derRepresentation: spki)
        for _ in 0..<8 {
            let challenge = RelayChallenge.issue(
                issuerName: RelayChallenge.documentedIssuerName, originInfo: RelayChallenge.documentedOriginInfo,
                expiresAt: "2030-01-01T00:00:00Z", macKey: Array(repeating: 3, count: 32))
            let nonce = RelayPrivacyPassToken.randomNonceHex()
            let keyID = RelayTokenKey.keyID(spki: spki)
            let input = RelayTokenInput.make(nonceHex: nonce, mac: challenge.mac, keyID: keyID)
            let prepared = ourClient.prepare(input)
            #expect(Array(prepared.rawRepresentation) == input, "Deterministic: no prefix")
            let blinded = try ourClient.blind(prepared)
            #expect(blinded.blindedMessage.rawRepresentation.count == 256)
            let theirSignature = try theirSigner.blindSignature(for: blinded.blindedMessage.rawRepresentation)
            let signature = try ourClient.finalize(
                BlindSigning.BlindSignature(rawRepresentation: theirSignature.rawRepresentation), for: prepared,
                blindingInverse: blinded.inverse)
            #expect(signature.count == 256)
            #expect(
                verifier.isValidSignature(
                    _RSA.Signing.RSASignature(rawRepresentation: signature), for: SHA384.hash(data: input),
                    padding: .PSS))
            let token = RelayPrivacyPassToken(nonceHex: nonce, signature: signature, keyID: keyID, challenge: challenge)
            let decoded = try RelayPrivacyPassToken(encoded: token.encoded)
            #expect(decoded.tokenInput == input)
            #expect(ourClient.isValidSignature(decoded.signature, for: ourClient.prepare(decoded.tokenInput)))
            // One flipped bit of the nonce text invalidates the signature.
            var tampered = Array(nonce.utf8)
            tampered[0] = tampered[0] == UInt8(ascii: "0") ? UInt8(ascii: "1") : UInt8(ascii: "0")
            let tamperedInput = RelayTokenInput.make(
                nonceHex: String(decoding: tampered, as: UTF8.self), mac: challenge.mac, keyID: keyID)
            #expect(!ourClient.isValidSignature(signature, for: ourClient.prepare(tamperedInput)))
        }
    }
}
