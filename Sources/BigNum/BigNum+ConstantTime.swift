internal import CGMP

// The functions in this file hide the values of secret operands modulo a *public* modulus. They run GMP's
// side-channel-silent `mpn_sec_*` / `mpn_cnd_*` routines on limb counts derived from the modulus, so their running
// time and memory access pattern depend on operand *sizes* in limbs, not on values — but a normalised `BigNum`
// shows its own limb count, and GMP derives constants from the modulus by table lookup. The RSA module keeps its
// secrets (private exponents, CRT primes, blinding factors) in `SecretInteger` instead.
// All scratch space is caller-owned (`LimbBuffer`) and wiped after use. Inputs are validated first: GMP would
// otherwise abort on an even modulus or a zero exponent.

// MARK: - Constant-time exponentiation

extension BigNum {
    /// `self^exponent mod modulus` in constant time, for secret exponents and secret bases.
    ///
    /// Built on `mpn_sec_powm`. The exponent is processed as `max(exponent, modulus)` limbs of bits, so its
    /// actual bit length does not show in the timing; the base is first reduced with `mpn_sec_div_r`.
    ///
    /// - Parameters:
    ///   - exponent: a positive exponent (may be secret).
    ///   - modulus: an odd modulus greater than one. It must be **public**: GMP derives constants from it by table
    ///     lookup.
    /// - Throws: ``BigNumError/Code/invalidModulus`` for an even modulus or one below 3;
    ///   ``BigNumError/Code/invalidExponent`` for a zero exponent.
    public func secretPower(_ exponent: BigNum, modulus: BigNum) throws(BigNumError) -> BigNum {
        guard modulus.isOdd, modulus.bitWidth >= 2 else {
            throw BigNumError(.invalidModulus, "the constant-time exponentiation needs an odd modulus of at least 3")
        }
        guard !exponent.isZero else {
            throw BigNumError(.invalidExponent, "the constant-time exponentiation needs a positive exponent")
        }
        let n = modulus.limbCount
        let exponentLimbs = max(exponent.limbCount, n)
        let exponentBits = exponentLimbs * BigNum.limbBits
        let m = LimbBuffer(copying: modulus, count: n)
        let base = LimbBuffer(count: n)
        reduceConstantTime(into: base, modulus: m)
        let e = LimbBuffer(copying: exponent, count: exponentLimbs)
        let result = LimbBuffer(count: n)
        let scratch = LimbBuffer(count: Int(__gmpn_sec_powm_itch(n, mp_bitcnt_t(exponentBits), n)))
        __gmpn_sec_powm(result.pointer, base.pointer, n, e.pointer, mp_bitcnt_t(exponentBits), m.pointer, n, scratch.pointer)
        return result.bigNum(limbs: n)
    }

