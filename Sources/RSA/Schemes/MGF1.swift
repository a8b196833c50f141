/// MGF1, the mask generation function of RFC 8017 Appendix B.2.1.
enum MGF1 {
    /// `MGF1(mgfSeed, maskLen)` with `hash`.
    ///
    /// - Throws: ``RSAError/Code/encodingError`` ("mask too long") when `maskLength > 2^32 · hLen`.
    static func mask(seed: ArraySlice<UInt8>, length maskLength: Int, hash: DigestAlgorithm) throws(RSAError) -> [UInt8] {
        let hLen = hash.digestByteCount
        // 1. If maskLen > 2^32 hLen, output "mask too long" and stop.
        guard maskLength >= 0, UInt64(maskLength) <= (UInt64(1) << 32) * UInt64(hLen) else {
            throw RSAError(.encodingError, "mask too long")
        }
        // 2. Let T be the empty octet string.
        var t = [UInt8]()
        t.reserveCapacity(maskLength + hLen)
        // 3. For counter from 0 to ceil(maskLen / hLen) - 1: T = T || Hash(mgfSeed || I2OSP(counter, 4)).
        var counter: UInt32 = 0
        while t.count < maskLength {
            t.append(contentsOf: hash.hash(seed, counter: counter))
            counter &+= 1
        }
        // 4. Output the leading maskLen octets of T.
        t.removeLast(t.count - maskLength)
        return t
    }

    /// XORs `MGF1(seed, target.count)` into `target` in place.
    static func applyMask(to target: inout ArraySlice<UInt8>, seed: ArraySlice<UInt8>, hash: DigestAlgorithm) throws(RSAError) {
        let mask = try mask(seed: seed, length: target.count, hash: hash)
        target.withUnsafeMutableBufferPointer { bytes in
            for index in bytes.indices {
                bytes[index] ^= mask[index]
            }
        }
    }
}
