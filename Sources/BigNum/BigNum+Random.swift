internal import CGMP

// Randomness comes only from the system CSPRNG (`SystemRandomNumberGenerator`: getrandom(2) on Linux,
// arc4random_buf on Darwin); GMP's own generators are never used. Buffers that held random secret material
// are wiped.

extension BigNum {
    /// A uniform random value in `[0, bound)`, by rejection sampling from the system CSPRNG.
    ///
    /// - Throws: ``BigNumError/Code/invalidBound`` when `bound` is zero.
    public static func random(below bound: BigNum) throws(BigNumError) -> BigNum {
        guard !bound.isZero else {
            throw BigNumError(.invalidBound, "no value lies below zero")
        }
        let bits = bound.bitWidth
        // Each draw succeeds with probability > 1/2, so the expected number of draws is below 2.
        while true {
            let candidate = randomBits(bits)
            if candidate < bound {
                return candidate
            }
        }
    }

    /// A uniform random value in `range` (for example `1..<n`), from the system CSPRNG.
    ///
    /// - Throws: ``BigNumError/Code/invalidBound`` when the range is empty.
    public static func random(in range: Range<BigNum>) throws(BigNumError) -> BigNum {
        guard range.lowerBound < range.upperBound else {
            throw BigNumError(.invalidBound, "the range is empty")
        }
        let width = try range.upperBound.subtracting(range.lowerBound)
        return try random(below: width) + range.lowerBound
    }

    /// A uniform random value of at most `bits` bits (the top bits of the last byte are masked off).
    static func randomBits(_ bits: Int) -> BigNum {
        let byteCount = (bits + 7) / 8
        return SecretScratch.withBytes(byteCount) { bytes in
            fillWithSystemRandomness(bytes)
            let excess = byteCount * 8 - bits
            if byteCount > 0 {
                bytes[0] &= UInt8(truncatingIfNeeded: 0xff >> excess)
            }
            return BigNum(bigEndianBytes: UnsafeBufferPointer(bytes))
        }
    }

    /// Fills `bytes` from the system CSPRNG.
    static func fillWithSystemRandomness(_ bytes: UnsafeMutableBufferPointer<UInt8>) {
        SystemRandom.fill(bytes)
    }
}

/// The system CSPRNG: getrandom(2) on Linux, arc4random_buf on Darwin, in one call per buffer.
///
/// Falls back to the standard library's `SystemRandomNumberGenerator` (the same sources, eight bytes per call) if
/// the direct call is unavailable.
package enum SystemRandom {
    /// Fills `bytes` with random bytes.
    package static func fill(_ bytes: UnsafeMutableBufferPointer<UInt8>) {
        guard bytes.count > 0 else { return }
        if cgmp_system_random(bytes.baseAddress, bytes.count) == 0 {
            return
        }
        var generator = SystemRandomNumberGenerator()
        var index = 0
        while index < bytes.count {
            var word = generator.next()
            for _ in 0..<8 where index < bytes.count {
                bytes[index] = UInt8(truncatingIfNeeded: word)
                word >>= 8
                index += 1
            }
        }
    }

    /// Fills `count` limbs at `limbs` with random bits (the limb memory itself, with no intermediate copy).
    static func fill(limbs: UnsafeMutablePointer<mp_limb_t>, count: Int) {
        guard count > 0 else { return }
        if cgmp_system_random(limbs, count * MemoryLayout<mp_limb_t>.stride) == 0 {
            return
        }
        var generator = SystemRandomNumberGenerator()
        for index in 0..<count {
            limbs[index] = mp_limb_t(truncatingIfNeeded: generator.next())
        }
    }

    /// `count` random bytes.
    package static func bytes(count: Int) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: max(count, 0))
        bytes.withUnsafeMutableBufferPointer { fill($0) }
        return bytes
    }
}
