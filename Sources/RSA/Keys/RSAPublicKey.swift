import BigNum

#if canImport(FoundationEssentials)
import protocol FoundationEssentials.DataProtocol
#else
import protocol Foundation.DataProtocol
#endif

/// An RSA public key (n, e) (RFC 8017 §3.1), validated on construction.
///
/// The default initializers accept 2048- to 4096-bit moduli. ``init(unsafeModulus:publicExponent:)`` accepts
/// smaller or unusual keys for test vectors and interoperability.
public struct RSAPublicKey: Hashable, Sendable {
    /// The modulus n.
    public let modulus: BigNum
    /// The public exponent e.
    public let publicExponent: BigNum
    /// The algorithm the key was declared for: ``RSAKeyAlgorithm/rsaEncryption`` (any scheme) unless it was read
    /// from an id-RSASSA-PSS SubjectPublicKeyInfo or PrivateKeyInfo, which restricts it to RSASSA-PSS (with the
    /// declared parameters, if any). The library keeps the restriction: OAEP refuses such a key, and PSS refuses
    /// other parameters. Part of equality: the same (n, e) under another restriction is another key.
    public internal(set) var algorithm: RSAKeyAlgorithm = .rsaEncryption

    /// The default range of modulus sizes, in bits.
    public static let defaultModulusBitRange = 2048...4096
    /// The range of modulus sizes the `unsafe` initializers accept, in bits.
    public static let unsafeModulusBitRange = 512...16384

    /// A public key with a 2048- to 4096-bit modulus.
    ///
    /// - Throws: ``RSAError/Code/unsupportedKeySize`` outside 2048–4096 bits; ``RSAError/Code/invalidKey`` when n
    ///   is even or e is not an odd integer with 1 < e < n.
    public init(modulus: BigNum, publicExponent: BigNum) throws(RSAError) {
        try self.init(modulus: modulus, publicExponent: publicExponent, allowedBits: Self.defaultModulusBitRange)
    }

    /// A public key from the big-endian bytes of n and e (swift-crypto's `_RSA.Signing.PublicKey(n:e:)`), with a
    /// 2048- to 4096-bit modulus.
    ///
    /// - Throws: as ``init(modulus:publicExponent:)``.
    public init(n: some DataProtocol, e: some DataProtocol) throws(RSAError) {
        let nBytes = Array(n)
        let eBytes = Array(e)
        try RSAKeyComponentLimits.check(
            modulus: nBytes[...], publicExponent: eBytes[...], policy: KeyEncoding.SizePolicy.standard)
        try self.init(modulus: BigNum(bigEndianBytes: nBytes), publicExponent: BigNum(bigEndianBytes: eBytes))
    }

    /// A public key of any size from 512 to 16384 bits.
    ///
    /// - WARNING: Keys below 2048 bits are not secure. Use this only for test vectors and legacy interoperability.
    /// - Throws: ``RSAError/Code/unsupportedKeySize`` outside 512–16384 bits; ``RSAError/Code/invalidKey`` as for
    ///   ``init(modulus:publicExponent:)``.
    public init(unsafeModulus modulus: BigNum, publicExponent: BigNum) throws(RSAError) {
        try self.init(modulus: modulus, publicExponent: publicExponent, allowedBits: Self.unsafeModulusBitRange)
    }

    init(modulus: BigNum, publicExponent: BigNum, allowedBits: ClosedRange<Int>) throws(RSAError) {
        try RSAKeyComponentLimits.check(modulus: modulus, publicExponent: publicExponent, allowedModulusBits: allowedBits)
        guard allowedBits.contains(modulus.bitWidth) else {
            throw RSAError(
                .unsupportedKeySize,
                "a \(modulus.bitWidth)-bit modulus is outside the accepted \(allowedBits.lowerBound)–\(allowedBits.upperBound) bits"
            )
        }
        guard modulus.isOdd else {
            throw RSAError(.invalidKey, "the modulus is even")
        }
        guard publicExponent.isOdd, publicExponent > 1, publicExponent < modulus else {
            throw RSAError(.invalidKey, "the public exponent must be odd with 1 < e < n")
        }
        self.modulus = modulus
        self.publicExponent = publicExponent
    }

    /// The modulus size in bits (modBits).
    public var modulusBitWidth: Int { modulus.bitWidth }

    /// The modulus size in bytes (k).
    public var modulusByteCount: Int { modulus.byteWidth }

    /// The modulus size in 64-bit limbs: the width at which values modulo n are held.
    var modulusLimbCount: Int { (modulus.bitWidth + 63) / 64 }
}
