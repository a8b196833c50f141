import BigNum
import SwiftASN1

/// The pure decoding functions behind the key initializers: bytes in, a typed value or a typed error out.
///
/// Every failure of the ASN.1 layer (malformed, truncated, trailing data, wrong types) becomes
/// ``RSAError/Code/invalidKeyEncoding``; an algorithm or hash this library does not implement becomes
/// ``RSAError/Code/unsupportedAlgorithm``; an inconsistent or wrongly sized key keeps its key error.
enum KeyEncoding {
    /// Which modulus sizes a decoder accepts.
    enum SizePolicy {
        /// 2048–4096 bits.
        case standard
        /// 512–16384 bits (test vectors, interoperability).
        case unsafe
    }

    // MARK: - Public keys

    /// Decodes a DER SubjectPublicKeyInfo holding an RSA key (rsaEncryption or id-RSASSA-PSS).
    static func decodeSubjectPublicKeyInfo(
        _ der: [UInt8], policy: SizePolicy
    ) throws(RSAError) -> (RSAPublicKey, RSAKeyAlgorithm) {
        let spki: SubjectPublicKeyInfoASN1 = try parse { try SubjectPublicKeyInfoASN1(derEncoded: der) }
        let algorithm = try decodeAlgorithm(spki.algorithm)
        guard spki.subjectPublicKey.paddingBits == 0 else {
            throw RSAError(.invalidKeyEncoding, "the public key BIT STRING has padding bits")
        }
        var key = try decodePKCS1PublicKey(Array(spki.subjectPublicKey.bytes), policy: policy)
        key.algorithm = algorithm
        return (key, algorithm)
    }

    /// Decodes a DER PKCS #1 RSAPublicKey.
    static func decodePKCS1PublicKey(_ der: [UInt8], policy: SizePolicy) throws(RSAError) -> RSAPublicKey {
        let pkcs1: PKCS1PublicKey = try parse { try PKCS1PublicKey(derEncoded: der) }
        try RSAKeyComponentLimits.check(modulus: pkcs1.modulus, publicExponent: pkcs1.publicExponent, policy: policy)
        let n = BigNum(bigEndianBytes: pkcs1.modulus)
        let e = BigNum(bigEndianBytes: pkcs1.publicExponent)
        switch policy {
        case .standard: return try RSAPublicKey(modulus: n, publicExponent: e)
        case .unsafe: return try RSAPublicKey(unsafeModulus: n, publicExponent: e)
        }
    }

    /// Decodes either a SubjectPublicKeyInfo or a PKCS #1 RSAPublicKey, whichever `der` is.
    static func decodeAnyPublicKey(_ der: [UInt8], policy: SizePolicy) throws(RSAError) -> RSAPublicKey {
        // An SPKI starts SEQUENCE { SEQUENCE { OID …; a PKCS #1 key starts SEQUENCE { INTEGER.
        if let root = try? DER.parse(der), case .constructed(let children) = root.content,
            let first = children.first(where: { _ in true }), first.identifier == .integer
        {
            return try decodePKCS1PublicKey(der, policy: policy)
        }
        return try decodeSubjectPublicKeyInfo(der, policy: policy).0
    }

    static func encodePKCS1PublicKey(_ key: RSAPublicKey) -> [UInt8] {
        serialize {
            PKCS1PublicKey(modulus: key.modulus.bigEndianBytes[...], publicExponent: key.publicExponent.bigEndianBytes[...])
        }
    }

    static func encodeSubjectPublicKeyInfo(_ key: RSAPublicKey, algorithm: RSAKeyAlgorithm) -> [UInt8] {
        serialize {
            let bits = ASN1BitString(bytes: encodePKCS1PublicKey(key)[...])
            return SubjectPublicKeyInfoASN1(algorithm: try algorithmIdentifier(algorithm), subjectPublicKey: bits)
        }
    }

