internal import CGMP

/// A secret non-negative integer held at a fixed limb width, from the moment it exists until it is declassified.
///
/// A normalised `mpz_t` (a ``BigNum``) shows its value's size through `_mp_size`, and every GMP `mpz_` function
/// branches on it. A `SecretInteger` never passes through one: its limbs live in a ``LimbBuffer`` whose width is
/// chosen from public facts (the modulus, the byte length of an encoding), every operation on it is one of GMP's
/// side-channel-silent `mpn_sec_*`/`mpn_cnd_*` functions or a branch-free loop whose memory accesses depend on the
/// width only, and its limbs are wiped when the last copy goes away.
///
/// Comparisons return masks (all ones for true, zero for false). A mask, like the value itself, may reach a branch
/// only through ``ConstantTimeAudit/declassify(mask:)`` — a declassification point the valgrind check knows about.
///
/// Values are immutable: every operation returns a new value. Sharing between threads is safe.
package struct SecretInteger: @unchecked Sendable {
    /// The limbs, little-endian, `limbCount` of them. Never written after the initializer that filled them.
    let storage: LimbBuffer

    /// The fixed width in limbs.
    package var limbCount: Int { storage.count }

    /// Takes ownership of limbs already computed, and reports them as secret to the constant-time checker.
    init(adopting limbs: LimbBuffer) {
        storage = limbs
        ConstantTimeAudit.markSecret(limbs.pointer, byteCount: max(limbs.count, 1) * MemoryLayout<mp_limb_t>.stride)
    }

    /// Zero at `limbCount` limbs.
    package init(zeroLimbs limbCount: Int) {
        self.init(adopting: LimbBuffer(count: limbCount))
    }

    /// The value of the big-endian `bytes` at `limbCount` limbs, in time that depends on the lengths only (OS2IP
    /// without normalisation).
    ///
    /// - Throws: ``BigNumError/Code/valueTooLarge`` when `bytes` is longer than `limbCount` limbs (a public fact:
    ///   the lengths).
    package init(bigEndianBytes bytes: some Collection<UInt8>, limbCount: Int) throws(BigNumError) {
        let limbBytes = MemoryLayout<mp_limb_t>.stride
        guard limbCount >= 0, bytes.count <= limbCount * limbBytes else {
            throw BigNumError(.valueTooLarge, "\(bytes.count) bytes do not fit in \(limbCount) limbs")
        }
        let limbs = LimbBuffer(count: limbCount)
        let loaded: Void? = bytes.withContiguousStorageIfAvailable { buffer in
            Self.loadBigEndian(UnsafeRawBufferPointer(buffer), into: limbs.pointer)
        }
        if loaded == nil {
            // Byte i from the end goes to limb i / 8, shifted by 8 · (i mod 8): positions depend on the length only.
            var position = bytes.count
            for byte in bytes {
                position -= 1
                limbs.pointer[position / limbBytes] |= mp_limb_t(byte) << mp_limb_t(8 * (position % limbBytes))
            }
        }
        self.init(adopting: limbs)
    }

    /// Big-endian bytes into little-endian limbs, eight bytes per step from the end; the positions read and written
    /// depend on the length only.
    private static func loadBigEndian(_ bytes: UnsafeRawBufferPointer, into limbs: UnsafeMutablePointer<mp_limb_t>) {
        let limbBytes = MemoryLayout<mp_limb_t>.stride
        var end = bytes.count
        var index = 0
        while end >= limbBytes {
            limbs[index] = mp_limb_t(bigEndian: bytes.loadUnaligned(fromByteOffset: end - limbBytes, as: mp_limb_t.self))
            end -= limbBytes
            index += 1
        }
        if end > 0 {
            var limb: mp_limb_t = 0
            for offset in 0..<end {
                limb = limb << 8 | mp_limb_t(bytes[offset])
            }
            limbs[index] = limb
        }
    }

    /// A caller's normalised value at `limbCount` limbs. Its limb count was already visible in the `BigNum`; from
    /// here on nothing else is.
    ///
    /// - Throws: ``BigNumError/Code/valueTooLarge`` when the value has more than `limbCount` limbs.
    package init(_ value: BigNum, limbCount: Int) throws(BigNumError) {
        guard value.limbCount <= limbCount else {
            throw BigNumError(.valueTooLarge, "the value has more than \(limbCount) limbs")
        }
        self.init(adopting: LimbBuffer(copying: value, count: limbCount))
    }

    /// The same value at another width: zero-extended, or truncated when the dropped limbs are known to be zero.
    ///
    /// - Requires: when `limbCount` is smaller, the value is below 2^(64 · limbCount) (the caller knows it from a
    ///   public bound, e.g. a result reduced modulo a smaller modulus).
    package func resized(to limbCount: Int) -> SecretInteger {
        let limbs = LimbBuffer(count: limbCount)
        limbs.pointer.update(from: storage.pointer, count: min(limbCount, self.limbCount))
        return SecretInteger(adopting: limbs)
    }

    // MARK: - Release

    /// I2OSP in exactly `count` bytes, by a loop whose memory accesses depend on the lengths only.
    ///
    /// - Throws: ``BigNumError/Code/valueTooLarge`` when the value needs more than `count` bytes. Whether it fits
    ///   is declassified (for every caller it is a public fact: a value below n fits in k bytes).
    package func bigEndianBytes(count: Int) throws(BigNumError) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: max(count, 0))
        let overflow = output.withUnsafeMutableBufferPointer { writeBigEndian(into: $0) }
        guard count >= 0, !ConstantTimeAudit.declassify(mask: ConstantTime.nonZeroMask(overflow)) else {
            SecretBytes.wipe(&output)
            throw BigNumError(.valueTooLarge, "the value does not fit in \(count) bytes")
        }
        return output
    }

    /// I2OSP in exactly `count` bytes for a value the caller knows fits (for example one below a modulus of
    /// `count` bytes), by the same constant-time loop; bytes beyond `count` are dropped.
    package func bigEndianBytes(knownToFit count: Int) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: max(count, 0))
        _ = output.withUnsafeMutableBufferPointer { writeBigEndian(into: $0) }
        return output
    }

    /// Writes the low `buffer.count` bytes big-endian into `buffer`; returns the OR of the bytes that did not fit.
    func writeBigEndian(into buffer: UnsafeMutableBufferPointer<UInt8>) -> mp_limb_t {
        let limbBytes = MemoryLayout<mp_limb_t>.stride
        let length = buffer.count
        var overflow: mp_limb_t = 0
        for limbIndex in 0..<limbCount {
            let limb = storage.pointer[limbIndex]
            for byteIndex in 0..<limbBytes {
                let position = limbIndex * limbBytes + byteIndex  // 0 = least significant
                let byte = UInt8(truncatingIfNeeded: limb >> mp_limb_t(8 * byteIndex))
                if position < length {  // depends on the public lengths only
                    buffer[length - 1 - position] = byte
                } else {
                    overflow |= mp_limb_t(byte)
                }
            }
        }
        return overflow
    }

    /// The shortest big-endian encoding (no leading zero byte; empty for zero), for DER INTEGER export.
    ///
    /// Declassification point: the *number of significant bytes* — the length of the DER encoding, which every
    /// key file shows. The bytes themselves stay secret.
    package func minimalBigEndianBytes() -> [UInt8] {
        let width = limbCount * MemoryLayout<mp_limb_t>.stride
        var full = [UInt8](repeating: 0, count: width)
        _ = full.withUnsafeMutableBufferPointer { writeBigEndian(into: $0) }
        // Count the leading zero bytes without an early exit: once a non-zero byte is seen, stop counting.
        var stillZero: UInt = ~0
        var leadingZeros: UInt = 0
        for byte in full {
            stillZero &= ConstantTime.isZeroMask(UInt(byte))
            leadingZeros &+= stillZero & 1
        }
        let drop = Int(ConstantTimeAudit.declassify(leadingZeros))
        let result = Array(full[drop...])
        SecretBytes.wipe(&full)
        return result
    }

    /// Declassification point: the value as a normalised ``BigNum``, for a result that is public by construction
    /// (a signature, a ciphertext, the public modulus computed at key generation). The caller names why.
    package func declassified() -> BigNum {
        ConstantTimeAudit.declassify(storage.pointer, byteCount: limbCount * MemoryLayout<mp_limb_t>.stride)
        return storage.bigNum(limbs: limbCount)
    }

    // MARK: - Masks (all ones for true)

    /// Whether the value is zero.
    package var isZeroMask: UInt {
        var accumulator: mp_limb_t = 0
        for index in 0..<limbCount {
            accumulator |= storage.pointer[index]
        }
        return ConstantTime.isZeroMask(UInt(accumulator))
    }

    /// Whether the value is odd.
    package var isOddMask: UInt {
        limbCount == 0 ? 0 : ConstantTime.barrier(0 &- UInt(storage.pointer[0] & 1))
    }

    /// Whether the value equals `other` (widths may differ; the shorter one is zero-extended).
    package func equalMask(_ other: SecretInteger) -> UInt {
        Self.equalMask(storage.pointer, limbCount, other.storage.pointer, other.limbCount)
    }

    /// Whether the value equals the public `value`.
    package func equalMask(_ value: BigNum) -> UInt {
        let limbs = LimbBuffer(copying: value, count: value.limbCount)
        return Self.equalMask(storage.pointer, limbCount, limbs.pointer, limbs.count)
    }

    /// Whether the value is below `bound` (widths may differ): the borrow of self − bound over the wider width.
    package func lessThanMask(_ bound: SecretInteger) -> UInt {
        Self.lessThanMask(storage.pointer, limbCount, bound.storage.pointer, bound.limbCount)
    }

    /// Whether the value is below the public `bound`.
    package func lessThanMask(_ bound: BigNum) -> UInt {
        let limbs = LimbBuffer(copying: bound, count: bound.limbCount)
        return Self.lessThanMask(storage.pointer, limbCount, limbs.pointer, limbs.count)
    }

    /// Whether the value is below 2^bits (`bits` public).
    package func isBelowPowerOfTwoMask(bits: Int) -> UInt {
        var high: mp_limb_t = 0
        for index in 0..<limbCount {
            let firstBit = index * BigNum.limbBits
            if firstBit + BigNum.limbBits <= bits { continue }  // depends on public positions only
            let keep: mp_limb_t = firstBit >= bits ? ~0 : ~0 << mp_limb_t(bits - firstBit)
            high |= storage.pointer[index] & keep
        }
        return ConstantTime.isZeroMask(UInt(high))
    }

    static func equalMask(
        _ a: UnsafePointer<mp_limb_t>, _ aCount: Int, _ b: UnsafePointer<mp_limb_t>, _ bCount: Int
    ) -> UInt {
        var difference: mp_limb_t = 0
        for index in 0..<max(aCount, bCount) {
            let x = index < aCount ? a[index] : 0  // public widths
            let y = index < bCount ? b[index] : 0
            difference |= x ^ y
        }
        return ConstantTime.isZeroMask(UInt(difference))
    }

    static func lessThanMask(
        _ a: UnsafePointer<mp_limb_t>, _ aCount: Int, _ b: UnsafePointer<mp_limb_t>, _ bCount: Int
    ) -> UInt {
        let width = max(aCount, bCount, 1)
        let x = LimbBuffer(count: width)
        let y = LimbBuffer(count: width)
        x.pointer.update(from: a, count: aCount)
        y.pointer.update(from: b, count: bCount)
        let borrow = __gmpn_sub_n(x.pointer, x.pointer, y.pointer, width)
        return ConstantTime.barrier(0 &- UInt(borrow))
    }
}

