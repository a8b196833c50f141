import BigNum

/// RSASSA-PSS signatures (RFC 8017 §8.1).
public enum RSASSAPSS {
    /// RSASSA-PSS-SIGN (RFC 8017 §8.1.1): a k-byte signature of `message` with a fresh random salt.
    ///
    /// - Throws: ``RSAError/Code/encodingError`` when the key is too small for the hash and salt length;
    ///   ``RSAError/Code/signingFailure`` if the private operation failed its check.
    /// - Seealso: [RFC 8017 §8.1.1](https://www.rfc-editor.org/rfc/rfc8017#section-8.1.1)
    public static func sign(
        _ message: [UInt8], with key: RSAPrivateKey, parameters: PSSParameters
    ) throws(RSAError) -> [UInt8] {
        guard parameters.saltLength >= 0 else {
            throw RSAError(.encodingError, "the salt length is negative")
        }
        guard key.publicKey.permits(parameters) else {
            throw RSAError(.unsupportedAlgorithm, "the key is restricted to other RSASSA-PSS parameters")
        }
        let modBits = key.modulusBitWidth
        // 1. EM = EMSA-PSS-ENCODE(M, modBits − 1).
        let em = try EMSAPSS.encode(message: message, emBits: modBits - 1, parameters: parameters)
        return try signEncoded(em, with: key)
    }

    /// Steps 2a–2c of RSASSA-PSS-SIGN on an already encoded message: OS2IP, RSASP1, I2OSP.
    static func signEncoded(_ em: [UInt8], with key: RSAPrivateKey) throws(RSAError) -> [UInt8] {
        // 2a. m = OS2IP(EM).
        let m = BigNum(bigEndianBytes: em)
        // 2b. s = RSASP1(K, m).
        let s = try RSAPrimitives.sign(m, with: key)
        // 2c. S = I2OSP(s, k).
        return try i2osp(s, key.modulusByteCount)
    }

    /// RSASSA-PSS-VERIFY (RFC 8017 §8.1.2): whether `signature` is a valid signature of `message`.
    ///
    /// - Seealso: [RFC 8017 §8.1.2](https://www.rfc-editor.org/rfc/rfc8017#section-8.1.2)
    public static func isValidSignature(
        _ signature: [UInt8], for message: [UInt8], with key: RSAPublicKey, parameters: PSSParameters
    ) -> Bool {
        let modBits = key.modulusBitWidth
        // A key restricted to other PSS parameters (id-RSASSA-PSS) verifies nothing under these.
        guard key.permits(parameters) else { return false }
        // 1. If the length of S is not k octets, output "invalid signature".
        guard signature.count == key.modulusByteCount else { return false }
        // 2a. s = OS2IP(S).
        let s = BigNum(bigEndianBytes: signature)
        // 2b. m = RSAVP1((n, e), s); s ≥ n is "invalid signature".
        guard let m = try? RSAPrimitives.verify(s, with: key) else { return false }
        // 2c. EM = I2OSP(m, emLen) with emLen = ⌈(modBits − 1)/8⌉; "integer too large" is "invalid signature".
        let emLen = (modBits - 1 + 7) / 8
        guard let em = try? m.bigEndianBytes(count: emLen) else { return false }
        // 3. EMSA-PSS-VERIFY(M, EM, modBits − 1).
        return EMSAPSS.verify(message: message, encoded: em, emBits: modBits - 1, parameters: parameters)
    }

    /// RSASSA-PSS-VERIFY, throwing ``RSAError/Code/invalidSignature`` when the signature does not verify.
    public static func verify(
        _ signature: [UInt8], for message: [UInt8], with key: RSAPublicKey, parameters: PSSParameters
    ) throws(RSAError) {
        guard isValidSignature(signature, for: message, with: key, parameters: parameters) else {
            throw RSAError(.invalidSignature, "the signature does not verify")
        }
    }
}

extension RSAPublicKey {
    /// Whether RSASSA-PSS with `parameters` is allowed with this key: always for rsaEncryption and unrestricted
    /// id-RSASSA-PSS, only the declared parameters for restricted id-RSASSA-PSS.
    func permits(_ parameters: PSSParameters) -> Bool {
        if case .rsassaPSS(let restriction?) = algorithm {
            return restriction == parameters
        }
        return true
    }
}
