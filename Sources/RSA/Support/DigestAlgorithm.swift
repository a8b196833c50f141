import Crypto

#if canImport(FoundationEssentials)
import protocol FoundationEssentials.ContiguousBytes
#else
import protocol Foundation.ContiguousBytes
#endif

/// A hash function for RSA padding: SHA-1, SHA-256, SHA-384 or SHA-512, computed by swift-crypto.
///
/// A closed set: the static members are the only values. SHA-1 is offered for OAEP and MGF1 interoperability
/// (RFC 8017 test vectors, Wycheproof); it is not a choice for new signature schemes.
public struct DigestAlgorithm: Hashable, Sendable, CustomStringConvertible {
    enum Backing: Hashable, Sendable {
        case sha1, sha256, sha384, sha512
    }

    let backing: Backing

    /// SHA-1 (20-byte digest).
    public static let sha1 = DigestAlgorithm(backing: .sha1)
    /// SHA-256 (32-byte digest).
    public static let sha256 = DigestAlgorithm(backing: .sha256)
    /// SHA-384 (48-byte digest).
    public static let sha384 = DigestAlgorithm(backing: .sha384)
    /// SHA-512 (64-byte digest).
    public static let sha512 = DigestAlgorithm(backing: .sha512)

    /// Every supported algorithm.
    public static let allCases: [DigestAlgorithm] = [.sha1, .sha256, .sha384, .sha512]

    /// The algorithm named `name` ("sha1", "sha256", "sha384", "sha512"; also "SHA-256" style, case-insensitive),
    /// or `nil` for anything else (including sha224, which swift-crypto does not offer).
    public init?(name: String) {
        switch String(name.lowercased().filter { $0 != "-" }) {
        case "sha1": self = .sha1
        case "sha256": self = .sha256
        case "sha384": self = .sha384
        case "sha512": self = .sha512
        default: return nil
        }
    }

    init(backing: Backing) {
        self.backing = backing
    }

    /// The lowercase name, e.g. "sha256".
    public var name: String {
        switch backing {
        case .sha1: return "sha1"
        case .sha256: return "sha256"
        case .sha384: return "sha384"
        case .sha512: return "sha512"
        }
    }

    public var description: String { name }

    /// The digest length in bytes (hLen).
    public var digestByteCount: Int {
        switch backing {
        case .sha1: return 20
        case .sha256: return 32
        case .sha384: return 48
        case .sha512: return 64
        }
    }

    /// The digest of the concatenation of `parts`.
    public func hash(_ parts: [UInt8]...) -> [UInt8] {
        hash(parts: parts)
    }

    /// The digest of the concatenation of `parts`.
    func hash(parts: [[UInt8]]) -> [UInt8] {
        withHashFunction(Digest(parts: parts))
    }

    /// Runs `body` with the swift-crypto hash function type of this algorithm: the one place an algorithm is mapped
    /// to its implementation (digests and MGF1 both go through it).
    func withHashFunction<Body: HashFunctionBody>(_ body: Body) -> Body.Result {
        switch backing {
        case .sha1: return body.run(Insecure.SHA1.self)
        case .sha256: return body.run(SHA256.self)
        case .sha384: return body.run(SHA384.self)
        case .sha512: return body.run(SHA512.self)
        }
    }

    /// The digest of a list of parts, as a ``HashFunctionBody``.
    private struct Digest: HashFunctionBody {
        let parts: [[UInt8]]

        func run<H: HashFunction>(_: H.Type) -> [UInt8] {
            var hasher = H()
            for part in parts { hasher.update(data: part) }
            return hasher.finalize().withUnsafeBytes { Array($0) }
        }
    }
}

/// Work generic over a swift-crypto hash function, for ``DigestAlgorithm/withHashFunction(_:)`` (Swift has no
/// generic closures).
protocol HashFunctionBody {
    /// What the work returns.
    associatedtype Result
    /// Does the work with the hash function `H`.
    func run<H: HashFunction>(_: H.Type) -> Result
}
