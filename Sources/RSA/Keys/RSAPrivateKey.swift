import BigNum

#if canImport(FoundationEssentials)
import protocol FoundationEssentials.DataProtocol
#else
import protocol Foundation.DataProtocol
#endif

/// An RSA private key in CRT form (RFC 8017 §3.2, representations 1 and 2 together), validated on construction.
///
/// The secret components live at fixed limb widths (`SecretInteger`: the width of n for d, of p and q for the
/// CRT values), never in a normalised integer whose size would show, and are wiped when the last copy goes away.
/// They are not public API: export a key with its DER/PEM encodings.
public struct RSAPrivateKey: Sendable {
    /// The public half (n, e), with the algorithm restriction the key was read with.
    public internal(set) var publicKey: RSAPublicKey
    /// The private exponent d, at n's limb width.
    let secretPrivateExponent: SecretInteger
    /// The first prime factor p, at its exact limb width.
    let secretPrime1: SecretInteger
    /// The second prime factor q, at its exact limb width.
    let secretPrime2: SecretInteger
    /// dP = d mod (p − 1), at p's width.
    let secretExponent1: SecretInteger
    /// dQ = d mod (q − 1), at q's width.
    let secretExponent2: SecretInteger
    /// qInv = q^−1 mod p, at p's width.
    let secretCoefficient: SecretInteger
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

    /// Converts a caller's normalised components to fixed widths (their limb counts were visible in the
    /// `BigNum`s already), then derives dP, dQ and qInv and validates everything.
    init(publicKey: RSAPublicKey, privateExponent d: BigNum, prime1 p: BigNum, prime2 q: BigNum) throws(RSAError) {
        try RSAKeyComponentLimits.check(publicKey: publicKey, privateExponent: d, prime1: p, prime2: q)
        let widths = try Self.widths(publicKey: publicKey, prime1: p, prime2: q)
        try self.init(
            publicKey: publicKey, privateExponent: Self.secret(d, widths.n), prime1: Self.secret(p, widths.p),
            prime2: Self.secret(q, widths.q))
    }

    /// As above, with all eight components.
    init(
        publicKey: RSAPublicKey, privateExponent d: BigNum, prime1 p: BigNum, prime2 q: BigNum,
        exponent1 dP: BigNum, exponent2 dQ: BigNum, coefficient qInv: BigNum
    ) throws(RSAError) {
        try RSAKeyComponentLimits.check(
            publicKey: publicKey, privateExponent: d, prime1: p, prime2: q, exponent1: dP, exponent2: dQ, coefficient: qInv)
        let widths = try Self.widths(publicKey: publicKey, prime1: p, prime2: q)
        try self.init(
            publicKey: publicKey, privateExponent: Self.secret(d, widths.n), prime1: Self.secret(p, widths.p),
            prime2: Self.secret(q, widths.q), exponent1: Self.secret(dP, widths.p),
            exponent2: Self.secret(dQ, widths.q), coefficient: Self.secret(qInv, widths.p))
    }

    /// Reads the components from their big-endian encodings (DER INTEGER contents) straight into fixed widths.
    ///
    /// Declassification point: the number of significant bytes of each component — the length its DER encoding
    /// already shows. Nothing else about a value is looked at before it is in fixed-width limbs.
    init(
        publicKey: RSAPublicKey, privateExponent d: ArraySlice<UInt8>, prime1 p: ArraySlice<UInt8>,
        prime2 q: ArraySlice<UInt8>, exponent1 dP: ArraySlice<UInt8>, exponent2 dQ: ArraySlice<UInt8>,
        coefficient qInv: ArraySlice<UInt8>
    ) throws(RSAError) {
        let limbBytes = 8
        let pBytes = Self.significantBytes(p)
        let qBytes = Self.significantBytes(q)
        let n = publicKey.modulusLimbCount
        let pLimbs = (pBytes.count + limbBytes - 1) / limbBytes
        let qLimbs = (qBytes.count + limbBytes - 1) / limbBytes
        guard pLimbs > 0, qLimbs > 0 else {
            throw RSAError(.invalidKey, "the primes must be distinct, odd and greater than 2")
        }
        try self.init(
            publicKey: publicKey, privateExponent: Self.secret(Self.significantBytes(d), n, "the private exponent"),
            prime1: Self.secret(pBytes, pLimbs, "p"), prime2: Self.secret(qBytes, qLimbs, "q"),
            exponent1: Self.secret(Self.significantBytes(dP), pLimbs, "a CRT value"),
            exponent2: Self.secret(Self.significantBytes(dQ), qLimbs, "a CRT value"),
            coefficient: Self.secret(Self.significantBytes(qInv), pLimbs, "a CRT value"))
    }