    /// The AlgorithmIdentifier of a key algorithm: rsaEncryption with NULL, or id-RSASSA-PSS with its parameters
    /// (absent when unrestricted). Errors propagate: parameters are never dropped.
    static func algorithmIdentifier(_ algorithm: RSAKeyAlgorithm) throws -> AlgorithmIdentifier {
        switch algorithm {
        case .rsaEncryption:
            return try .rsaEncryption()
        case .rsassaPSS(let parameters):
            return AlgorithmIdentifier(
                algorithm: RSAObjectIdentifiers.rsassaPSS,
                parameters: try parameters.map { try ASN1Any(erasing: RSASSAPSSParametersASN1(parameters: $0)) })
        }
    }

    // MARK: - Private keys

    /// Decodes a DER PKCS #1 RSAPrivateKey.
    static func decodePKCS1PrivateKey(_ der: [UInt8], policy: SizePolicy) throws(RSAError) -> RSAPrivateKey {
        let pkcs1: PKCS1PrivateKey = try parse { try PKCS1PrivateKey(derEncoded: der) }
        try RSAKeyComponentLimits.check(
            modulus: pkcs1.modulus, publicExponent: pkcs1.publicExponent, privateExponent: pkcs1.privateExponent,
            prime1: pkcs1.prime1, prime2: pkcs1.prime2, exponent1: pkcs1.exponent1, exponent2: pkcs1.exponent2,
            coefficient: pkcs1.coefficient, policy: policy)
        let n = BigNum(bigEndianBytes: pkcs1.modulus)
        let e = BigNum(bigEndianBytes: pkcs1.publicExponent)
        let publicKey: RSAPublicKey
        switch policy {
        case .standard: publicKey = try RSAPublicKey(modulus: n, publicExponent: e)
        case .unsafe: publicKey = try RSAPublicKey(unsafeModulus: n, publicExponent: e)
        }
        return try RSAPrivateKey(
            publicKey: publicKey,
            privateExponent: pkcs1.privateExponent, prime1: pkcs1.prime1, prime2: pkcs1.prime2,
            exponent1: pkcs1.exponent1, exponent2: pkcs1.exponent2, coefficient: pkcs1.coefficient
        )
    }

    /// Decodes a DER PKCS #8 PrivateKeyInfo holding an RSA key (rsaEncryption or id-RSASSA-PSS).
    static func decodePKCS8PrivateKey(
        _ der: [UInt8], policy: SizePolicy
    ) throws(RSAError) -> (RSAPrivateKey, RSAKeyAlgorithm) {
        let info: PrivateKeyInfoASN1 = try parse { try PrivateKeyInfoASN1(derEncoded: der) }
        let algorithm = try decodeAlgorithm(info.algorithm)
        var key = try decodePKCS1PrivateKey(Array(info.privateKey.bytes), policy: policy)
        key.publicKey.algorithm = algorithm
        return (key, algorithm)
    }

    /// Decodes either a PKCS #8 PrivateKeyInfo or a PKCS #1 RSAPrivateKey, whichever `der` is.
    static func decodeAnyPrivateKey(_ der: [UInt8], policy: SizePolicy) throws(RSAError) -> RSAPrivateKey {
        // PKCS #8: SEQUENCE { INTEGER, SEQUENCE …; PKCS #1: SEQUENCE { INTEGER, INTEGER ….
        if let root = try? DER.parse(der), case .constructed(let children) = root.content {
            var iterator = children.makeIterator()
            _ = iterator.next()
            if let second = iterator.next(), second.identifier == .integer {
                return try decodePKCS1PrivateKey(der, policy: policy)
            }
        }
        return try decodePKCS8PrivateKey(der, policy: policy).0
    }

    static func encodePKCS1PrivateKey(_ key: RSAPrivateKey) -> [UInt8] {
        serialize {
            PKCS1PrivateKey(
                modulus: key.publicKey.modulus.bigEndianBytes[...],
                publicExponent: key.publicKey.publicExponent.bigEndianBytes[...],
                privateExponent: key.secretPrivateExponent.minimalBigEndianBytes()[...],
                prime1: key.secretPrime1.minimalBigEndianBytes()[...],
                prime2: key.secretPrime2.minimalBigEndianBytes()[...],
                exponent1: key.secretExponent1.minimalBigEndianBytes()[...],
                exponent2: key.secretExponent2.minimalBigEndianBytes()[...],
                coefficient: key.secretCoefficient.minimalBigEndianBytes()[...]
            )
        }
    }

