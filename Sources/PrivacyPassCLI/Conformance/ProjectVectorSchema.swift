import Foundation

/// The project's own vector schema (Vectors/README.md, version 1): the one decoder of these files, used by
/// `privacy-pass vectors` and by the package's tests.
///
/// Property names are the schema's field names (snake_case included), so files decode with a plain `JSONDecoder`.
/// Fields the CLI does not check but the tests read (`source`, `flags`, `comment`, the `oaep-int` intermediates
/// other than `em`) are ``Unchecked``: they never make a file unreadable.
package enum ProjectVectorSchema {
    /// Decodes a whole file (or just its ``ProjectVectorHeader``) of the project's schema.
    package static func decode<File: Decodable>(_ type: File.Type, from data: Data) throws -> File {
        try JSONDecoder().decode(type, from: data)
    }
}

/// The project's own vector schema (Vectors/README.md): common parts.
package struct ProjectVectorHeader: Decodable, Sendable {
    package let schema: String
    package let version: Int
}

/// A field the CLI does not check: its value when the JSON has the right type, `nil` otherwise, so that it never
/// makes a file unreadable.
package struct Unchecked<Value: Decodable & Sendable>: Decodable, Sendable {
    package let value: Value?

    package init(from decoder: any Decoder) throws {
        value = try? decoder.singleValueContainer().decode(Value.self)
    }
}

/// An RSA key in a vector file: n and e, and for private keys d, p, q, dp, dq, qinv (hex).
package struct VectorKey: Decodable, Sendable {
    package let n: String
    package let e: String
    package let d: String?
    package let p: String?
    package let q: String?
    package let dp: String?
    package let dq: String?
    package let qinv: String?
}

/// A file of the `rsa-oaep` schema.
package struct OAEPVectorFile: Decodable, Sendable {
    package struct Case: Decodable, Sendable {
        /// RFC 8017 EME-OAEP intermediate values (`rfc8017-oaep-int.json` only); `em` is the full k-byte EM with
        /// its leading 00. The CLI checks `em`; the others are for the tests.
        package struct Intermediate: Decodable, Sendable {
            package let em: String?
            package let l_hash: Unchecked<String>?
            package let db: Unchecked<String>?
            package let db_mask: Unchecked<String>?
            package let masked_db: Unchecked<String>?
            package let seed_mask: Unchecked<String>?
            package let masked_seed: Unchecked<String>?
        }

        package let id: String
        package let key: String
        package let hash: String
        package let mgf1_hash: String
        package let label: String
        package let msg: String
        package let ct: String
        package let result: String
        package let seed: String?
        package let flags: Unchecked<[String]>?
        package let comment: Unchecked<String>?
        package let intermediate: Intermediate?
    }

    // Always present: the CLI decodes a file only after its ProjectVectorHeader.
    package let schema: String
    package let version: Int
    package let source: Unchecked<String>?
    package let keys: [String: VectorKey]
    package let cases: [Case]
}

/// A file of the `rsa-pss` schema.
package struct PSSVectorFile: Decodable, Sendable {
    package struct Case: Decodable, Sendable {
        package let id: String
        package let key: String
        package let hash: String
        package let mgf1_hash: String
        package let salt_len: Int
        package let msg: String
        package let sig: String
        package let result: String
        package let flags: Unchecked<[String]>?
        package let comment: Unchecked<String>?
    }

    package let schema: String
    package let version: Int
    package let source: Unchecked<String>?
    package let keys: [String: VectorKey]
    package let cases: [Case]
}

/// A file of the `rsabssa` schema (RFC 9474 Appendix A).
package struct RSABSSAVectorFile: Decodable, Sendable {
    package struct Case: Decodable, Sendable {
        package let id: String
        package let variant: String
        package let key: String
        package let msg: String
        package let msg_prefix: String
        package let prepared_msg: String
        package let salt: String
        package let encoded_msg: String
        package let inv: String
        package let blinded_msg: String
        package let blind_sig: String
        package let sig: String
    }

    package let schema: String
    package let version: Int
    package let source: Unchecked<String>?
    package let keys: [String: VectorKey]
    package let cases: [Case]
}

/// Wycheproof's RSA-OAEP decryption files (`rsaes_oaep_decrypt_schema`).
struct WycheproofOAEPFile: Decodable {
    struct Group: Decodable {
        struct PrivateKey: Decodable {
            let modulus: String
            let publicExponent: String
            let privateExponent: String
            let prime1: String
            let prime2: String
            let exponent1: String
            let exponent2: String
            let coefficient: String
        }

        struct Test: Decodable {
            let tcId: Int
            let msg: String
            let ct: String
            let label: String
            let result: String
        }

        let sha: String
        let mgfSha: String
        let privateKey: PrivateKey
        let tests: [Test]
    }

    let testGroups: [Group]
}

/// Wycheproof's RSA-PSS verification files (`rsassa_pss_verify_schema`,
/// `rsassa_pss_with_parameters_verify_schema`).
struct WycheproofPSSFile: Decodable {
    struct Group: Decodable {
        struct PublicKey: Decodable {
            let modulus: String
            let publicExponent: String
        }

        struct Test: Decodable {
            let tcId: Int
            let msg: String
            let sig: String
            let result: String
        }

        let sha: String?
        let mgfSha: String?
        let sLen: Int?
        let publicKey: PublicKey?
        let n: String?
        let e: String?
        let tests: [Test]
    }

    let testGroups: [Group]
}

/// Just enough of a Wycheproof file to recognize it.
struct WycheproofHeader: Decodable {
    let schema: String
    let testGroups: [IgnoredValue]?

    struct IgnoredValue: Decodable {
        init(from decoder: any Decoder) throws {}
    }
}
