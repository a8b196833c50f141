import SwiftASN1

/// The object identifiers of RSA keys, PSS parameters and the hashes they name.
enum RSAObjectIdentifiers {
    /// rsaEncryption (PKCS #1): 1.2.840.113549.1.1.1.
    static let rsaEncryption: ASN1ObjectIdentifier = [1, 2, 840, 113_549, 1, 1, 1]
    /// id-RSASSA-PSS (PKCS #1): 1.2.840.113549.1.1.10.
    static let rsassaPSS: ASN1ObjectIdentifier = [1, 2, 840, 113_549, 1, 1, 10]
    /// id-mgf1 (PKCS #1): 1.2.840.113549.1.1.8.
    static let mgf1: ASN1ObjectIdentifier = [1, 2, 840, 113_549, 1, 1, 8]
    /// id-sha1: 1.3.14.3.2.26.
    static let sha1: ASN1ObjectIdentifier = [1, 3, 14, 3, 2, 26]
    /// id-sha256: 2.16.840.1.101.3.4.2.1.
    static let sha256: ASN1ObjectIdentifier = [2, 16, 840, 1, 101, 3, 4, 2, 1]
    /// id-sha384: 2.16.840.1.101.3.4.2.2.
    static let sha384: ASN1ObjectIdentifier = [2, 16, 840, 1, 101, 3, 4, 2, 2]
    /// id-sha512: 2.16.840.1.101.3.4.2.3.
    static let sha512: ASN1ObjectIdentifier = [2, 16, 840, 1, 101, 3, 4, 2, 3]

    /// The hash OID of `digest`.
    static func identifier(of digest: DigestAlgorithm) -> ASN1ObjectIdentifier {
        switch digest.backing {
        case .sha1: return sha1
        case .sha256: return sha256
        case .sha384: return sha384
        case .sha512: return sha512
        }
    }

    /// The digest named by `identifier`, or `nil` for a hash this library does not implement.
    static func digest(for identifier: ASN1ObjectIdentifier) -> DigestAlgorithm? {
        switch identifier {
        case sha1: return .sha1
        case sha256: return .sha256
        case sha384: return .sha384
        case sha512: return .sha512
        default: return nil
        }
    }
}
