internal import CGMP

/// A secret exponent d modulo n = p·q in CRT form (p, q, dP, dQ, qInv), held as fixed-size limb images, with the
/// one operation it exists for: `x^d mod n`, blinded, on the constant-time primitives.
///
/// This is the engine under the RSA private-key primitives (RFC 8017 §5.1.2 RSADP, §5.2.1 RSASP1). Each call of
/// ``blindedPower(_:parallel:)``:
/// 1. draws a fresh blinding factor r, uniform among the units of Z_n, from the system CSPRNG, as its two CRT
///    residues r_p ∈ [1, p) and r_q ∈ [1, q) (a uniform unit of Z_n is exactly a pair of uniform units of Z_p and
///    Z_q);
/// 2. per prime, blinds the base, x'_p = (x mod p) · r_p^e mod p, with `mpn_sec_powm` over the public exponent;
/// 3. exponentiates, m'_p = x'_p^dP mod p, with `mpn_sec_powm` over the full limb length of p (the exponent's bit
///    length does not show);
/// 4. unblinds, m_p = m'_p · r_p^−1 mod p (r_p^−1 comes from a blinded inversion: GMP's variable-time inversion
///    only ever sees r_p · t for a fresh uniform t);
/// 5. recombines with Garner's formula on the constant-time limb arithmetic: h = (m_p − m_q) · qInv mod p,
///    m = m_q + q · h.
///
/// Every intermediate is a limb array of a size fixed by p and q, in one scratch arena per prime that is wiped
/// before it is freed, and the limb images of the key are wiped when the last reference goes away. The caller
/// checks the result (the RSA fault-attack check, with the public key) before releasing it.
///
/// Instances are immutable and may be shared between threads; every call works in its own scratch space.
public final class CRTPrivateExponent: @unchecked Sendable {
    // Immutable after init; read concurrently by calls on several threads, written by none.
    private let first: Half
    private let second: Half
    /// qInv = q^−1 mod p, `first.limbs` limbs.
    private let coefficient: LimbBuffer
    /// The public exponent e (e · d ≡ 1 modulo p − 1 and q − 1), for the blinding.
    private let publicExponent: LimbBuffer
    private let publicExponentBits: Int

    /// The limb images of one prime and its CRT exponent.
    private struct Half {
        let prime: LimbBuffer
        let exponent: LimbBuffer
        /// Limbs of the prime (and of every value reduced modulo it).
        let limbs: Int
        /// Bits of the prime, for sampling below it.
        let bits: Int
        /// The prime as a value, for the (blinded) inversion.
        let value: BigNum
    }

    /// Precomputes the limb images of a CRT private exponent.
    ///
    /// The caller (an RSA private key) has validated the values' consistency; this checks what the limb
    /// arithmetic itself needs: odd primes of at least 3, exponents in `[1, prime)`, `qInv < p`, `e > 0`.
    ///
    /// - Throws: ``BigNumError/Code/invalidModulus`` or ``BigNumError/Code/invalidExponent``.
    public init(
        prime1 p: BigNum, prime2 q: BigNum, exponent1 dP: BigNum, exponent2 dQ: BigNum, coefficient qInv: BigNum,
        publicExponent e: BigNum
    ) throws(BigNumError) {
        for prime in [p, q] where !prime.isOdd || prime.bitWidth < 2 {
            throw BigNumError(.invalidModulus, "the CRT primes must be odd and at least 3")
        }
        guard !dP.isZero, dP < p, !dQ.isZero, dQ < q else {
            throw BigNumError(.invalidExponent, "the CRT exponents must lie in [1, prime)")
        }
        guard qInv < p else {
            throw BigNumError(.invalidModulus, "the CRT coefficient must be below p")
        }
        guard !e.isZero else {
            throw BigNumError(.invalidExponent, "the public exponent must be positive")
        }
        first = Half(
            prime: LimbBuffer(copying: p, count: p.limbCount),
            exponent: LimbBuffer(copying: dP, count: p.limbCount), limbs: p.limbCount, bits: p.bitWidth, value: p)
        second = Half(
            prime: LimbBuffer(copying: q, count: q.limbCount),
            exponent: LimbBuffer(copying: dQ, count: q.limbCount), limbs: q.limbCount, bits: q.bitWidth, value: q)
        coefficient = LimbBuffer(copying: qInv, count: p.limbCount)
        publicExponent = LimbBuffer(copying: e, count: e.limbCount)
        publicExponentBits = e.bitWidth
    }

