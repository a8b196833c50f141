import BigNum
import Foundation
@testable import PrivacyPass
@testable import RSA

/// The converted vectors in `Vectors/privacypass/` (Vectors/README.md), found relative to this file.
enum PrivacyPassVectors {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Vectors/privacypass", isDirectory: true)

    struct Key: Decodable { let n, e, d, p, q: String }

    /// `privacypass-type2-issuance`.
    struct IssuanceFile: Decodable {
        let schema: String
        let version: Int
        let keys: [String: Key]
        let cases: [IssuanceCase]
    }

    struct IssuanceCase: Decodable {
        let id, key: String
        let token_type: Int
        let token_key, token_key_id, token_challenge, issuer_name, redemption_context, origin_info: String
        let nonce, blind, salt, token_request, token_response, token: String
    }

    /// `privacypass-token-authenticator-input`.
    struct AuthenticatorInputFile: Decodable {
        let schema: String
        let version: Int
        let cases: [AuthenticatorInputCase]
    }

    struct AuthenticatorInputCase: Decodable {
        let id: String
        let token_type: Int
        let issuer_name, redemption_context, origin_info, nonce, token_key_id, token_challenge: String?
        let token_authenticator_input: String
    }

    static func load<T: Decodable>(_ type: T.Type, _ name: String) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(contentsOf: directory.appendingPathComponent(name)))
    }

    static func issuance() throws -> IssuanceFile {
        let file = try load(IssuanceFile.self, "rfc9578-type2-issuance.json")
        guard file.schema == "privacypass-type2-issuance", file.version == 1 else { throw CocoaError(.fileReadCorruptFile) }
        return file
    }

    static func authenticatorInput() throws -> AuthenticatorInputFile {
        let file = try load(AuthenticatorInputFile.self, "rfc9577-token-authenticator-input.json")
        guard file.schema == "privacypass-token-authenticator-input", file.version == 1 else {
            throw CocoaError(.fileReadCorruptFile)
        }
        return file
    }

    static func privateKey(_ key: Key) throws -> RSAPrivateKey {
        try RSAPrivateKey(
            modulus: BigNum(hexString: key.n), publicExponent: BigNum(hexString: key.e),
            privateExponent: BigNum(hexString: key.d), prime1: BigNum(hexString: key.p), prime2: BigNum(hexString: key.q))
    }

    /// The RFC 9578 issuer key (a cached fixture; every vector uses it).
    static let issuerKey: RSAPrivateKey? = {
        guard let file = try? issuance(), let key = file.keys["rfc9578"] else { return nil }
        return try? privateKey(key)
    }()
}

struct HexError: Error {}

/// Lowercase hex decoding for the vector files.
func bytes(_ hex: String) throws -> [UInt8] {
    let digits = Array(hex.utf8)
    guard digits.count % 2 == 0 else { throw HexError() }
    var out: [UInt8] = []
    out.reserveCapacity(digits.count / 2)
    var index = 0
    while index < digits.count {
        guard let high = hexValue(digits[index]), let low = hexValue(digits[index + 1]) else { throw HexError() }
        out.append(high << 4 | low)
        index += 2
    }
    return out
}

private func hexValue(_ digit: UInt8) -> UInt8? {
    switch digit {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): return digit - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): return digit - UInt8(ascii: "a") + 10
    default: return nil
    }
}

/// A deterministic generator (SplitMix64) for the randomized tests, so that a failure can be replayed.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func bytes(_ count: Int) -> [UInt8] {
        (0..<count).map { _ in UInt8.random(in: .min ... .max, using: &self) }
    }
}

/// The error a throwing closure threw, as a PrivacyPassError (nil when it returned or threw something else).
func privacyPassError(_ body: () throws -> Void) -> PrivacyPassError? {
    do {
        try body()
        return nil
    } catch let error as PrivacyPassError {
        return error
    } catch {
        return nil
    }
}
