internal import CGMP

// Fixed-width arithmetic on secrets: GMP's `mpn_sec_*` and `mpn_cnd_*` functions (whose time and memory accesses
// depend on operand widths only) and branch-free limb loops. Every result is a new `SecretInteger` of a width
// given by the operands' widths; every scratch area is a wiped `LimbBuffer`.

/// A modulus for fixed-width reduction: its limbs with a non-zero top limb, secret (a prime) or public (n).
package struct SecretModulus: @unchecked Sendable {
    let limbs: LimbBuffer
    /// Whether the modulus itself is secret: then no GMP function that derives constants from it by table lookup
    /// (`mpn_sec_div_r`, `mpn_sec_powm`) sees it.
    let isSecret: Bool

    /// The limb count.
    package var limbCount: Int { limbs.count }

    /// A public modulus.
    ///
    /// - Throws: ``BigNumError/Code/divisionByZero`` for zero.
    package init(public value: BigNum) throws(BigNumError) {
        guard !value.isZero else {
            throw BigNumError(.divisionByZero, "reduction modulo zero")
        }
        limbs = LimbBuffer(copying: value, count: value.limbCount)
        isSecret = false
    }

    /// A secret modulus. Its width must be exact — the top limb non-zero — which shows only the modulus's size in
    /// limbs, a public fact for RSA primes (half the modulus); that is checked and declassified here.
    ///
    /// - Throws: ``BigNumError/Code/invalidModulus`` when the top limb is zero.
    package init(secret value: SecretInteger) throws(BigNumError) {
        let count = value.limbCount
        guard count > 0,
            !ConstantTimeAudit.declassify(mask: ConstantTime.isZeroMask(UInt(value.storage.pointer[count - 1])))
        else {
            throw BigNumError(.invalidModulus, "a secret modulus needs a non-zero top limb")
        }
        limbs = value.storage
        isSecret = true
    }

    /// A secret modulus from limbs whose top limb is known to be non-zero.
    init(uncheckedLimbs limbs: LimbBuffer) {
        self.limbs = limbs
        isSecret = true
    }
}

extension SecretInteger {
    /// `self · other` at `limbCount + other.limbCount` limbs (`mpn_sec_mul`).
    package func multiplied(by other: SecretInteger) -> SecretInteger {
        SecretInteger.product(storage.pointer, limbCount, other.storage.pointer, other.limbCount)
    }

    /// `self · value` for a public `value`, at `limbCount + value.limbCount` limbs.
    package func multiplied(by value: BigNum) -> SecretInteger {
        let limbs = LimbBuffer(copying: value, count: max(value.limbCount, 1))
        return SecretInteger.product(storage.pointer, limbCount, limbs.pointer, limbs.count)
    }

    static func product(
        _ a: UnsafePointer<mp_limb_t>, _ aCount: Int, _ b: UnsafePointer<mp_limb_t>, _ bCount: Int
    ) -> SecretInteger {
        // mpn_sec_mul needs the longer operand first, both non-empty.
        let (x, xCount, y, yCount) = aCount >= bCount ? (a, aCount, b, bCount) : (b, bCount, a, aCount)
        let result = LimbBuffer(count: xCount + yCount)
        guard yCount > 0 else { return SecretInteger(adopting: result) }
        let scratch = LimbBuffer(count: Int(__gmpn_sec_mul_itch(xCount, yCount)))
        __gmpn_sec_mul(result.pointer, x, xCount, y, yCount, scratch.pointer)
        return SecretInteger(adopting: result)
    }

    /// `self mod modulus` at the modulus's width. A public modulus: `mpn_sec_div_r`. A secret one: a bit-by-bit
    /// shift-and-subtract over all of `self`'s bits (``reducedBitwise(modulo:)``), because `mpn_sec_div_r` looks up
    /// its divisor's top bits in a table.
    package func reduced(modulo modulus: SecretModulus) -> SecretInteger {
        if modulus.isSecret {
            return reducedBitwise(modulo: modulus)
        }
        let m = modulus.limbCount
        let width = max(limbCount, m)
        let numerator = LimbBuffer(count: width)
        numerator.pointer.update(from: storage.pointer, count: limbCount)
        let scratch = LimbBuffer(count: Int(__gmpn_sec_div_r_itch(width, m)))
        __gmpn_sec_div_r(numerator.pointer, width, modulus.limbs.pointer, m, scratch.pointer)
        let result = LimbBuffer(count: m)
        result.assign(from: numerator, count: m)
        return SecretInteger(adopting: result)
    }

