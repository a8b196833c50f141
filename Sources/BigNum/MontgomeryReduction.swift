internal import CGMP

/// Word-by-word Montgomery reduction (REDC) modulo an odd m of n limbs, R = 2^(64·n), in time that depends only on
/// n: GMP's `mpn_redc_1` (n rows of multiply-accumulate, the reduction under `mpn_sec_powm`, with no
/// data-dependent branch) and a final subtraction through `mpn_cnd_sub_n`. The factor −m^−1 mod 2^64 comes from a
/// branch-free Newton iteration here, not from GMP's table-based `binvert_limb`, so a secret modulus is safe.
///
/// Used by the constant-time Montgomery multiplication and exponentiation for secret bases and, unchanged, by the
/// public exponentiation (where a branch would be allowed, the branch-free form costs nothing more).
struct MontgomeryReduction {
    /// The modulus limbs (n of them; the caller keeps them alive).
    let modulus: UnsafePointer<mp_limb_t>
    /// n.
    let limbs: Int
    /// −m^−1 mod 2^64.
    let factor: mp_limb_t

    /// - Requires: `modulus[0]` odd, `limbs >= 1`.
    init(modulus: UnsafePointer<mp_limb_t>, limbs: Int) {
        self.modulus = modulus
        self.limbs = limbs
        // m^−1 mod 2^64 by Newton's iteration: m·m ≡ 1 (mod 8), and each step doubles the correct low bits.
        var inverse = modulus[0]
        for _ in 0..<6 {
            inverse = inverse &* (2 &- modulus[0] &* inverse)
        }
        factor = 0 &- inverse
    }

    /// `result = t · R^−1 mod m` for a product `t` of 2n limbs with t < m·R (for example a product of two values
    /// below m, or of one below R and one below m). `t` is overwritten; `scratch` needs n limbs; `result` (n
    /// limbs) may not overlap `t`.
    func reduce(
        _ t: UnsafeMutablePointer<mp_limb_t>, into result: UnsafeMutablePointer<mp_limb_t>,
        scratch: UnsafeMutablePointer<mp_limb_t>
    ) {
        let n = limbs
        // n rows of t += q_i · m · 2^(64 i) with q_i = t_i · (−m^−1) mod 2^64, each clearing limb i, then the upper
        // half plus the carries: GMP's mpn_redc_1, the reduction of its own mpn_sec_powm.
        let carry = __gmpn_redc_1(result, t, modulus, n, factor)
        // result < 2m: subtract m when there was a carry out or when result ≥ m (the borrow of result − m is 0),
        // without a branch on either.
        let borrow = __gmpn_sub_n(scratch, result, modulus, n)
        _ = __gmpn_cnd_sub_n(carry | (borrow ^ 1), result, result, modulus, n)
    }

    /// `result = t · R^−1 mod m` up to a multiple of m, below R: for t < R² (a product of two values below R),
    /// (t + q·m)/R < R + m, and one subtraction of m on a carry out leaves it below R — the reduction of
    /// `mpn_sec_powm`'s own ladder, one pass over n limbs cheaper than ``reduce(_:into:scratch:)``. Chains keep
    /// their values below R this way and reduce fully once, at the end.
    func reducePartially(_ t: UnsafeMutablePointer<mp_limb_t>, into result: UnsafeMutablePointer<mp_limb_t>) {
        let carry = __gmpn_redc_1(result, t, modulus, limbs, factor)
        _ = __gmpn_cnd_sub_n(carry, result, result, modulus, limbs)
    }
}

extension MontgomeryReduction {
    /// Which multiplications a chain runs on.
    enum Multiplication {
        /// `mpn_sec_sqr`/`mpn_sec_mul`: schoolbook, no data-dependent branch (secret bases).
        case constantTime
        /// `mpn_sqr`/`mpn_mul_n`: may use Karatsuba, whose branches depend on the operands (public bases).
        case variableTime
    }

    /// `accumulator = base^exponent mod m` by left-to-right square-and-multiply over the public exponent's bits
    /// in Montgomery form; the last step multiplies by the plain base (or reduces once), which leaves Montgomery
    /// form, so no conversion back is needed. The sequence of operations depends on the exponent only.
    ///
    /// - Requires: `exponent > 0`; `base` < m and `baseMontgomery` = base·R mod m, n limbs each; `product` 2n
    ///   limbs; `scratch` at least n limbs, and for `.constantTime` at least `mpn_sec_sqr_itch(n)` and
    ///   `mpn_sec_mul_itch(n, n)`; no region overlaps another.
    func power(
        _ exponent: BigNum, base: UnsafePointer<mp_limb_t>, baseMontgomery: UnsafePointer<mp_limb_t>,
        into accumulator: UnsafeMutablePointer<mp_limb_t>, product: UnsafeMutablePointer<mp_limb_t>,
        scratch: UnsafeMutablePointer<mp_limb_t>, multiplication: Multiplication
    ) {
        let n = limbs
        // Intermediate values stay below R (partial reductions); the last step reduces fully.
        func square() {
            switch multiplication {
            case .constantTime: __gmpn_sec_sqr(product, accumulator, n, scratch)
            case .variableTime: __gmpn_sqr(product, accumulator, n)
            }
            reducePartially(product, into: accumulator)
        }
        func multiply(by factor: UnsafePointer<mp_limb_t>, last: Bool) {
            switch multiplication {
            case .constantTime: __gmpn_sec_mul(product, accumulator, n, factor, n, scratch)
            case .variableTime: __gmpn_mul_n(product, accumulator, factor, n)
            }
            if last {
                reduce(product, into: accumulator, scratch: scratch)
            } else {
                reducePartially(product, into: accumulator)
            }
        }
        guard exponent.bitWidth > 1 else {
            // Exponent 1: the base itself.
            accumulator.update(from: base, count: n)
            return
        }
        accumulator.update(from: baseMontgomery, count: n)
        var bit = exponent.bitWidth - 2
        while bit >= 0 {
            square()
            if exponent.testBit(bit) {  // branches on the public exponent only
                multiply(by: bit == 0 ? base : baseMontgomery, last: bit == 0)
            } else if bit == 0 {
                // A final squaring: leave Montgomery form with a full reduction of the accumulator alone (it is
                // below R, so (acc + q·m)/R ≤ m).
                product.update(from: accumulator, count: n)
                (product + n).update(repeating: 0, count: n)
                reduce(product, into: accumulator, scratch: scratch)
            }
            bit -= 1
        }
    }
}
