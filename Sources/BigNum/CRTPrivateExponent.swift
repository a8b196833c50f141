internal import CGMP

/// A secret exponent d modulo n = p·q in CRT form (p, q, dP, dQ, qInv), held at fixed limb widths, with the one
/// operation it exists for: `x^d mod n`, blinded, on the constant-time primitives.
///
/// This is the engine under the RSA private-key primitives (RFC 8017 §5.1.2 RSADP, §5.2.1 RSASP1). Each call of
/// ``blindedPower(_:parallel:fault:)``:
/// 1. draws a fresh blinding factor r, uniform modulo the public n (n's width plus 64 random bits, reduced by one
///    Montgomery reduction), and its inverse by a blinded inversion *modulo the public n*: u = r·t·R^−1 mod n for
///    a second fresh t is uniform and independent of r, so it is declassified and inverted with GMP's
///    variable-time inversion, and r^−1 = t·u^−1·R^−1 mod n (no secret prime ever reaches `mpz_invert`);
/// 2. per prime P, in P's ``MontgomeryDomain`` (whose constants come from branch-free code, not from GMP's
///    tables indexed by the prime), brings r, r^−1 and x into Montgomery form and blinds the base,
///    x'_P = (x mod P) · r_P^e mod P (a square-and-multiply chain over the public e);
/// 3. exponentiates, m'_P = x'_P^dP mod P, with a fixed-window ladder over the full limb width of P on
///    `mpn_sec_sqr`/`mpn_sec_mul`, `mpn_redc_1` and `mpn_sec_tabselect` (the exponent's bit length does not show;
///    a zero base gives zero);
/// 4. unblinds, m_P = m'_P · r_P^−1 mod P;
/// 5. recombines with Garner's formula on fixed-width limb arithmetic: h = (m_p − m_q) · qInv mod p,
///    m = m_q + q · h, returned at n's width.
///
/// Every intermediate is a ``SecretInteger`` whose width is fixed by p, q and n, wiped when it is released. The
/// caller checks the result (the RSA fault-attack check, with the public key) before releasing it.
///
/// Instances are immutable and may be shared between threads; every call works in its own scratch space.
package final class CRTPrivateExponent: @unchecked Sendable {
    // Immutable after init; read concurrently by calls on several threads, written by none.
    private let first: Half
    private let second: Half
    /// qInv = q^−1 mod p, at p's width.
    private let coefficient: SecretInteger
    /// The public exponent e (e · d ≡ 1 modulo p − 1 and q − 1), for the blinding.
    private let publicExponent: BigNum
    /// The public modulus n = p·q.
    private let modulus: BigNum
    private let modulusLimbs: SecretModulus
    /// Montgomery arithmetic modulo the public n, for the blinding pair.
    private let modulusDomain: MontgomeryDomain

    /// One prime, its Montgomery domain and its CRT exponent.
    private struct Half: @unchecked Sendable {
        let prime: SecretModulus
        let domain: MontgomeryDomain
        let exponent: SecretInteger
    }

    /// The CRT form of a private key whose consistency the caller (an RSA private key) has checked.
    ///
    /// Checks what the limb arithmetic itself needs: p and q odd with non-zero top limbs, n = p·q, e > 0, dP, dQ
    /// non-zero. The verdicts are declassified (a key that fails is rejected, which is public).
    ///
    /// - Throws: ``BigNumError/Code/invalidModulus`` or ``BigNumError/Code/invalidExponent``.
    package init(
        prime1 p: SecretInteger, prime2 q: SecretInteger, exponent1 dP: SecretInteger, exponent2 dQ: SecretInteger,
        coefficient qInv: SecretInteger, publicExponent e: BigNum, modulus n: BigNum
    ) throws(BigNumError) {
        guard ConstantTimeAudit.declassify(mask: p.isOddMask & q.isOddMask) else {
            throw BigNumError(.invalidModulus, "the CRT primes must be odd")
        }
        let pModulus = try SecretModulus(secret: p)
        let qModulus = try SecretModulus(secret: q)
        guard ConstantTimeAudit.declassify(mask: p.multiplied(by: q).equalMask(n)), n.isOdd, n.bitWidth >= 4 else {
            throw BigNumError(.invalidModulus, "n is not the product of the CRT primes")
        }
        guard !e.isZero else {
            throw BigNumError(.invalidExponent, "the public exponent must be positive")
        }
        guard ConstantTimeAudit.declassify(mask: ~dP.isZeroMask & ~dQ.isZeroMask) else {
            throw BigNumError(.invalidExponent, "the CRT exponents must be positive")
        }
        let nLimbs = (n.bitWidth + BigNum.limbBits - 1) / BigNum.limbBits
        first = Half(
            prime: pModulus, domain: try MontgomeryDomain(modulus: pModulus, maximumInputLimbs: nLimbs),
            exponent: dP.resized(to: p.limbCount))
        second = Half(
            prime: qModulus, domain: try MontgomeryDomain(modulus: qModulus, maximumInputLimbs: nLimbs),
            exponent: dQ.resized(to: q.limbCount))
        coefficient = qInv.resized(to: p.limbCount)
        publicExponent = e
        modulus = n
        modulusLimbs = try SecretModulus(public: n)
        modulusDomain = try MontgomeryDomain(modulus: modulusLimbs, maximumInputLimbs: 0)
    }

    /// The same from caller-supplied values (tests): p, q, dP, dQ and qInv at their own limb counts.
    package convenience init(
        prime1 p: BigNum, prime2 q: BigNum, exponent1 dP: BigNum, exponent2 dQ: BigNum, coefficient qInv: BigNum,
        publicExponent e: BigNum
    ) throws(BigNumError) {
        guard p.isOdd, q.isOdd, p.bitWidth >= 2, q.bitWidth >= 2 else {
            throw BigNumError(.invalidModulus, "the CRT primes must be odd and at least 3")
        }
        guard !dP.isZero, dP < p, !dQ.isZero, dQ < q else {
            throw BigNumError(.invalidExponent, "the CRT exponents must lie in [1, prime)")
        }
        guard qInv < p else {
            throw BigNumError(.invalidModulus, "the CRT coefficient must be below p")
        }
        try self.init(
            prime1: SecretInteger(p, limbCount: p.limbCount), prime2: SecretInteger(q, limbCount: q.limbCount),
            exponent1: SecretInteger(dP, limbCount: p.limbCount), exponent2: SecretInteger(dQ, limbCount: q.limbCount),
            coefficient: SecretInteger(qInv, limbCount: p.limbCount), publicExponent: e, modulus: p * q)
    }

    /// The width of every result, n's limb count.
    package var resultLimbCount: Int { modulusLimbs.limbCount }

    /// A deliberate error for tests of the caller's fault check. Reachable only from inside the package.
    package enum Fault: Sendable {
        /// Flip the lowest bit of m_p before the recombination (the Bellcore fault).
        case corruptFirstHalf
    }

    /// `x^d mod n`, blinded with a fresh random r, on the constant-time primitives, at n's limb width.
    ///
    /// - Parameters:
    ///   - x: the (public) base, below n (the caller checks the range: RSA's "representative out of range").
    ///   - parallel: compute the half modulo q on the package's test helper thread (``CRTHelperThread/forTests``);
    ///     production callers pass their own helper to ``blindedPower(_:helper:fault:)``. When the helper is busy
    ///     with another call's half, this call computes both halves itself.
    ///   - fault: a deliberate fault, for tests.
    /// - Returns: `x^d mod n`, unchecked: the caller verifies it with the public key before releasing it.
    /// - Throws: ``BigNumError/Code/valueTooLarge`` when `x` has more limbs than n;
    ///   ``BigNumError/Code/invalidModulus`` when (practically never) 64 blinding factors in a row were not
    ///   invertible modulo n, which means n has small factors.
    package func blindedPower(_ x: BigNum, parallel: Bool, fault: Fault? = nil) throws(BigNumError) -> SecretInteger {
        try blindedPower(x, helper: parallel ? CRTHelperThread.forTests : nil, fault: fault)
    }

    /// `x^d mod n` as above, the half modulo q on `helper`'s thread when one is given.
    package func blindedPower(_ x: BigNum, helper: CRTHelperThread? = nil, fault: Fault? = nil) throws(BigNumError)
        -> SecretInteger
    {
        guard x.limbCount <= modulusLimbs.limbCount else {
            throw BigNumError(.valueTooLarge, "the base has more limbs than the modulus")
        }
        // 1. r and r^−1 modulo n.
        let (r, rInverse) = try blindingPair()
        let base = try SecretInteger(x, limbCount: modulusLimbs.limbCount)
        var m1: SecretInteger
        let m2: SecretInteger
        if let helper {
            // The half modulo q on the helper thread; here, after the first, when the helper is busy or has not
            // started it by then.
            let work = SecondHalfWork()
            let ticket = helper.tryPost { [self] in
                work.result = power(base, half: second, r: r, rInverse: rInverse)
                work.done.signal()
            }
            let local = power(base, half: first, r: r, rInverse: rInverse)
            if let ticket, !helper.reclaimIfNotStarted(ticket) {
                work.done.wait()
            } else {
                work.result = power(base, half: second, r: r, rInverse: rInverse)
            }
            m1 = local
            guard let result = work.result else {
                throw BigNumError(.invalidModulus, "the second CRT half was not computed")
            }
            m2 = result
        } else {
            m1 = power(base, half: first, r: r, rInverse: rInverse)
            m2 = power(base, half: second, r: r, rInverse: rInverse)
        }
        if fault == .corruptFirstHalf {
            m1 = m1.flippingLowestBit()
        }
        return recombine(m1, m2)
    }

    // MARK: - Blinding

    /// Step 1: r uniform modulo n and r^−1 mod n, by a blinded inversion modulo the public n, in n's Montgomery
    /// arithmetic: u = r·t·R^−1 mod n, then r^−1 = t·u^−1·R^−1 mod n (the factors R cancel), so no division runs.
    private func blindingPair() throws(BigNumError) -> (r: SecretInteger, rInverse: SecretInteger) {
        let domain = modulusDomain
        for _ in 0..<64 {
            let r = domain.randomElement()
            let t = domain.randomElement()
            // Declassification point: u = r·t·R^−1 mod n is uniform among the units of Z_n and independent of r
            // when t is a uniform unit, so it may be inverted in variable time.
            let u = domain.multiply(r, t).declassified()
            guard let uInverse = u.inverse(modulo: modulus) else {
                // r or t is not a unit (probability about 2^−1000 for an RSA modulus): draw again.
                continue
            }
            // r^−1 = t · u^−1 · R^−1 mod n.
            return (r, domain.multiply(t, try SecretInteger(uInverse, limbCount: modulusLimbs.limbCount)))
        }
        throw BigNumError(.invalidModulus, "no invertible blinding factor was found: n has small factors")
    }

    // MARK: - One half

    /// The second half's result, handed over from the helper thread: written before `done` is signalled (a
    /// releasing store), read after `done.wait()` returns (an acquiring load). That ordering makes the unchecked
    /// sendability sound.
    private final class SecondHalfWork: @unchecked Sendable {
        let done = CompletionFlag()
        var result: SecretInteger?
    }

    /// Steps 2–4 for one prime P, in P's Montgomery domain: the Montgomery form of m_P = x^dP mod P, blinded with r.
    private func power(
        _ x: SecretInteger, half: Half, r: SecretInteger, rInverse: SecretInteger
    ) -> SecretInteger {
        let domain = half.domain
        // 2. x'_P = (x mod P) · r_P^e mod P. The exponent e is public, so its bit length may show.
        let rToE = domain.power(domain.montgomeryForm(r), publicExponent: publicExponent)
        let blinded = domain.multiply(domain.montgomeryForm(x), rToE)
        BlindingObserver.notify(from: self, factor: r, prime: half.prime, blindedBase: domain.ordinaryValue(blinded))
        // 3. m'_P = x'_P^dP mod P, the exponent processed at the full limb width of P (a zero base gives zero).
        let blindedResult = domain.power(blinded, secretExponent: half.exponent)
        // 4. m_P = m'_P · r_P^−1 mod P.
        return domain.multiply(blindedResult, domain.montgomeryForm(rInverse))
    }

    // MARK: - Recombination

    /// Step 5, Garner, from the halves' Montgomery forms: h = (m_p − m_q) · qInv mod p (the Montgomery product of
    /// (m_p − m_q)·R with qInv leaves Montgomery form), m = m_q + q · h (< q · p = n), at n's width.
    private func recombine(_ mpMontgomery: SecretInteger, _ mqMontgomery: SecretInteger) -> SecretInteger {
        let p = first.domain
        let mq = second.domain.ordinaryValue(mqMontgomery)
        let h = p.multiply(p.subtract(mpMontgomery, p.montgomeryForm(mq)), coefficient)
        // m = m_q + q · h < n: it fits in n's width, and the sum's limbs above it are zero.
        let qTimesH = SecretInteger(adopting: second.prime.limbs).multiplied(by: h)
        return qTimesH.adding(mq, width: qTimesH.limbCount).resized(to: modulusLimbs.limbCount)
    }
}