    /// `self^publicExponent mod modulus` for a **secret base** and a **public exponent**, in time independent of
    /// the base.
    ///
    /// For an odd modulus (every RSA modulus) this is a left-to-right square-and-multiply in Montgomery form over
    /// the public exponent's bits: `mpn_sec_sqr`/`mpn_sec_mul` (schoolbook, no data-dependent branch, unlike the
    /// Karatsuba code behind `mpn_sqr`) and `MontgomeryReduction`, entering Montgomery form with one
    /// `mpn_sec_div_r`. For an even modulus, a fixed chain of `mpn_sec_sqr`, `mpn_sec_mul` and `mpn_sec_div_r`.
    /// Either way the sequence of operations depends on the exponent only (RSAEP of a secret message, RSA
    /// blinding r^e mod n, checks of secret results).
    ///
    /// - Throws: ``BigNumError/Code/invalidModulus`` for a modulus below 2.
    package func powerOfSecretBase(publicExponent exponent: BigNum, modulus: BigNum) throws(BigNumError) -> BigNum {
        guard modulus.bitWidth >= 2 else {
            throw BigNumError(.invalidModulus, "exponentiation needs a modulus of at least 2")
        }
        if exponent.isZero {
            return 1
        }
        let n = modulus.limbCount
        let m = LimbBuffer(copying: modulus, count: n)
        let base = LimbBuffer(count: n)
        reduceConstantTime(into: base, modulus: m)
        if modulus.isOdd {
            return montgomeryPowerOfSecretBase(publicExponent: exponent, modulus: m, reducedBase: base)
        }
        let accumulator = LimbBuffer(count: n)
        accumulator.assign(from: base, count: n)
        let product = LimbBuffer(count: 2 * n)
        let scratchCount = max(
            Int(__gmpn_sec_sqr_itch(n)),
            Int(__gmpn_sec_mul_itch(n, n)),
            Int(__gmpn_sec_div_r_itch(2 * n, n))
        )
        let scratch = LimbBuffer(count: scratchCount)
        var bit = exponent.bitWidth - 2
        while bit >= 0 {
            __gmpn_sec_sqr(product.pointer, accumulator.pointer, n, scratch.pointer)
            __gmpn_sec_div_r(product.pointer, 2 * n, m.pointer, n, scratch.pointer)
            accumulator.assign(from: product, count: n)
            if exponent.testBit(bit) {  // branches on the public exponent only
                __gmpn_sec_mul(product.pointer, accumulator.pointer, n, base.pointer, n, scratch.pointer)
                __gmpn_sec_div_r(product.pointer, 2 * n, m.pointer, n, scratch.pointer)
                accumulator.assign(from: product, count: n)
            }
            bit -= 1
        }
        return accumulator.bigNum(limbs: n)
    }
}

extension BigNum {
    /// The odd-modulus path of ``powerOfSecretBase(publicExponent:modulus:)``: `reducedBase^exponent mod m`.
    ///
    /// - Requires: `exponent > 0`, `m` odd with n = `m.count` limbs, `reducedBase` < m in n limbs.
    func montgomeryPowerOfSecretBase(publicExponent exponent: BigNum, modulus m: LimbBuffer, reducedBase base: LimbBuffer)
        -> BigNum
    {
        let accumulator = LimbBuffer(count: m.count)
        BigNum.montgomeryPower(publicExponent: exponent, modulus: m, reducedBase: base, into: accumulator)
        return accumulator.bigNum(limbs: m.count)
    }

    /// `reducedBase^exponent mod m` into `result` (n limbs) for a secret base and a public exponent: a fixed
    /// Montgomery chain on `mpn_sec_sqr`/`mpn_sec_mul`.
    ///
    /// - Requires: `exponent > 0`, `m` odd with n = `m.count` limbs, `reducedBase` < m in n limbs.
    static func montgomeryPower(
        publicExponent exponent: BigNum, modulus m: LimbBuffer, reducedBase base: LimbBuffer, into result: LimbBuffer
    ) {
        let n = m.count
        let reduction = MontgomeryReduction(modulus: m.pointer, limbs: n)
        let baseMontgomery = LimbBuffer(count: n)
        let product = LimbBuffer(count: 2 * n)
        let scratch = LimbBuffer(
            count: max(
                Int(__gmpn_sec_sqr_itch(n)), Int(__gmpn_sec_mul_itch(n, n)), Int(__gmpn_sec_div_r_itch(2 * n, n)), n))
        // base · R mod m: the base shifted up by n limbs, reduced.
        (product.pointer + n).update(from: base.pointer, count: n)
        __gmpn_sec_div_r(product.pointer, 2 * n, m.pointer, n, scratch.pointer)
        baseMontgomery.assign(from: product, count: n)
        reduction.power(
            exponent, base: base.pointer, baseMontgomery: baseMontgomery.pointer, into: result.pointer,
            product: product.pointer, scratch: scratch.pointer, multiplication: .constantTime)
    }
}

// MARK: - Constant-time modular arithmetic

