#if canImport(FoundationEssentials)
import protocol FoundationEssentials.DataProtocol
#else
import protocol Foundation.DataProtocol
#endif

extension RSAPrivateKey {
    /// The PEM types a private key is read from: "PRIVATE KEY" (PKCS #8) and "RSA PRIVATE KEY" (PKCS #1).
    static let pemTypes: Set<String> = ["PRIVATE KEY", "RSA PRIVATE KEY"]

    /// Reads a DER PKCS #1 RSAPrivateKey or PKCS #8 PrivateKeyInfo (rsaEncryption or id-RSASSA-PSS, whose
    /// restriction the key keeps: ``algorithm``) with a 2048- to 4096-bit modulus, validating every component.
    ///
    /// - Throws: ``RSAError/Code/invalidKeyEncoding`` for malformed, truncated or trailing-garbage input;
    ///   ``RSAError/Code/unsupportedAlgorithm`` for a non-RSA key; ``RSAError/Code/invalidKey`` for inconsistent
    ///   components; ``RSAError/Code/unsupportedKeySize``.
    public init<D: DataProtocol>(derRepresentation der: D) throws(RSAError) {
        self = try KeyEncoding.decodeAnyPrivateKey(Array(der), policy: .standard)
    }

    /// Reads a DER private key of any size from 512 to 16384 bits.
    ///
    /// - WARNING: Keys below 2048 bits are not secure. Use this only for test vectors and legacy interoperability.
    public init<D: DataProtocol>(unsafeDERRepresentation der: D) throws(RSAError) {
        self = try KeyEncoding.decodeAnyPrivateKey(Array(der), policy: .unsafe)
    }

    /// Reads a PEM "RSA PRIVATE KEY" (PKCS #1) or "PRIVATE KEY" (PKCS #8) with a 2048- to 4096-bit modulus.
    public init(pemRepresentation pem: String) throws(RSAError) {
        let document = try KeyEncoding.pemDocument(pem, types: Self.pemTypes)
        self = try KeyEncoding.decodeAnyPrivateKey(document, policy: .standard)
    }

    /// Reads a PEM private key of any size from 512 to 16384 bits.
    ///
    /// - WARNING: Keys below 2048 bits are not secure. Use this only for test vectors and legacy interoperability.
    public init(unsafePEMRepresentation pem: String) throws(RSAError) {
        let document = try KeyEncoding.pemDocument(pem, types: Self.pemTypes)
        self = try KeyEncoding.decodeAnyPrivateKey(document, policy: .unsafe)
    }

    /// DER PKCS #1 RSAPrivateKey (as swift-crypto's `derRepresentation`).
    public var derRepresentation: [UInt8] {
        KeyEncoding.encodePKCS1PrivateKey(self)
    }

    /// PEM "RSA PRIVATE KEY" (PKCS #1).
    public var pemRepresentation: String {
        KeyEncoding.pem("RSA PRIVATE KEY", derRepresentation)
    }

    /// DER PKCS #8 PrivateKeyInfo declaring ``algorithm`` (rsaEncryption, or id-RSASSA-PSS for a restricted key).
    public var pkcs8DERRepresentation: [UInt8] {
        KeyEncoding.encodePKCS8PrivateKey(self)
    }

    /// PEM "PRIVATE KEY" (PKCS #8).
    public var pkcs8PEMRepresentation: String {
        KeyEncoding.pem("PRIVATE KEY", pkcs8DERRepresentation)
    }
}
