/// The algorithm a key encoding (SPKI or PKCS#8) declares for an RSA key.
public enum RSAKeyAlgorithm: Hashable, Sendable {
    /// rsaEncryption (1.2.840.113549.1.1.1): the key may be used with any RSA scheme.
    case rsaEncryption
    /// id-RSASSA-PSS (1.2.840.113549.1.1.10): the key is for RSASSA-PSS only, restricted to the given
    /// parameters when present (`nil`: the parameters field was absent, no restriction beyond PSS).
    case rsassaPSS(PSSParameters?)
}