/// Branch-free word helpers.
package enum ConstantTime {
    /// All ones when `value` is zero, else zero. The result passes through a value barrier, so the optimizer
    /// cannot learn that it is a mask and branch on it.
    @inline(__always)
    package static func isZeroMask(_ value: UInt) -> UInt {
        // (value | −value) has its top bit set exactly when value ≠ 0.
        let nonZeroBit = (value | (0 &- value)) >> UInt(UInt.bitWidth - 1)
        return barrier(nonZeroBit &- 1)
    }

    /// `value`, opaque to the optimizer (an empty assembly statement).
    @inline(__always)
    package static func barrier(_ value: UInt) -> UInt {
        UInt(cgmp_value_barrier(mp_limb_t(value)))
    }

    /// All ones when `value` is non-zero, else zero.
    @inline(__always)
    package static func nonZeroMask(_ value: UInt) -> UInt {
        ~isZeroMask(value)
    }

    /// `mask ? a : b` without a branch (`mask` all ones or zero).
    @inline(__always)
    package static func select(_ mask: UInt, _ a: UInt, _ b: UInt) -> UInt {
        let opaque = barrier(mask)
        return (a & opaque) | (b & ~opaque)
    }
}

/// Wiping of byte buffers that held secrets, in a way the compiler may not elide (`explicit_bzero`).
package enum SecretBytes {
    /// Overwrites every byte of `bytes` with zero.
    package static func wipe(_ bytes: inout [UInt8]) {
        bytes.withUnsafeMutableBytes { cgmp_wipe($0.baseAddress, $0.count) }
    }

    /// Overwrites every byte of `buffer` with zero.
    package static func wipe(_ buffer: UnsafeMutableRawBufferPointer) {
        cgmp_wipe(buffer.baseAddress, buffer.count)
    }

    /// Reports `bytes` as secret to the constant-time checker (see ``ConstantTimeAudit``).
    package static func markSecret(_ bytes: UnsafeRawBufferPointer) {
        if let base = bytes.baseAddress {
            ConstantTimeAudit.markSecret(base, byteCount: bytes.count)
        }
    }
}
