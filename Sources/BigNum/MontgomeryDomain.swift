internal import CGMP

/// Arithmetic modulo a **secret** odd modulus m (an RSA prime, a prime candidate) in Montgomery form, R = 2^(64·n),
/// with every constant that depends on m computed once by branch-free code.
///
/// GMP's `mpn_sec_powm` and `mpn_sec_div_r` are silent about their *operands* but not about the modulus: they derive
/// −m^−1 mod 2^64 from a table indexed by m's low bits (`binvert_limb`) and the reciprocal of m's top limb from a
/// table indexed by its top bits (`invert_limb`), memory accesses that depend on a secret prime. Here −m^−1 comes
/// from a Newton iteration (``MontgomeryReduction``), the powers R^k mod m from constant-time doublings, reductions
/// of wide values from Montgomery products with those powers, and exponentiation is a fixed-window ladder on
/// `mpn_sec_sqr`/`mpn_sec_mul`, `mpn_redc_1` and `mpn_sec_tabselect` — the structure of `mpn_sec_powm` without its
/// set-up.
///
/// Values handed in and out are ``SecretInteger``s of n limbs (Montgomery forms unless a function says otherwise).
/// Instances are immutable after their initializer and may be shared between threads.
package final class MontgomeryDomain: @unchecked Sendable {
    /// m, n limbs, odd, top limb non-zero (it is the caller's modulus storage; never written).
    let modulus: LimbBuffer
    /// n.
    let limbCount: Int
    /// −m^−1 mod 2^64 and the reduction.
    let reduction: MontgomeryReduction
    /// R^k mod m for k = 1…`powers.count` (index k − 1), each n limbs.
    private let powers: [LimbBuffer]

    /// The domain of `modulus`, able to bring values of up to `maximumInputLimbs` limbs into Montgomery form (none
    /// for 0: then only R mod m is computed, and ``montgomeryForm(_:)`` must not be called).
    ///
    /// - Throws: ``BigNumError/Code/invalidModulus`` for an even modulus (checked on its lowest bit, which is
    ///   declassified: every RSA prime is odd).
    package init(modulus: SecretModulus, maximumInputLimbs: Int) throws(BigNumError) {
        let n = modulus.limbCount
        guard ConstantTimeAudit.declassify(mask: 0 &- UInt(modulus.limbs.pointer[0] & 1)) else {
            throw BigNumError(.invalidModulus, "a Montgomery domain needs an odd modulus")
        }
        self.modulus = modulus.limbs
        limbCount = n
        reduction = MontgomeryReduction(modulus: modulus.limbs.pointer, limbs: n)
        // x = Σ x_i R^i over ⌈width/n⌉ chunks; its Montgomery form needs R^2 … R^(chunks+1).
        let chunks = max((maximumInputLimbs + n - 1) / n, 1)
        var powers: [LimbBuffer] = []
        // R mod m: when m's top bit is set (every prime the package generates, and every RSA prime whose size is a
        // multiple of 64 bits) R − m < m, so R mod m = 2^(64n) − m, one subtraction; otherwise 64·n constant-time
        // doublings of 1. Which case applies is m's bit length, a public fact (declassified). Then R^2 mod m by
        // 64·n more doublings.
        let value = LimbBuffer(count: n)
        let scratch = LimbBuffer(count: n + 1)
        let topBit = ConstantTimeAudit.declassify(UInt(modulus.limbs.pointer[n - 1] >> mp_limb_t(BigNum.limbBits - 1)))
        if topBit == 1 {
            _ = __gmpn_sub_n(value.pointer, value.pointer, modulus.limbs.pointer, n)  // 0 − m = 2^(64n) − m
        } else {
            value.pointer[0] = 1
            for _ in 0..<(n * BigNum.limbBits) {
                Self.doubleModulo(value, modulus: modulus.limbs, scratch: scratch)
            }
        }
        let rModM = LimbBuffer(count: n)
        rModM.assign(from: value, count: n)
        powers.append(rModM)
        guard maximumInputLimbs > 0 else {
            // No conversions into Montgomery form (a caller that draws its values in Montgomery form already).
            self.powers = powers
            ConstantTimeAudit.markSecret(rModM.pointer, byteCount: n * MemoryLayout<mp_limb_t>.stride)
            return
        }
        for _ in 0..<(n * BigNum.limbBits) {
            Self.doubleModulo(value, modulus: modulus.limbs, scratch: scratch)
        }
        let rSquared = LimbBuffer(count: n)
        rSquared.assign(from: value, count: n)
        powers.append(rSquared)
        // R^(k+1) = MontgomeryProduct(R^k, R^2).
        while powers.count < chunks + 1 {
            powers.append(Self.product(powers[powers.count - 1], powers[1], reduction: reduction, limbs: n))
        }
        self.powers = powers
        for power in powers {
            ConstantTimeAudit.markSecret(power.pointer, byteCount: n * MemoryLayout<mp_limb_t>.stride)
        }
    }

    /// `value = 2 · value mod m` for value < m, branch-free: shift, then subtract m when the shifted value is ≥ m or
    /// carried out.
    private static func doubleModulo(_ value: LimbBuffer, modulus: LimbBuffer, scratch: LimbBuffer) {
        let n = value.count
        let carry = __gmpn_lshift(value.pointer, value.pointer, n, 1)
        let borrow = __gmpn_sub_n(scratch.pointer, value.pointer, modulus.pointer, n)
        _ = __gmpn_cnd_sub_n(carry | (borrow ^ 1), value.pointer, value.pointer, modulus.pointer, n)
    }

    /// The Montgomery product a·b·R^−1 mod m of two n-limb values with a·b < m·R.
    private static func product(_ a: LimbBuffer, _ b: LimbBuffer, reduction: MontgomeryReduction, limbs n: Int)
        -> LimbBuffer
    {
        let wide = LimbBuffer(count: 2 * n)
        let scratch = LimbBuffer(count: max(Int(__gmpn_sec_mul_itch(n, n)), n))
        __gmpn_sec_mul(wide.pointer, a.pointer, n, b.pointer, n, scratch.pointer)
        let result = LimbBuffer(count: n)
        reduction.reduce(wide.pointer, into: result.pointer, scratch: scratch.pointer)
        return result
    }

    // MARK: - Conversions

    /// The Montgomery form x·R mod m of a value of any width up to the domain's maximum: Σ x_i·R^(i+1) over its
    /// n-limb chunks x_i, each term a Montgomery product of x_i (< R) with R^(i+2) mod m (< m), summed with
    /// conditional subtractions.
    package func montgomeryForm(_ x: SecretInteger) -> SecretInteger {
        let n = limbCount
        let chunks = max((x.limbCount + n - 1) / n, 1)
        precondition(powers.count > chunks, "an input wider than the domain was made for")
        let sum = LimbBuffer(count: n)
        let chunk = LimbBuffer(count: n)
        let scratch = LimbBuffer(count: n)
        for index in 0..<chunks {
            chunk.pointer.update(repeating: 0, count: n)
            let start = index * n
            chunk.pointer.update(from: x.storage.pointer + start, count: min(n, x.limbCount - start))
            let term = Self.product(chunk, powers[index + 1], reduction: reduction, limbs: n)
            // sum = sum + term mod m (both < m).
            let carry = __gmpn_add_n(sum.pointer, sum.pointer, term.pointer, n)
            let borrow = __gmpn_sub_n(scratch.pointer, sum.pointer, modulus.pointer, n)
            _ = __gmpn_cnd_sub_n(carry | (borrow ^ 1), sum.pointer, sum.pointer, modulus.pointer, n)
        }
        return SecretInteger(adopting: sum)
    }

    /// The ordinary value x·R^−1 mod m of a Montgomery form x (one reduction of x padded to 2n limbs).
    package func ordinaryValue(_ x: SecretInteger) -> SecretInteger {
        let n = limbCount
        let wide = LimbBuffer(count: 2 * n)
        wide.pointer.update(from: x.storage.pointer, count: min(n, x.limbCount))
        let result = LimbBuffer(count: n)
        let scratch = LimbBuffer(count: n)
        reduction.reduce(wide.pointer, into: result.pointer, scratch: scratch.pointer)
        return SecretInteger(adopting: result)
    }

    /// A uniform random value in [0, m) (up to 2^−64) from n + 1 random limbs x = x_high·R + x_low, with no
    /// division: t = x_high·(R mod m) + x_low ≡ x and t < m·R, so one Montgomery reduction gives x·R^−1 mod m,
    /// uniform since x mod m is. (Read as a Montgomery form, it is the form of a uniform value too.)
    ///
    /// - Requires: at least two limbs (so that t < m·R).
    package func randomElement() -> SecretInteger {
        let n = limbCount
        let x = LimbBuffer(count: n + 1)
        SystemRandom.fill(limbs: x.pointer, count: n + 1)
        ConstantTimeAudit.markSecret(x.pointer, byteCount: (n + 1) * MemoryLayout<mp_limb_t>.stride)
        let t = LimbBuffer(count: 2 * n)
        // t = x_high · (R mod m) + x_low; the top limb cannot overflow: t < 2^64·m + R.
        t.pointer[n] = __gmpn_mul_1(t.pointer, powers[0].pointer, n, x.pointer[n])
        t.pointer[n] &+= __gmpn_add_n(t.pointer, t.pointer, x.pointer, n)
        let result = LimbBuffer(count: n)
        let scratch = LimbBuffer(count: n)
        reduction.reduce(t.pointer, into: result.pointer, scratch: scratch.pointer)
        return SecretInteger(adopting: result)
    }

    /// A uniform random Montgomery form b·R mod m whose value b is neither 0, 1 nor m − 1 (Miller–Rabin's bases,
    /// [2, m − 2]), with no conversion (``randomElement()``). Whether the draw is one of the three excluded values
    /// (probability 3/m) is declassified, and such a draw is replaced.
    ///
    /// - Requires: at least two limbs.
    /// - Throws: ``BigNumError/Code/invalidModulus`` when 64 draws in a row were excluded (m is tiny).
    package func randomNontrivialMontgomeryForm() throws(BigNumError) -> SecretInteger {
        let n = limbCount
        let minusOne = LimbBuffer(count: n)  // (m − 1)·R mod m = m − (R mod m)
        _ = __gmpn_sub_n(minusOne.pointer, modulus.pointer, powers[0].pointer, n)
        for _ in 0..<64 {
            let value = randomElement()
            let trivial =
                value.isZeroMask
                | SecretInteger.equalMask(value.storage.pointer, n, powers[0].pointer, n)
                | SecretInteger.equalMask(value.storage.pointer, n, minusOne.pointer, n)
            if !ConstantTimeAudit.declassify(mask: trivial) {
                return value
            }
        }
        throw BigNumError(.invalidModulus, "no Miller-Rabin base was found: the modulus is tiny")
    }

    // MARK: - Arithmetic on Montgomery forms

    /// The Montgomery product a·b·R^−1 mod m (a, b below m; or one below R and the other below m).
    package func multiply(_ a: SecretInteger, _ b: SecretInteger) -> SecretInteger {
        SecretInteger(adopting: Self.product(a.resized(to: limbCount).storage, b.resized(to: limbCount).storage,
            reduction: reduction, limbs: limbCount))
    }

    /// (a − b) mod m for a, b below m: subtract, and add m back on a borrow (no branch).
    package func subtract(_ a: SecretInteger, _ b: SecretInteger) -> SecretInteger {
        a.subtracted(b, modulo: SecretModulus(uncheckedLimbs: modulus))
    }

    /// x^e for a **public** exponent e, on the Montgomery form x (left-to-right square-and-multiply over e's bits,
    /// whose sequence depends on e only). e = 0 gives the Montgomery form of 1.
    ///
    /// Like ``power(_:secretExponent:)`` it reduces partially (as `mpn_sec_powm` does): the result is a Montgomery
    /// form below R, congruent but not necessarily below m. ``multiply(_:_:)`` with a value below m, or
    /// ``ordinaryValue(_:)``, brings it below m.
    package func power(_ x: SecretInteger, publicExponent e: BigNum) -> SecretInteger {
        let n = limbCount
        let accumulator = LimbBuffer(count: n)
        let base = x.resized(to: n)
        if e.isZero {
            accumulator.assign(from: powers[0], count: n)
            return SecretInteger(adopting: accumulator)
        }
        accumulator.assign(from: base.storage, count: n)
        let wide = LimbBuffer(count: 2 * n)
        let scratch = LimbBuffer(count: max(Int(__gmpn_sec_sqr_itch(n)), Int(__gmpn_sec_mul_itch(n, n)), n))
        var bit = e.bitWidth - 2
        while bit >= 0 {
            __gmpn_sec_sqr(wide.pointer, accumulator.pointer, n, scratch.pointer)
            reduction.reducePartially(wide.pointer, into: accumulator.pointer)
            if e.testBit(bit) {  // branches on the public exponent only
                __gmpn_sec_mul(wide.pointer, accumulator.pointer, n, base.storage.pointer, n, scratch.pointer)
                reduction.reducePartially(wide.pointer, into: accumulator.pointer)
            }
            bit -= 1
        }
        return SecretInteger(adopting: accumulator)
    }

    /// x^e for a **secret** exponent e, on the Montgomery form x: a fixed-window ladder over all of e's limbs (its
    /// bit length does not show), the table entry chosen with `mpn_sec_tabselect`, which reads every entry. A zero
    /// base gives zero, with no special case. The result is below R, not necessarily below m (see
    /// ``power(_:publicExponent:)``).
    package func power(_ x: SecretInteger, secretExponent e: SecretInteger) -> SecretInteger {
        let n = limbCount
        let exponentBits = max(e.limbCount, 1) * BigNum.limbBits
        let window = Self.windowSize(exponentBits: exponentBits)
        let entries = 1 << window
        // table[i] = x^i in Montgomery form: table[0] = R mod m, table[1] = x.
        let table = LimbBuffer(count: entries * n)
        table.pointer.update(from: powers[0].pointer, count: n)
        let base = x.resized(to: n)  // bound to a name: a temporary's storage could be freed before the copy
        (table.pointer + n).update(from: base.storage.pointer, count: n)
        let wide = LimbBuffer(count: 2 * n)
        let scratch = LimbBuffer(count: max(Int(__gmpn_sec_sqr_itch(n)), Int(__gmpn_sec_mul_itch(n, n)), n))
        for index in 2..<entries {
            __gmpn_sec_mul(wide.pointer, table.pointer + (index - 1) * n, n, table.pointer + n, n, scratch.pointer)
            reduction.reducePartially(wide.pointer, into: table.pointer + index * n)
        }
        let exponent = e.resized(to: max(e.limbCount, 1))
        let accumulator = LimbBuffer(count: n)
        let selected = LimbBuffer(count: n)
        // The top window may be shorter; the others are `window` bits, from the top down.
        var position = exponentBits
        var first = true
        while position > 0 {
            let size = first ? (exponentBits - 1) % window + 1 : window
            position -= size
            let index = Self.bits(of: exponent, at: position, count: size)
            __gmpn_sec_tabselect(selected.pointer, table.pointer, n, entries, index)
            if first {
                accumulator.assign(from: selected, count: n)
                first = false
            } else {
                for _ in 0..<size {
                    __gmpn_sec_sqr(wide.pointer, accumulator.pointer, n, scratch.pointer)
                    reduction.reducePartially(wide.pointer, into: accumulator.pointer)
                }
                __gmpn_sec_mul(wide.pointer, accumulator.pointer, n, selected.pointer, n, scratch.pointer)
                reduction.reducePartially(wide.pointer, into: accumulator.pointer)
            }
        }
        return SecretInteger(adopting: accumulator)
    }

    /// `count` bits of the exponent starting at bit `position` (positions are public; the bits are not).
    private static func bits(of exponent: SecretInteger, at position: Int, count: Int) -> mp_size_t {
        let limbs = exponent.storage.pointer
        let limb = position / BigNum.limbBits
        let shift = position % BigNum.limbBits
        var value = limbs[limb] >> mp_limb_t(shift)
        if shift + count > BigNum.limbBits, limb + 1 < exponent.limbCount {  // public positions
            value |= limbs[limb + 1] << mp_limb_t(BigNum.limbBits - shift)
        }
        return mp_size_t(value & ((1 << mp_limb_t(count)) - 1))
    }

    /// GMP's window sizes for `mpn_sec_powm` by exponent length (5 bits for 1024- and 1536-bit exponents).
    static func windowSize(exponentBits: Int) -> Int {
        let thresholds = [7, 25, 81, 241, 673, 1793, 4609, 11521, 28161]
        var size = 1
        while size < thresholds.count, exponentBits > thresholds[size] {
            size += 1
        }
        return size
    }
}
