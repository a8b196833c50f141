import BigNum

/// Size limits on the components of an RSA key, checked from their lengths alone, before any arithmetic.
///
/// A key file is attacker-controlled input. Without limits, a crafted file makes the key initializers run
/// `p·q`, reductions modulo `p − 1`, inversions and Montgomery set-up on integers of whatever size it declares, and
/// every later public operation raises to a public exponent of whatever size it declares: seconds of CPU per key,
/// or per verification. These checks bound every component by its bit or byte length only — reading a length is
/// O(1) on a ``BigNum`` and a short scan over the leading zero bytes of a DER INTEGER — so a hostile key is
/// rejected before a single BigNum is built from it.
///
/// The limits follow BoringSSL (`crypto/fipsmodule/rsa/rsa_impl.cc.inc`, `rsa_check_public_key`, and
/// `crypto/fipsmodule/rsa/rsa.cc.inc`, `RSA_check_key`), which swift-crypto's `_RSA` types run on:
///
/// - **Modulus** — at most ``maximumModulusBits`` (16384) bits, and inside the caller's policy range (2048–4096
///   bits by default, 512–16384 for the `unsafe` initializers). BoringSSL's cap is `OPENSSL_RSA_MAX_MODULUS_BITS`
///   (8192 in the copy swift-crypto vendors); this library's unsafe range already reaches 16384 bits, so that is
///   the cap here. Outside the range: ``RSAError/Code/unsupportedKeySize``.
/// - **Public exponent** — odd, greater than 1 (RFC 8017 §3.1: 3 ≤ e ≤ n − 1 and gcd(e, λ(n)) = 1, so e is
///   odd) and at most ``maximumPublicExponentBits`` (33) bits: BoringSSL's `kMaxExponentBits`, chosen there to
///   "mitigate DoS attacks by limiting the exponent size" (every verification and every fault check after a
///   private operation costs about bits(e) modular squarings — with a 16384-bit n and e, one verification took
///   0.58 s in a debug build before this limit; see imperialviolet.org/2012/03/17/rsados.html). Windows CryptoAPI
///   cannot even represent exponents above 32 bits, so no deployed key is expected to need more. With n ≥ 512
///   bits, e < 2^33 also implies e < n. Violations: ``RSAError/Code/invalidKey``.
/// - **Primes** — p and q must both be given or both be absent, and each must be within
///   ``maximumPrimeImbalanceBits`` (8) bits of half of n's bit length, that is |2·bits(p) − bits(n)| ≤ 16. See
///   ``maximumPrimeImbalanceBits`` for why that bound admits every legitimate two-prime key. Since bits(p·q) is
///   bits(p) + bits(q) − 1 or bits(p) + bits(q), a key whose bit lengths cannot multiply to n is rejected here
///   as well. This is what rejects n = 3·q (a tiny p) and other lopsided factorisations before `p·q`, `d mod
///   (p − 1)` or `q⁻¹ mod p` run on them. BoringSSL itself bounds p and q by n before `bn_mul_consttime` ("to
///   avoid a DoS vector") and only takes the CRT path for primes of equal word size; a balance requirement is
///   the stricter form of both. Violations: ``RSAError/Code/invalidKey``.
/// - **Private exponent and CRT values** — d no longer than n, dP no longer than p, dQ no longer than q and qInv
///   no longer than p, in bytes (RFC 8017 §3.2 defines each as a residue below that modulus; BoringSSL's
///   `RSA_check_key` bounds d by n "so bounds on RSA_bits translate to bounds on the running time of private
///   key operations", and its `freeze_private_key` gives d, dP, dQ the fixed widths of n, p, q). CRT values
///   without their primes are rejected. Violations: ``RSAError/Code/invalidKey``.
///
/// These are necessary conditions only: the key initializers still check n = p·q, e·d ≡ 1, the CRT values and
/// the exact ranges afterwards. Every published key this package tests against (RFC 8017's `oaep-vect` keys
/// of 1024–1031, 1536 and 2048 bits, the pyca and Wycheproof keys, the RFC 9474 key) and every key
/// ``RSAPrivateKey/generate(bits:)`` makes passes them.
///
/// Timing: the lengths of secret components (d, p, q, dP, dQ, qInv) are read with plain loops and compared
/// with ordinary branches. That reveals their byte and bit lengths, which the DER encoding of the key shows
/// anyway (an INTEGER's length octets); nothing else about their values is read. Error reasons name the public
/// lengths of n and e, never the length of a secret component.
enum RSAKeyComponentLimits {
    /// The largest modulus any initializer accepts, in bits (the upper end of the `unsafe` range).
    static let maximumModulusBits = 16384