    /// `self mod modulus` by binary long division: for each bit of `self` from the top, r = 2r + bit, then r − m
    /// when r ≥ m (`mpn_lshift`, `mpn_sub_n`, `mpn_cnd_sub_n`: no branch, no table). 64 steps per limb of `self`;
    /// for key loading and generation, where the moduli (p − 1, a prime candidate) are secret.
    func reducedBitwise(modulo modulus: SecretModulus) -> SecretInteger {
        let m = modulus.limbCount
        let remainder = LimbBuffer(count: m + 1)
        let extended = LimbBuffer(count: m + 1)
        extended.pointer.update(from: modulus.limbs.pointer, count: m)
        let scratch = LimbBuffer(count: m + 1)
        var bit = limbCount * BigNum.limbBits - 1
        while bit >= 0 {
            // r < m < 2^(64m), so 2r + 1 fits in m + 1 limbs.
            _ = __gmpn_lshift(remainder.pointer, remainder.pointer, m + 1, 1)
            remainder.pointer[0] |= (storage.pointer[bit / BigNum.limbBits] >> mp_limb_t(bit % BigNum.limbBits)) & 1
            let borrow = __gmpn_sub_n(scratch.pointer, remainder.pointer, extended.pointer, m + 1)
            _ = __gmpn_cnd_sub_n(borrow ^ 1, remainder.pointer, remainder.pointer, extended.pointer, m + 1)
            bit -= 1
        }
        let result = LimbBuffer(count: m)
        result.assign(from: remainder, count: m)
        return SecretInteger(adopting: result)
    }

    /// `self · other mod modulus` at the modulus's width.
    package func multiplied(by other: SecretInteger, modulo modulus: SecretModulus) -> SecretInteger {
        multiplied(by: other).reduced(modulo: modulus)
    }

    /// `self · value mod modulus` for a public `value`.
    package func multiplied(by value: BigNum, modulo modulus: SecretModulus) -> SecretInteger {
        multiplied(by: value).reduced(modulo: modulus)
    }

    /// `(self · y) mod m` where `yMontgomery = y · R mod m` (R = 2^(64·width)): one product and one Montgomery
    /// reduction (``MontgomeryReduction``). `self` must be below m; m odd.
    package func multiplied(byMontgomeryForm yMontgomery: SecretInteger, modulo modulus: SecretModulus)
        -> SecretInteger
    {
        let n = modulus.limbCount
        let a = resized(to: n)
        let b = yMontgomery.resized(to: n)
        let product = LimbBuffer(count: 2 * n)
        let scratch = LimbBuffer(count: max(Int(__gmpn_sec_mul_itch(n, n)), n))
        __gmpn_sec_mul(product.pointer, a.storage.pointer, n, b.storage.pointer, n, scratch.pointer)
        let result = LimbBuffer(count: n)
        MontgomeryReduction(modulus: modulus.limbs.pointer, limbs: n).reduce(
            product.pointer, into: result.pointer, scratch: scratch.pointer)
        return SecretInteger(adopting: result)
    }

    /// `self · R mod m` (the Montgomery form, R = 2^(64·width of m)), by one `mpn_sec_div_r`.
    package func montgomeryForm(modulo modulus: SecretModulus) -> SecretInteger {
        let n = modulus.limbCount
        let reducedSelf = reduced(modulo: modulus)
        let shifted = LimbBuffer(count: 2 * n)
        (shifted.pointer + n).update(from: reducedSelf.storage.pointer, count: n)
        let scratch = LimbBuffer(count: Int(__gmpn_sec_div_r_itch(2 * n, n)))
        __gmpn_sec_div_r(shifted.pointer, 2 * n, modulus.limbs.pointer, n, scratch.pointer)
        let result = LimbBuffer(count: n)
        result.assign(from: shifted, count: n)
        return SecretInteger(adopting: result)
    }

