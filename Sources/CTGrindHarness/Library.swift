import BigNum
import RSA

/// Every call the harness makes into the library, one function per operation, so that a change of spelling in the
/// library's API is made here and nowhere else.
enum Library {
    /// The OAEP parameters of the decryption operations.
    static let oaepParameters = OAEPParameters(hash: .sha256)
    /// The PSS parameters of the signing operation (RSABSSA-SHA384-PSS's).
    static let pssParameters = PSSParameters(hash: .sha384, saltLength: 48)
    /// The RFC 9474 variant of the blind-signing operations.
    static let blindVariant = BlindSigning.Variant.RSABSSA_SHA384_PSS_Randomized

    /// Key generation (FIPS 186-5 random probable primes).
    static func generateKey(bits: Int) throws -> RSAPrivateKey {
        try RSAPrivateKey.generate(bits: bits)
    }

    /// Key import from DER PKCS #1 (any size).
    static func importKey(der: [UInt8]) throws -> RSAPrivateKey {
        try RSAPrivateKey(unsafeDERRepresentation: der)
    }

    /// The public half of a private key.
    static func publicKey(of key: RSAPrivateKey) -> RSAPublicKey {
        key.publicKey
    }

    /// RSAES-OAEP encryption (public; used to make the valid ciphertext).
    static func oaepEncrypt(_ message: [UInt8], with key: RSAPublicKey) throws -> [UInt8] {
        try RSAESOAEP.encrypt(message, with: key, parameters: oaepParameters)
    }

    /// RSAES-OAEP decryption (RSADP and EME-OAEP decoding).
    static func oaepDecrypt(_ ciphertext: [UInt8], with key: RSAPrivateKey) throws -> [UInt8] {
        try RSAESOAEP.decrypt(ciphertext, with: key, parameters: oaepParameters)
    }

    /// RSASSA-PSS signing (EMSA-PSS encoding and RSASP1).
    static func pssSign(_ message: [UInt8], with key: RSAPrivateKey) throws -> [UInt8] {
        try RSASSAPSS.sign(message, with: key, parameters: pssParameters)
    }

    /// RSASSA-PSS verification (public; the harness's check of a signature).
    static func pssIsValid(_ signature: [UInt8], for message: [UInt8], with key: RSAPublicKey) -> Bool {
        RSASSAPSS.isValidSignature(signature, for: message, with: key, parameters: pssParameters)
    }

    /// The signer's blind-signing key.
    static func blindSigner(_ key: RSAPrivateKey) -> BlindSigning.PrivateKey {
        BlindSigning.PrivateKey(key)
    }

    /// The client's blind-signing key.
    static func blindClient(_ key: RSAPublicKey) -> BlindSigning.PublicKey {
        BlindSigning.PublicKey(key, variant: blindVariant)
    }

    /// RFC 9474 Prepare.
    static func prepare(_ message: [UInt8], client: BlindSigning.PublicKey) -> BlindSigning.PreparedMessage {
        client.prepare(message)
    }

    /// RFC 9474 Blind: the blinded message and the inverse.
    static func blind(
        _ prepared: BlindSigning.PreparedMessage, client: BlindSigning.PublicKey
    ) throws -> (blindedMessage: [UInt8], inverse: BlindingSecret) {
        let result = try client.blind(prepared)
        return (result.blindedMessage.rawRepresentation, BlindingSecret(inverse: result.inverse))
    }

    /// RFC 9474 BlindSign, serial.
    static func blindSign(_ blindedMessage: [UInt8], signer: BlindSigning.PrivateKey) throws -> [UInt8] {
        try signer.blindSignature(for: BlindSigning.BlindedMessage(rawRepresentation: blindedMessage)).rawRepresentation
    }

    /// RFC 9474 BlindSign with the two CRT halves on two cores.
    static func blindSignUsingTwoCores(_ blindedMessage: [UInt8], signer: BlindSigning.PrivateKey) throws -> [UInt8] {
        let twoCores = BlindSigning.TwoCoreSigner(signer)
        defer { twoCores.shutdown() }
        return try twoCores.blindSignature(for: BlindSigning.BlindedMessage(rawRepresentation: blindedMessage))
            .rawRepresentation
    }

    /// RFC 9474 BlindSign over a batch, spread over all cores.
    static func blindSign(batch: [[UInt8]], signer: BlindSigning.PrivateKey) throws -> [[UInt8]] {
        try signer.blindSignatures(for: batch.map { BlindSigning.BlindedMessage(rawRepresentation: $0) })
            .map { try $0.get().rawRepresentation }
    }

    /// RFC 9474 Finalize.
    static func finalize(
        _ blindSignature: [UInt8], for prepared: BlindSigning.PreparedMessage, inverse: BlindingSecret,
        client: BlindSigning.PublicKey
    ) throws -> [UInt8] {
        try client.finalize(
            BlindSigning.BlindSignature(rawRepresentation: blindSignature), for: prepared,
            blindingInverse: inverse.inverse)
    }

    /// RFC 9474 Verify (public; the harness's check of the final signature).
    static func blindSignatureIsValid(
        _ signature: [UInt8], for prepared: BlindSigning.PreparedMessage, client: BlindSigning.PublicKey
    ) -> Bool {
        (try? client.verify(signature, for: prepared)) != nil
    }
}

/// The client's secret between Blind and Finalize, as the library hands it out.
struct BlindingSecret {
    /// The library's inverse.
    let inverse: BlindSigning.BlindingInverse
}
