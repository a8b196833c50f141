import BigNum

/// Branch-free byte and mask helpers for code that handles secret-dependent values (OAEP decoding).
///
/// Masks are `UInt` values that are either all ones (true) or all zeros (false).
enum ConstantTimeBytes {
    /// All ones when `value` is zero, else zero.
    @inline(__always)
    static func isZeroMask(_ value: UInt) -> UInt {
        ConstantTime.isZeroMask(value)
    }

    /// All ones when `a == b`, else zero.
    @inline(__always)
    static func equalMask(_ a: UInt8, _ b: UInt8) -> UInt {
        isZeroMask(UInt(a ^ b))
    }

    /// `a` where `mask` is all ones, `b` where it is zero.
    @inline(__always)
    static func select(_ mask: UInt, _ a: Int, _ b: Int) -> Int {
        Int(bitPattern: ConstantTime.select(mask, UInt(bitPattern: a), UInt(bitPattern: b)))
    }

    /// All ones when the two equal-length byte ranges are equal, comparing every byte without early exit.
    static func equalMask(_ a: ArraySlice<UInt8>, _ b: ArraySlice<UInt8>) -> UInt {
        guard a.count == b.count else { return 0 }
        var difference: UInt8 = 0
        for (x, y) in zip(a, b) {
            difference |= x ^ y
        }
        return isZeroMask(UInt(difference))
    }

    /// Overwrites the bytes with zeros (`explicit_bzero`, which the compiler may not elide).
    static func wipe(_ bytes: inout [UInt8]) {
        SecretBytes.wipe(&bytes)
    }
}
