import BigNum

/// The RSA primitives of RFC 8017 §5: RSAEP/RSAVP1 with the public key, RSADP/RSASP1 with the private key.
///
/// The private primitive is the only place a private key is used. It runs (``CRTPrivateExponent`` of BigNum):
/// 1. base blinding with a fresh uniform unit r of Z_n from the system CSPRNG, drawn as its CRT residues r_p, r_q:
///    c'_p = (c mod p) · r_p^e mod p, c'_q likewise;
/// 2. the CRT exponentiations m'_1 = c'_p^dP mod p and m'_2 = c'_q^dQ mod q on GMP's constant-time
///    `mpn_sec_powm`, over the full limb length of the exponents;
/// 3. unblinding, m_1 = m'_1 · r_p^−1 mod p and m_2 = m'_2 · r_q^−1 mod q (the inverses by blinded inversion),
///    and Garner's recombination on constant-time limb arithmetic;
/// 4. a check that m^e ≡ c (mod n) with the public key before the result is released (fault-attack defence, e.g.
///    Bellcore): a faulty result is never returned. A signature (public anyway) is checked with the public
///    exponentiation, a decrypted message (secret) with the constant-time one.
public enum RSAPrimitives {
    /// RSAEP (RFC 8017 §5.1.1): c = m^e mod n.
    ///
    /// - Throws: ``RSAError/Code/invalidInput`` ("message representative out of range") when m ≥ n.
    public static func encrypt(_ message: BigNum, with key: RSAPublicKey) throws(RSAError) -> BigNum {
        // 1. If the message representative m is not between 0 and n − 1, output "message representative out of
        //    range" and stop.
        guard message < key.modulus else {
            throw RSAError(.invalidInput, "message representative out of range")
        }
        // 2. c = m^e mod n. The message representative is secret (OAEP's encoded message carries the plaintext),
        //    so the exponentiation's time must not depend on it: a fixed Montgomery chain over the public e on
        //    the constant-time multiplications. (The range check above compares from the top limb down, and an
        //    encoded message's top octet is zero, so it stops at the first limb.)
        do {
            return try message.powerOfSecretBase(publicExponent: key.publicExponent, modulus: key.modulus)
        } catch {
            throw RSAError(.invalidInput, "message representative out of range")
        }
    }

    /// RSAVP1 (RFC 8017 §5.2.2): m = s^e mod n.
    ///
    /// - Throws: ``RSAError/Code/invalidSignature`` ("signature representative out of range") when s ≥ n.
    public static func verify(_ signature: BigNum, with key: RSAPublicKey) throws(RSAError) -> BigNum {
        // 1. If s is not between 0 and n − 1, output "signature representative out of range" and stop.
        guard signature < key.modulus else {
            throw RSAError(.invalidSignature, "signature representative out of range")
        }
        // 2. m = s^e mod n. Signature and key are public: the variable-time exponentiation is acceptable.
        return publicOperation(signature, key: key)
    }

    /// RSADP (RFC 8017 §5.1.2): m = c^d mod n, blinded, CRT, constant-time, checked.
    ///
    /// - Throws: ``RSAError/Code/invalidInput`` when c ≥ n; ``RSAError/Code/faultDetected`` when the result fails
    ///   its check (it is not released).
    public static func decrypt(_ ciphertext: BigNum, with key: RSAPrivateKey) throws(RSAError) -> BigNum {
        try privateOperation(ciphertext, key: key, fault: nil, resultIsPublic: false)
    }

    /// RSASP1 (RFC 8017 §5.2.1): s = m^d mod n, blinded, CRT, constant-time, checked.
    ///
    /// - Throws: ``RSAError/Code/invalidInput`` when m ≥ n; ``RSAError/Code/faultDetected`` when the result fails
    ///   its check (it is not released).
    public static func sign(_ message: BigNum, with key: RSAPrivateKey) throws(RSAError) -> BigNum {
        try privateOperation(message, key: key, fault: nil, resultIsPublic: true)
    }

    // MARK: - Implementation

    /// A deliberate error introduced into the private operation by tests, to prove the result check works.
    /// Reachable only from inside the package.
    package enum FaultInjection: Sendable {
        /// Flip the lowest bit of m1 = c^dP mod p before recombination (the classic Bellcore fault).
        case corruptFirstCRTHalf
        /// Flip the lowest bit of the final result just before the check.
        case corruptResult
    }

    static func publicOperation(_ value: BigNum, key: RSAPublicKey) -> BigNum {
        // The modulus is non-zero (validated key), so this cannot fail.
        (try? value.publicPower(key.publicExponent, modulus: key.modulus)) ?? BigNum()
    }

    /// The private-key operation shared by RSADP and RSASP1.
    ///
    /// - Parameters:
    ///   - parallelCRT: compute the two CRT exponentiations on two threads at once (lower latency).
    ///   - resultIsPublic: the result is published anyway (a signature): its check may use the variable-time
    ///     public exponentiation modulo n. A decryption result is secret and is checked in constant time.
    package static func privateOperation(
        _ input: BigNum, key: RSAPrivateKey, fault: FaultInjection?, parallelCRT: Bool = false,
        resultIsPublic: Bool = false
    ) throws(RSAError) -> BigNum {
        let n = key.publicKey.modulus
        // RFC 8017 §5.1.2 step 1 / §5.2.1 step 1: the representative must be between 0 and n − 1.
        guard input < n else {
            throw RSAError(.invalidInput, "message representative out of range")
        }
        do {
            // Step 2.b (CRT, blinded): a fresh uniform unit r of Z_n, c' = c · r^e, m1 = c'^dP mod p,
            // m2 = c'^dQ mod q, each unblinded by r^−1, then h = (m1 − m2)·qInv mod p, m = m2 + q·h
            // (`CRTPrivateExponent` gives every step).
            var result = try key.crt.blindedPower(
                input, parallel: parallelCRT, fault: fault == .corruptFirstCRTHalf ? .corruptFirstHalf : nil)
            if fault == .corruptResult {
                result = try flipLowestBit(result)
            }
            // Check before release (fault-attack defence): result^e mod n must give back the input, computed from
            // the public key alone (not from the p and q the result was computed with). A signature is public
            // anyway: the variable-time exponentiation. A decrypted message is secret: the constant-time one (and
            // no comparison of it with n, which the recombination already guarantees).
            let matches =
                resultIsPublic
                ? try result < n && result.publicPower(key.publicKey.publicExponent, modulus: n) == input
                : try result.powerOfSecretBase(publicExponent: key.publicKey.publicExponent, modulus: n) == input
            guard matches else {
                throw RSAError(.faultDetected, "the private-key result failed its check and was discarded")
            }
            return result
        } catch let error as RSAError {
            throw error
        } catch {
            throw RSAError(.faultDetected, "the private-key operation failed: \(error)")
        }
    }

    private static func flipLowestBit(_ value: BigNum) throws -> BigNum {
        value.isOdd ? try value.subtracting(1) : value + 1
    }
}