extension BigNum {
    /// `self mod modulus` in time that depends only on the operands' limb counts.
    ///
    /// - Throws: ``BigNumError/Code/divisionByZero`` when `modulus` is zero.
    package func secretReduced(modulo modulus: BigNum) throws(BigNumError) -> BigNum {
        guard !modulus.isZero else {
            throw BigNumError(.divisionByZero, "reduction modulo zero")
        }
        let n = modulus.limbCount
        let m = LimbBuffer(copying: modulus, count: n)
        let result = LimbBuffer(count: n)
        reduceConstantTime(into: result, modulus: m)
        return result.bigNum(limbs: n)
    }

    /// `(self · other) mod modulus` with `mpn_sec_mul` and `mpn_sec_div_r`.
    ///
    /// - Throws: ``BigNumError/Code/divisionByZero`` when `modulus` is zero.
    package func secretMultiplied(by other: BigNum, modulo modulus: BigNum) throws(BigNumError) -> BigNum {
        guard !modulus.isZero else {
            throw BigNumError(.divisionByZero, "reduction modulo zero")
        }
        let n = modulus.limbCount
        let m = LimbBuffer(copying: modulus, count: n)
        let a = LimbBuffer(count: n)
        reduceConstantTime(into: a, modulus: m)
        let b = LimbBuffer(count: n)
        other.reduceConstantTime(into: b, modulus: m)
        let product = LimbBuffer(count: 2 * n)
        let scratch = LimbBuffer(count: max(Int(__gmpn_sec_mul_itch(n, n)), Int(__gmpn_sec_div_r_itch(2 * n, n))))
        __gmpn_sec_mul(product.pointer, a.pointer, n, b.pointer, n, scratch.pointer)
        __gmpn_sec_div_r(product.pointer, 2 * n, m.pointer, n, scratch.pointer)
        return product.bigNum(limbs: n)
    }

    /// The Montgomery form of `self` modulo an odd `modulus`: `self · R mod modulus` with R = 2^(64·k) for the
    /// modulus's k limbs, computed with `mpn_sec_div_r`. Pair it with ``secretMultiplied(byMontgomeryForm:modulo:)``
    /// to multiply by a secret that is used more than once, or whose use is latency-critical, with one Montgomery
    /// reduction instead of a division.
    ///
    /// - Throws: ``BigNumError/Code/invalidModulus`` for an even modulus or one below 3.
    package func secretMontgomeryForm(modulo modulus: BigNum) throws(BigNumError) -> BigNum {
        guard modulus.isOdd, modulus.bitWidth >= 2 else {
            throw BigNumError(.invalidModulus, "the Montgomery form needs an odd modulus of at least 3")
        }
        let n = modulus.limbCount
        let m = LimbBuffer(copying: modulus, count: n)
        // (self mod m) · R: the reduced value shifted up by n limbs, reduced again.
        let reduced = LimbBuffer(count: n)
        reduceConstantTime(into: reduced, modulus: m)
        let shifted = LimbBuffer(count: 2 * n)
        (shifted.pointer + n).update(from: reduced.pointer, count: n)
        let scratch = LimbBuffer(count: Int(__gmpn_sec_div_r_itch(2 * n, n)))
        __gmpn_sec_div_r(shifted.pointer, 2 * n, m.pointer, n, scratch.pointer)
        return shifted.bigNum(limbs: n)
    }

