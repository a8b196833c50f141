import BigNum
import Foundation
@testable import RSA

// Codable model of the project's vector schema (Vectors/README.md, schema version 1) and loading helpers.

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

    static func load<T: Decodable>(_ type: T.Type, _ folder: String, _ name: String) throws -> T {
        let url = directory.appendingPathComponent(folder, isDirectory: true).appendingPathComponent(name)
        let data = try Data(contentsOf: url)
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(T.self, from: data)
    }

    static func oaep(_ name: String) throws -> OAEPVectorFile {
        let file = try load(OAEPVectorFile.self, "rsa-oaep", name)
        guard file.schema == "rsa-oaep", file.version == 1 else { throw VectorError.wrongSchema(name) }
        return file
    }

    static func pss(_ name: String) throws -> PSSVectorFile {
        let file = try load(PSSVectorFile.self, "rsa-pss", name)
        guard file.schema == "rsa-pss", file.version == 1 else { throw VectorError.wrongSchema(name) }
        return file
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

/// A key of a vector file: always `n` and `e`; private keys also have all CRT components.
struct VectorKey: Decodable, Sendable {
    var n: String
    var e: String
    var d: String?
    var p: String?
    var q: String?
    var dp: String?
    var dq: String?
    var qinv: String?

    var isPrivate: Bool { d != nil && p != nil && q != nil && dp != nil && dq != nil && qinv != nil }

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
}

struct OAEPVectorFile: Decodable, Sendable {
    var schema: String
    var version: Int
    var source: String
    var keys: [String: VectorKey]
    var cases: [OAEPVectorCase]

    func key(_ id: String) throws -> VectorKey {
        guard let key = keys[id] else { throw VectorError.missingKey(id) }
        return key
    }
}

struct OAEPVectorCase: Decodable, Sendable {
    var id: String
    var key: String
    var hash: String
    var mgf1Hash: String
    var label: String
    var msg: String
    var ct: String
    var result: String
    var seed: String?
    var flags: [String]?
    var comment: String?
    var intermediate: OAEPIntermediate?
}

/// RFC 8017 EME-OAEP intermediate values of `oaep-int`; `em` is the full k-byte EM with its leading 00.
struct OAEPIntermediate: Decodable, Sendable {
    var lHash: String
    var db: String
    var dbMask: String
    var maskedDb: String
    var seedMask: String
    var maskedSeed: String
    var em: String
}

struct PSSVectorFile: Decodable, Sendable {
    var schema: String
    var version: Int
    var source: String
    var keys: [String: VectorKey]
    var cases: [PSSVectorCase]

    func key(_ id: String) throws -> VectorKey {
        guard let key = keys[id] else { throw VectorError.missingKey(id) }
        return key
    }
}

struct PSSVectorCase: Decodable, Sendable {
    var id: String
    var key: String
    var hash: String
    var mgf1Hash: String
    var saltLen: Int
    var msg: String
    var sig: String
    var result: String
    var flags: [String]?
    var comment: String?
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
