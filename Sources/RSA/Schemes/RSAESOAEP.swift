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
    ///   small for the hash); ``RSAError/Code/unsupportedAlgorithm`` for a key restricted to RSASSA-PSS.
    /// - Seealso: [RFC 8017 §7.1.1](https://www.rfc-editor.org/rfc/rfc8017#section-7.1.1)
    public static func encrypt(
        _ message: [UInt8], with key: RSAPublicKey, parameters: OAEPParameters
    ) throws(RSAError) -> [UInt8] {
        try refuseRestricted(key)
        // 2.d Generate a random octet string seed of length hLen.
        var seed = randomBytes(parameters.hash.digestByteCount)
        defer { ConstantTimeBytes.wipe(&seed) }
        return try encrypt(message, with: key, parameters: parameters, seed: seed)
    }

    /// RSAES-OAEP-ENCRYPT with a given seed. Package-internal so that tests can reproduce published vectors.
    ///
    /// The seed, DB, the masks and EM are secret (they carry the plaintext): they live in one buffer that is
    /// wiped, EM goes to RSAEP at n's fixed limb width, and only the ciphertext is declassified.
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
        // 2.i EM = 0x00 || maskedSeed || maskedDB, built in place: EM[1 ..< 1+hLen] is the seed, EM[1+hLen ..< k]
        //     is DB, and both are masked where they lie.
        var em = [UInt8](repeating: 0, count: k)
        defer { ConstantTimeBytes.wipe(&em) }
        em.withUnsafeMutableBufferPointer { buffer in
            let seedRegion = UnsafeMutableBufferPointer(rebasing: buffer[1..<(1 + hLen)])
            let db = UnsafeMutableBufferPointer(rebasing: buffer[(1 + hLen)...])
            _ = seedRegion.initialize(from: seed)
            SecretBytes.markSecret(UnsafeRawBufferPointer(seedRegion))
            // 2.a lHash = Hash(L). 2.b–c DB = lHash || PS || 0x01 || M, PS being the zeros already there.
            let lHash = parameters.hash.hash(parameters.label)
            _ = UnsafeMutableBufferPointer(rebasing: db[0..<hLen]).initialize(from: lHash)
            db[db.count - message.count - 1] = 0x01
            _ = UnsafeMutableBufferPointer(rebasing: db[(db.count - message.count)...]).initialize(from: message)
            SecretBytes.markSecret(UnsafeRawBufferPointer(db))
            // 2.e–f maskedDB = DB ⊕ MGF(seed, k − hLen − 1).
            MGF1.applyMask(to: db, seed: UnsafeRawBufferPointer(seedRegion), hash: parameters.mgf1Hash)
            // 2.g–h maskedSeed = seed ⊕ MGF(maskedDB, hLen).
            MGF1.applyMask(to: seedRegion, seed: UnsafeRawBufferPointer(db), hash: parameters.mgf1Hash)
        }
        // 3.a–c m = OS2IP(EM) at n's width (EM starts with a zero octet, so m < n); c = RSAEP((n, e), m);
        //       C = I2OSP(c, k).
        let m: SecretInteger
        do {
            m = try SecretInteger(bigEndianBytes: em, limbCount: key.modulusLimbCount)
        } catch {
            throw RSAError(.invalidInput, "message representative out of range")
        }
        return try i2osp(RSAPrimitives.encrypt(secret: m, with: key), k)
    }

    /// RSAES-OAEP-DECRYPT (RFC 8017 §7.1.2).
    ///
    /// - Throws: ``RSAError/Code/decryptionError`` for every failure, indistinguishably;
    ///   ``RSAError/Code/unsupportedAlgorithm`` (before any decryption) for a key restricted to RSASSA-PSS.
    /// - Seealso: [RFC 8017 §7.1.2](https://www.rfc-editor.org/rfc/rfc8017#section-7.1.2)
    public static func decrypt(
        _ ciphertext: [UInt8], with key: RSAPrivateKey, parameters: OAEPParameters
    ) throws(RSAError) -> [UInt8] {
        try refuseRestricted(key.publicKey)
        let k = key.modulusByteCount
        let hLen = parameters.hash.digestByteCount
        // 1.b–c The ciphertext must be k octets and k ≥ 2hLen + 2. (Public facts: checked up front.)
        guard ciphertext.count == k, k >= 2 * hLen + 2 else {
            throw RSAError.decryption
        }
        // 2.a–c c = OS2IP(C); m = RSADP(K, c); EM = I2OSP(m, k). c ≥ n is public; any failure is the one error.
        //       m stays at n's limb width and I2OSP runs over all of it: EM's leading zero octet must not show
        //       (Manger).
        var em: [UInt8]
        do {
            let m = try RSAPrimitives.decryptKeepingSecret(BigNum(bigEndianBytes: ciphertext), with: key)
            em = try m.bigEndianBytes(count: k)
        } catch {
            throw RSAError.decryption
        }
        defer { ConstantTimeBytes.wipe(&em) }
        guard let message = decode(&em, parameters: parameters) else {
            throw RSAError.decryption
        }
        return message
    }

    /// An id-RSASSA-PSS key is for RSASSA-PSS only (RFC 4055 §1.2): OAEP refuses it (a public fact of the key,
    /// checked before anything secret is touched).
    private static func refuseRestricted(_ key: RSAPublicKey) throws(RSAError) {
        if case .rsassaPSS = key.algorithm {
            throw RSAError(.unsupportedAlgorithm, "the key is restricted to RSASSA-PSS (id-RSASSA-PSS); OAEP refuses it")
        }
    }

    /// EME-OAEP decoding (RFC 8017 §7.1.2 step 3) in place in `em` (the caller wipes it), branch-free until the
    /// single final verdict.
    ///
    /// - Returns: M, or `nil` for any decoding failure.
    static func decode(_ em: inout [UInt8], parameters: OAEPParameters) -> [UInt8]? {
        let k = em.count
        let hLen = parameters.hash.digestByteCount
        guard k >= 2 * hLen + 2 else { return nil }
        // 3.a lHash = Hash(L).
        let lHash = parameters.hash.hash(parameters.label)
        let (good, separatorIndex) = em.withUnsafeMutableBufferPointer { buffer -> (UInt, Int) in
            // 3.b EM = Y || maskedSeed || maskedDB.
            let y = buffer[0]
            let seed = UnsafeMutableBufferPointer(rebasing: buffer[1..<(1 + hLen)])
            let db = UnsafeMutableBufferPointer(rebasing: buffer[(1 + hLen)...])
            // 3.c–d seed = maskedSeed ⊕ MGF(maskedDB, hLen).
            MGF1.applyMask(to: seed, seed: UnsafeRawBufferPointer(db), hash: parameters.mgf1Hash)
            // 3.e–f DB = maskedDB ⊕ MGF(seed, k − hLen − 1).
            MGF1.applyMask(to: db, seed: UnsafeRawBufferPointer(seed), hash: parameters.mgf1Hash)
            // 3.g DB = lHash' || PS || 0x01 || M. Every check below accumulates into `good` without branching:
            //     lHash' = lHash, Y = 0, PS all zeros, a 0x01 separator exists.
            var difference: UInt8 = 0
            for index in 0..<hLen {
                difference |= db[index] ^ lHash[index]
            }
            var good = ConstantTimeBytes.isZeroMask(UInt(difference))
            good &= ConstantTimeBytes.isZeroMask(UInt(y))
            var lookingForSeparator: UInt = ~0
            var separatorIndex = 0
            var nonZeroBeforeSeparator: UInt = 0
            for index in hLen..<db.count {
                let byte = db[index]
                let isOne = ConstantTimeBytes.equalMask(byte, 0x01)
                let isZero = ConstantTimeBytes.equalMask(byte, 0x00)
                separatorIndex = ConstantTimeBytes.select(lookingForSeparator & isOne, index, separatorIndex)
                nonZeroBeforeSeparator |= lookingForSeparator & ~isOne & ~isZero
                lookingForSeparator &= ~isOne
            }
            good &= ~lookingForSeparator & ~nonZeroBeforeSeparator
            return (good, separatorIndex)
        }
        // The single verdict: "decryption error" for any failed check. Declassification point: the verdict.
        guard ConstantTimeAudit.declassify(mask: good) else { return nil }
        // Declassification point, after a valid verdict only: where M starts (M's length is the output's).
        let start = 1 + hLen + Int(bitPattern: ConstantTimeAudit.declassify(UInt(bitPattern: separatorIndex))) + 1
        // 4. Output M.
        return Array(em[start...])
    }
}
