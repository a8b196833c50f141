import BigNum
import RSA

/// The checks behind each vector schema: one function per kind of case, returning its outcome.
enum VectorCaseChecks {
    static let sha224Reason = "SHA-224 is not offered by swift-crypto"

    /// A digest by vector name, or the reason the case is skipped.
    static func digest(_ name: String) -> Result<DigestAlgorithm, SkipReason> {
        if let digest = DigestAlgorithm(name: name) {
            return .success(digest)
        }
        let normalized = name.lowercased().filter { $0 != "-" }
        return .failure(SkipReason(text: normalized == "sha224" ? sha224Reason : "hash \(name) is not implemented"))
    }

    struct SkipReason: Error {
        let text: String
    }

    // MARK: - Keys

    static func integer(_ hex: String) throws -> BigNum {
        try BigNum(hexString: hex)
    }

    static func privateKey(_ key: VectorKey) throws -> RSAPrivateKey {
        guard let d = key.d, let p = key.p, let q = key.q else {
            throw CLIError("the key has no private part")
        }
        if let dp = key.dp, let dq = key.dq, let qinv = key.qinv {
            return try RSAPrivateKey(
                unsafeModulus: integer(key.n), publicExponent: integer(key.e), privateExponent: integer(d),
                prime1: integer(p), prime2: integer(q), exponent1: integer(dp), exponent2: integer(dq),
                coefficient: integer(qinv)
            )
        }
        return try RSAPrivateKey(
            unsafeModulus: integer(key.n), publicExponent: integer(key.e), privateExponent: integer(d),
            prime1: integer(p), prime2: integer(q)
        )
    }

    static func publicKey(_ key: VectorKey) throws -> RSAPublicKey {
        try RSAPublicKey(unsafeModulus: integer(key.n), publicExponent: integer(key.e))
    }

    // MARK: - OAEP

    /// Decrypts (and, with a seed, re-encrypts) one OAEP case.
    static func oaep(
        id: String, key: RSAPrivateKey, hash: String, mgf1Hash: String, label: String, message: String,
        ciphertext: String, result: String, seed: String?, encodedMessage: String?
    ) -> VectorCaseOutcome {
        let hashes: (DigestAlgorithm, DigestAlgorithm)
        switch (digest(hash), digest(mgf1Hash)) {
        case (.success(let h), .success(let m)): hashes = (h, m)
        case (.failure(let reason), _), (_, .failure(let reason)): return .skipped(reason.text)
        }
        do {
            let parameters = OAEPParameters(hash: hashes.0, mgf1Hash: hashes.1, label: try Hex.decode(label))
            let ct = try Hex.decode(ciphertext)
            let expected = try Hex.decode(message)
            let decrypted = try? RSAESOAEP.decrypt(ct, with: key, parameters: parameters)
            switch result {
            case "valid":
                guard decrypted == expected else { return .failed("\(id): decryption did not give the message") }
                if let seed {
                    let encrypted = try RSAESOAEP.encrypt(
                        expected, with: key.publicKey, parameters: parameters, seed: Hex.decode(seed)
                    )
                    guard encrypted == ct else { return .failed("\(id): encryption with the seed differs") }
                }
                if let encodedMessage {
                    let em = try RSAPrimitives.decrypt(BigNum(bigEndianBytes: ct), with: key)
                        .bigEndianBytes(count: key.modulusByteCount)
                    guard em == (try Hex.decode(encodedMessage)) else { return .failed("\(id): EM differs") }
                }
                return .passed
            case "invalid":
                return decrypted == nil ? .passed : .failed("\(id): an invalid ciphertext decrypted")
            default:
                return .passed  // "acceptable": either behaviour passes.
            }
        } catch {
            return .failed("\(id): \(error)")
        }
    }

    // MARK: - PSS

