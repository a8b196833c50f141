import _CryptoExtras
import Crypto
import Foundation
@testable import RSA
import Testing

/// Differential tests of RFC 9474 against swift-crypto's `_RSA.BlindSigning` (BoringSSL), used as an oracle only.
///
/// Both directions, for all four variants and 2048-, 3072- and 4096-bit keys:
/// - our client (prepare, blind, finalize, verify) with their server (`blindSignature(for:)`);
/// - their client (prepare, blind, finalize, isValidSignature) with our server (`blindSignature(for:)`).
/// Every signature must verify on both sides.
///
/// Run counts: 100 runs per (variant, size, direction), the ask — 4 variants × 3 sizes × 2 directions ×
/// 100 = 2,400 runs. Measured at about 45 s for this file in a debug build on 2 busy cores (budget: 90 s); the
/// 3072- and 4096-bit runs are most of it. If that budget is ever exceeded, lower ``runs(bits:)`` for 3072 and
/// 4096 bits (e.g. to 10) rather than at 2048.
@Suite("BlindSigning: differential against swift-crypto _RSA.BlindSigning")
struct BlindSigningDifferentialTests {
    typealias Support = BlindSigningTestSupport

    static let variants = BlindSigning.Variant.allCases
    static let sizes = [2048, 3072, 4096]

    /// Runs per (variant, size, direction).
    static func runs(bits: Int) -> Int {
        100
    }

    @Test("Our client with swift-crypto's server", arguments: variants, sizes)
    func ourClientTheirServer(variant: BlindSigning.Variant, bits: Int) throws {
        let key = try TestKeys.key(bits: bits)
        #expect(key.modulusBitWidth == bits)
        let theirServer = try _RSA.BlindSigning.PrivateKey(
            pemRepresentation: key.pkcs8PEMRepresentation, parameters: Support.theirParameters(variant)
        )
        let theirPublicKey = theirServer.publicKey
        // Their verifier, fed our prepared bytes through the identity preparation of the same padding.
        let theirIdentityPreparer = try _RSA.BlindSigning.PublicKey(
            derRepresentation: key.publicKey.derRepresentation,
            parameters: Support.identityPreparationParameters(variant)
        )
        let ourClient = BlindSigning.PublicKey(key.publicKey, variant: variant)
        var completed = 0
        for run in 0..<Self.runs(bits: bits) {
            let message = Support.message(run, salt: UInt8(bits / 1024))
            // [Client, ours] Prepare and Blind.
            let preparedMessage = ourClient.prepare(message)
            let prepared = preparedMessage.rawRepresentation
            #expect(prepared.count == message.count + variant.messagePrefixLength)
            #expect(prepared.suffix(message.count).elementsEqual(message))
            let blinded = try ourClient.blind(preparedMessage)
            #expect(blinded.blindedMessage.rawRepresentation.count == key.modulusByteCount)
            // [Server, theirs] BlindSign.
            let blindSignature = try theirServer.blindSignature(for: blinded.blindedMessage.rawRepresentation)
            // [Client, ours] Finalize (verifies) and Verify.
            let signature = try ourClient.finalize(
                BlindSigning.BlindSignature(rawRepresentation: blindSignature.rawRepresentation),
                for: preparedMessage, blindingInverse: blinded.inverse
            )
            #expect(signature.count == key.modulusByteCount)
            #expect(ourClient.isValidSignature(signature, for: preparedMessage), "run \(run)")
            // [Verifier, theirs] isValidSignature accepts our finalized signature over the same prepared bytes.
            let theirPrepared = theirIdentityPreparer.prepare(prepared)
            #expect(try Support.bytes(of: theirPrepared) == prepared)
            let theirSignature = _RSA.Signing.RSASignature(rawRepresentation: signature)
            #expect(theirPublicKey.isValidSignature(theirSignature, for: theirPrepared), "run \(run)")
            completed += 1
        }
        #expect(completed == Self.runs(bits: bits))
    }

    @Test("swift-crypto's client with our server", arguments: variants, sizes)
    func theirClientOurServer(variant: BlindSigning.Variant, bits: Int) throws {
        let key = try TestKeys.key(bits: bits)
        #expect(key.modulusBitWidth == bits)
        let theirClient = try _RSA.BlindSigning.PublicKey(
            pemRepresentation: key.publicKey.pemRepresentation, parameters: Support.theirParameters(variant)
        )
        let ourServer = BlindSigning.PrivateKey(key)
        let ourVerifier = BlindSigning.PublicKey(key.publicKey, variant: variant)
        var completed = 0
        for run in 0..<Self.runs(bits: bits) {
            let message = Support.message(run, salt: UInt8(bits / 1024) &+ 100)
            // [Client, theirs] Prepare and Blind.
            let theirPrepared = theirClient.prepare(message)
            let prepared = try Support.bytes(of: theirPrepared)
            #expect(prepared.count == message.count + variant.messagePrefixLength)
            #expect(prepared.suffix(message.count).elementsEqual(message))
            let blinded = try theirClient.blind(theirPrepared)
            // [Server, ours] BlindSign.
            let blindSignature = try ourServer.blindSignature(
                for: BlindSigning.BlindedMessage(rawRepresentation: blinded.blindedMessage))
            #expect(blindSignature.rawRepresentation.count == key.modulusByteCount)
            // [Client, theirs] Finalize (their finalize verifies too) and Verify.
            let signature = try theirClient.finalize(
                _RSA.BlindSigning.BlindSignature(rawRepresentation: blindSignature.rawRepresentation),
                for: theirPrepared,
                blindingInverse: blinded.inverse
            )
            #expect(theirClient.isValidSignature(signature, for: theirPrepared), "run \(run)")
            // [Verifier, ours] Their signature verifies with ours.
            let signatureBytes = Array(signature.rawRepresentation)
            #expect(
                ourVerifier.isValidSignature(
                    signatureBytes, for: BlindSigning.PreparedMessage(rawRepresentation: prepared)),
                "run \(run)")
            completed += 1
        }
        #expect(completed == Self.runs(bits: bits))
    }
}