    /// A deliberate error for tests of the caller's fault check. Reachable only from inside the package.
    package enum Fault: Sendable {
        /// Flip the lowest bit of m_p before the recombination (the Bellcore fault).
        case corruptFirstHalf
    }

    /// `x^d mod n`, blinded with a fresh random r, on the constant-time primitives.
    ///
    /// - Parameters:
    ///   - x: the base, below n = p·q (the caller checks the range: RSA's "representative out of range").
    ///   - parallel: compute the half modulo q on a helper thread while this one computes the half modulo p
    ///     (lower latency on two or more cores; the same result). When the helper is busy with another call's
    ///     half, this call computes both halves itself.
    /// - Returns: `x^d mod n`, unchecked: the caller verifies it with the public key before releasing it.
    /// - Throws: ``BigNumError/Code/valueTooLarge`` when `x` has more limbs than n;
    ///   ``BigNumError/Code/invalidModulus`` when (practically never) 64 random draws in a row found no unit
    ///   below a prime, which means the key's primes are not primes.
    public func blindedPower(_ x: BigNum, parallel: Bool = false) throws(BigNumError) -> BigNum {
        try blindedPower(x, parallel: parallel, fault: nil)
    }

    /// ``blindedPower(_:parallel:)`` with an optional injected fault, for tests.
    package func blindedPower(_ x: BigNum, parallel: Bool, fault: Fault?) throws(BigNumError) -> BigNum {
        guard x.limbCount <= first.limbs + second.limbs else {
            throw BigNumError(.valueTooLarge, "the base has more limbs than the modulus")
        }
        let m1: HalfResult
        let m2: HalfResult
        if parallel {
            // The half modulo q on the helper thread; here, after the first, when the helper is busy or has not
            // started it by then.
            let work = SecondHalfWork()
            let ticket = CRTHelperThread.shared.tryPost { [self] in
                work.result = Result { () throws(BigNumError) -> HalfResult in try power(x, half: second) }
                work.done.signal()
            }
            let local = Result { () throws(BigNumError) -> HalfResult in try power(x, half: first) }
            if let ticket, !CRTHelperThread.shared.reclaimIfNotStarted(ticket) {
                work.done.wait()
            } else {
                work.result = Result { () throws(BigNumError) -> HalfResult in try power(x, half: second) }
            }
            m1 = try local.get()
            m2 = try work.result.get()
        } else {
            m1 = try power(x, half: first)
            m2 = try power(x, half: second)
        }
        if fault == .corruptFirstHalf {
            m1.limbs[0] ^= 1
        }
        // The halves' arenas must outlive the pointers into them that the recombination reads.
        return withExtendedLifetime((m1, m2)) { recombine(m1.limbs, m2.limbs) }
    }

    // MARK: - One half

    /// One half's result, m_P = x^dP mod P, in the (wiped-on-release) workspace that computed it.
    private struct HalfResult {
        let workspace: Workspace
        var limbs: UnsafeMutablePointer<mp_limb_t> { workspace.slot(0) }
    }

    /// The second half's result, handed over from the helper thread: written before `done` is signalled (a
    /// releasing store), read after `done.wait()` returns (an acquiring load). That ordering makes the unchecked
    /// sendability sound.
    private final class SecondHalfWork: @unchecked Sendable {
        let done = CompletionFlag()
        var result: Result<HalfResult, BigNumError> = .failure(
            BigNumError(.invalidModulus, "the second CRT half was not computed"))
    }

