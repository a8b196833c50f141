/// The parameters of RSASSA-PSS (RFC 8017 §9.1, RSASSA-PSS-params of Appendix A.2.3): the message hash, the MGF1
/// hash and the salt length in bytes.
public struct PSSParameters: Hashable, Sendable {
    /// The hash of the message and of M' (RFC 8017's Hash).
    public var hash: DigestAlgorithm
    /// The hash inside MGF1.
    public var mgf1Hash: DigestAlgorithm
    /// The salt length sLen in bytes (0 for deterministic signatures).
    public var saltLength: Int

    /// PSS with `hash`, MGF1 with `mgf1Hash` (by default the same hash), and `saltLength` bytes of salt.
    public init(hash: DigestAlgorithm, mgf1Hash: DigestAlgorithm? = nil, saltLength: Int) {
        self.hash = hash
        self.mgf1Hash = mgf1Hash ?? hash
        self.saltLength = saltLength
    }

    /// SHA-256, MGF1-SHA-256, 32-byte salt.
    public static let sha256 = PSSParameters(hash: .sha256, saltLength: 32)
    /// SHA-384, MGF1-SHA-384, 48-byte salt (RSABSSA-SHA384-PSS, RFC 9578 token keys).
    public static let sha384 = PSSParameters(hash: .sha384, saltLength: 48)
    /// SHA-512, MGF1-SHA-512, 64-byte salt.
    public static let sha512 = PSSParameters(hash: .sha512, saltLength: 64)
}
