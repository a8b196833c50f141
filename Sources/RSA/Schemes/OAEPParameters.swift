/// The parameters of RSAES-OAEP (RFC 8017 §7.1): the label hash, the MGF1 hash and the label.
public struct OAEPParameters: Hashable, Sendable {
    /// The hash of the label (RFC 8017's Hash; hLen is its length).
    public var hash: DigestAlgorithm
    /// The hash inside MGF1.
    public var mgf1Hash: DigestAlgorithm
    /// The label L (empty by default).
    public var label: [UInt8]

    /// OAEP with `hash`, MGF1 with `mgf1Hash` (by default the same hash) and `label`.
    public init(hash: DigestAlgorithm, mgf1Hash: DigestAlgorithm? = nil, label: [UInt8] = []) {
        self.hash = hash
        self.mgf1Hash = mgf1Hash ?? hash
        self.label = label
    }

    /// SHA-256 with MGF1-SHA-256 and an empty label.
    public static let sha256 = OAEPParameters(hash: .sha256)
}
