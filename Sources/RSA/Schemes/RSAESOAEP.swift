import BigNum

/// RSAES-OAEP encryption (RFC 8017 §7.1).
///
/// Decryption follows the note of RFC 8017 §7.1.2 (Manger's attack): every check of the decoding runs without
/// early exit, and every failure — wrong length, out-of-range representative, bad padding — is the single error
/// ``RSAError/Code/decryptionError`` with the same (empty) reason.
public enum RSAESOAEP {
    /// RSAES-OAEP-ENCRYPT (RFC 8017 §7.1.1) with a fresh random seed.
    ///
    /// - Returns: the k-byte ciphertext.
    /// - Throws: ``RSAError/Code/messageTooLong`` when `message` exceeds k − 2hLen − 2 bytes (or the key is too
    ///   small for the hash).
    /// - Seealso: [RFC 8017 §7.1.1](https://www.rfc-editor.org/rfc/rfc8017#section-7.1.1)
    public static func encrypt(
        _ message: [UInt8], with key: RSAPublicKey, parameters: OAEPParameters
    ) throws(RSAError) -> [UInt8] {
        // 2.d Generate a random octet string seed of length hLen.
        try encrypt(message, with: key, parameters: parameters, seed: randomBytes(parameters.hash.digestByteCount))
    }

    /// RSAES-OAEP-ENCRYPT with a given seed. Package-internal so that tests can reproduce published vectors.
    package static func encrypt(
        _ message: [UInt8], with key: RSAPublicKey, parameters: OAEPParameters, seed: [UInt8]
    ) throws(RSAError) -> [UInt8] {
        let k = key.modulusByteCount
        let hLen = parameters.hash.digestByteCount
        // 1.b If mLen > k − 2hLen − 2, output "message too long" and stop.
        guard k >= 2 * hLen + 2, message.count <= k - 2 * hLen - 2 else {
            throw RSAError(.messageTooLong, "the message is longer than \(max(k - 2 * hLen - 2, 0)) bytes")
        }
        guard seed.count == hLen else {
            throw RSAError(.invalidInput, "the seed must be hLen bytes")
        }
        // 2.a lHash = Hash(L).
        let lHash = parameters.hash.hash(parameters.label)
        // 2.b–c DB = lHash || PS || 0x01 || M, with PS = k − mLen − 2hLen − 2 zero octets.
        var db = lHash
        db.append(contentsOf: repeatElement(0, count: k - message.count - 2 * hLen - 2))
        db.append(0x01)
        db.append(contentsOf: message)
        // 2.e–f maskedDB = DB ⊕ MGF(seed, k − hLen − 1).
        var maskedDB = db[...]
        try MGF1.applyMask(to: &maskedDB, seed: seed[...], hash: parameters.mgf1Hash)
        // 2.g–h maskedSeed = seed ⊕ MGF(maskedDB, hLen).
        var maskedSeed = seed[...]
        try MGF1.applyMask(to: &maskedSeed, seed: maskedDB, hash: parameters.mgf1Hash)
        // 2.i EM = 0x00 || maskedSeed || maskedDB.
        var em: [UInt8] = [0x00]
        em.append(contentsOf: maskedSeed)
        em.append(contentsOf: maskedDB)
        ConstantTimeBytes.wipe(&db)
        // 3.a–c m = OS2IP(EM); c = RSAEP((n, e), m); C = I2OSP(c, k).
        let c = try RSAPrimitives.encrypt(BigNum(bigEndianBytes: em), with: key)
        ConstantTimeBytes.wipe(&em)
        return try i2osp(c, k)
    }

    /// RSAES-OAEP-DECRYPT (RFC 8017 §7.1.2).
    ///
    /// - Throws: ``RSAError/Code/decryptionError`` for every failure, indistinguishably.
    /// - Seealso: [RFC 8017 §7.1.2](https://www.rfc-editor.org/rfc/rfc8017#section-7.1.2)
    public static func decrypt(
        _ ciphertext: [UInt8], with key: RSAPrivateKey, parameters: OAEPParameters
    ) throws(RSAError) -> [UInt8] {
        let k = key.modulusByteCount
        let hLen = parameters.hash.digestByteCount
        // 1.b–c The ciphertext must be k octets and k ≥ 2hLen + 2. (Public facts: checked up front.)
        guard ciphertext.count == k, k >= 2 * hLen + 2 else {
            throw RSAError.decryption
        }
        // 2.a–c c = OS2IP(C); m = RSADP(K, c); EM = I2OSP(m, k). c ≥ n is public; any failure is the one error.
        let em: [UInt8]
        do {
            let m = try RSAPrimitives.decrypt(BigNum(bigEndianBytes: ciphertext), with: key)
            // The recovered EM is secret: its leading zero byte must not show (Manger), so I2OSP is constant-time.
            em = try m.secretBigEndianBytes(count: k)
        } catch {
            throw RSAError.decryption
        }
        guard let message = decode(em, parameters: parameters) else {
            throw RSAError.decryption
        }
        return message
    }

    /// EME-OAEP decoding (RFC 8017 §7.1.2 step 3), branch-free until the single final verdict.
    ///
    /// - Returns: M, or `nil` for any decoding failure.
    static func decode(_ encoded: [UInt8], parameters: OAEPParameters) -> [UInt8]? {
        var em = encoded
        defer { ConstantTimeBytes.wipe(&em) }
        let k = em.count
        let hLen = parameters.hash.digestByteCount
        guard k >= 2 * hLen + 2 else { return nil }
        // 3.a lHash = Hash(L).
        let lHash = parameters.hash.hash(parameters.label)
        // 3.b EM = Y || maskedSeed || maskedDB.
        let y = em[0]
        var seed = em[1...hLen]
        var db = em[(hLen + 1)...]
        // 3.c–d seed = maskedSeed ⊕ MGF(maskedDB, hLen).
        // 3.e–f DB = maskedDB ⊕ MGF(seed, k − hLen − 1).
        // MGF1 cannot fail for these lengths (maskLen ≤ k ≪ 2^32·hLen).
        guard (try? MGF1.applyMask(to: &seed, seed: db, hash: parameters.mgf1Hash)) != nil,
            (try? MGF1.applyMask(to: &db, seed: seed, hash: parameters.mgf1Hash)) != nil
        else { return nil }
        // 3.g DB = lHash' || PS || 0x01 || M. Every check below accumulates into `good` without branching:
        //     lHash' = lHash, Y = 0, PS all zeros, a 0x01 separator exists.
        var good = ConstantTimeBytes.equalMask(db.prefix(hLen), lHash[...])
        good &= ConstantTimeBytes.isZeroMask(UInt(y))
        var lookingForSeparator: UInt = ~0
        var separatorIndex = 0
        var nonZeroBeforeSeparator: UInt = 0
        for index in (db.startIndex + hLen)..<db.endIndex {
            let byte = db[index]
            let isOne = ConstantTimeBytes.equalMask(byte, 0x01)
            let isZero = ConstantTimeBytes.equalMask(byte, 0x00)
            separatorIndex = ConstantTimeBytes.select(lookingForSeparator & isOne, index, separatorIndex)
            nonZeroBeforeSeparator |= lookingForSeparator & ~isOne & ~isZero
            lookingForSeparator &= ~isOne
        }
        good &= ~lookingForSeparator & ~nonZeroBeforeSeparator
        // The single verdict: "decryption error" for any failed check.
        guard good == ~0 else { return nil }
        // 4. Output M.
        return Array(db[(separatorIndex + 1)...])
    }
}
