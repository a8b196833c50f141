import BigNum
import Dispatch

/// The RSA primitives of RFC 8017 §5: RSAEP/RSAVP1 with the public key, RSADP/RSASP1 with the private key.
///
/// The private primitive is the only place a private key is used. It runs:
/// 1. base blinding with a fresh uniform r ∈ [1, n) from the system CSPRNG (c' = c · r^e mod n);
/// 2. the CRT exponentiations m1 = c'^dP mod p and m2 = c'^dQ mod q on GMP's constant-time `mpn_sec_powm`,
///    and Garner's recombination on constant-time modular arithmetic;
/// 3. unblinding (m = m' · r^−1 mod n);
/// 4. a check that m^e ≡ c (mod n) before the result is released (fault-attack defence, e.g. Bellcore): a faulty
///    result is never returned.
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
        // 2. c = m^e mod n. Public exponent and public result: the variable-time exponentiation is acceptable.
        return publicOperation(message, key: key)
    }

    /// RSAVP1 (RFC 8017 §5.2.2): m = s^e mod n.
    ///
    /// - Throws: ``RSAError/Code/invalidSignature`` ("signature representative out of range") when s ≥ n.
    public static func verify(_ signature: BigNum, with key: RSAPublicKey) throws(RSAError) -> BigNum {
        // 1. If s is not between 0 and n − 1, output "signature representative out of range" and stop.
        guard signature < key.modulus else {
            throw RSAError(.invalidSignature, "signature representative out of range")
        }
        // 2. m = s^e mod n.
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
    ///     public exponentiation. A decryption result is secret and is checked in constant time.
    package static func privateOperation(
        _ input: BigNum, key: RSAPrivateKey, fault: FaultInjection?, parallelCRT: Bool = false,
        resultIsPublic: Bool = false
    ) throws(RSAError) -> BigNum {
        let n = key.publicKey.modulus
        // RFC 8017 §5.1.2 step 1: the representative must be between 0 and n − 1.
        guard input < n else {
            throw RSAError(.invalidInput, "message representative out of range")
        }
        do {
            // Blinding: r uniform in [1, n); c' = c · r^e mod n with r secret and e public. (On the two-core path
            // this runs while the second thread is starting up.)
            var blinding: Blinding?
            let blindInput = { () throws -> BigNum in
                let fresh = try Blinding(modulus: n, publicExponent: key.publicKey.publicExponent)
                blinding = fresh
                return try input.secretMultiplied(by: fresh.rToE, modulo: n)
            }
            // Step 2.b (CRT): m1 = c^dP mod p, m2 = c^dQ mod q, h = (m1 − m2)·qInv mod p, m = m2 + q·h.
            let combined = try crt(key: key, fault: fault, parallel: parallelCRT, input: blindInput)
            guard let blinding else {
                throw RSAError(.faultDetected, "the blinding was not computed")
            }
            // Unblind: m = m' · r^−1 mod n.
            var result = try combined.secretMultiplied(by: blinding.rInverse, modulo: n)
            if fault == .corruptResult {
                result = try flipLowestBit(result)
            }
            // Check before release: result^e must give back the input.
            let check =
                resultIsPublic
                ? try result.publicPower(key.publicKey.publicExponent, modulus: n)
                : try result.powerOfSecretBase(publicExponent: key.publicKey.publicExponent, modulus: n)
            guard check == input else {
                throw RSAError(.faultDetected, "the private-key result failed its check and was discarded")
            }
            return result
        } catch let error as RSAError {
            throw error
        } catch {
            throw RSAError(.faultDetected, "the private-key operation failed: \(error)")
        }
    }

    /// Garner's CRT recombination over the constant-time primitives, on the value `input()` returns.
    ///
    /// With `parallel`, the second exponentiation runs on another thread, which is started *before* `input()` is
    /// computed on the calling thread, so that its start-up latency overlaps the blinding.
    static func crt(
        key: RSAPrivateKey, fault: FaultInjection?, parallel: Bool, input: () throws -> BigNum
    ) throws -> BigNum {
        // i.   m1 = c^dP mod p
        // ii.  m2 = c^dQ mod q
        var (m1, m2): (BigNum, BigNum)
        if parallel {
            let second = SecondCRTHalf()
            let group = DispatchGroup()
            DispatchQueue.global(qos: .userInitiated).async(group: group) {
                // Waits for c' from the calling thread, which signals on every path.
                second.inputReady.wait()
                if let c = second.input {
                    second.result = Result { try c.secretPower(key.exponent2, modulus: key.prime2) }
                }
            }
            let c: BigNum
            do {
                c = try input()
            } catch {
                second.inputReady.signal()
                group.wait()
                throw error
            }
            second.input = c
            second.inputReady.signal()
            let first = Result { try c.secretPower(key.exponent1, modulus: key.prime1) }
            group.wait()
            m1 = try first.get()
            m2 = try second.result.get()
        } else {
            let c = try input()
            m1 = try c.secretPower(key.exponent1, modulus: key.prime1)
            m2 = try c.secretPower(key.exponent2, modulus: key.prime2)
        }
        if fault == .corruptFirstCRTHalf {
            m1 = try flipLowestBit(m1)
        }
        // iii. h = (m1 − m2) · qInv mod p
        let h = try m1.secretSubtracted(m2, modulo: key.prime1).secretMultiplied(by: key.coefficient, modulo: key.prime1)
        // iv.  m = m2 + q · h
        return m2 + key.prime2 * h
    }

    private static func flipLowestBit(_ value: BigNum) throws -> BigNum {
        value.isOdd ? try value.subtracting(1) : value + 1
    }
}

/// The hand-over between the calling thread and the thread computing the second CRT half: `input` is written
/// before `inputReady` is signalled and read after the wait; `result` is written before the worker leaves the
/// dispatch group and read after `group.wait()`. Those orderings make the unchecked sendability sound.
private final class SecondCRTHalf: @unchecked Sendable {
    let inputReady = DispatchSemaphore(value: 0)
    var input: BigNum?
    var result: Result<BigNum, any Error> = .failure(RSAError(.faultDetected, "the second CRT half was not computed"))
}

/// A fresh RSA blinding pair: r^e mod n and r^−1 mod n for a uniform r ∈ [1, n) with gcd(r, n) = 1.
struct Blinding {
    let rToE: BigNum
    let rInverse: BigNum

    init(modulus n: BigNum, publicExponent e: BigNum) throws {
        while true {
            let r = try BigNum.random(in: 1..<n)
            guard let inverse = try r.secretInverse(modulo: n) else { continue }
            rToE = try r.powerOfSecretBase(publicExponent: e, modulus: n)
            rInverse = inverse
            return
        }
    }
}