    /// Derives dP = d mod (p − 1), dQ = d mod (q − 1) and qInv = q^−1 mod p on fixed widths, then validates.
    init(
        publicKey: RSAPublicKey, privateExponent d: SecretInteger, prime1 p: SecretInteger, prime2 q: SecretInteger
    ) throws(RSAError) {
        let primes = try Self.checkedPrimes(p, q)
        // dP = d mod (p − 1), dQ = d mod (q − 1): `mpn_sec_div_r` over fixed widths.
        let dP = d.reduced(modulo: primes.pMinusOne)
        let dQ = d.reduced(modulo: primes.qMinusOne)
        // qInv = q^−1 mod p: `mpn_sec_invert` (constant time; p is odd).
        let (qInv, exists) = q.inverse(modulo: primes.p)
        guard ConstantTimeAudit.declassify(mask: exists) else {
            throw RSAError(.invalidKey, "q is not invertible modulo p")
        }
        try self.init(
            publicKey: publicKey, privateExponent: d, prime1: p, prime2: q, exponent1: dP, exponent2: dQ,
            coefficient: qInv)
    }

    /// Validates all components on fixed widths: p and q odd, distinct and above 1, n = p·q, d in [1, n),
    /// e·d ≡ 1 modulo p − 1 and q − 1, dP = d mod (p − 1), dQ = d mod (q − 1), q·qInv ≡ 1 (mod p), the CRT values
    /// in range.
    ///
    /// Each check runs in constant time; only its verdict is declassified (a key that fails is rejected, and for a
    /// valid key every verdict is "pass").
    init(
        publicKey: RSAPublicKey, privateExponent d: SecretInteger, prime1 p: SecretInteger, prime2 q: SecretInteger,
        exponent1 dP: SecretInteger, exponent2 dQ: SecretInteger, coefficient qInv: SecretInteger
    ) throws(RSAError) {
        let n = publicKey.modulus
        let e = publicKey.publicExponent
        let primes = try Self.checkedPrimes(p, q)
        guard ConstantTimeAudit.declassify(mask: ~p.equalMask(q)) else {
            throw RSAError(.invalidKey, "the primes must be distinct, odd and greater than 2")
        }
        guard ConstantTimeAudit.declassify(mask: p.multiplied(by: q).equalMask(n)) else {
            throw RSAError(.invalidKey, "n is not the product of p and q")
        }
        guard ConstantTimeAudit.declassify(mask: ~d.isZeroMask & d.lessThanMask(n)) else {
            throw RSAError(.invalidKey, "the private exponent is out of range")
        }
        let inRange =
            ~dP.isZeroMask & dP.lessThanMask(p) & ~dQ.isZeroMask & dQ.lessThanMask(q) & ~qInv.isZeroMask
            & qInv.lessThanMask(p)
        guard ConstantTimeAudit.declassify(mask: inRange) else {
            throw RSAError(.invalidKey, "a CRT value is out of range")
        }
        // e·d ≡ 1 (mod p − 1) and (mod q − 1), i.e. modulo λ(n): d is consistent with e.
        let ed = d.multiplied(by: e)
        let consistent =
            ed.reduced(modulo: primes.pMinusOne).equalMask(BigNum(1))
            & ed.reduced(modulo: primes.qMinusOne).equalMask(BigNum(1))
        guard ConstantTimeAudit.declassify(mask: consistent) else {
            throw RSAError(.invalidKey, "the private exponent does not match the public exponent")
        }
        // dP = d mod (p − 1), dQ = d mod (q − 1).
        let exponentsMatch =
            d.reduced(modulo: primes.pMinusOne).equalMask(dP) & d.reduced(modulo: primes.qMinusOne).equalMask(dQ)
        guard ConstantTimeAudit.declassify(mask: exponentsMatch) else {
            throw RSAError(.invalidKey, "the CRT exponents do not match the private exponent")
        }
        // q·qInv ≡ 1 (mod p).
        guard ConstantTimeAudit.declassify(mask: q.multiplied(by: qInv, modulo: primes.p).equalMask(BigNum(1))) else {
            throw RSAError(.invalidKey, "the CRT coefficient is not q^-1 mod p")
        }
        do {
            self.crt = try CRTPrivateExponent(
                prime1: p, prime2: q, exponent1: dP, exponent2: dQ, coefficient: qInv, publicExponent: e, modulus: n)
        } catch {
            throw RSAError(.invalidKey, "the CRT values are out of range")
        }
        self.publicKey = publicKey
        self.secretPrivateExponent = d.resized(to: publicKey.modulusLimbCount)
        self.secretPrime1 = p
        self.secretPrime2 = q
        self.secretExponent1 = dP.resized(to: p.limbCount)
        self.secretExponent2 = dQ.resized(to: q.limbCount)
        self.secretCoefficient = qInv.resized(to: p.limbCount)
    }

    // MARK: - Fixed-width helpers

    /// p and q as moduli, with p − 1 and q − 1, after the checks that p and q are odd and above 1.
    private static func checkedPrimes(_ p: SecretInteger, _ q: SecretInteger) throws(RSAError) -> (
        p: SecretModulus, pMinusOne: SecretModulus, qMinusOne: SecretModulus
    ) {
        let shape = p.isOddMask & q.isOddMask & ~p.equalMask(BigNum(1)) & ~q.equalMask(BigNum(1))
        guard ConstantTimeAudit.declassify(mask: shape) else {
            throw RSAError(.invalidKey, "the primes must be distinct, odd and greater than 2")
        }
        do {
            // p − 1 for an odd p is p with bit 0 cleared; its top limb is p's (p > 1).
            return (
                try SecretModulus(secret: p), try SecretModulus(secret: p.clearingLowestBit()),
                try SecretModulus(secret: q.clearingLowestBit())
            )
        } catch {
            throw RSAError(.invalidKey, "the primes must be distinct, odd and greater than 2")
        }
    }

