internal import CGMP

// Everything in this file runs in time that depends on the operands' values: use it on public values only
// (moduli, public exponents, ciphertexts, signatures), never on private keys, blinding factors or plaintexts
// whose timing matters. The constant-time counterparts are in `BigNum+ConstantTime.swift`.

// MARK: - Properties

extension BigNum {
    /// The number of significant bits (0 for zero).
    public var bitWidth: Int {
        cgmp_mpz_sgn(mpz) == 0 ? 0 : Int(__gmpz_sizeinbase(mpz, 2))
    }

    /// Whether the value is zero.
    public var isZero: Bool { cgmp_mpz_sgn(mpz) == 0 }

    /// Whether the value is odd.
    public var isOdd: Bool { cgmp_mpz_odd_p(mpz) != 0 }

    /// Whether the value is even (zero is even).
    public var isEven: Bool { !isOdd }

    /// Whether bit `index` (0 = least significant) is set.
    public func testBit(_ index: Int) -> Bool {
        index >= 0 && __gmpz_tstbit(mpz, mp_bitcnt_t(index)) != 0
    }
}

// MARK: - Arithmetic

extension BigNum {
    /// The sum.
    public static func + (lhs: BigNum, rhs: BigNum) -> BigNum {
        make(capacityInBits: max(lhs.bitWidth, rhs.bitWidth) + 1) { __gmpz_add($0, lhs.mpz, rhs.mpz) }
    }

    /// The difference.
    ///
    /// - Throws: ``BigNumError/Code/negativeResult`` when `rhs > lhs`.
    public static func - (lhs: BigNum, rhs: BigNum) throws(BigNumError) -> BigNum {
        try lhs.subtracting(rhs)
    }

    /// The difference `self − other`.
    ///
    /// - Throws: ``BigNumError/Code/negativeResult`` when `other > self`.
    public func subtracting(_ other: BigNum) throws(BigNumError) -> BigNum {
        guard self >= other else {
            throw BigNumError(.negativeResult, "subtraction would go below zero")
        }
        return BigNum.make(capacityInBits: bitWidth) { __gmpz_sub($0, mpz, other.mpz) }
    }

    /// The product.
    public static func * (lhs: BigNum, rhs: BigNum) -> BigNum {
        make(capacityInBits: lhs.bitWidth + rhs.bitWidth) { __gmpz_mul($0, lhs.mpz, rhs.mpz) }
    }

    /// Truncating division: `self = quotient · divisor + remainder` with `remainder < divisor`.
    ///
    /// - Throws: ``BigNumError/Code/divisionByZero`` when `divisor` is zero (GMP would abort).
    public func quotientAndRemainder(dividingBy divisor: BigNum) throws(BigNumError) -> (
        quotient: BigNum, remainder: BigNum
    ) {
        guard !divisor.isZero else {
            throw BigNumError(.divisionByZero, "division by zero")
        }
        let quotient = Storage(capacityInBits: max(bitWidth - divisor.bitWidth + 1, 1))
        let remainder = Storage(capacityInBits: divisor.bitWidth)
        __gmpz_tdiv_qr(quotient.value, remainder.value, mpz, divisor.mpz)
        return (BigNum(storage: quotient), BigNum(storage: remainder))
    }

    /// `self mod modulus`, in `[0, modulus)`.
    ///
    /// - Throws: ``BigNumError/Code/divisionByZero`` when `modulus` is zero.
    public func reduced(modulo modulus: BigNum) throws(BigNumError) -> BigNum {
        guard !modulus.isZero else {
            throw BigNumError(.divisionByZero, "reduction modulo zero")
        }
        return BigNum.make(capacityInBits: modulus.bitWidth) { __gmpz_mod($0, mpz, modulus.mpz) }
    }

    /// `(self + other) mod modulus`.
    ///
    /// - Throws: ``BigNumError/Code/divisionByZero`` when `modulus` is zero.
    public func adding(_ other: BigNum, modulo modulus: BigNum) throws(BigNumError) -> BigNum {
        try (self + other).reduced(modulo: modulus)
    }

    /// `(self · other) mod modulus`.
    ///
    /// - Throws: ``BigNumError/Code/divisionByZero`` when `modulus` is zero.
    public func multiplied(by other: BigNum, modulo modulus: BigNum) throws(BigNumError) -> BigNum {
        try (self * other).reduced(modulo: modulus)
    }

    /// The inverse of `self` modulo `modulus`, or `nil` when none exists (gcd ≠ 1, or modulus ≤ 1).
    ///
    /// Variable-time: for a secret value use `secretInverse(modulo:)` (inside the package).
    public func inverse(modulo modulus: BigNum) -> BigNum? {
        guard modulus > 1 else { return nil }
        let result = Storage(capacityInBits: modulus.bitWidth)
        guard __gmpz_invert(result.value, mpz, modulus.mpz) != 0 else { return nil }
        return BigNum(storage: result)
    }

    /// The greatest common divisor (gcd(0, 0) = 0).
    public func greatestCommonDivisor(with other: BigNum) -> BigNum {
        BigNum.make(capacityInBits: min(max(bitWidth, 1), max(other.bitWidth, 1))) {
            __gmpz_gcd($0, mpz, other.mpz)
        }
    }

