internal import CGMP

// MARK: - OS2IP / I2OSP (RFC 8017 §4)

extension BigNum {
    /// OS2IP: the integer whose big-endian representation is `bytes` (leading zero bytes allowed; empty is zero).
    ///
    /// - Seealso: [RFC 8017 §4.2](https://www.rfc-editor.org/rfc/rfc8017#section-4.2)
    public init<Bytes: Collection>(bigEndianBytes bytes: Bytes) where Bytes.Element == UInt8 {
        let count = bytes.count
        let storage = Storage(capacityInBits: count * 8)
        if count > 0 {
            let imported: Void? = bytes.withContiguousStorageIfAvailable { buffer in
                Self.importBigEndian(UnsafeRawBufferPointer(buffer), into: storage.value)
            }
            if imported == nil {
                SecretScratch.withBytes(count) { scratch in
                    _ = scratch.initialize(from: bytes)
                    Self.importBigEndian(UnsafeRawBufferPointer(scratch), into: storage.value)
                }
            }
        }
        self.init(storage: storage)
    }

    /// Writes the big-endian `bytes` into `z` a limb at a time (eight bytes per step; `mpz_import` goes byte by
    /// byte), with room already reserved.
    private static func importBigEndian(_ bytes: UnsafeRawBufferPointer, into z: UnsafeMutablePointer<__mpz_struct>) {
        let limbBytes = MemoryLayout<mp_limb_t>.size
        let limbs = (bytes.count + limbBytes - 1) / limbBytes
        guard limbs > 0, let destination = __gmpz_limbs_write(z, limbs) else { return }
        var end = bytes.count  // one past the last byte of the limb being read
        for index in 0..<limbs {
            let start = max(end - limbBytes, 0)
            var limb: mp_limb_t = 0
            if end - start == limbBytes {
                limb = mp_limb_t(bigEndian: bytes.loadUnaligned(fromByteOffset: start, as: mp_limb_t.self))
            } else {
                for offset in start..<end {
                    limb = limb << 8 | mp_limb_t(bytes[offset])
                }
            }
            destination[index] = limb
            end = start
        }
        var used = limbs
        while used > 0 && destination[used - 1] == 0 {
            used -= 1
        }
        __gmpz_limbs_finish(z, used)
    }

    /// I2OSP: the big-endian representation of this value in exactly `length` bytes.
    ///
    /// - Throws: ``BigNumError/Code/valueTooLarge`` when the value needs more than `length` bytes
    ///   (RFC 8017's "integer too large").
    /// - Seealso: [RFC 8017 §4.1](https://www.rfc-editor.org/rfc/rfc8017#section-4.1)
    public func bigEndianBytes(count length: Int) throws(BigNumError) -> [UInt8] {
        guard length >= 0 else {
            throw BigNumError(.valueTooLarge, "a negative output length was requested")
        }
        let needed = byteWidth
        // 1. If x >= 256^xLen, output "integer too large" and stop.
        guard needed <= length else {
            throw BigNumError(.valueTooLarge, "the value needs \(needed) bytes, more than the \(length) requested")
        }
        // 2–3. Write the base-256 digits, most significant first, after (length - needed) zero octets: a limb at a
        //      time from the least significant end.
        var output = [UInt8](repeating: 0, count: length)
        let limbBytes = MemoryLayout<mp_limb_t>.size
        let used = limbCount
        if used > 0, let limbs = cgmp_mpz_limbs(mpz) {
            output.withUnsafeMutableBytes { buffer in
                var end = length
                for index in 0..<used {
                    let limb = limbs[index]
                    let start = end - limbBytes
                    if start >= 0 {
                        buffer.storeBytes(of: limb.bigEndian, toByteOffset: start, as: mp_limb_t.self)
                    } else {
                        // The top limb's leading zero bytes lie before the output; the value fits (checked above).
                        var remaining = limb
                        for offset in stride(from: end - 1, through: 0, by: -1) {
                            buffer[offset] = UInt8(truncatingIfNeeded: remaining)
                            remaining >>= 8
                        }
                    }
                    end = start
                }
            }
        }
        return output
    }

    /// The minimal big-endian representation (no leading zero bytes; empty for zero).
    public var bigEndianBytes: [UInt8] {
        // Cannot fail: the length is exactly what the value needs.
        (try? bigEndianBytes(count: byteWidth)) ?? []
    }

    /// The number of bytes the value needs (0 for zero).
    public var byteWidth: Int { (bitWidth + 7) / 8 }
}

// MARK: - Hexadecimal

extension BigNum {
    /// Parses big-endian hexadecimal digits (upper or lower case, no prefix, odd length allowed).
    ///
    /// - Throws: ``BigNumError/Code/invalidHex`` for an empty string or any non-hex character.
    public init(hexString: String) throws(BigNumError) {
        guard !hexString.isEmpty else {
            throw BigNumError(.invalidHex, "an empty string is not a hexadecimal number")
        }
        let padded = hexString.utf8.count % 2 == 1 ? "0" + hexString : hexString
        self.init(bigEndianBytes: try Hex.decode(padded))
    }

    /// Lowercase hexadecimal without prefix or leading zeros ("0" for zero).
    public var hexString: String { string(radix: 16) }
}

/// Lowercase hexadecimal encoding and strict decoding of byte strings.
package enum Hex {
    /// Lowercase hex of `bytes`, two digits per byte.
    package static func encode<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        let digits: [UInt8] = Array("0123456789abcdef".utf8)
        var characters: [UInt8] = []
        characters.reserveCapacity(bytes.underestimatedCount * 2)
        for byte in bytes {
            characters.append(digits[Int(byte >> 4)])
            characters.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: characters, as: UTF8.self)
    }

    /// Decodes an even number of hex digits (either case) into bytes; the empty string is the empty byte string.
    ///
    /// - Throws: ``BigNumError/Code/invalidHex`` for an odd length or a non-hex character.
    package static func decode(_ hex: String) throws(BigNumError) -> [UInt8] {
        let utf8 = Array(hex.utf8)
        guard utf8.count % 2 == 0 else {
            throw BigNumError(.invalidHex, "hex has an odd number of digits (\(utf8.count))")
        }
        var bytes = [UInt8]()
        bytes.reserveCapacity(utf8.count / 2)
        var index = 0
        while index < utf8.count {
            guard let high = nibble(utf8[index]), let low = nibble(utf8[index + 1]) else {
                throw BigNumError(.invalidHex, "hex has a non-hex character at offset \(index)")
            }
            bytes.append(high << 4 | low)
            index += 2
        }
        return bytes
    }

    private static func nibble(_ character: UInt8) -> UInt8? {
        switch character {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return character - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return character - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return character - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