    /// Verifies one PSS case.
    static func pss(
        id: String, key: RSAPublicKey, hash: String, mgf1Hash: String, saltLength: Int, message: String,
        signature: String, result: String
    ) -> VectorCaseOutcome {
        let hashes: (DigestAlgorithm, DigestAlgorithm)
        switch (digest(hash), digest(mgf1Hash)) {
        case (.success(let h), .success(let m)): hashes = (h, m)
        case (.failure(let reason), _), (_, .failure(let reason)): return .skipped(reason.text)
        }
        guard let msg = try? Hex.decode(message), let sig = try? Hex.decode(signature) else {
            return .failed("\(id): malformed hex in the vector")
        }
        let parameters = PSSParameters(hash: hashes.0, mgf1Hash: hashes.1, saltLength: saltLength)
        let valid = RSASSAPSS.isValidSignature(sig, for: msg, with: key, parameters: parameters)
        switch result {
        case "valid": return valid ? .passed : .failed("\(id): a valid signature was rejected")
        case "invalid": return valid ? .failed("\(id): an invalid signature was accepted") : .passed
        default: return .passed
        }
    }

    // MARK: - RFC 9474

    /// Reproduces every intermediate value of one RFC 9474 vector.
    static func rsabssa(_ vector: RSABSSAVectorFile.Case, key: RSAPrivateKey) -> VectorCaseOutcome {
        guard let variant = BlindSigning.Variant(name: vector.variant) else {
            return .skipped("unknown variant \(vector.variant)")
        }
        do {
            let publicKey = BlindSigning.PublicKey(key.publicKey, variant: variant)
            let message = try Hex.decode(vector.msg)
            let prefix = try Hex.decode(vector.msg_prefix)
            let prepared = try Hex.decode(vector.prepared_msg)
            // Prepare: prepared_msg = msg_prefix || msg, with a prefix exactly when the variant is randomized.
            guard prefix.count == variant.messagePrefixLength, prepared == prefix + message else {
                return .failed("\(vector.id): prepared_msg is not msg_prefix || msg")
            }
            // EMSA-PSS-ENCODE with the given salt.
            let salt = try Hex.decode(vector.salt)
            let encoded = try EMSAPSS.encode(
                message: prepared, emBits: key.modulusBitWidth - 1, parameters: variant.pssParameters, salt: salt
            )
            guard encoded == (try Hex.decode(vector.encoded_msg)) else {
                return .failed("\(vector.id): encoded_msg differs")
            }
            // Blind with r = inv^-1 mod n.
            let inverseBytes = try Hex.decode(vector.inv)
            let inverse = try BlindSigning.BlindingInverse(rawRepresentation: inverseBytes, for: key.publicKey)
            guard let r = BigNum(bigEndianBytes: inverseBytes).inverse(modulo: key.publicKey.modulus) else {
                return .failed("\(vector.id): inv is not invertible")
            }
            let preparedMessage = BlindSigning.PreparedMessage(rawRepresentation: prepared)
            let blinded = try publicKey.blind(preparedMessage, salt: salt, r: r)
            guard blinded.blindedMessage.rawRepresentation == (try Hex.decode(vector.blinded_msg)),
                blinded.inverse.rawRepresentation == inverseBytes
            else {
                return .failed("\(vector.id): blinded_msg differs")
            }
            // BlindSign.
            let blindSignature = try BlindSigning.PrivateKey(key).blindSignature(for: blinded.blindedMessage)
            guard blindSignature.rawRepresentation == (try Hex.decode(vector.blind_sig)) else {
                return .failed("\(vector.id): blind_sig differs")
            }
            // Finalize and Verify.
            let signature = try publicKey.finalize(blindSignature, for: preparedMessage, blindingInverse: inverse)
            guard signature == (try Hex.decode(vector.sig)), publicKey.isValidSignature(signature, for: preparedMessage)
            else {
                return .failed("\(vector.id): sig differs or does not verify")
            }
            return .passed
        } catch {
            return .failed("\(vector.id): \(error)")
        }
    }
}
