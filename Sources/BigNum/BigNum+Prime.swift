internal import CGMP

// Probable primes for public use (and the small-prime tables the constant-time sieve of key generation shares).
// The package's key generation does not use these: its primes are secret (`SecretInteger+Prime.swift`).

extension BigNum {
    /// The odd primes below 2^14, for trial division of prime candidates.
    static let smallPrimes: [UInt] = {
        let limit = 1 << 14
        var composite = [Bool](repeating: false, count: limit)
        var primes: [UInt] = []
        var candidate = 3
        while candidate < limit {
            if !composite[candidate] {
                primes.append(UInt(candidate))
                var multiple = candidate * candidate
                while multiple < limit {
                    composite[multiple] = true
                    multiple += 2 * candidate
                }
            }
            candidate += 2
        }
        return primes
    }()

    /// Products of consecutive small primes that fit in a machine word, with the primes in each product, so a
    /// candidate is trial-divided with one multi-precision division per group.
    static let smallPrimeGroups: [(product: UInt, primes: [UInt])] = {
        var groups: [(UInt, [UInt])] = []
        var product: UInt = 1
        var members: [UInt] = []
        for prime in smallPrimes {
            let (next, overflow) = product.multipliedReportingOverflow(by: prime)
            if overflow {
                groups.append((product, members))
                product = prime
                members = [prime]
            } else {
                product = next
                members.append(prime)
            }
        }
        if !members.isEmpty { groups.append((product, members)) }
        return groups
    }()

    /// Miller–Rabin rounds for a random candidate of `bits` bits: at least FIPS 186-5 Table B.1
    /// (5 for 1024-bit primes of RSA-2048, 4 for 1536- and 2048-bit primes), more below those sizes.
    public static func millerRabinRounds(forBits bits: Int) -> Int {
        switch bits {
        case 2048...: return 4
        case 1536..<2048: return 4
        case 1024..<1536: return 5
        case 512..<1024: return 8
        default: return 40
        }
    }

    /// A random probable prime of exactly `bits` bits with its two top bits set (so a product of two such primes
    /// has exactly `2·bits` bits), from the system CSPRNG.
    ///
    /// Each candidate is fresh randomness (FIPS 186-5 §A.1.3), trial-divided by the odd primes below 2^14, then
    /// tested with ``millerRabinRounds(forBits:)`` Miller–Rabin rounds whose exponentiations are constant-time
    /// (the candidate is a future secret). `acceptable` may reject a prime (e.g. gcd(e, p − 1) ≠ 1); it is
    /// called only on candidates that passed the primality test.
    ///
    /// - Throws: ``BigNumError/Code/invalidBitCount`` for fewer than 16 bits.
    public static func randomPrime(
        bits: Int,
        where acceptable: (BigNum) -> Bool = { _ in true }
    ) throws(BigNumError) -> BigNum {
        guard bits >= 16 else {
            throw BigNumError(.invalidBitCount, "probable primes need at least 16 bits")
        }
        let rounds = millerRabinRounds(forBits: bits)
        while true {
            let candidate = randomBits(bits).withTopTwoBitsAndLowBitSet(bits: bits)
            guard !candidate.hasSmallFactor else { continue }
            guard try candidate.passesMillerRabin(rounds: rounds) else { continue }
            if acceptable(candidate) {
                return candidate
            }
        }
    }

    /// Whether this value is a probable prime: trial division, then `rounds` Miller–Rabin rounds with random
    /// bases from the system CSPRNG.
    public func isProbablePrime(rounds: Int) -> Bool {
        if self < 2 { return false }
        if self < BigNum(1 << 28) {
            // Small enough for exact trial division.
            let value = UInt(__gmpz_get_ui(mpz))
            if value == 2 { return true }
            if value % 2 == 0 { return false }
            var divisor: UInt = 3
            while divisor * divisor <= value {
                if value % divisor == 0 { return false }
                divisor += 2
            }
            return true
        }
        if isEven || hasSmallFactor { return false }
        return (try? passesMillerRabin(rounds: max(rounds, 1))) ?? false
    }

    /// Sets bit 0 and the two top bits of a value below 2^bits.
    private func withTopTwoBitsAndLowBitSet(bits: Int) -> BigNum {
        var result = self
        result.withMutableMPZ { z in
            __gmpz_setbit(z, mp_bitcnt_t(bits - 1))
            __gmpz_setbit(z, mp_bitcnt_t(bits - 2))
            __gmpz_setbit(z, 0)
        }
        return result
    }

    /// Whether an odd value above 2^14 is divisible by an odd prime below 2^14.
    var hasSmallFactor: Bool {
        for group in BigNum.smallPrimeGroups {
            let residue = UInt(__gmpz_fdiv_ui(mpz, group.product))
            for prime in group.primes where residue % prime == 0 {
                return true
            }
        }
        return false
    }

    /// Miller–Rabin (FIPS 186-5 §B.3.1) on an odd value ≥ 5, with constant-time exponentiations.
    func passesMillerRabin(rounds: Int) throws(BigNumError) -> Bool {
        let one: BigNum = 1
        let minusOne = try subtracting(one)
        // 1–2. w − 1 = 2^a · m with m odd.
        let a = Int(__gmpz_scan1(minusOne.mpz, 0))
        let m = minusOne.shiftedRight(by: a)
        for _ in 0..<rounds {
            // 4.1–4.2. A random base b with 1 < b < w − 1.
            let b = try BigNum.random(in: 2..<minusOne)
            // 4.3. z = b^m mod w.
            var z = try b.secretPower(m, modulus: self)
            // 4.4. If z = 1 or z = w − 1, continue with the next round.
            if z == one || z == minusOne { continue }
            // 4.5. Square up to a − 1 times looking for w − 1.
            var witnessed = true
            for _ in 1..<max(a, 1) {
                z = try z.secretMultiplied(by: z, modulo: self)
                if z == minusOne {
                    witnessed = false
                    break
                }
                if z == one { break }
            }
            // 4.7. Composite.
            if witnessed { return false }
        }
        // 5. Probably prime.
        return true
    }
}
