import BigNum
import Foundation
import PrivacyPassCLI
@testable import RSA

// Loading the project's vector files (Vectors/README.md, schema version 1) for the tests. The schema itself is
// PrivacyPassCLI's (ProjectVectorSchema.swift): the same types and decoder as `privacy-pass vectors`.

/// The `Vectors/` folder of the package, found relative to this source file (…/Tests/RSATests/VectorFiles.swift).
enum VectorFiles {
    static let directory: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // RSATests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // package root
        .appendingPathComponent("Vectors", isDirectory: true)

    /// The names of the `.json` files in `Vectors/<folder>`, sorted.
    static func fileNames(in folder: String) throws -> [String] {
        let url = directory.appendingPathComponent(folder, isDirectory: true)
        return try FileManager.default.contentsOfDirectory(atPath: url.path)
            .filter { $0.hasSuffix(".json") }
            .sorted()
    }

    /// `Vectors/<folder>/<name>` through the CLI's decoder.
    static func load<T: Decodable>(_ type: T.Type, _ folder: String, _ name: String) throws -> T {
        let url = directory.appendingPathComponent(folder, isDirectory: true).appendingPathComponent(name)
        return try ProjectVectorSchema.decode(T.self, from: Data(contentsOf: url))
    }

    static func oaep(_ name: String) throws -> OAEPVectorFile {
        let file = try load(OAEPVectorFile.self, "rsa-oaep", name)
        guard file.schema == "rsa-oaep", file.version == 1, file.source?.value != nil,
            file.cases.allSatisfy({ wellTyped($0.flags) && wellTyped($0.comment) && complete($0.intermediate) })
        else { throw VectorError.wrongSchema(name) }
        return file
    }

    static func pss(_ name: String) throws -> PSSVectorFile {
        let file = try load(PSSVectorFile.self, "rsa-pss", name)
        guard file.schema == "rsa-pss", file.version == 1, file.source?.value != nil,
            file.cases.allSatisfy({ wellTyped($0.flags) && wellTyped($0.comment) })
        else { throw VectorError.wrongSchema(name) }
        return file
    }

    static func rsabssa(_ name: String) throws -> RSABSSAVectorFile {
        let file = try load(RSABSSAVectorFile.self, "rsabssa", name)
        guard file.schema == "rsabssa", file.version == 1, file.source?.value != nil else {
            throw VectorError.wrongSchema(name)
        }
        return file
    }

    // The fields the CLI leaves unchecked (``Unchecked``) must still have the schema's types here: `source` a
    // string, `flags` and `comment` (optional) a string list and a string, an `intermediate` all seven values.

    private static func wellTyped<Value>(_ field: Unchecked<Value>?) -> Bool {
        field == nil || field?.value != nil
    }

    private static func complete(_ intermediate: OAEPVectorFile.Case.Intermediate?) -> Bool {
        guard let intermediate else { return true }
        return intermediate.em != nil && [
            intermediate.l_hash, intermediate.db, intermediate.db_mask, intermediate.masked_db,
            intermediate.seed_mask, intermediate.masked_seed,
        ].allSatisfy { $0?.value != nil }
    }

    /// The `keys` of `Vectors/<folder>/<name>`, the file decoded with its folder's schema.
    static func keys(_ folder: String, _ name: String) throws -> [String: VectorKey] {
        switch folder {
        case "rsa-oaep": return try oaep(name).keys
        case "rsa-pss": return try pss(name).keys
        case "rsabssa": return try rsabssa(name).keys
        default: throw VectorError.wrongSchema("\(folder)/\(name)")
        }
    }
}

enum VectorError: Error, CustomStringConvertible {
    case wrongSchema(String)
    case missingKey(String)
    case notAPrivateKey(String)
    case unsupportedHash(String)

    var description: String {
        switch self {
        case .wrongSchema(let name): return "\(name): not a version-1 file of the expected schema"
        case .missingKey(let id): return "no key \(id) in the file"
        case .notAPrivateKey(let id): return "key \(id) lacks private components"
        case .unsupportedHash(let name): return "unsupported hash \(name)"
        }
    }
}

/// A vector file with keys by id (all three schemas).
protocol VectorKeyed {
    var keys: [String: VectorKey] { get }
}

extension VectorKeyed {
    func key(_ id: String) throws -> VectorKey {
        guard let key = keys[id] else { throw VectorError.missingKey(id) }
        return key
    }
}

extension OAEPVectorFile: VectorKeyed {}
extension PSSVectorFile: VectorKeyed {}
extension RSABSSAVectorFile: VectorKeyed {}

extension VectorKey {
    /// All eight components present (a private key must have them all, Vectors/README.md).
    var isPrivate: Bool { d != nil && p != nil && q != nil && dp != nil && dq != nil && qinv != nil }

    /// The secret components in hex, as written in the file, keyed by their RFC 8017 names.
    func secretComponents(id: String = "?") throws -> [String: String] {
        guard let d, let p, let q, let dp, let dq, let qinv else { throw VectorError.notAPrivateKey(id) }
        return ["d": d, "p": p, "q": q, "dP": dp, "dQ": dq, "qInv": qinv]
    }

    /// The public key, through the `unsafe` initializer (vector keys go down to 1024 bits).
    func publicKey() throws -> RSAPublicKey {
        try RSAPublicKey(unsafeModulus: BigNum(hexString: n), publicExponent: BigNum(hexString: e))
    }

    /// The private key from all eight components, through the `unsafe` initializer.
    func privateKey(id: String = "?") throws -> RSAPrivateKey {
        guard let d, let p, let q, let dp, let dq, let qinv else { throw VectorError.notAPrivateKey(id) }
        return try RSAPrivateKey(
            unsafeModulus: BigNum(hexString: n), publicExponent: BigNum(hexString: e),
            privateExponent: BigNum(hexString: d), prime1: BigNum(hexString: p), prime2: BigNum(hexString: q),
            exponent1: BigNum(hexString: dp), exponent2: BigNum(hexString: dq), coefficient: BigNum(hexString: qinv)
        )
    }

    /// The private key from all eight components, through the default (2048–4096-bit) initializer.
    func checkedPrivateKey(id: String = "?") throws -> RSAPrivateKey {
        guard let d, let p, let q, let dp, let dq, let qinv else { throw VectorError.notAPrivateKey(id) }
        return try RSAPrivateKey(
            modulus: BigNum(hexString: n), publicExponent: BigNum(hexString: e),
            privateExponent: BigNum(hexString: d), prime1: BigNum(hexString: p), prime2: BigNum(hexString: q),
            exponent1: BigNum(hexString: dp), exponent2: BigNum(hexString: dq), coefficient: BigNum(hexString: qinv)
        )
    }
}

/// Strict hex decoding of a vector field.
func vectorBytes(_ string: String) throws -> [UInt8] {
    try Hex.decode(string)
}

/// The digest a vector names, or a thrown error for one this library does not offer.
func vectorDigest(_ name: String) throws -> DigestAlgorithm {
    guard let algorithm = DigestAlgorithm(name: name) else { throw VectorError.unsupportedHash(name) }
    return algorithm
}
