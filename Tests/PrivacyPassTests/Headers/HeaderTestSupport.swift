import Foundation
@testable import PrivacyPass

/// Helpers for the header tests, in one namespace so that they cannot collide with the module's other tests.
enum HeaderTestSupport {
    /// `Vectors/` of the package, found relative to this file (…/Tests/PrivacyPassTests/Headers/…).
    static let vectorsDirectory: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // Headers
        .deletingLastPathComponent()  // PrivacyPassTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // package root
        .appendingPathComponent("Vectors", isDirectory: true)

    /// `Vectors/privacypass/rfc9577-www-authenticate.json` (schema `privacypass-www-authenticate`, Vectors/README.md).
    struct WWWAuthenticateFile: Decodable {
        struct Case: Decodable {
            var id: String
            var header: String
            var challenges: [Challenge]
        }

        struct Challenge: Decodable {
            var token_type: Int
            var challenge: String
            var token_key: String
            var max_age: Int?
        }

        var schema: String
        var version: Int
        var source: String
        var cases: [Case]
    }

    enum VectorError: Error {
        case badHex(String)
    }

    static func wwwAuthenticateVectors() throws -> WWWAuthenticateFile {
        let url = vectorsDirectory.appendingPathComponent("privacypass", isDirectory: true)
            .appendingPathComponent("rfc9577-www-authenticate.json")
        return try JSONDecoder().decode(WWWAuthenticateFile.self, from: Data(contentsOf: url))
    }

    /// The bytes of lowercase HEX (the vector schema's byte strings).
    static func bytes(hex: String) throws -> [UInt8] {
        let digits = Array(hex.utf8)
        guard digits.count % 2 == 0 else { throw VectorError.badHex(hex) }
        func nibble(_ digit: UInt8) throws -> UInt8 {
            switch digit {
            case 0x30...0x39: return digit - 0x30
            case 0x61...0x66: return digit - 0x61 + 10
            default: throw VectorError.badHex(hex)
            }
        }
        var result: [UInt8] = []
        var index = 0
        while index < digits.count {
            result.append(try nibble(digits[index]) << 4 | nibble(digits[index + 1]))
            index += 2
        }
        return result
    }

    /// Base64url with padding, through the module's encoder.
    static func b64(_ bytes: [UInt8]) -> String { HeaderBase64URL.encode(bytes) }

    /// Base64url without padding.
    static func b64NoPad(_ bytes: [UInt8]) -> String { HeaderBase64URL.encode(bytes, padding: false) }

    /// The error code of `body`, or `nil` when it succeeds.
    static func code<T>(_ body: () throws(PrivateTokenHeaderError) -> T) -> PrivateTokenHeaderError.Code? {
        do {
            _ = try body()
            return nil
        } catch {
            return error.code
        }
    }

    /// SplitMix64: a small seeded generator, so that the randomized tests are reproducible.
    struct SeededGenerator: RandomNumberGenerator {
        var state: UInt64

        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }
}
