import BigNum

/// EMSA-PSS, the encoding of RSASSA-PSS (RFC 8017 §9.1).
package enum EMSAPSS {
    /// EMSA-PSS-ENCODE (RFC 8017 §9.1.1) with a fresh random salt of `parameters.saltLength` bytes.
    static func encode(message: [UInt8], emBits: Int, parameters: PSSParameters) throws(RSAError) -> [UInt8] {
        // 3. If emLen < hLen + sLen + 2, output "encoding error" and stop. Checked before the salt is drawn (and
        //    written without overflow), so that a negative or absurd sLen is an error, not an allocation failure.
        let emLen = (emBits + 7) / 8
        guard emBits > 0, parameters.saltLength >= 0,
            parameters.saltLength <= emLen - parameters.hash.digestByteCount - 2
        else {
            throw RSAError(.encodingError, "the key is too small for this hash and salt length")
        }
        // 4. Generate a random octet string salt of length sLen.
        return try encode(message: message, emBits: emBits, parameters: parameters, salt: randomBytes(parameters.saltLength))
    }

    /// EMSA-PSS-ENCODE with a given salt. Package-internal so that tests can reproduce published vectors.
    package static func encode(
        message: [UInt8], emBits: Int, parameters: PSSParameters, salt: [UInt8]
    ) throws(RSAError) -> [UInt8] {
        let hash = parameters.hash
        let hLen = hash.digestByteCount
        let sLen = salt.count
        let emLen = (emBits + 7) / 8
        // 2. mHash = Hash(M).
        let mHash = hash.hash(message)
        // 3. If emLen < hLen + sLen + 2, output "encoding error" and stop.
        guard emBits > 0, emLen >= hLen + sLen + 2 else {
            throw RSAError(.encodingError, "the key is too small for this hash and salt length")
        }
        // 5–6. M' = (0x)00 00 00 00 00 00 00 00 || mHash || salt; H = Hash(M').
        let h = hash.hash([UInt8](repeating: 0, count: 8), mHash, salt)
        // 7–8. DB = PS || 0x01 || salt, with PS = emLen − sLen − hLen − 2 zero octets.
        var db = [UInt8](repeating: 0, count: emLen - sLen - hLen - 2)
        db.append(0x01)
        db.append(contentsOf: salt)
        // 9–10. maskedDB = DB ⊕ MGF(H, emLen − hLen − 1).
        var maskedDB = db[...]
        try MGF1.applyMask(to: &maskedDB, seed: h[...], hash: parameters.mgf1Hash)
        // 11. Set the leftmost 8emLen − emBits bits of the leftmost octet in maskedDB to zero.
        maskedDB[maskedDB.startIndex] &= UInt8(truncatingIfNeeded: 0xff >> (8 * emLen - emBits))
        // 12. EM = maskedDB || H || 0xbc.
        var em = Array(maskedDB)
        em.append(contentsOf: h)
        em.append(0xbc)
        return em
    }

    /// EMSA-PSS-VERIFY (RFC 8017 §9.1.2): whether `em` is a consistent encoding of `message`.
    package static func verify(message: [UInt8], encoded em: [UInt8], emBits: Int, parameters: PSSParameters) -> Bool {
        let hash = parameters.hash
        let hLen = hash.digestByteCount
        let sLen = parameters.saltLength
        let emLen = (emBits + 7) / 8
        guard emBits > 0, sLen >= 0, em.count == emLen else { return false }
        // 2. mHash = Hash(M).
        let mHash = hash.hash(message)
        // 3. If emLen < hLen + sLen + 2, output "inconsistent". (Written so that a huge sLen cannot overflow.)
        guard sLen <= emLen - hLen - 2 else { return false }
        // 4. If the rightmost octet of EM is not 0xbc, output "inconsistent".
        guard em[emLen - 1] == 0xbc else { return false }
        // 5. maskedDB = the leftmost emLen − hLen − 1 octets of EM; H = the next hLen octets.
        let dbLength = emLen - hLen - 1
        var db = em[0..<dbLength]
        let h = em[dbLength..<(dbLength + hLen)]
        // 6. If the leftmost 8emLen − emBits bits of maskedDB are not all zero, output "inconsistent".
        let topMask = UInt8(truncatingIfNeeded: 0xff >> (8 * emLen - emBits))
        guard db[db.startIndex] & ~topMask == 0 else { return false }
        // 7–8. DB = maskedDB ⊕ MGF(H, emLen − hLen − 1).
        guard (try? MGF1.applyMask(to: &db, seed: h, hash: parameters.mgf1Hash)) != nil else { return false }
        // 9. Set the leftmost 8emLen − emBits bits of the leftmost octet in DB to zero.
        db[db.startIndex] &= topMask
        // 10. The emLen − hLen − sLen − 2 leftmost octets of DB must be zero, followed by 0x01.
        let psLength = emLen - hLen - sLen - 2
        guard db.prefix(psLength).allSatisfy({ $0 == 0 }), db[db.startIndex + psLength] == 0x01 else { return false }
        // 11. salt = the last sLen octets of DB.
        let salt = Array(db.suffix(sLen))
        // 12–13. M' = 0^8 || mHash || salt; H' = Hash(M').
        let hPrime = hash.hash([UInt8](repeating: 0, count: 8), mHash, salt)
        // 14. Consistent when H = H'.
        return hPrime.elementsEqual(h)
    }
}

