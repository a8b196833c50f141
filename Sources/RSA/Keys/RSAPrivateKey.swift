import BigNum

/// An RSA private key in CRT form (RFC 8017 §3.2, representations 1 and 2 together), validated on construction.
///
/// The secret components live in ``BigNum`` values, whose limbs are wiped when the last copy goes away. They are
/// not public API: export a key with its DER/PEM encodings.
public struct RSAPrivateKey: Sendable {
    /// The public half (n, e).
    public let publicKey: RSAPublicKey
    /// The private exponent d.
    package let privateExponent: BigNum
    /// The first prime factor p.
    package let prime1: BigNum
    /// The second prime factor q.
    package let prime2: BigNum
    /// dP = d mod (p − 1).
    package let exponent1: BigNum
    /// dQ = d mod (q − 1).
    package let exponent2: BigNum
    /// qInv = q^−1 mod p.
    package let coefficient: BigNum
    /// The limb images of (p, q, dP, dQ, qInv) that the private primitive runs on, precomputed once per key.
    package let crt: CRTPrivateExponent

    /// A key from all eight PKCS#1 components, with a 2048- to 4096-bit modulus, checked for consistency.
    ///
    /// - Throws: ``RSAError/Code/unsupportedKeySize`` or ``RSAError/Code/invalidKey`` (which says what is
    ///   inconsistent).
    public init(
        modulus: BigNum, publicExponent: BigNum, privateExponent: BigNum, prime1: BigNum, prime2: BigNum,
        exponent1: BigNum, exponent2: BigNum, coefficient: BigNum
    ) throws(RSAError) {
        try self.init(
            publicKey: RSAPublicKey(modulus: modulus, publicExponent: publicExponent),
            privateExponent: privateExponent, prime1: prime1, prime2: prime2,
            exponent1: exponent1, exponent2: exponent2, coefficient: coefficient
        )
    }

    /// A key of any size from 512 to 16384 bits from all eight PKCS#1 components, checked for consistency.
    ///
    /// - WARNING: Keys below 2048 bits are not secure. Use this only for test vectors and legacy interoperability.
    public init(
        unsafeModulus modulus: BigNum, publicExponent: BigNum, privateExponent: BigNum, prime1: BigNum,
        prime2: BigNum, exponent1: BigNum, exponent2: BigNum, coefficient: BigNum
    ) throws(RSAError) {
        try self.init(
            publicKey: RSAPublicKey(unsafeModulus: modulus, publicExponent: publicExponent),
            privateExponent: privateExponent, prime1: prime1, prime2: prime2,
            exponent1: exponent1, exponent2: exponent2, coefficient: coefficient
        )
    }

    /// A key from n, e, d, p and q with a 2048- to 4096-bit modulus; the CRT values are derived.
    public init(
        modulus: BigNum, publicExponent: BigNum, privateExponent: BigNum, prime1: BigNum, prime2: BigNum
    ) throws(RSAError) {
        let publicKey = try RSAPublicKey(modulus: modulus, publicExponent: publicExponent)
        try self.init(publicKey: publicKey, privateExponent: privateExponent, prime1: prime1, prime2: prime2)
    }

    /// A key of any size from 512 to 16384 bits from n, e, d, p and q; the CRT values are derived.
    ///
    /// - WARNING: Keys below 2048 bits are not secure. Use this only for test vectors and legacy interoperability.
    public init(
        unsafeModulus modulus: BigNum, publicExponent: BigNum, privateExponent: BigNum, prime1: BigNum,
        prime2: BigNum
    ) throws(RSAError) {
        let publicKey = try RSAPublicKey(unsafeModulus: modulus, publicExponent: publicExponent)
        try self.init(publicKey: publicKey, privateExponent: privateExponent, prime1: prime1, prime2: prime2)
    }

