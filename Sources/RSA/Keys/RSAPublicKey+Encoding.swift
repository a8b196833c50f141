#if canImport(FoundationEssentials)
import protocol FoundationEssentials.DataProtocol
#else
import protocol Foundation.DataProtocol
#endif

extension RSAPublicKey {
    /// The PEM types a public key is read from: "PUBLIC KEY" (SPKI) and "RSA PUBLIC KEY" (PKCS #1).
    static let pemTypes: Set<String> = ["PUBLIC KEY", "RSA PUBLIC KEY"]

    /// Reads a DER SubjectPublicKeyInfo (rsaEncryption or id-RSASSA-PSS, whose restriction the key keeps:
    /// ``algorithm``) or PKCS #1 RSAPublicKey with a 2048- to 4096-bit modulus.
    ///
    /// - Throws: ``RSAError/Code/invalidKeyEncoding`` for malformed, truncated or trailing-garbage input;
    ///   ``RSAError/Code/unsupportedAlgorithm`` for a non-RSA key; key-size and key errors.
    public init<D: DataProtocol>(derRepresentation der: D) throws(RSAError) {
        self = try KeyEncoding.decodeAnyPublicKey(Array(der), policy: .standard)
    }

    /// Reads a DER public key of any size from 512 to 16384 bits.
    ///
    /// - WARNING: Keys below 2048 bits are not secure. Use this only for test vectors and legacy interoperability.
    public init<D: DataProtocol>(unsafeDERRepresentation der: D) throws(RSAError) {
        self = try KeyEncoding.decodeAnyPublicKey(Array(der), policy: .unsafe)
    }

    /// Reads a PEM "PUBLIC KEY" (SPKI) or "RSA PUBLIC KEY" (PKCS #1) with a 2048- to 4096-bit modulus.
    public init(pemRepresentation pem: String) throws(RSAError) {
        let document = try KeyEncoding.pemDocument(pem, types: Self.pemTypes)
        self = try KeyEncoding.decodeAnyPublicKey(document, policy: .standard)
    }

    /// Reads a PEM public key of any size from 512 to 16384 bits.
    ///
    /// - WARNING: Keys below 2048 bits are not secure. Use this only for test vectors and legacy interoperability.
    public init(unsafePEMRepresentation pem: String) throws(RSAError) {
        let document = try KeyEncoding.pemDocument(pem, types: Self.pemTypes)
        self = try KeyEncoding.decodeAnyPublicKey(document, policy: .unsafe)
    }

    /// DER SubjectPublicKeyInfo declaring ``algorithm`` (rsaEncryption with NULL parameters for an unrestricted
    /// key).
    public var derRepresentation: [UInt8] {
        KeyEncoding.encodeSubjectPublicKeyInfo(self, algorithm: algorithm)
    }

    /// PEM "PUBLIC KEY" (SubjectPublicKeyInfo).
    public var pemRepresentation: String {
        KeyEncoding.pem("PUBLIC KEY", derRepresentation)
    }

    /// DER PKCS #1 RSAPublicKey.
    public var pkcs1DERRepresentation: [UInt8] {
        KeyEncoding.encodePKCS1PublicKey(self)
    }

    /// PEM "RSA PUBLIC KEY" (PKCS #1).
    public var pkcs1PEMRepresentation: String {
        KeyEncoding.pem("RSA PUBLIC KEY", pkcs1DERRepresentation)
    }

    /// DER SubjectPublicKeyInfo with id-RSASSA-PSS and explicit RSASSA-PSS-params, hash identifiers without
    /// parameters: the RFC 9578 §6.5 token-key encoding when `parameters` is ``PSSParameters/sha384``.
    public func pssDERRepresentation(parameters: PSSParameters) -> [UInt8] {
        KeyEncoding.encodeSubjectPublicKeyInfo(self, algorithm: .rsassaPSS(parameters))
    }

    /// PEM "PUBLIC KEY" of ``pssDERRepresentation(parameters:)``.
    public func pssPEMRepresentation(parameters: PSSParameters) -> String {
        KeyEncoding.pem("PUBLIC KEY", pssDERRepresentation(parameters: parameters))
    }
}

/// An RSA SubjectPublicKeyInfo: the key and the algorithm (with any RSASSA-PSS restrictions) it declares.
public struct RSASubjectPublicKeyInfo: Hashable, Sendable {
    /// The public key, carrying ``algorithm``.
    public private(set) var publicKey: RSAPublicKey
    /// The declared algorithm: rsaEncryption, or id-RSASSA-PSS with optional parameter restrictions.
    public private(set) var algorithm: RSAKeyAlgorithm

    /// A key info for `publicKey` declaring `algorithm`; the key takes that algorithm as its own
    /// (``RSAPublicKey/algorithm``), so the info and its key always agree. This is also how a caller relabels a
    /// key explicitly.
    public init(publicKey: RSAPublicKey, algorithm: RSAKeyAlgorithm) {
        var key = publicKey
        key.algorithm = algorithm
        self.publicKey = key
        self.algorithm = algorithm
    }

    /// Reads a DER SubjectPublicKeyInfo with a 2048- to 4096-bit RSA modulus.
    ///
    /// - Throws: ``RSAError/Code/invalidKeyEncoding``, ``RSAError/Code/unsupportedAlgorithm`` (non-RSA key, or a
    ///   PSS hash this library does not implement), or a key-size or key error.
    public init(derRepresentation der: [UInt8]) throws(RSAError) {
        (publicKey, algorithm) = try KeyEncoding.decodeSubjectPublicKeyInfo(der, policy: .standard)
    }

    /// Reads a DER SubjectPublicKeyInfo of any size from 512 to 16384 bits.
    ///
    /// - WARNING: Keys below 2048 bits are not secure. Use this only for test vectors and legacy interoperability.
    public init(unsafeDERRepresentation der: [UInt8]) throws(RSAError) {
        (publicKey, algorithm) = try KeyEncoding.decodeSubjectPublicKeyInfo(der, policy: .unsafe)
    }

    /// Reads a PEM "PUBLIC KEY" with a 2048- to 4096-bit RSA modulus.
    public init(pemRepresentation pem: String) throws(RSAError) {
        let document = try KeyEncoding.pemDocument(pem, types: ["PUBLIC KEY"])
        try self.init(derRepresentation: document)
    }

    /// The DER encoding.
    public var derRepresentation: [UInt8] {
        KeyEncoding.encodeSubjectPublicKeyInfo(publicKey, algorithm: algorithm)
    }

    /// The PEM "PUBLIC KEY" encoding.
    public var pemRepresentation: String {
        KeyEncoding.pem("PUBLIC KEY", derRepresentation)
    }
}
