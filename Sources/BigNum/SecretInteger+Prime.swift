internal import CGMP

// Secret random primes for RSA key generation, with no secret-dependent branch or variable-time call on the prime
// that is kept. Rejected candidates are discarded, so the verdict on each (composite, has a small factor, not
// acceptable) is declassified: it tells nothing about the prime that is finally returned, for which every test
// passes.

extension SecretInteger {
    /// A random probable prime p of exactly `bits` bits with its two top bits set and p ≡ 3 (mod 4), from the system
    /// CSPRNG (FIPS 186-5 §A.1.3, random probable primes).
    ///
    /// Each candidate is fresh randomness. It is trial-divided by the odd primes below 2^10 with branch-free
    /// Barrett reductions, then tested with ``BigNum/millerRabinRounds(forBits:)`` Miller–Rabin
    /// rounds (FIPS 186-5 §B.3.1) on the Montgomery ladder of ``MontgomeryDomain``. p ≡ 3 (mod 4) makes w − 1 = 2·m with m odd, so each round is
    /// one exponentiation b^m and one comparison with ±1: the round's squaring loop, whose length would depend on
    /// the secret number of trailing zeros of w − 1, does not exist. `acceptable` returns a mask (all ones to keep
    /// the prime, e.g. gcd(e, p − 1) = 1), computed without branches; it is asked only of probable primes.
    ///
    /// - Throws: ``BigNumError/Code/invalidBitCount`` for fewer than 128 bits.
    package static func randomPrime(
        bits: Int, where acceptable: (SecretInteger) -> UInt = { _ in ~0 }
    ) throws(BigNumError) -> SecretInteger {
        guard bits >= 128 else {
            throw BigNumError(.invalidBitCount, "secret primes need at least 128 bits")
        }
        let rounds = BigNum.millerRabinRounds(forBits: bits)
        let limbs = (bits + BigNum.limbBits - 1) / BigNum.limbBits
        let topBits = bits - (limbs - 1) * BigNum.limbBits
        while true {
            let candidate = LimbBuffer(count: limbs)
            SystemRandom.fill(limbs: candidate.pointer, count: limbs)
            let top = candidate.pointer + (limbs - 1)
            if topBits < BigNum.limbBits {
                top.pointee &= (1 << mp_limb_t(topBits)) - 1
            }
            // The two top bits (so p·q has exactly 2·bits bits) and the two low bits (odd, ≡ 3 mod 4).
            top.pointee |= 3 << mp_limb_t(topBits - 2)
            candidate.pointer[0] |= 3
            let w = SecretInteger(adopting: candidate)
            guard !ConstantTimeAudit.declassify(mask: w.hasSmallFactorMask) else { continue }
            guard try w.passesMillerRabin(rounds: rounds) else { continue }
            guard ConstantTimeAudit.declassify(mask: acceptable(w)) else { continue }
            return w
        }
    }

    /// Whether this odd value (above 2^10) is divisible by an odd prime below 2^10: for each group of primes whose
    /// product fits in 32 bits, the residue modulo the product by Horner's rule over 32-bit halves of the limbs, each
    /// step a branch-free Barrett reduction (the value never sees `mpn_sec_div_r`, whose one-limb set-up costs more
    /// than the reduction), then the residue modulo each prime of the group.
    ///
    /// The bound 2^10 balances the constant-time sieve (every candidate pays for every prime) against Miller–Rabin
    /// on the survivors (about 16% of odd candidates survive, against 12% with the primes below 2^14, each costing a
    /// 1024-bit exponentiation of about 330 µs).
    var hasSmallFactorMask: UInt {
        var divisible: UInt = 0
        for group in SmallPrimeTable.sieveGroups {
            var residue: UInt = 0
            var index = limbCount - 1
            while index >= 0 {
                let limb = UInt(storage.pointer[index])
                residue = group.product.reduce(residue << 32 | limb >> 32)
                residue = group.product.reduce(residue << 32 | limb & 0xFFFF_FFFF)
                index -= 1
            }
            for prime in group.primes {
                divisible |= ConstantTime.isZeroMask(prime.reduce(residue))
            }
        }
        return divisible
    }

