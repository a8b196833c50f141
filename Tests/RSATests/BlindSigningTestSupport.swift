import _CryptoExtras
import BigNum
import Crypto
import Foundation
import PrivacyPassCLI
@testable import RSA
import Testing

// Helpers shared by the BlindSigning* suites. Everything lives inside `BlindSigningTestSupport` so that nothing
// collides with the other suites of this module.

enum BlindSigningTestSupport {
    // MARK: - RFC 9474 vectors

    /// `Vectors/rsabssa/rfc9474.json`, through the CLI's decoder (``VectorFiles``).
    static func loadRFC9474Vectors() throws -> RSABSSAVectorFile {
        let file = try VectorFiles.load(RSABSSAVectorFile.self, "rsabssa", "rfc9474.json")
        #expect(file.schema == "rsabssa")
        #expect(file.version == 1)
        return file
    }

    // Keys: ``TestKeys`` (the 2048-bit keys generated here, the 3072- and 4096-bit ones by BoringSSL, the RFC 9474
    // key of the vector file).

    // MARK: - swift-crypto counterparts

    /// swift-crypto's parameters for one of our variants.
    static func theirParameters(_ variant: BlindSigning.Variant) -> _RSA.BlindSigning.Parameters<SHA384> {
        switch variant {
        case .RSABSSA_SHA384_PSS_Randomized: return .RSABSSA_SHA384_PSS_Randomized
        case .RSABSSA_SHA384_PSSZERO_Randomized: return .RSABSSA_SHA384_PSSZERO_Randomized
        case .RSABSSA_SHA384_PSS_Deterministic: return .RSABSSA_SHA384_PSS_Deterministic
        default: return .RSABSSA_SHA384_PSSZERO_Deterministic
        }
    }

    /// The deterministic variant with the same padding as `variant`: its `prepare` is the identity, which is the
    /// only way to turn given bytes into a swift-crypto `PreparedMessage`.
    static func identityPreparationParameters(_ variant: BlindSigning.Variant) -> _RSA.BlindSigning.Parameters<SHA384> {
        variant.pssParameters.saltLength == 0 ? .RSABSSA_SHA384_PSSZERO_Deterministic : .RSABSSA_SHA384_PSS_Deterministic
    }

    /// The bytes of a swift-crypto `PreparedMessage` (its `rawRepresentation` is internal; read it by reflection).
    static func bytes(of prepared: _RSA.BlindSigning.PreparedMessage) throws -> [UInt8] {
        let child = Mirror(reflecting: prepared).children.first { $0.label == "rawRepresentation" }
        guard let data = child?.value as? Data else {
            throw SupportError("swift-crypto's PreparedMessage no longer has a Data rawRepresentation")
        }
        return Array(data)
    }

    // MARK: - Errors and bytes

    struct SupportError: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    /// Runs `body` and requires it to throw an ``RSAError`` with exactly `code`.
    static func expectError<R>(
        _ code: RSAError.Code, _ comment: Comment? = nil,
        sourceLocation: SourceLocation = #_sourceLocation,
        _ body: () throws(RSAError) -> R
    ) {
        do {
            _ = try body()
            Issue.record("expected RSAError \(code), but the call succeeded \(comment.map { "(\($0))" } ?? "")",
                sourceLocation: sourceLocation)
        } catch {
            #expect(error.code == code, "expected \(code), got \(error) \(comment.map { "(\($0))" } ?? "")",
                sourceLocation: sourceLocation)
        }
    }

    /// `bytes` with the lowest bit of byte `index` flipped (default: the last byte, which keeps a value below n).
    static func flippingBit(_ bytes: [UInt8], at index: Int? = nil) -> [UInt8] {
        var copy = bytes
        copy[index ?? copy.count - 1] ^= 0x01
        return copy
    }

    /// Deterministic test messages of varied lengths (0 to 200 bytes), so that failures can be reproduced.
    static func message(_ index: Int, salt: UInt8 = 0) -> [UInt8] {
        let length = (index * 37) % 201
        return (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ index &* 7 &+ Int(salt)) }
    }
}
