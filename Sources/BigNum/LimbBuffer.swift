internal import CGMP

/// A heap buffer of GMP limbs for the constant-time routines: zero-initialized, and wiped before it is freed.
///
/// The `mpn_sec_*` functions work on caller-owned limb arrays and caller-owned scratch; keeping both in
/// `LimbBuffer`s means every intermediate value of a secret computation is overwritten when it goes away.
final class LimbBuffer {
    let pointer: UnsafeMutablePointer<mp_limb_t>
    let count: Int

    /// `count` zero limbs (at least one is allocated).
    init(count: Int) {
        self.count = count
        pointer = .allocate(capacity: max(count, 1))
        pointer.initialize(repeating: 0, count: max(count, 1))
    }

    /// The limbs of `value`, zero-padded to `count` limbs.
    ///
    /// - Requires: `count >= value.limbCount`.
    convenience init(copying value: BigNum, count: Int) {
        self.init(count: count)
        value.copyLimbs(into: UnsafeMutableBufferPointer(start: pointer, count: count))
    }

    deinit {
        cgmp_wipe(pointer, max(count, 1) * MemoryLayout<mp_limb_t>.stride)
        WipeObserver.notify(pointer, count: max(count, 1))
        pointer.deallocate()
    }

    /// Copies the first `count` limbs of `source` into this buffer's first `count` limbs.
    func assign(from source: LimbBuffer, count: Int) {
        pointer.update(from: source.pointer, count: count)
    }

    /// The value of the first `count` limbs as a ``BigNum``.
    func bigNum(limbs count: Int) -> BigNum {
        BigNum.fromLimbs(UnsafeBufferPointer(start: pointer, count: count))
    }
}
