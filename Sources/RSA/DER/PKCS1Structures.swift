import SwiftASN1

/// PKCS #1 RSAPublicKey (RFC 8017 Appendix A.1.1).
///
/// ```
/// RSAPublicKey ::= SEQUENCE {
///     modulus           INTEGER,  -- n
///     publicExponent    INTEGER   -- e
/// }
/// ```
struct PKCS1PublicKey: DERImplicitlyTaggable {
    static var defaultIdentifier: ASN1Identifier { .sequence }

    var modulus: ArraySlice<UInt8>
    var publicExponent: ArraySlice<UInt8>

    init(modulus: ArraySlice<UInt8>, publicExponent: ArraySlice<UInt8>) {
        self.modulus = modulus
        self.publicExponent = publicExponent
    }

    init(derEncoded rootNode: ASN1Node, withIdentifier identifier: ASN1Identifier) throws {
        self = try DER.sequence(rootNode, identifier: identifier) { nodes in
            let modulus = try ArraySlice<UInt8>(derEncoded: &nodes)
            let publicExponent = try ArraySlice<UInt8>(derEncoded: &nodes)
            return PKCS1PublicKey(modulus: modulus, publicExponent: publicExponent)
        }
    }

    func serialize(into coder: inout DER.Serializer, withIdentifier identifier: ASN1Identifier) throws {
        try coder.appendConstructedNode(identifier: identifier) { coder in
            try coder.serialize(modulus)
            try coder.serialize(publicExponent)
        }
    }
}

/// PKCS #1 RSAPrivateKey (RFC 8017 Appendix A.1.2), two-prime form only.
///
/// ```
/// RSAPrivateKey ::= SEQUENCE {
///     version           Version,   -- 0 (two-prime); 1 (multi) is rejected
///     modulus           INTEGER,  -- n
///     publicExponent    INTEGER,  -- e
///     privateExponent   INTEGER,  -- d
///     prime1            INTEGER,  -- p
///     prime2            INTEGER,  -- q
///     exponent1         INTEGER,  -- d mod (p-1)
///     exponent2         INTEGER,  -- d mod (q-1)
///     coefficient       INTEGER,  -- (inverse of q) mod p
///     otherPrimeInfos   OtherPrimeInfos OPTIONAL
/// }
/// ```
struct PKCS1PrivateKey: DERImplicitlyTaggable {
    static var defaultIdentifier: ASN1Identifier { .sequence }

    var modulus: ArraySlice<UInt8>
    var publicExponent: ArraySlice<UInt8>
    var privateExponent: ArraySlice<UInt8>
    var prime1: ArraySlice<UInt8>
    var prime2: ArraySlice<UInt8>
    var exponent1: ArraySlice<UInt8>
    var exponent2: ArraySlice<UInt8>
    var coefficient: ArraySlice<UInt8>

    init(
        modulus: ArraySlice<UInt8>, publicExponent: ArraySlice<UInt8>, privateExponent: ArraySlice<UInt8>,
        prime1: ArraySlice<UInt8>, prime2: ArraySlice<UInt8>, exponent1: ArraySlice<UInt8>,
        exponent2: ArraySlice<UInt8>, coefficient: ArraySlice<UInt8>
    ) {
        self.modulus = modulus
        self.publicExponent = publicExponent
        self.privateExponent = privateExponent
        self.prime1 = prime1
        self.prime2 = prime2
        self.exponent1 = exponent1
        self.exponent2 = exponent2
        self.coefficient = coefficient
    }

    init(derEncoded rootNode: ASN1Node, withIdentifier identifier: ASN1Identifier) throws {
        self = try DER.sequence(rootNode, identifier: identifier) { nodes in
            let version = try Int(derEncoded: &nodes)
            guard version == 0 else {
                throw ASN1Error.invalidASN1Object(reason: "only two-prime RSAPrivateKey (version 0) is supported")
            }
            let key = try PKCS1PrivateKey(
                modulus: ArraySlice<UInt8>(derEncoded: &nodes),
                publicExponent: ArraySlice<UInt8>(derEncoded: &nodes),
                privateExponent: ArraySlice<UInt8>(derEncoded: &nodes),
                prime1: ArraySlice<UInt8>(derEncoded: &nodes),
                prime2: ArraySlice<UInt8>(derEncoded: &nodes),
                exponent1: ArraySlice<UInt8>(derEncoded: &nodes),
                exponent2: ArraySlice<UInt8>(derEncoded: &nodes),
                coefficient: ArraySlice<UInt8>(derEncoded: &nodes)
            )
            return key
        }
    }

    func serialize(into coder: inout DER.Serializer, withIdentifier identifier: ASN1Identifier) throws {
        try coder.appendConstructedNode(identifier: identifier) { coder in
            try coder.serialize(0)
            for integer in [
                modulus, publicExponent, privateExponent, prime1, prime2, exponent1, exponent2, coefficient,
            ] {
                try coder.serialize(integer)
            }
        }
    }
}
