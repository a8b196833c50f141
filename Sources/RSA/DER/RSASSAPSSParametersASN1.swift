import SwiftASN1

/// RSASSA-PSS-params (RFC 8017 Appendix A.2.3, RFC 4055 §3.1).
///
/// ```
/// RSASSA-PSS-params ::= SEQUENCE {
///     hashAlgorithm      [0] HashAlgorithm      DEFAULT sha1,
///     maskGenAlgorithm   [1] MaskGenAlgorithm   DEFAULT mgf1SHA1,
///     saltLength         [2] INTEGER            DEFAULT 20,
///     trailerField       [3] TrailerField       DEFAULT trailerFieldBC
/// }
/// ```
/// Hash AlgorithmIdentifiers are accepted with absent or NULL parameters and written without parameters, the
/// form RFC 9578 §6.5 uses for token keys.
struct RSASSAPSSParametersASN1: DERImplicitlyTaggable {
    static var defaultIdentifier: ASN1Identifier { .sequence }

    var parameters: PSSParameters

    init(parameters: PSSParameters) {
        self.parameters = parameters
    }

    init(derEncoded rootNode: ASN1Node, withIdentifier identifier: ASN1Identifier) throws {
        self = try DER.sequence(rootNode, identifier: identifier) { nodes in
            // [0] hashAlgorithm, DEFAULT sha1.
            let hashIdentifier = try DER.optionalExplicitlyTagged(&nodes, tagNumber: 0, tagClass: .contextSpecific) {
                try AlgorithmIdentifier(derEncoded: $0)
            }
            let hash = try hashIdentifier.map(Self.digest(of:)) ?? .sha1
            // [1] maskGenAlgorithm, DEFAULT mgf1SHA1: id-mgf1 with a hash AlgorithmIdentifier as parameters.
            let maskIdentifier = try DER.optionalExplicitlyTagged(&nodes, tagNumber: 1, tagClass: .contextSpecific) {
                try AlgorithmIdentifier(derEncoded: $0)
            }
            var mgf1Hash = DigestAlgorithm.sha1
            if let maskIdentifier {
                guard maskIdentifier.algorithm == RSAObjectIdentifiers.mgf1, let inner = maskIdentifier.parameters else {
                    throw ASN1Error.invalidASN1Object(reason: "the mask generation function is not MGF1 with a hash")
                }
                mgf1Hash = try Self.digest(of: AlgorithmIdentifier(asn1Any: inner))
            }
            // [2] saltLength, DEFAULT 20.
            let saltLength = try DER.optionalExplicitlyTagged(&nodes, tagNumber: 2, tagClass: .contextSpecific) {
                try Int(derEncoded: $0)
            } ?? 20
            guard saltLength >= 0 else {
                throw ASN1Error.invalidASN1Object(reason: "negative PSS salt length")
            }
            // [3] trailerField, DEFAULT 1 (trailerFieldBC); no other value is defined.
            let trailer = try DER.optionalExplicitlyTagged(&nodes, tagNumber: 3, tagClass: .contextSpecific) {
                try Int(derEncoded: $0)
            } ?? 1
            guard trailer == 1 else {
                throw ASN1Error.invalidASN1Object(reason: "unsupported PSS trailer field \(trailer)")
            }
            return RSASSAPSSParametersASN1(
                parameters: PSSParameters(hash: hash, mgf1Hash: mgf1Hash, saltLength: saltLength)
            )
        }
    }

    func serialize(into coder: inout DER.Serializer, withIdentifier identifier: ASN1Identifier) throws {
        try coder.appendConstructedNode(identifier: identifier) { coder in
            // DER omits values equal to their DEFAULT.
            if parameters.hash != .sha1 {
                try coder.serialize(Self.hashIdentifier(parameters.hash), explicitlyTaggedWithTagNumber: 0, tagClass: .contextSpecific)
            }
            if parameters.mgf1Hash != .sha1 {
                let mask = AlgorithmIdentifier(
                    algorithm: RSAObjectIdentifiers.mgf1,
                    parameters: try ASN1Any(erasing: Self.hashIdentifier(parameters.mgf1Hash))
                )
                try coder.serialize(mask, explicitlyTaggedWithTagNumber: 1, tagClass: .contextSpecific)
            }
            if parameters.saltLength != 20 {
                try coder.serialize(parameters.saltLength, explicitlyTaggedWithTagNumber: 2, tagClass: .contextSpecific)
            }
        }
    }

    /// A hash AlgorithmIdentifier without parameters (RFC 9578 §6.5's form).
    static func hashIdentifier(_ digest: DigestAlgorithm) -> AlgorithmIdentifier {
        AlgorithmIdentifier(algorithm: RSAObjectIdentifiers.identifier(of: digest), parameters: nil)
    }

    /// The digest of a hash AlgorithmIdentifier whose parameters are absent or NULL.
    static func digest(of identifier: AlgorithmIdentifier) throws -> DigestAlgorithm {
        guard identifier.hasAbsentOrNullParameters else {
            throw ASN1Error.invalidASN1Object(reason: "hash algorithm identifiers take no parameters")
        }
        guard let digest = RSAObjectIdentifiers.digest(for: identifier.algorithm) else {
            throw UnsupportedHash(identifier: identifier.algorithm)
        }
        return digest
    }

    /// A well-formed hash identifier for a hash this library does not implement (e.g. SHA-224).
    struct UnsupportedHash: Error {
        let identifier: ASN1ObjectIdentifier
    }
}