    /// `self · y mod modulus`, where `montgomeryForm` is y's Montgomery form (``secretMontgomeryForm(modulo:)``),
    /// by one product and one Montgomery reduction, in time that depends only on the limb counts.
    ///
    /// The reduction is `MontgomeryReduction`: the word-by-word REDC on `mpn_addmul_1` and a final conditional
    /// subtraction with `mpn_cnd_sub_n`.
    ///
    /// - Throws: ``BigNumError/Code/invalidModulus`` for an even modulus or one below 3;
    ///   ``BigNumError/Code/valueTooLarge`` when `montgomeryForm` is not below the modulus.
    package func secretMultiplied(byMontgomeryForm montgomeryForm: BigNum, modulo modulus: BigNum) throws(BigNumError)
        -> BigNum
    {
        guard modulus.isOdd, modulus.bitWidth >= 2 else {
            throw BigNumError(.invalidModulus, "Montgomery multiplication needs an odd modulus of at least 3")
        }
        let n = modulus.limbCount
        guard montgomeryForm.limbCount <= n else {
            throw BigNumError(.valueTooLarge, "a Montgomery form is below its modulus")
        }
        let m = LimbBuffer(copying: modulus, count: n)
        let b = LimbBuffer(copying: montgomeryForm, count: n)
        let scratch = LimbBuffer(count: max(Int(__gmpn_sec_mul_itch(n, n)), n))
        // montgomeryForm < m, tested by the borrow of montgomeryForm − m over all n limbs (no early exit).
        guard __gmpn_sub_n(scratch.pointer, b.pointer, m.pointer, n) == 1 else {
            throw BigNumError(.valueTooLarge, "a Montgomery form is below its modulus")
        }
        let a = LimbBuffer(count: n)
        reduceConstantTime(into: a, modulus: m)
        // T = a · b < m · R, then REDC.
        let product = LimbBuffer(count: 2 * n)
        __gmpn_sec_mul(product.pointer, a.pointer, n, b.pointer, n, scratch.pointer)
        let result = LimbBuffer(count: n)
        MontgomeryReduction(modulus: m.pointer, limbs: n).reduce(
            product.pointer, into: result.pointer, scratch: scratch.pointer)
        return result.bigNum(limbs: n)
    }

    /// `(self + other) mod modulus` with conditional (branch-free) limb arithmetic.
    ///
    /// - Throws: ``BigNumError/Code/divisionByZero`` when `modulus` is zero.
    package func secretAdded(_ other: BigNum, modulo modulus: BigNum) throws(BigNumError) -> BigNum {
        guard !modulus.isZero else {
            throw BigNumError(.divisionByZero, "reduction modulo zero")
        }
        let n = modulus.limbCount
        let m = LimbBuffer(copying: modulus, count: n)
        let sum = LimbBuffer(count: n + 1)
        reduceConstantTime(into: sum, modulus: m)
        let b = LimbBuffer(count: n)
        other.reduceConstantTime(into: b, modulus: m)
        // sum = a + b < 2m, carried into limb n; then one constant-time reduction.
        sum.pointer[n] = __gmpn_cnd_add_n(1, sum.pointer, sum.pointer, b.pointer, n)
        let scratch = LimbBuffer(count: Int(__gmpn_sec_div_r_itch(n + 1, n)))
        __gmpn_sec_div_r(sum.pointer, n + 1, m.pointer, n, scratch.pointer)
        return sum.bigNum(limbs: n)
    }

    /// `(self − other) mod modulus`, in `[0, modulus)`, with conditional (branch-free) limb arithmetic.
    ///
    /// - Throws: ``BigNumError/Code/divisionByZero`` when `modulus` is zero.
    package func secretSubtracted(_ other: BigNum, modulo modulus: BigNum) throws(BigNumError) -> BigNum {
        guard !modulus.isZero else {
            throw BigNumError(.divisionByZero, "reduction modulo zero")
        }
        let n = modulus.limbCount
        let m = LimbBuffer(copying: modulus, count: n)
        let difference = LimbBuffer(count: n)
        reduceConstantTime(into: difference, modulus: m)
        let b = LimbBuffer(count: n)
        other.reduceConstantTime(into: b, modulus: m)
        // difference = a − b; on borrow add m back (a conditional add, not a branch).
        let borrow = __gmpn_cnd_sub_n(1, difference.pointer, difference.pointer, b.pointer, n)
        _ = __gmpn_cnd_add_n(borrow, difference.pointer, difference.pointer, m.pointer, n)
        return difference.bigNum(limbs: n)
    }