    /// Steps 1–4 for one prime P: m_P = x^dP mod P, blinded.
    private func power(_ x: BigNum, half: Half) throws(BigNumError) -> HalfResult {
        let n = half.limbs
        let work = Workspace(
            half: half, slots: 6, totalLimbs: first.limbs + second.limbs, publicExponentBits: publicExponentBits)
        let result = work.slot(0)
        let r = work.slot(1)
        let t = work.slot(2)
        let rInverse = work.slot(3)
        let rToE = work.slot(4)
        let base = work.slot(5)
        let p = half.prime.pointer

        // 1. r_P uniform in [1, P) and its inverse, by a blinded inversion: invert u = r_P · t for a fresh uniform
        //    t (u is uniform and independent of r_P), then r_P^−1 = u^−1 · t.
        var found = false
        for _ in 0..<64 {
            try work.sampleBelowPrime(into: r)
            try work.sampleBelowPrime(into: t)
            work.multiplyModulo(r, t, into: rInverse)
            if work.invertBlinded(rInverse) {
                work.multiplyModulo(rInverse, t, into: rInverse)
                found = true
                break
            }
        }
        guard found else {
            throw BigNumError(.invalidModulus, "no invertible blinding factor was found: the prime is not prime")
        }
        // 2. x'_P = (x mod P) · r_P^e mod P. The exponent e is public, so its bit length may show.
        __gmpn_sec_powm(rToE, r, n, publicExponent.pointer, mp_bitcnt_t(publicExponentBits), p, n, work.scratch)
        work.reduce(x, into: base)
        work.multiplyModulo(base, rToE, into: base)
        // 3. m'_P = x'_P^dP mod P, the exponent processed at the full limb length of P.
        __gmpn_sec_powm(result, base, n, half.exponent.pointer, mp_bitcnt_t(n * BigNum.limbBits), p, n, work.scratch)
        // 4. m_P = m'_P · r_P^−1 mod P.
        work.multiplyModulo(result, rInverse, into: result)
        return HalfResult(workspace: work)
    }

    /// The limb memory of one half's computation, in one buffer that is wiped when it is released: `slots`
    /// values of n limbs, a double-width product, a numerator of n_p + n_q limbs, and GMP's scratch.
    private struct Workspace {
        let half: Half
        let storage: LimbBuffer
        let product: UnsafeMutablePointer<mp_limb_t>
        let numerator: UnsafeMutablePointer<mp_limb_t>
        let numeratorLimbs: Int
        let scratch: UnsafeMutablePointer<mp_limb_t>

        init(half: Half, slots: Int, totalLimbs: Int, publicExponentBits: Int) {
            let n = half.limbs
            let numeratorLimbs = max(totalLimbs, n)
            let scratchLimbs = max(
                Int(__gmpn_sec_powm_itch(n, mp_bitcnt_t(n * BigNum.limbBits), n)),
                Int(__gmpn_sec_powm_itch(n, mp_bitcnt_t(publicExponentBits), n)),
                Int(__gmpn_sec_mul_itch(n, n)),
                Int(__gmpn_sec_div_r_itch(2 * n, n)),
                Int(__gmpn_sec_div_r_itch(numeratorLimbs, n)),
                n
            )
            self.half = half
            self.numeratorLimbs = numeratorLimbs
            storage = LimbBuffer(count: slots * n + 2 * n + numeratorLimbs + scratchLimbs)
            product = storage.pointer + slots * n
            numerator = product + 2 * n
            scratch = numerator + numeratorLimbs
        }

        /// The `index`-th value slot (n limbs).
        func slot(_ index: Int) -> UnsafeMutablePointer<mp_limb_t> {
            storage.pointer + index * half.limbs
        }

        /// Draws a uniform value in [1, P) into `destination` (n limbs) by rejection sampling from the system
        /// CSPRNG. The tests are branch-free over all limbs, so a draw shows nothing of its value but whether it
        /// was accepted.
        func sampleBelowPrime(into destination: UnsafeMutablePointer<mp_limb_t>) throws(BigNumError) {
            let n = half.limbs
            let topBits = half.bits - (n - 1) * BigNum.limbBits
            let topMask: mp_limb_t = topBits >= BigNum.limbBits ? ~0 : (1 << mp_limb_t(topBits)) - 1
            for _ in 0..<128 {
                SystemRandom.fill(limbs: destination, count: n)
                destination[n - 1] &= topMask
                // below: the borrow of candidate − P; nonZero: the OR of all limbs.
                let below = __gmpn_sub_n(scratch, destination, half.prime.pointer, n)
                var nonZero: mp_limb_t = 0
                for index in 0..<n {
                    nonZero |= destination[index]
                }
                if below == 1 && nonZero != 0 {
                    return
                }
            }
            // Each draw is accepted with probability above 1/2: 128 rejections in a row do not happen.
            throw BigNumError(.invalidModulus, "no random value below the prime was found")
        }