    /// Miller–Rabin for w ≡ 3 (mod 4) (FIPS 186-5 §B.3.1 with a = 1): for each random base b in [2, w − 2],
    /// z = b^((w−1)/2) mod w must be 1 or w − 1. Each round's verdict is declassified: a composite is discarded, and
    /// for a prime every round passes.
    func passesMillerRabin(rounds: Int) throws(BigNumError) -> Bool {
        let modulus = try SecretModulus(secret: self)
        let wMinusOne = clearingLowestBit()
        // 1–2. w − 1 = 2 · m with m odd: m = w >> 1.
        let m = shiftedRightByOne()
        // Montgomery arithmetic modulo w with constants from branch-free code (GMP's would look w up in tables).
        let domain = try MontgomeryDomain(modulus: modulus, maximumInputLimbs: 0)
        for _ in 0..<rounds {
            // 4.1–4.2. b uniform in [2, w − 2], drawn directly in Montgomery form (no conversion, no R^2 mod w).
            let bMontgomery = try domain.randomNontrivialMontgomeryForm()
            // 4.3. z = b^m mod w.
            let z = domain.ordinaryValue(domain.power(bMontgomery, secretExponent: m))
            // 4.4. z = 1 or z = w − 1: this round passes (a = 1: there is no squaring loop, step 4.5).
            let passes = z.equalMask(BigNum(1)) | z.equalMask(wMinusOne)
            guard ConstantTimeAudit.declassify(mask: passes) else { return false }
        }
        return true
    }
}

/// Branch-free reduction of a word modulo a small public odd number d (< 2^32), by Barrett's method.
struct SmallModulus: Sendable {
    /// d.
    let value: UInt
    /// ⌊(2^64 − 1) / d⌋.
    let reciprocal: UInt

    init(_ value: UInt) {
        self.value = value
        reciprocal = UInt.max / value
    }

    /// `x mod d`: the estimate q = ⌊x · ⌊2^64/d⌋ / 2^64⌋ is ⌊x/d⌋ or one less, so x − q·d < 2d needs at most one
    /// subtraction, done with a mask.
    @inline(__always)
    func reduce(_ x: UInt) -> UInt {
        let q = x.multipliedFullWidth(by: reciprocal).high
        let r = x &- q &* value
        let candidate = r &- value
        // r < 2d < 2^33: the subtraction borrows exactly when r < d, and then the top bit of the difference is set.
        let keep = 0 &- (candidate >> UInt(UInt.bitWidth - 1))  // all ones when r < d
        return ConstantTime.select(keep, r, candidate)
    }
}

/// The odd primes below 2^10 in groups, for the constant-time sieve.
enum SmallPrimeTable {
    /// One group: the product of its primes, and each prime as a ``SmallModulus``.
    struct Group: Sendable {
        let product: SmallModulus
        let primes: [SmallModulus]
    }

    /// The odd primes below 2^10 in groups whose product is below 2^32 (so that a 32-bit step of Horner's rule
    /// stays below 2^64), the constant-time sieve's, built once.
    static let sieveGroups: [Group] = {
        var groups: [Group] = []
        var members: [UInt] = []
        var product: UInt = 1
        for prime in BigNum.smallPrimes where prime < 1 << 10 {
            if product * prime >= 1 << 32 {
                groups.append(Group(product: SmallModulus(product), primes: members.map(SmallModulus.init)))
                members = []
                product = 1
            }
            members.append(prime)
            product *= prime
        }
        if !members.isEmpty {
            groups.append(Group(product: SmallModulus(product), primes: members.map(SmallModulus.init)))
        }
        return groups
    }()
}