    /// The largest public exponent, in bits: e < 2^33, BoringSSL's `kMaxExponentBits`.
    static let maximumPublicExponentBits = 33

    /// How far, in bits, each prime may be from half of the modulus's bit length: |bits(p) − bits(n)/2| ≤ 8.
    ///
    /// Two-prime generators make the primes as equal as the modulus allows: FIPS 186-5 §A.1.1 (and FIPS 186-4
    /// §B.3.1 before it) requires √2·2^(nlen/2 − 1) ≤ p, q < 2^(nlen/2), i.e. exactly nlen/2 bits each; OpenSSL,
    /// BoringSSL, Go and Java split nlen into ⌈nlen/2⌉ and ⌊nlen/2⌋ bits; this package's
    /// ``RSAPrivateKey/generate(bits:)`` uses nlen/2 each. All of them give |2·bits(p) − bits(n)| ≤ 1, as do all the
    /// RFC 8017, pyca, Wycheproof and RFC 9474 keys in `Vectors/` (measured: every one is 0 or 1, the odd-sized
    /// 1025- to 1031-bit `oaep-vect` keys included) and the keys the tests generate. Eight bits of slack leave
    /// room for an older or non-conforming generator whose primes differ by a few bits, while still rejecting
    /// anything lopsided: for a 512-bit modulus, the smallest accepted, a prime must have 248 to 264 bits; for
    /// 2048 bits, 1016 to 1032; a 64-bit factor or p = 3 is far outside.
    static let maximumPrimeImbalanceBits = 8

    // MARK: - DER INTEGER bytes

    /// Checks the components of a key as the big-endian magnitude bytes of their DER INTEGERs, before any of
    /// them becomes a ``BigNum``.
    ///
    /// Pass n and e alone for a public key, n, e, d, p and q for the five-component form, and all eight for a
    /// PKCS #1 RSAPrivateKey. Leading zero bytes are ignored (DER's sign octet included).
    ///
    /// - Parameter policy: the decoder's size policy (2048–4096 bits, or 512–16384 bits when `unsafe`).
    /// - Throws: ``RSAError/Code/unsupportedKeySize`` for a modulus outside the policy's range;
    ///   ``RSAError/Code/invalidKey`` for an even, too small or too large public exponent, unbalanced primes, a
    ///   component longer than its modulus, or an incomplete set of primes / CRT values.
    static func check(
        modulus: ArraySlice<UInt8>, publicExponent: ArraySlice<UInt8>,
        privateExponent: ArraySlice<UInt8>? = nil, prime1: ArraySlice<UInt8>? = nil, prime2: ArraySlice<UInt8>? = nil,
        exponent1: ArraySlice<UInt8>? = nil, exponent2: ArraySlice<UInt8>? = nil, coefficient: ArraySlice<UInt8>? = nil,
        policy: KeyEncoding.SizePolicy
    ) throws(RSAError) {
        let allowedModulusBits: ClosedRange<Int>
        switch policy {
        case .standard: allowedModulusBits = RSAPublicKey.defaultModulusBitRange
        case .unsafe: allowedModulusBits = RSAPublicKey.unsafeModulusBitRange
        }
        try check(
            Widths(
                modulusBits: bitLength(ofMagnitude: modulus),
                publicExponentBits: bitLength(ofMagnitude: publicExponent),
                publicExponentIsOdd: (publicExponent.last ?? 0) & 1 == 1,
                privateExponentBits: privateExponent.map(bitLength(ofMagnitude:)),
                prime1Bits: prime1.map(bitLength(ofMagnitude:)),
                prime2Bits: prime2.map(bitLength(ofMagnitude:)),
                exponent1Bits: exponent1.map(bitLength(ofMagnitude:)),
                exponent2Bits: exponent2.map(bitLength(ofMagnitude:)),
                coefficientBits: coefficient.map(bitLength(ofMagnitude:))
            ),
            allowedModulusBits: allowedModulusBits
        )
    }

