import BigNum

/// The RSA primitives of RFC 8017 §5: RSAEP/RSAVP1 with the public key, RSADP/RSASP1 with the private key.
///
/// The private primitive is the only place a private key is used. It runs (`CRTPrivateExponent` of BigNum):
/// 1. base blinding with a fresh uniform r modulo n from the system CSPRNG, inverted modulo the public n after
///    blinding with a second random value: c'_p = (c mod p) · r_p^e mod p, c'_q likewise;
/// 2. the CRT exponentiations m'_1 = c'_p^dP mod p and m'_2 = c'_q^dQ mod q on GMP's constant-time
///    `mpn_sec_powm`, over the full limb length of the exponents;
/// 3. unblinding, m_1 = m'_1 · r_p^−1 mod p and m_2 = m'_2 · r_q^−1 mod q,
///    and Garner's recombination on fixed-width limb arithmetic;
/// 4. a check that m^e ≡ c (mod n) with the public key before the result is released (fault-attack defence, e.g.
///    Bellcore): a faulty result is never returned. A signature (public anyway) is declassified and checked with
///    the public exponentiation; a decrypted message (secret) stays at n's limb width and is checked with the
///    constant-time one.
package enum RSAPrimitives {
    /// RSAEP (RFC 8017 §5.1.1): c = m^e mod n.
    ///
    /// - Throws: ``RSAError/Code/invalidInput`` ("message representative out of range") when m ≥ n.
    package static func encrypt(_ message: BigNum, with key: RSAPublicKey) throws(RSAError) -> BigNum {
        // 1. If the message representative m is not between 0 and n − 1, output "message representative out of
        //    range" and stop.
        guard message < key.modulus else {
            throw RSAError(.invalidInput, "message representative out of range")
        }
        return try encrypt(secret: secret(message, key.modulusLimbCount), with: key)
    }

    /// RSAEP of a secret message representative held at n's width (OAEP's encoded message carries the plaintext):
    /// a fixed Montgomery chain over the public e on the constant-time multiplications. The caller guarantees
    /// m < n (an OAEP encoding starts with a zero octet).
    static func encrypt(secret message: SecretInteger, with key: RSAPublicKey) throws(RSAError) -> BigNum {
        // 2. c = m^e mod n. Declassification point: the ciphertext.
        try power(message, key: key, modulus: modulus(key)).declassified()
    }

    /// x^e mod n for a secret x at n's width (RSAEP of a secret, the blinding r^e, the check of a secret result).
    static func power(_ x: SecretInteger, key: RSAPublicKey, modulus: SecretModulus) throws(RSAError) -> SecretInteger {
        do {
            return try x.power(publicExponent: key.publicExponent, modulo: modulus)
        } catch {
            throw RSAError(.invalidKey, "the modulus is even")
        }
    }

    /// RSAVP1 (RFC 8017 §5.2.2): m = s^e mod n.
    ///
    /// - Throws: ``RSAError/Code/invalidSignature`` ("signature representative out of range") when s ≥ n.
    package static func verify(_ signature: BigNum, with key: RSAPublicKey) throws(RSAError) -> BigNum {
        // 1. If s is not between 0 and n − 1, output "signature representative out of range" and stop.
        guard signature < key.modulus else {
            throw RSAError(.invalidSignature, "signature representative out of range")
        }
        // 2. m = s^e mod n. Signature and key are public: the variable-time exponentiation is acceptable.
        return publicOperation(signature, key: key)
    }

    /// RSADP (RFC 8017 §5.1.2): m = c^d mod n, blinded, CRT, constant-time, checked.
    ///
    /// The representative is returned as a `BigNum`, whose size shows: a scheme that must keep the recovered
    /// value secret (RSAES-OAEP) uses the fixed-width form internally.
    ///
    /// - Throws: ``RSAError/Code/invalidInput`` when c ≥ n; ``RSAError/Code/signingFailure`` when the result fails
    ///   its check (it is not released).
    package static func decrypt(_ ciphertext: BigNum, with key: RSAPrivateKey) throws(RSAError) -> BigNum {
        try decryptKeepingSecret(ciphertext, with: key).declassified()
    }

    /// RSADP with the result kept at n's width, checked in constant time (for RSAES-OAEP).
    static func decryptKeepingSecret(_ ciphertext: BigNum, with key: RSAPrivateKey) throws(RSAError)
        -> SecretInteger
    {
        try privateOperationKeepingSecret(ciphertext, key: key, fault: nil)
    }

    /// RSASP1 (RFC 8017 §5.2.1): s = m^d mod n, blinded, CRT, constant-time, checked.
    ///
    /// - Throws: ``RSAError/Code/invalidInput`` when m ≥ n; ``RSAError/Code/signingFailure`` when the result fails
    ///   its check (it is not released).
    package static func sign(_ message: BigNum, with key: RSAPrivateKey) throws(RSAError) -> BigNum {
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

    /// The private-key operation shared by RSADP and RSASP1, with a result that is released as a `BigNum`.
    ///
    /// - Parameters:
    ///   - parallelCRT: compute the half modulo q on the package's test helper thread (tests only).
    ///   - helper: compute the half modulo q on this helper thread (``BlindSigning/TwoCoreSigner``'s).
    ///   - resultIsPublic: the result is published anyway (a signature): it is declassified first and checked
    ///     with the variable-time public exponentiation modulo n. Otherwise it is checked in constant time and
    ///     declassified after the check (raw RSADP).
    package static func privateOperation(
        _ input: BigNum, key: RSAPrivateKey, fault: FaultInjection?, parallelCRT: Bool = false,
        helper: CRTHelperThread? = nil, resultIsPublic: Bool = false
    ) throws(RSAError) -> BigNum {
        let helper = helper ?? (parallelCRT ? CRTHelperThread.forTests : nil)
        guard resultIsPublic else {
            return try privateOperationKeepingSecret(input, key: key, fault: fault, helper: helper)
                .declassified()
        }
        // Declassification point: a signature is public.
        let result = try unchecked(input, key: key, fault: fault, helper: helper).declassified()
        // Check before release (fault-attack defence, RFC 9474 §4.3 steps 4–5): result^e mod n must give back
        // the input, computed from the public key alone (not from the p and q the result was computed with).
        guard result < key.publicKey.modulus, publicOperation(result, key: key.publicKey) == input else {
            throw RSAError(.signingFailure, "the private-key result failed its check and was discarded")
        }
        return result
    }

    /// The private-key operation with its result kept at n's width and checked in constant time: result^e mod n
    /// on the fixed Montgomery chain, compared with the input without early exit; only the verdict is
    /// declassified.
    package static func privateOperationKeepingSecret(
        _ input: BigNum, key: RSAPrivateKey, fault: FaultInjection?, helper: CRTHelperThread? = nil
    ) throws(RSAError) -> SecretInteger {
        let result = try unchecked(input, key: key, fault: fault, helper: helper)
        let check = try power(result, key: key.publicKey, modulus: modulus(key.publicKey))
        guard ConstantTimeAudit.declassify(mask: check.equalMask(input)) else {
            throw RSAError(.signingFailure, "the private-key result failed its check and was discarded")
        }
        return result
    }

    /// Steps 1–2.b of RSADP/RSASP1: the range check and the blinded CRT exponentiation, unchecked.
    private static func unchecked(
        _ input: BigNum, key: RSAPrivateKey, fault: FaultInjection?, helper: CRTHelperThread?
    ) throws(RSAError) -> SecretInteger {
        // RFC 8017 §5.1.2 step 1 / §5.2.1 step 1: the representative must be between 0 and n − 1.
        guard input < key.publicKey.modulus else {
            throw RSAError(.invalidInput, "message representative out of range")
        }
        do {
            // Step 2.b (CRT, blinded): a fresh uniform r modulo n, c' = c · r^e, m1 = c'^dP mod p,
            // m2 = c'^dQ mod q, each unblinded by r^−1, then h = (m1 − m2)·qInv mod p, m = m2 + q·h
            // (`CRTPrivateExponent` gives every step).
            let result = try key.crt.blindedPower(
                input, helper: helper, fault: fault == .corruptFirstCRTHalf ? .corruptFirstHalf : nil)
            return fault == .corruptResult ? result.flippingLowestBit() : result
        } catch {
            throw RSAError(.signingFailure, "the private-key operation failed: \(error)")
        }
    }

    /// n as a fixed-width modulus.
    static func modulus(_ key: RSAPublicKey) throws(RSAError) -> SecretModulus {
        do {
            return try SecretModulus(public: key.modulus)
        } catch {
            throw RSAError(.invalidKey, "the modulus is zero")
        }
    }

    /// A caller's value at `limbs` limbs (its limb count was visible in the `BigNum` already).
    static func secret(_ value: BigNum, _ limbs: Int) throws(RSAError) -> SecretInteger {
        do {
            return try SecretInteger(value, limbCount: limbs)
        } catch {
            throw RSAError(.invalidInput, "message representative out of range")
        }
    }
}