    /// The inverse of `self` modulo an odd `modulus` (`mpn_sec_invert`), with a mask saying whether it exists.
    /// When it does not, the value returned is unspecified.
    package func inverse(modulo modulus: SecretModulus) -> (inverse: SecretInteger, exists: UInt) {
        let n = modulus.limbCount
        let a = reduced(modulo: modulus)
        let work = LimbBuffer(count: n)  // mpn_sec_invert destroys its input
        work.assign(from: a.storage, count: n)
        let result = LimbBuffer(count: n)
        let scratch = LimbBuffer(count: Int(__gmpn_sec_invert_itch(n)))
        let exists = __gmpn_sec_invert(
            result.pointer, work.pointer, modulus.limbs.pointer, n, mp_bitcnt_t(2 * n * BigNum.limbBits),
            scratch.pointer)
        return (SecretInteger(adopting: result), ConstantTime.barrier(0 &- UInt(exists)))
    }

    /// `self^exponent mod modulus`, the exponent processed at its full width. A public modulus: `mpn_sec_powm`,
    /// with a zero base (outside its contract) handled without a branch: replaced by 1 and the result by 0. A
    /// secret modulus: a ``MontgomeryDomain`` (GMP's set-up of `mpn_sec_powm` looks the modulus up in tables).
    ///
    /// - Requires: `modulus` odd; `exponent` non-zero (0^0 would come out as 0).
    package func power(_ exponent: SecretInteger, modulo modulus: SecretModulus) throws(BigNumError)
        -> SecretInteger
    {
        if modulus.isSecret {
            let domain = try MontgomeryDomain(modulus: modulus, maximumInputLimbs: limbCount)
            return domain.ordinaryValue(domain.power(domain.montgomeryForm(self), secretExponent: exponent))
        }
        guard modulus.limbs.pointer[0] & 1 == 1 else {
            throw BigNumError(.invalidModulus, "the constant-time exponentiation needs an odd modulus")
        }
        let n = modulus.limbCount
        let base = LimbBuffer(count: n)
        base.assign(from: reduced(modulo: modulus).storage, count: n)
        let zero = SecretInteger.isZeroMask(base.pointer, n)
        base.pointer[0] |= mp_limb_t(zero & 1)
        let exponentBits = max(exponent.limbCount, 1) * BigNum.limbBits
        let exponentLimbs = LimbBuffer(count: max(exponent.limbCount, 1))
        exponentLimbs.pointer.update(from: exponent.storage.pointer, count: exponent.limbCount)
        let result = LimbBuffer(count: n)
        let scratch = LimbBuffer(count: Int(__gmpn_sec_powm_itch(n, mp_bitcnt_t(exponentBits), n)))
        __gmpn_sec_powm(
            result.pointer, base.pointer, n, exponentLimbs.pointer, mp_bitcnt_t(exponentBits), modulus.limbs.pointer,
            n, scratch.pointer)
        for index in 0..<n {
            result.pointer[index] &= mp_limb_t(~zero)
        }
        return SecretInteger(adopting: result)
    }

    /// `self^exponent mod modulus` for a **public** exponent (e.g. RSA's e) and an odd public or secret modulus: a
    /// fixed Montgomery chain over the exponent's bits on `mpn_sec_sqr`/`mpn_sec_mul`.
    ///
    /// - Throws: ``BigNumError/Code/invalidModulus`` for an even modulus (a public fact for a public modulus; for
    ///   a secret one its lowest bit is declassified).
    package func power(publicExponent exponent: BigNum, modulo modulus: SecretModulus) throws(BigNumError)
        -> SecretInteger
    {
        if modulus.isSecret {
            let domain = try MontgomeryDomain(modulus: modulus, maximumInputLimbs: limbCount)
            return domain.ordinaryValue(domain.power(domain.montgomeryForm(self), publicExponent: exponent))
        }
        guard modulus.limbs.pointer[0] & 1 == 1 else {
            throw BigNumError(.invalidModulus, "Montgomery exponentiation needs an odd modulus")
        }
        let n = modulus.limbCount
        let base = LimbBuffer(count: n)
        base.assign(from: reduced(modulo: modulus).storage, count: n)
        let result = LimbBuffer(count: n)
        if exponent.isZero {
            result.pointer[0] = 1
        } else {
            BigNum.montgomeryPower(
                publicExponent: exponent, modulus: modulus.limbs, reducedBase: base, into: result)
        }
        return SecretInteger(adopting: result)
    }