    /// `self · 2^count`.
    public func shiftedLeft(by count: Int) -> BigNum {
        BigNum.make(capacityInBits: bitWidth + max(count, 0)) { __gmpz_mul_2exp($0, mpz, mp_bitcnt_t(max(count, 0))) }
    }

    /// `⌊self / 2^count⌋`.
    public func shiftedRight(by count: Int) -> BigNum {
        BigNum.make(capacityInBits: max(bitWidth - max(count, 0), 1)) {
            __gmpz_tdiv_q_2exp($0, mpz, mp_bitcnt_t(max(count, 0)))
        }
    }
}

// MARK: - Variable-time exponentiation (public exponents only)

extension BigNum {
    /// `self^exponent mod modulus`, in time that depends on the exponent and the base.
    ///
    /// Use it for **public** exponents and public bases only (RSAEP, RSAVP1, verification). Secret exponents go
    /// through ``secretPower(_:modulus:)``; a secret base with a public exponent through
    /// `powerOfSecretBase(publicExponent:modulus:)` (inside the package).
    ///
    /// - Throws: ``BigNumError/Code/invalidModulus`` when `modulus` is zero.
    public func publicPower(_ exponent: BigNum, modulus: BigNum) throws(BigNumError) -> BigNum {
        guard !modulus.isZero else {
            throw BigNumError(.invalidModulus, "exponentiation modulo zero")
        }
        if exponent.bitWidth <= 64 && !exponent.isZero && modulus > 1 {
            return modulus.isOdd
                ? publicPowerMontgomery(exponent, modulus: modulus)
                : publicPowerBySquaring(exponent, modulus: modulus)
        }
        // Public-exponent path only: GMP's variable-time mpz_powm is acceptable here because neither operand is
        // secret. No private-key exponentiation reaches it; those run on the package's Montgomery ladder
        // (MontgomeryDomain, under CRTPrivateExponent) or on mpn_sec_powm (secretPower, public modulus).
        return BigNum.make(capacityInBits: modulus.bitWidth) { __gmpz_powm($0, mpz, exponent.mpz, modulus.mpz) }
    }

    /// Left-to-right square-and-multiply in Montgomery form for short public exponents (e = 65537) and an odd
    /// modulus: `mpn_sqr`/`mpn_mul_n` and ``MontgomeryReduction`` (on `mpn_addmul_1`), with one division
    /// to enter Montgomery form and none to leave it (the last multiplication is by the plain base, or a plain
    /// reduction). Cheaper at RSA sizes than `mpz_powm`, whose window table does not pay off for 17 bits, and
    /// than a division per step.
    private func publicPowerMontgomery(_ exponent: BigNum, modulus: BigNum) -> BigNum {
        let n = modulus.limbCount
        guard n > 0, let m = cgmp_mpz_limbs(modulus.mpz) else { return BigNum() }
        let reduction = MontgomeryReduction(modulus: m, limbs: n)
        // Layout: base (n), base·R mod m (n), accumulator (n), product (2n), quotient (n + 1), scratch (n); wiped
        // on release like every limb buffer (the base may be an RSAEP message representative).
        let work = LimbBuffer(count: 7 * n + 1)
        let base = work.pointer
        let baseMontgomery = base + n
        let accumulator = base + 2 * n
        let product = base + 3 * n
        let quotient = base + 5 * n
        let scratch = quotient + n + 1
        // base = self mod m.
        if self < modulus {
            copyLimbs(into: UnsafeMutableBufferPointer(start: base, count: n))
        } else {
            (try? reduced(modulo: modulus))?.copyLimbs(into: UnsafeMutableBufferPointer(start: base, count: n))
        }
        // base·R mod m, R = 2^(64n): divide base · R by m.
        (product + n).update(from: base, count: n)
        __gmpn_tdiv_qr(quotient, baseMontgomery, 0, product, 2 * n, m, n)

        reduction.power(
            exponent, base: base, baseMontgomery: baseMontgomery, into: accumulator, product: product,
            scratch: scratch, multiplication: .variableTime)
        // `work` owns every pointer above: keep it alive (and unwiped) until the result is copied out.
        return withExtendedLifetime(work) { BigNum.fromLimbs(UnsafeBufferPointer(start: accumulator, count: n)) }
    }

    /// Left-to-right square-and-multiply with plain multiplication and division, for short public exponents and
    /// an even modulus (Montgomery form needs an odd one).
    private func publicPowerBySquaring(_ exponent: BigNum, modulus: BigNum) -> BigNum {
        let bits = modulus.bitWidth
        let base = Storage(capacityInBits: bits)
        __gmpz_mod(base.value, mpz, modulus.mpz)
        let accumulator = Storage(capacityInBits: bits)
        __gmpz_set(accumulator.value, base.value)
        let product = Storage(capacityInBits: 2 * bits + BigNum.limbBits)
        var bit = exponent.bitWidth - 2
        while bit >= 0 {
            __gmpz_mul(product.value, accumulator.value, accumulator.value)
            __gmpz_tdiv_r(accumulator.value, product.value, modulus.mpz)
            if exponent.testBit(bit) {
                __gmpz_mul(product.value, accumulator.value, base.value)
                __gmpz_tdiv_r(accumulator.value, product.value, modulus.mpz)
            }
            bit -= 1
        }
        return BigNum(storage: accumulator)
    }
}