    /// The inverse of a secret `self` modulo `modulus`, computed blinded, or `nil` when it does not exist.
    ///
    /// Inverts `self · t` for a fresh uniform `t` from the system CSPRNG and multiplies the result by `t`:
    /// `self · t` is uniformly distributed and independent of `self`, so GMP's variable-time inversion sees
    /// nothing about the secret. Much cheaper than `mpn_sec_invert`.
    ///
    /// - Important: the modulus must be **public**: `t` is drawn below it by rejection sampling and GMP's Euclid
    ///   runs on it, both of which show it.
    ///
    /// - Throws: ``BigNumError/Code/invalidModulus`` when `modulus` is below 2, or (practically never) when 64
    ///   random blinding factors in a row share a factor with it.
    package func secretInverse(modulo modulus: BigNum) throws(BigNumError) -> BigNum? {
        guard modulus.bitWidth >= 2 else {
            throw BigNumError(.invalidModulus, "inversion needs a modulus of at least 2")
        }
        for _ in 0..<64 {
            let t = try BigNum.random(in: 1..<modulus)
            let blinded = try secretMultiplied(by: t, modulo: modulus)
            if let blindedInverse = blinded.inverse(modulo: modulus) {
                return try blindedInverse.secretMultiplied(by: t, modulo: modulus)
            }
            // Either self or t shares a factor with the modulus; t alone is public randomness.
            if t.greatestCommonDivisor(with: modulus) == 1 {
                return nil
            }
        }
        // 64 blinding factors in a row shared a factor with the modulus (probability below 2^-60 unless the modulus
        // is made almost entirely of tiny factors). Never fall back to inverting the secret without blinding.
        throw BigNumError(.invalidModulus, "no blinding factor coprime to the modulus was found")
    }
}

// MARK: - Constant-time I2OSP

extension BigNum {
    /// I2OSP of a secret value: its big-endian representation in exactly `length` bytes, written by a loop whose
    /// memory accesses depend only on `length` (not on how many leading zero bytes the value has, which
    /// ``bigEndianBytes(count:)`` would reveal through `mpz_export`'s size — Manger's attack on OAEP).
    ///
    /// - Throws: ``BigNumError/Code/valueTooLarge`` when the value has more limbs than `length` bytes can hold, or
    ///   more than `length` bytes.
    package func secretBigEndianBytes(count length: Int) throws(BigNumError) -> [UInt8] {
        let limbBytes = MemoryLayout<mp_limb_t>.stride
        let limbCapacity = (max(length, 0) + limbBytes - 1) / limbBytes
        guard length >= 0, limbCount <= limbCapacity else {
            throw BigNumError(.valueTooLarge, "the value does not fit in \(length) bytes")
        }
        let limbs = LimbBuffer(copying: self, count: limbCapacity)
        var output = [UInt8](repeating: 0, count: length)
        var overflow: mp_limb_t = 0
        for limbIndex in 0..<limbCapacity {
            let limb = limbs.pointer[limbIndex]
            for byteIndex in 0..<limbBytes {
                let position = limbIndex * limbBytes + byteIndex  // 0 = least significant byte
                let byte = UInt8(truncatingIfNeeded: limb >> (8 * byteIndex))
                if position < length {  // depends on the public length only
                    output[length - 1 - position] = byte
                } else {
                    overflow |= mp_limb_t(byte)
                }
            }
        }
        guard overflow == 0 else {
            throw BigNumError(.valueTooLarge, "the value does not fit in \(length) bytes")
        }
        return output
    }
}

// MARK: - Limb helpers

extension BigNum {
    /// Writes `self mod m` into the first `m.count` limbs of `destination`, with `mpn_sec_div_r`.
    ///
    /// - Requires: `destination.count >= m.count`, `m` normalized (top limb non-zero).
    func reduceConstantTime(into destination: LimbBuffer, modulus m: LimbBuffer) {
        let n = m.count
        let used = limbCount
        if used < n {
            // Fewer limbs than the modulus, whose top limb is non-zero: already reduced.
            copyLimbs(into: UnsafeMutableBufferPointer(start: destination.pointer, count: n))
            return
        }
        let numerator = LimbBuffer(copying: self, count: used)
        let scratch = LimbBuffer(count: Int(__gmpn_sec_div_r_itch(used, n)))
        __gmpn_sec_div_r(numerator.pointer, used, m.pointer, n, scratch.pointer)
        destination.assign(from: numerator, count: n)
    }
}