    /// `self >> 1` at the same width (`mpn_rshift`, no data-dependent branch).
    package func shiftedRightByOne() -> SecretInteger {
        let result = LimbBuffer(count: limbCount)
        if limbCount > 0 {
            _ = __gmpn_rshift(result.pointer, storage.pointer, limbCount, 1)
        }
        return SecretInteger(adopting: result)
    }

    /// `self` with bit 0 cleared: `self − 1` for an odd value, without a borrow chain.
    package func clearingLowestBit() -> SecretInteger {
        let result = LimbBuffer(count: limbCount)
        result.assign(from: storage, count: limbCount)
        if limbCount > 0 {
            result.pointer[0] &= ~1
        }
        return SecretInteger(adopting: result)
    }

    /// `self + value` for a small public `value`, at one more limb (`mpn_sec_add_1`).
    package func adding(_ value: UInt) -> SecretInteger {
        let result = LimbBuffer(count: limbCount + 1)
        if limbCount > 0 {
            let scratch = LimbBuffer(count: Int(__gmpn_sec_add_1_itch(limbCount)))
            result.pointer[limbCount] = __gmpn_sec_add_1(
                result.pointer, storage.pointer, limbCount, mp_limb_t(value), scratch.pointer)
        } else {
            result.pointer[0] = mp_limb_t(value)
        }
        return SecretInteger(adopting: result)
    }

    /// `value − self` for a public `value` ≥ self, at `limbCount` limbs (the caller knows from public bounds that
    /// the difference fits).
    package func subtracted(from value: BigNum) -> SecretInteger {
        let width = max(limbCount, value.limbCount, 1)
        let result = LimbBuffer(copying: value, count: width)
        let operand = resized(to: width)
        _ = __gmpn_sub_n(result.pointer, result.pointer, operand.storage.pointer, width)
        return SecretInteger(adopting: result).resized(to: limbCount)
    }

    /// `|self − other|` at the common width, with a branch-free select.
    package func distance(to other: SecretInteger) -> SecretInteger {
        let width = max(limbCount, other.limbCount)
        let a = resized(to: width)
        let b = other.resized(to: width)
        let forward = LimbBuffer(count: width)
        let backward = LimbBuffer(count: width)
        let borrow = __gmpn_sub_n(forward.pointer, a.storage.pointer, b.storage.pointer, width)
        _ = __gmpn_sub_n(backward.pointer, b.storage.pointer, a.storage.pointer, width)
        // On a borrow a < b: the backward difference is the distance.
        __gmpn_cnd_swap(borrow, forward.pointer, backward.pointer, width)
        return SecretInteger(adopting: forward)
    }

    /// `(larger, smaller)` of the two, by a conditional swap (no branch).
    package static func ordered(_ a: SecretInteger, _ b: SecretInteger) -> (larger: SecretInteger, smaller: SecretInteger) {
        let width = max(a.limbCount, b.limbCount)
        let x = LimbBuffer(count: width)
        let y = LimbBuffer(count: width)
        x.pointer.update(from: a.storage.pointer, count: a.limbCount)
        y.pointer.update(from: b.storage.pointer, count: b.limbCount)
        let scratch = LimbBuffer(count: width)
        let borrow = __gmpn_sub_n(scratch.pointer, x.pointer, y.pointer, width)
        __gmpn_cnd_swap(borrow, x.pointer, y.pointer, width)
        return (SecretInteger(adopting: x), SecretInteger(adopting: y))
    }

