import BigNum

extension RSAPrivateKey {
    /// The modulus sizes ``generate(bits:)`` offers.
    public static let generatableModulusBits: Set<Int> = [2048, 3072, 4096]

    /// Generates a new key with e = 65537, following FIPS 186-5 §A.1.3 (random probable primes).
    ///
    /// Conditions enforced: p and q are probable primes of `bits/2` bits with their two top bits set (so
    /// p, q ≥ √2 · 2^(bits/2 − 1) and n has exactly `bits` bits); gcd(e, p − 1) = gcd(e, q − 1) = 1;
    /// |p − q| > 2^(bits/2 − 100); d = e^−1 mod λ(n) with d > 2^(bits/2). All randomness comes from the system
    /// CSPRNG; primality tests run on constant-time exponentiation.
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
        let e: BigNum = 65537
        let one: BigNum = 1
        let primeBits = bits / 2
        let minimumDistance = BigNum(1).shiftedLeft(by: primeBits - 100)
        let minimumD = BigNum(1).shiftedLeft(by: primeBits)
        while true {
            // FIPS 186-5 A.1.3 step 4: p with gcd(p − 1, e) = 1.
            let p = try BigNum.randomPrime(bits: primeBits) { candidate in
                guard let minusOne = try? candidate.subtracting(one) else { return false }
                return minusOne.greatestCommonDivisor(with: e) == one
            }
            // Step 5: q likewise, with |p − q| > 2^(nlen/2 − 100).
            let q = try BigNum.randomPrime(bits: primeBits) { candidate in
                guard let minusOne = try? candidate.subtracting(one) else { return false }
                guard minusOne.greatestCommonDivisor(with: e) == one else { return false }
                let distance = candidate > p ? try? candidate.subtracting(p) : try? p.subtracting(candidate)
                return (distance ?? 0) > minimumDistance
            }
            // PKCS#1 convention: p > q, so that qInv = q^−1 mod p is the coefficient.
            let (larger, smaller) = p > q ? (p, q) : (q, p)
            let pMinusOne = try larger.subtracting(one)
            let qMinusOne = try smaller.subtracting(one)
            // λ(n) = lcm(p − 1, q − 1).
            let g = pMinusOne.greatestCommonDivisor(with: qMinusOne)
            let lambda = try (pMinusOne * qMinusOne).quotientAndRemainder(dividingBy: g).quotient
            // d = e^−1 mod λ(n), computed blinded.
            guard let d = try e.secretInverse(modulo: lambda) else { continue }
            // FIPS 186-5 A.1.1: d > 2^(nlen/2); otherwise start again.
            guard d > minimumD else { continue }
            return try RSAPrivateKey(
                publicKey: RSAPublicKey(modulus: larger * smaller, publicExponent: e),
                privateExponent: d, prime1: larger, prime2: smaller
            )
        }
    }
}
