extension RSAPrivateKey {
    /// The PEM types a private key is read from: "PRIVATE KEY" (PKCS #8) and "RSA PRIVATE KEY" (PKCS #1).
    static let pemTypes: Set<String> = ["PRIVATE KEY", "RSA PRIVATE KEY"]

    /// Reads a DER PKCS #8 PrivateKeyInfo (rsaEncryption or id-RSASSA-PSS) or PKCS #1 RSAPrivateKey with a 2048- to
    /// 4096-bit modulus, validating every component.
    ///
    /// - Throws: ``RSAError/Code/invalidKeyEncoding`` for malformed, truncated or trailing-garbage input;
    ///   ``RSAError/Code/unsupportedAlgorithm`` for a non-RSA key; ``RSAError/Code/invalidKey`` for inconsistent
    ///   components; ``RSAError/Code/unsupportedKeySize``.
    public init(derRepresentation der: [UInt8]) throws(RSAError) {
        self = try KeyEncoding.decodeAnyPrivateKey(der, policy: .standard)
    }

    /// Reads a DER private key of any size from 512 to 16384 bits.
    ///
    /// - WARNING: Keys below 2048 bits are not secure. Use this only for test vectors and legacy interoperability.
    public init(unsafeDERRepresentation der: [UInt8]) throws(RSAError) {
        self = try KeyEncoding.decodeAnyPrivateKey(der, policy: .unsafe)
    }

    /// Reads a PEM "PRIVATE KEY" (PKCS #8) or "RSA PRIVATE KEY" (PKCS #1) with a 2048- to 4096-bit modulus.
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

    /// The algorithm a DER PKCS #8 encoding declares (rsaEncryption, or id-RSASSA-PSS with its restrictions).
    ///
    /// - Throws: the same errors as ``init(unsafeDERRepresentation:)``.
    public static func declaredAlgorithm(ofPKCS8 der: [UInt8]) throws(RSAError) -> RSAKeyAlgorithm {
        try KeyEncoding.decodePKCS8PrivateKey(der, policy: .unsafe).1
    }

    /// DER PKCS #8 PrivateKeyInfo with rsaEncryption.
    public var derRepresentation: [UInt8] {
        KeyEncoding.encodePKCS8PrivateKey(self)
    }

    /// PEM "PRIVATE KEY" (PKCS #8).
    public var pemRepresentation: String {
        KeyEncoding.pem("PRIVATE KEY", derRepresentation)
    }

    /// DER PKCS #1 RSAPrivateKey.
    public var pkcs1DERRepresentation: [UInt8] {
        KeyEncoding.encodePKCS1PrivateKey(self)
    }

    /// PEM "RSA PRIVATE KEY" (PKCS #1).
    public var pkcs1PEMRepresentation: String {
        KeyEncoding.pem("RSA PRIVATE KEY", pkcs1DERRepresentation)
    }
}