    /// The bit length of a big-endian magnitude: the position of the highest set bit, 0 for zero or no bytes.
    ///
    /// A plain loop over the leading zero bytes, then the leading-zero count of the first non-zero byte. On a
    /// secret component this reveals its byte and bit length and nothing else — the DER length octets already
    /// show the byte length, and the bit length is within 8 of it — which is acceptable for this check.
    static func bitLength(ofMagnitude bytes: ArraySlice<UInt8>) -> Int {
        var index = bytes.startIndex
        while index < bytes.endIndex, bytes[index] == 0 {
            index += 1
        }
        guard index < bytes.endIndex else { return 0 }
        let significantBytes = bytes.endIndex - index
        return (significantBytes - 1) * 8 + (UInt8.bitWidth - bytes[index].leadingZeroBitCount)
    }

    // MARK: - BigNum values

    /// Checks n and e given as ``BigNum`` values against `allowedModulusBits` and the public-exponent limits.
    ///
    /// Used by ``RSAPublicKey``'s initializers before any comparison or arithmetic on n and e.
    ///
    /// - Throws: as ``check(modulus:publicExponent:privateExponent:prime1:prime2:exponent1:exponent2:coefficient:policy:)``.
    static func check(modulus: BigNum, publicExponent: BigNum, allowedModulusBits: ClosedRange<Int>) throws(RSAError) {
        try check(
            Widths(
                modulusBits: modulus.bitWidth, publicExponentBits: publicExponent.bitWidth,
                publicExponentIsOdd: publicExponent.isOdd,
                privateExponentBits: nil, prime1Bits: nil, prime2Bits: nil,
                exponent1Bits: nil, exponent2Bits: nil, coefficientBits: nil
            ),
            allowedModulusBits: allowedModulusBits
        )
    }

    /// Checks the private components of a key whose public half is already built, from their bit widths.
    ///
    /// `publicKey` has passed its own initializer (and with it its size policy), so n is held to the widest
    /// range, ``RSAPublicKey/unsafeModulusBitRange``, here. Pass d, p and q for the five-component form and all of
    /// them for the eight-component form. Reading ``BigNum/bitWidth`` is O(1) (GMP's `mpz_sizeinbase` on the top
    /// limb) and reveals only the bit length, as the DER encoding would.
    ///
    /// - Throws: as ``check(modulus:publicExponent:privateExponent:prime1:prime2:exponent1:exponent2:coefficient:policy:)``.
    static func check(
        publicKey: RSAPublicKey, privateExponent: BigNum, prime1: BigNum, prime2: BigNum,
        exponent1: BigNum? = nil, exponent2: BigNum? = nil, coefficient: BigNum? = nil
    ) throws(RSAError) {
        try check(
            Widths(
                modulusBits: publicKey.modulus.bitWidth, publicExponentBits: publicKey.publicExponent.bitWidth,
                publicExponentIsOdd: publicKey.publicExponent.isOdd,
                privateExponentBits: privateExponent.bitWidth,
                prime1Bits: prime1.bitWidth, prime2Bits: prime2.bitWidth,
                exponent1Bits: exponent1?.bitWidth, exponent2Bits: exponent2?.bitWidth,
                coefficientBits: coefficient?.bitWidth
            ),
            allowedModulusBits: RSAPublicKey.unsafeModulusBitRange
        )
    }

    // MARK: - The checks

    /// The bit lengths of a key's components (and e's parity): all the checks look at.
    struct Widths: Sendable {
        /// bits(n).
        var modulusBits: Int
        /// bits(e).
        var publicExponentBits: Int
        /// Whether e is odd.
        var publicExponentIsOdd: Bool
        /// bits(d), when given.
        var privateExponentBits: Int?
        /// bits(p), when given.
        var prime1Bits: Int?
        /// bits(q), when given.
        var prime2Bits: Int?
        /// bits(dP), when given.
        var exponent1Bits: Int?
        /// bits(dQ), when given.
        var exponent2Bits: Int?
        /// bits(qInv), when given.
        var coefficientBits: Int?
    }