    /// The exact quotient `self / divisor` for a public one-limb divisor that divides `self` (`mpn_sec_div_qr`).
    package func dividedExactly(by divisor: UInt) -> SecretInteger {
        let numerator = LimbBuffer(count: max(limbCount, 1))
        numerator.pointer.update(from: storage.pointer, count: limbCount)
        var d = mp_limb_t(divisor)
        let quotient = LimbBuffer(count: max(limbCount, 1))
        let scratch = LimbBuffer(count: Int(__gmpn_sec_div_qr_itch(max(limbCount, 1), 1)))
        let top = withUnsafeMutablePointer(to: &d) { divisorPointer in
            __gmpn_sec_div_qr(quotient.pointer, numerator.pointer, max(limbCount, 1), divisorPointer, 1, scratch.pointer)
        }
        // The quotient has limbCount − 1 limbs plus the returned top limb.
        if limbCount > 0 {
            quotient.pointer[limbCount - 1] = top
        }
        return SecretInteger(adopting: quotient)
    }

    /// The value of the lowest limb, as a secret word (for residues modulo small public numbers).
    package var lowestLimb: UInt {
        limbCount == 0 ? 0 : UInt(storage.pointer[0])
    }

    static func isZeroMask(_ limbs: UnsafePointer<mp_limb_t>, _ count: Int) -> UInt {
        var accumulator: mp_limb_t = 0
        for index in 0..<count {
            accumulator |= limbs[index]
        }
        return ConstantTime.isZeroMask(UInt(accumulator))
    }
}

// MARK: - Randomness

extension SecretInteger {
    /// A uniform random value below the public `bound`, statistically: `bound`'s width plus 64 random bits from the
    /// system CSPRNG, reduced with `mpn_sec_div_r` (bias below 2^−64), so the number of draws is always one.
    package static func random(below bound: SecretModulus) -> SecretInteger {
        let n = bound.limbCount
        let wide = LimbBuffer(count: n + 1)
        SystemRandom.fill(limbs: wide.pointer, count: n + 1)
        ConstantTimeAudit.markSecret(wide.pointer, byteCount: (n + 1) * MemoryLayout<mp_limb_t>.stride)
        return SecretInteger(adopting: wide).reduced(modulo: bound)
    }

    /// `count` limbs of fresh randomness from the system CSPRNG.
    package static func randomLimbs(_ count: Int) -> SecretInteger {
        let limbs = LimbBuffer(count: count)
        SystemRandom.fill(limbs: limbs.pointer, count: count)
        return SecretInteger(adopting: limbs)
    }
}

// MARK: - Modular addition and subtraction

extension SecretInteger {
    /// `(self − other) mod modulus` for operands already below the modulus: subtract, and add the modulus back on
    /// a borrow with `mpn_cnd_add_n` (no branch).
    package func subtracted(_ other: SecretInteger, modulo modulus: SecretModulus) -> SecretInteger {
        let n = modulus.limbCount
        let difference = LimbBuffer(count: n)
        difference.pointer.update(from: storage.pointer, count: min(limbCount, n))
        let b = other.resized(to: n)
        let borrow = __gmpn_sub_n(difference.pointer, difference.pointer, b.storage.pointer, n)
        _ = __gmpn_cnd_add_n(borrow, difference.pointer, difference.pointer, modulus.limbs.pointer, n)
        return SecretInteger(adopting: difference)
    }

    /// `self + other` at `width` limbs (`mpn_add_n`, no branch); the caller knows from public bounds that the sum
    /// fits.
    package func adding(_ other: SecretInteger, width: Int) -> SecretInteger {
        let a = resized(to: width)
        let b = other.resized(to: width)
        let sum = LimbBuffer(count: width)
        if width > 0 {
            _ = __gmpn_add_n(sum.pointer, a.storage.pointer, b.storage.pointer, width)
        }
        return SecretInteger(adopting: sum)
    }

    /// The value with its lowest bit flipped: a deliberate fault, for tests of the fault check.
    package func flippingLowestBit() -> SecretInteger {
        let result = LimbBuffer(count: max(limbCount, 1))
        result.pointer.update(from: storage.pointer, count: limbCount)
        result.pointer[0] ^= 1
        return SecretInteger(adopting: result)
    }
}
