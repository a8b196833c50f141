/// The project's own vector schema (Vectors/README.md): common parts.
struct ProjectVectorHeader: Decodable {
    let schema: String
    let version: Int
}

/// An RSA key in a vector file: n and e, and for private keys d, p, q, dp, dq, qinv (hex).
struct VectorKey: Decodable {
    let n: String
    let e: String
    let d: String?
    let p: String?
    let q: String?
    let dp: String?
    let dq: String?
    let qinv: String?
}

/// A file of the `rsa-oaep` schema.
struct OAEPVectorFile: Decodable {
    struct Case: Decodable {
        struct Intermediate: Decodable {
            let em: String?
        }

        let id: String
        let key: String
        let hash: String
        let mgf1_hash: String
        let label: String
        let msg: String
        let ct: String
        let result: String
        let seed: String?
        let intermediate: Intermediate?
    }

    let keys: [String: VectorKey]
    let cases: [Case]
}

/// A file of the `rsa-pss` schema.
struct PSSVectorFile: Decodable {
    struct Case: Decodable {
        let id: String
        let key: String
        let hash: String
        let mgf1_hash: String
        let salt_len: Int
        let msg: String
        let sig: String
        let result: String
    }

    let keys: [String: VectorKey]
    let cases: [Case]
}

/// A file of the `rsabssa` schema (RFC 9474 Appendix A).
struct RSABSSAVectorFile: Decodable {
    struct Case: Decodable {
        let id: String
        let variant: String
        let key: String
        let msg: String
        let msg_prefix: String
        let prepared_msg: String
        let salt: String
        let encoded_msg: String
        let inv: String
        let blinded_msg: String
        let blind_sig: String
        let sig: String
    }

    let keys: [String: VectorKey]
    let cases: [Case]
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