    /// Applies every limit to `widths`; the order (modulus, e, primes, d, CRT values) fixes which error a key
    /// violating several limits gets.
    static func check(_ widths: Widths, allowedModulusBits: ClosedRange<Int>) throws(RSAError) {
        let nBits = widths.modulusBits
        // Modulus: the policy range, never beyond the absolute cap.
        guard nBits <= maximumModulusBits, allowedModulusBits.contains(nBits) else {
            let upper = min(allowedModulusBits.upperBound, maximumModulusBits)
            throw RSAError(
                .unsupportedKeySize,
                "a \(nBits)-bit modulus is outside the accepted \(allowedModulusBits.lowerBound)–\(upper) bits"
            )
        }
        // Public exponent: odd and > 1 (RFC 8017 §3.1), at most 33 bits (BoringSSL kMaxExponentBits).
        guard widths.publicExponentIsOdd, widths.publicExponentBits >= 2 else {
            throw RSAError(.invalidKey, "the public exponent must be odd with 1 < e < n")
        }
        guard widths.publicExponentBits <= maximumPublicExponentBits else {
            throw RSAError(
                .invalidKey,
                "a \(widths.publicExponentBits)-bit public exponent exceeds the \(maximumPublicExponentBits)-bit limit"
            )
        }
        // Primes: both or neither; each within 8 bits of bits(n)/2; bit lengths that can multiply to n.
        let pBits = widths.prime1Bits
        let qBits = widths.prime2Bits
        guard (pBits == nil) == (qBits == nil) else {
            throw RSAError(.invalidKey, "only one of the primes p and q is given")
        }
        if let pBits, let qBits {
            guard isBalanced(primeBits: pBits, modulusBits: nBits), isBalanced(primeBits: qBits, modulusBits: nBits)
            else {
                throw RSAError(
                    .invalidKey,
                    "p and q must each be within \(maximumPrimeImbalanceBits) bits of half the \(nBits)-bit modulus"
                )
            }
            // bits(p·q) ∈ {bits(p) + bits(q) − 1, bits(p) + bits(q)}.
            guard nBits == pBits + qBits || nBits == pBits + qBits - 1 else {
                throw RSAError(.invalidKey, "n is not the product of p and q")
            }
        }
        // d < n (RFC 8017 §3.2): no longer than n in bytes.
        if let dBits = widths.privateExponentBits, byteLength(bits: dBits) > byteLength(bits: nBits) {
            throw RSAError(.invalidKey, "the private exponent is longer than the modulus")
        }
        // dP < p, dQ < q, qInv < p: no longer than their prime in bytes; and never without the primes.
        let crt: [(bits: Int?, bound: Int?, name: String)] = [
            (widths.exponent1Bits, pBits, "dP"),
            (widths.exponent2Bits, qBits, "dQ"),
            (widths.coefficientBits, pBits, "qInv"),
        ]
        for value in crt {
            guard let bits = value.bits else { continue }
            guard let bound = value.bound else {
                throw RSAError(.invalidKey, "the CRT value \(value.name) is given without the primes")
            }
            guard byteLength(bits: bits) <= byteLength(bits: bound) else {
                throw RSAError(.invalidKey, "the CRT value \(value.name) is longer than its prime")
            }
        }
    }

    /// Whether a prime of `primeBits` bits is within ``maximumPrimeImbalanceBits`` of half of `modulusBits`:
    /// |2·primeBits − modulusBits| ≤ 2·8, in integers so that odd modulus sizes are exact.
    static func isBalanced(primeBits: Int, modulusBits: Int) -> Bool {
        abs(2 * primeBits - modulusBits) <= 2 * maximumPrimeImbalanceBits
    }

    /// The number of bytes of a magnitude of `bits` bits.
    static func byteLength(bits: Int) -> Int {
        (bits + 7) / 8
    }
}