        /// `a · b mod P` into `destination` (n limbs; `destination` may be `a` or `b`).
        func multiplyModulo(
            _ a: UnsafeMutablePointer<mp_limb_t>, _ b: UnsafeMutablePointer<mp_limb_t>,
            into destination: UnsafeMutablePointer<mp_limb_t>
        ) {
            let n = half.limbs
            __gmpn_sec_mul(product, a, n, b, n, scratch)
            __gmpn_sec_div_r(product, 2 * n, half.prime.pointer, n, scratch)
            destination.update(from: product, count: n)
        }

        /// `value mod P` into `destination` (n limbs), with `mpn_sec_div_r` over n_p + n_q limbs.
        ///
        /// - Requires: `value.limbCount <= numeratorLimbs`.
        func reduce(_ value: BigNum, into destination: UnsafeMutablePointer<mp_limb_t>) {
            let n = half.limbs
            value.copyLimbs(into: UnsafeMutableBufferPointer(start: numerator, count: numeratorLimbs))
            __gmpn_sec_div_r(numerator, numeratorLimbs, half.prime.pointer, n, scratch)
            destination.update(from: numerator, count: n)
        }

        /// Replaces a *uniformly random, blinded* residue u modulo P by its inverse, with GMP's variable-time
        /// inversion (which therefore sees nothing secret); `false` when u is not invertible.
        func invertBlinded(_ u: UnsafeMutablePointer<mp_limb_t>) -> Bool {
            let n = half.limbs
            let value = BigNum.fromLimbs(UnsafeBufferPointer(start: u, count: n))
            guard let inverse = value.inverse(modulo: half.value) else { return false }
            inverse.copyLimbs(into: UnsafeMutableBufferPointer(start: u, count: n))
            return true
        }
    }

    // MARK: - Recombination

    /// Step 5, Garner: h = (m_p − m_q) · qInv mod p, m = m_q + q · h, on fixed limb counts.
    private func recombine(_ mp: UnsafeMutablePointer<mp_limb_t>, _ mq: UnsafeMutablePointer<mp_limb_t>) -> BigNum {
        let np = first.limbs
        let nq = second.limbs
        let total = np + nq
        let scratchCount = max(
            Int(__gmpn_sec_div_r_itch(max(nq, np), np)), Int(__gmpn_sec_mul_itch(np, np)),
            Int(__gmpn_sec_div_r_itch(2 * np, np)), Int(__gmpn_sec_mul_itch(max(np, nq), min(np, nq))))
        // Layout: m_q mod p (max(np, nq)), h·qInv product (2np), m (total), m_q padded (total), scratch.
        let wide = max(np, nq)
        let storage = LimbBuffer(count: wide + 2 * np + 2 * total + scratchCount)
        let mqModP = storage.pointer
        let product = mqModP + wide
        let m = product + 2 * np
        let mqPadded = m + total
        let tp = mqPadded + total
        // m_q mod p (m_q has nq limbs; when nq < np it is already below p, since then q < p).
        mqModP.update(from: mq, count: nq)
        if nq >= np {
            __gmpn_sec_div_r(mqModP, nq, first.prime.pointer, np, tp)
        }
        // h = (m_p − m_q) mod p: subtract, and add p back on borrow (a conditional add, not a branch).
        let borrow = __gmpn_sub_n(mqModP, mp, mqModP, np)
        _ = __gmpn_cnd_add_n(borrow, mqModP, mqModP, first.prime.pointer, np)
        // h = h · qInv mod p.
        __gmpn_sec_mul(product, mqModP, np, coefficient.pointer, np, tp)
        __gmpn_sec_div_r(product, 2 * np, first.prime.pointer, np, tp)
        // m = m_q + q · h  (< q · p, so it fits in np + nq limbs with no carry out).
        if nq >= np {
            __gmpn_sec_mul(m, second.prime.pointer, nq, product, np, tp)
        } else {
            __gmpn_sec_mul(m, product, np, second.prime.pointer, nq, tp)
        }
        mqPadded.update(from: mq, count: nq)
        _ = __gmpn_add_n(m, m, mqPadded, total)
        return withExtendedLifetime(storage) { BigNum.fromLimbs(UnsafeBufferPointer(start: m, count: total)) }
    }
}