    /// Derives dP, dQ and qInv from d, p and q, then validates everything.
    init(publicKey: RSAPublicKey, privateExponent d: BigNum, prime1 p: BigNum, prime2 q: BigNum) throws(RSAError) {
        guard p > 2, q > 2, p.isOdd, q.isOdd else {
            throw RSAError(.invalidKey, "the primes must be odd and greater than 2")
        }
        do {
            let one: BigNum = 1
            let dP = try d.secretReduced(modulo: p.subtracting(one))
            let dQ = try d.secretReduced(modulo: q.subtracting(one))
            guard let qInv = try q.secretInverse(modulo: p) else {
                throw RSAError(.invalidKey, "q is not invertible modulo p")
            }
            try self.init(
                publicKey: publicKey, privateExponent: d, prime1: p, prime2: q,
                exponent1: dP, exponent2: dQ, coefficient: qInv
            )
        } catch let error as RSAError {
            throw error
        } catch {
            throw RSAError(.invalidKey, "the key components are out of range")
        }
    }

    /// Validates all components: n = p·q, p ≠ q, e·d ≡ 1 modulo p − 1 and q − 1, the CRT values, ranges.
    init(
        publicKey: RSAPublicKey, privateExponent d: BigNum, prime1 p: BigNum, prime2 q: BigNum,
        exponent1 dP: BigNum, exponent2 dQ: BigNum, coefficient qInv: BigNum
    ) throws(RSAError) {
        let n = publicKey.modulus
        let e = publicKey.publicExponent
        guard p > 2, q > 2, p.isOdd, q.isOdd, p != q else {
            throw RSAError(.invalidKey, "the primes must be distinct, odd and greater than 2")
        }
        guard p * q == n else {
            throw RSAError(.invalidKey, "n is not the product of p and q")
        }
        guard !d.isZero, d < n else {
            throw RSAError(.invalidKey, "the private exponent is out of range")
        }
        guard dP < p, dQ < q, !dP.isZero, !dQ.isZero, !qInv.isZero, qInv < p else {
            throw RSAError(.invalidKey, "a CRT value is out of range")
        }
        do {
            let one: BigNum = 1
            let pMinusOne = try p.subtracting(one)
            let qMinusOne = try q.subtracting(one)
            // e·d ≡ 1 (mod p − 1) and (mod q − 1), i.e. modulo λ(n): d is consistent with e.
            guard try e.secretMultiplied(by: d, modulo: pMinusOne) == one,
                try e.secretMultiplied(by: d, modulo: qMinusOne) == one
            else {
                throw RSAError(.invalidKey, "the private exponent does not match the public exponent")
            }
            // dP = d mod (p − 1), dQ = d mod (q − 1), q·qInv ≡ 1 (mod p).
            guard try d.secretReduced(modulo: pMinusOne) == dP, try d.secretReduced(modulo: qMinusOne) == dQ else {
                throw RSAError(.invalidKey, "the CRT exponents do not match the private exponent")
            }
            guard try q.secretMultiplied(by: qInv, modulo: p) == one else {
                throw RSAError(.invalidKey, "the CRT coefficient is not q^-1 mod p")
            }
        } catch let error as RSAError {
            throw error
        } catch {
            throw RSAError(.invalidKey, "the key components are out of range")
        }
        do {
            self.crt = try CRTPrivateExponent(
                prime1: p, prime2: q, exponent1: dP, exponent2: dQ, coefficient: qInv, publicExponent: e)
        } catch {
            throw RSAError(.invalidKey, "the CRT values are out of range")
        }
        self.publicKey = publicKey
        self.privateExponent = d
        self.prime1 = p
        self.prime2 = q
        self.exponent1 = dP
        self.exponent2 = dQ
        self.coefficient = qInv
    }

    /// The modulus size in bits (modBits).
    public var modulusBitWidth: Int { publicKey.modulusBitWidth }

    /// The modulus size in bytes (k).
    public var modulusByteCount: Int { publicKey.modulusByteCount }
}
