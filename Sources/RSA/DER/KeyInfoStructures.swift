import SwiftASN1

/// SubjectPublicKeyInfo (RFC 5280 §4.1).
///
/// ```
/// SubjectPublicKeyInfo ::= SEQUENCE {
///     algorithm            AlgorithmIdentifier,
///     subjectPublicKey     BIT STRING }
/// ```
struct SubjectPublicKeyInfoASN1: DERImplicitlyTaggable {
    static var defaultIdentifier: ASN1Identifier { .sequence }

    var algorithm: AlgorithmIdentifier
    var subjectPublicKey: ASN1BitString

    init(algorithm: AlgorithmIdentifier, subjectPublicKey: ASN1BitString) {
        self.algorithm = algorithm
        self.subjectPublicKey = subjectPublicKey
    }

    init(derEncoded rootNode: ASN1Node, withIdentifier identifier: ASN1Identifier) throws {
        self = try DER.sequence(rootNode, identifier: identifier) { nodes in
            let algorithm = try AlgorithmIdentifier(derEncoded: &nodes)
            let key = try ASN1BitString(derEncoded: &nodes)
            return SubjectPublicKeyInfoASN1(algorithm: algorithm, subjectPublicKey: key)
        }
    }

    func serialize(into coder: inout DER.Serializer, withIdentifier identifier: ASN1Identifier) throws {
        try coder.appendConstructedNode(identifier: identifier) { coder in
            try coder.serialize(algorithm)
            try coder.serialize(subjectPublicKey)
        }
    }
}

/// PKCS #8 PrivateKeyInfo (RFC 5208 §5), also accepting RFC 5958 OneAsymmetricKey version 1.
///
/// ```
/// PrivateKeyInfo ::= SEQUENCE {
///     version                   Version,
///     privateKeyAlgorithm       PrivateKeyAlgorithmIdentifier,
///     privateKey                PrivateKey,          -- OCTET STRING
///     attributes           [0]  IMPLICIT Attributes OPTIONAL,
///     publicKey            [1]  IMPLICIT PublicKey OPTIONAL  -- OneAsymmetricKey v2 only
/// }
/// ```
struct PrivateKeyInfoASN1: DERImplicitlyTaggable {
    static var defaultIdentifier: ASN1Identifier { .sequence }

    var algorithm: AlgorithmIdentifier
    var privateKey: ASN1OctetString

    init(algorithm: AlgorithmIdentifier, privateKey: ASN1OctetString) {
        self.algorithm = algorithm
        self.privateKey = privateKey
    }

    init(derEncoded rootNode: ASN1Node, withIdentifier identifier: ASN1Identifier) throws {
        self = try DER.sequence(rootNode, identifier: identifier) { nodes in
            let version = try Int(derEncoded: &nodes)
            guard version == 0 || version == 1 else {
                throw ASN1Error.invalidASN1Object(reason: "unknown PrivateKeyInfo version \(version)")
            }
            let algorithm = try AlgorithmIdentifier(derEncoded: &nodes)
            let privateKey = try ASN1OctetString(derEncoded: &nodes)
            // Attributes and (v2) the public key are allowed and ignored; nothing else may follow.
            while let node = nodes.next() {
                let attributes = ASN1Identifier(tagWithNumber: 0, tagClass: .contextSpecific)
                let publicKey = ASN1Identifier(tagWithNumber: 1, tagClass: .contextSpecific)
                guard node.identifier == attributes || (version == 1 && node.identifier == publicKey) else {
                    throw ASN1Error.invalidASN1Object(reason: "unexpected field in PrivateKeyInfo")
                }
            }
            return PrivateKeyInfoASN1(algorithm: algorithm, privateKey: privateKey)
        }
    }

    func serialize(into coder: inout DER.Serializer, withIdentifier identifier: ASN1Identifier) throws {
        try coder.appendConstructedNode(identifier: identifier) { coder in
            try coder.serialize(0)
            try coder.serialize(algorithm)
            try coder.serialize(privateKey)
        }
    }
}