    /// The limb widths of n, p and q for caller-supplied normalised components.
    private static func widths(publicKey: RSAPublicKey, prime1 p: BigNum, prime2 q: BigNum) throws(RSAError) -> (
        n: Int, p: Int, q: Int
    ) {
        guard p.bitWidth > 1, q.bitWidth > 1 else {
            throw RSAError(.invalidKey, "the primes must be distinct, odd and greater than 2")
        }
        return (publicKey.modulusLimbCount, (p.bitWidth + 63) / 64, (q.bitWidth + 63) / 64)
    }

    /// A caller's normalised value at `limbs` limbs, or the key error for a value too long for its place.
    private static func secret(_ value: BigNum, _ limbs: Int) throws(RSAError) -> SecretInteger {
        do {
            return try SecretInteger(value, limbCount: limbs)
        } catch {
            throw RSAError(.invalidKey, "a key component is out of range")
        }
    }

    /// Big-endian bytes at `limbs` limbs, or the key error naming the component.
    static func secret(_ bytes: ArraySlice<UInt8>, _ limbs: Int, _ name: String) throws(RSAError)
        -> SecretInteger
    {
        do {
            return try SecretInteger(bigEndianBytes: bytes, limbCount: limbs)
        } catch {
            throw RSAError(.invalidKey, "\(name) is out of range")
        }
    }

    /// The bytes after the leading zero bytes (a DER INTEGER's sign byte, or padding). Declassification point: the
    /// length, which the encoding shows.
    /// From here on the bytes are reported secret to the constant-time checker.
    static func significantBytes(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        let significant = bytes.drop { $0 == 0 }
        significant.withUnsafeBytes { SecretBytes.markSecret($0) }
        return significant
    }

    /// The algorithm the key was declared for (see ``RSAPublicKey/algorithm``).
    public var algorithm: RSAKeyAlgorithm { publicKey.algorithm }

    /// A key from the big-endian bytes of n, e, d, p and q (swift-crypto's `_RSA.Signing.PrivateKey(n:e:d:p:q:)`),
    /// with a 2048- to 4096-bit modulus; the CRT values are derived. The secret components go straight into fixed
    /// limb widths; only their byte lengths are looked at.
    ///
    /// - Throws: ``RSAError/Code/unsupportedKeySize`` or ``RSAError/Code/invalidKey`` (which says what is
    ///   inconsistent).
    public init(
        n: some DataProtocol, e: some DataProtocol, d: some DataProtocol, p: some DataProtocol, q: some DataProtocol
    ) throws(RSAError) {
        let (nBytes, eBytes) = (Array(n), Array(e))
        var (dBytes, pBytes, qBytes) = (Array(d), Array(p), Array(q))
        defer {
            SecretBytes.wipe(&dBytes)
            SecretBytes.wipe(&pBytes)
            SecretBytes.wipe(&qBytes)
        }
        try RSAKeyComponentLimits.check(
            modulus: nBytes[...], publicExponent: eBytes[...], privateExponent: dBytes[...], prime1: pBytes[...],
            prime2: qBytes[...], policy: .standard)
        let publicKey = try RSAPublicKey(
            modulus: BigNum(bigEndianBytes: nBytes), publicExponent: BigNum(bigEndianBytes: eBytes))
        let p = Self.significantBytes(pBytes[...])
        let q = Self.significantBytes(qBytes[...])
        let pLimbs = (p.count + 7) / 8
        let qLimbs = (q.count + 7) / 8
        guard pLimbs > 0, qLimbs > 0 else {
            throw RSAError(.invalidKey, "the primes must be distinct, odd and greater than 2")
        }
        try self.init(
            publicKey: publicKey,
            privateExponent: Self.secret(Self.significantBytes(dBytes[...]), publicKey.modulusLimbCount, "d"),
            prime1: Self.secret(p, pLimbs, "p"), prime2: Self.secret(q, qLimbs, "q"))
    }

    /// The modulus size in bits (modBits).
    public var modulusBitWidth: Int { publicKey.modulusBitWidth }

    /// The modulus size in bytes (k).
    public var modulusByteCount: Int { publicKey.modulusByteCount }

    // MARK: - Declassified views, for tests

    /// d, declassified (tests only).
    package var privateExponent: BigNum { secretPrivateExponent.declassified() }
    /// p, declassified (tests only).
    package var prime1: BigNum { secretPrime1.declassified() }
    /// q, declassified (tests only).
    package var prime2: BigNum { secretPrime2.declassified() }
    /// dP, declassified (tests only).
    package var exponent1: BigNum { secretExponent1.declassified() }
    /// dQ, declassified (tests only).
    package var exponent2: BigNum { secretExponent2.declassified() }
    /// qInv, declassified (tests only).
    package var coefficient: BigNum { secretCoefficient.declassified() }
}