    static func encodePKCS8PrivateKey(_ key: RSAPrivateKey) -> [UInt8] {
        serialize {
            let inner = ASN1OctetString(contentBytes: encodePKCS1PrivateKey(key)[...])
            return PrivateKeyInfoASN1(algorithm: try algorithmIdentifier(key.algorithm), privateKey: inner)
        }
    }

    // MARK: - PEM

    /// The DER bytes of a single PEM document whose type is one of `types`.
    static func pemDocument(_ pem: String, types: Set<String>) throws(RSAError) -> [UInt8] {
        let document: PEMDocument
        do {
            document = try PEMDocument(pemString: pem)
        } catch {
            throw RSAError(.invalidKeyEncoding, "not a PEM document")
        }
        guard types.contains(document.discriminator) else {
            throw RSAError(
                .invalidKeyEncoding,
                "PEM type \"\(document.discriminator)\" is not one of \(types.sorted().map { "\"\($0)\"" }.joined(separator: ", "))"
            )
        }
        return document.derBytes
    }

    static func pem(_ type: String, _ der: [UInt8]) -> String {
        PEMDocument(type: type, derBytes: der).pemString
    }

    // MARK: - Helpers

    /// Maps an AlgorithmIdentifier to an RSA key algorithm.
    static func decodeAlgorithm(_ identifier: AlgorithmIdentifier) throws(RSAError) -> RSAKeyAlgorithm {
        switch identifier.algorithm {
        case RSAObjectIdentifiers.rsaEncryption:
            // RFC 8017 A.1: the parameters shall be NULL (absent is tolerated, as many encoders write it).
            guard identifier.hasAbsentOrNullParameters else {
                throw RSAError(.invalidKeyEncoding, "rsaEncryption parameters must be NULL")
            }
            return .rsaEncryption
        case RSAObjectIdentifiers.rsassaPSS:
            guard let parameters = identifier.parameters else { return .rsassaPSS(nil) }
            do {
                return .rsassaPSS(try RSASSAPSSParametersASN1(asn1Any: parameters).parameters)
            } catch let unsupported as RSASSAPSSParametersASN1.UnsupportedHash {
                throw RSAError(.unsupportedAlgorithm, "unsupported hash \(unsupported.identifier) in RSASSA-PSS parameters")
            } catch {
                throw RSAError(.invalidKeyEncoding, "malformed RSASSA-PSS parameters")
            }
        default:
            throw RSAError(.unsupportedAlgorithm, "key algorithm \(identifier.algorithm) is not RSA")
        }
    }

    /// Runs an ASN.1 parse, mapping its errors to ``RSAError``.
    static func parse<T>(_ body: () throws -> T) throws(RSAError) -> T {
        do {
            return try body()
        } catch let error as RSAError {
            throw error
        } catch let error as ASN1Error {
            throw RSAError(.invalidKeyEncoding, "malformed DER: \(error.code)")
        } catch {
            throw RSAError(.invalidKeyEncoding, "malformed DER")
        }
    }

    /// DER serialization of a structure built from a validated key.
    ///
    /// swift-asn1's serializer is declared `throws`, but for these structures — SEQUENCEs of INTEGERs, OCTET and BIT
    /// STRINGs, object identifiers, NULL — nothing in it can fail. Should it ever, the encoding is not replaced by
    /// `[]` or stripped of a field: the process stops with the error, loudly, since it would be a defect of this
    /// library and never a property of input (every key here has passed validation).
    static func serialize<T: DERSerializable>(_ build: () throws -> T) -> [UInt8] {
        do {
            var serializer = DER.Serializer()
            try serializer.serialize(build())
            return serializer.serializedBytes
        } catch {
            preconditionFailure("DER serialization of a validated RSA key structure failed: \(error)")
        }
    }
}
