import BigNum

extension RSAPrivateKey {
    /// The modulus sizes ``generate(bits:)`` offers.
    public static let generatableModulusBits: Set<Int> = [2048, 3072, 4096]

    /// Generates a new key with e = 65537, following FIPS 186-5 §A.1.3 (random probable primes), with no
    /// secret-dependent branch or variable-time call on the primes that are kept.
    ///
    /// Conditions enforced: p and q are probable primes of `bits/2` bits with their two top bits set (so
    /// p, q ≥ √2 · 2^(bits/2 − 1) and n has exactly `bits` bits) and p ≡ q ≡ 3 (mod 4) (Miller–Rabin then needs no
    /// secret-length squaring loop); gcd(e, p − 1) = gcd(e, q − 1) = 1; |p − q| > 2^(bits/2 − 100);
    /// gcd((p − 1)/2, (q − 1)/2) = 1, so that λ(n) = (p − 1)(q − 1)/2 needs no division by a secret gcd (a second
    /// prime that fails this, about one in five, is drawn again); d = e^−1 mod λ(n) with d > 2^(bits/2). All
    /// randomness comes from the system CSPRNG. Each test's verdict on a *rejected* candidate is declassified;
    /// nothing about the primes that are kept reaches a branch.
    ///
    /// - Parameter bits: 2048, 3072 or 4096.
    /// - Throws: ``RSAError/Code/unsupportedKeySize`` for any other size.
    public static func generate(bits: Int) throws(RSAError) -> RSAPrivateKey {
        guard generatableModulusBits.contains(bits) else {
            throw RSAError(.unsupportedKeySize, "key generation supports 2048, 3072 and 4096 bits, not \(bits)")
        }
        do {
            return try generateKey(bits: bits)
        } catch let error as RSAError {
            throw error
        } catch {
            throw RSAError(.invalidKey, "key generation failed: \(error)")
        }
    }

    private static func generateKey(bits: Int) throws -> RSAPrivateKey {
        let exponent: UInt = 65537
        let e = BigNum(exponent)
        let eModulus = try SecretModulus(public: e)
        let primeBits = bits / 2
        // gcd(e, w − 1) = 1 for the prime e: w mod e ≠ 1, on the fixed-width residue.
        let coprimeToE: (SecretInteger) -> UInt = { w in ~w.reduced(modulo: eModulus).equalMask(BigNum(1)) }
        while true {
            // FIPS 186-5 A.1.3 step 4: p with gcd(p − 1, e) = 1.
            let first = try SecretInteger.randomPrime(bits: primeBits, where: coprimeToE)
            let firstHalf = first.shiftedRightByOne()  // (p − 1)/2, odd since p ≡ 3 (mod 4)
            let firstHalfModulus = try SecretModulus(secret: firstHalf)
            // Step 5: q likewise, with |p − q| > 2^(nlen/2 − 100), and gcd((p − 1)/2, (q − 1)/2) = 1 (tested by the
            // existence of an inverse, `mpn_sec_invert` modulo the odd (p − 1)/2).
            let second = try SecretInteger.randomPrime(bits: primeBits) { w in
                let farApart = ~w.distance(to: first).isBelowPowerOfTwoMask(bits: primeBits - 100)
                return coprimeToE(w) & farApart & w.shiftedRightByOne().inverse(modulo: firstHalfModulus).exists
            }
            // PKCS#1 convention: p > q, so that qInv = q^−1 mod p is the coefficient (a conditional swap).
            let (p, q) = SecretInteger.ordered(first, second)
            // λ(n) = lcm(p − 1, q − 1) = (p − 1) · (q − 1)/2, the gcd being 2.
            let lambda = p.clearingLowestBit().multiplied(by: q.shiftedRightByOne())
            // d = e^−1 mod λ by Arazi's formula, with a division only by the public e: k = −λ^−1 mod e (e prime:
            // λ^(e−2) mod e on `mpn_sec_powm`; λ mod e ≠ 0 because e divides neither p − 1 nor q − 1), then
            // d = (1 + k·λ)/e, an exact division; d < λ since k < e.
            let lambdaInverse = try lambda.reduced(modulo: eModulus).power(
                try SecretInteger(BigNum(exponent - 2), limbCount: 1), modulo: eModulus)
            let k = lambdaInverse.subtracted(from: e)
            let d = lambda.multiplied(by: k).adding(1).dividedExactly(by: exponent).resized(to: lambda.limbCount)
            // FIPS 186-5 A.1.1: d > 2^(nlen/2); otherwise start again (a public event: the key is discarded).
            guard ConstantTimeAudit.declassify(mask: ~d.isBelowPowerOfTwoMask(bits: primeBits + 1)) else { continue }
            // Declassification point: n = p·q is the public modulus.
            let n = p.multiplied(by: q).declassified()
            return try RSAPrivateKey(
                publicKey: RSAPublicKey(modulus: n, publicExponent: e),
                privateExponent: d.resized(to: (n.bitWidth + 63) / 64), prime1: p, prime2: q)
        }
    }
}
