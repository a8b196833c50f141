import SwiftASN1

/// X.509 AlgorithmIdentifier.
///
/// ```
/// AlgorithmIdentifier ::= SEQUENCE {
///     algorithm   OBJECT IDENTIFIER,
///     parameters  ANY DEFINED BY algorithm OPTIONAL }
/// ```
struct AlgorithmIdentifier: DERImplicitlyTaggable, Hashable, Sendable {
    static var defaultIdentifier: ASN1Identifier { .sequence }

    var algorithm: ASN1ObjectIdentifier
    var parameters: ASN1Any?

    init(algorithm: ASN1ObjectIdentifier, parameters: ASN1Any?) {
        self.algorithm = algorithm
        self.parameters = parameters
    }

    init(derEncoded rootNode: ASN1Node, withIdentifier identifier: ASN1Identifier) throws {
        self = try DER.sequence(rootNode, identifier: identifier) { nodes in
            let algorithm = try ASN1ObjectIdentifier(derEncoded: &nodes)
            let parameters = nodes.next().map { ASN1Any(derEncoded: $0) }
            return AlgorithmIdentifier(algorithm: algorithm, parameters: parameters)
        }
    }

    func serialize(into coder: inout DER.Serializer, withIdentifier identifier: ASN1Identifier) throws {
        try coder.appendConstructedNode(identifier: identifier) { coder in
            try coder.serialize(algorithm)
            if let parameters {
                try coder.serialize(parameters)
            }
        }
    }

    /// Whether the parameters are absent or an ASN.1 NULL (both appear for hash algorithm identifiers).
    var hasAbsentOrNullParameters: Bool {
        guard let parameters else { return true }
        return (try? ASN1Null(asn1Any: parameters)) != nil
    }

    /// `rsaEncryption` with NULL parameters, as RFC 8017 Appendix A.1 requires.
    static func rsaEncryption() throws -> AlgorithmIdentifier {
        AlgorithmIdentifier(algorithm: RSAObjectIdentifiers.rsaEncryption, parameters: try ASN1Any(erasing: ASN1Null()))
    }
}
