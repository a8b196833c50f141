import BigNum
import Foundation
@testable import RSA
import Testing

/// RFC 9474 Appendix A: every intermediate value of the four published vectors, each step checked on its own
/// (from the vector's inputs, so that one wrong step does not hide the others).
@Suite("BlindSigning: RFC 9474 Appendix A vectors")
struct BlindSigningVectorTests {
    typealias Support = BlindSigningTestSupport

    @Test("All four RFC 9474 vectors reproduce byte for byte")
    func appendixAVectors() throws {
        let file = try Support.loadRFC9474Vectors()
        var ran = 0
        var variantsSeen: Set<String> = []
        for vector in file.cases {
            let keyDescription = try #require(file.keys[vector.key], "\(vector.id): missing key \(vector.key)")
            let privateKey = try keyDescription.checkedPrivateKey(id: vector.key)
            let variant = try #require(BlindSigning.Variant(name: vector.variant), "\(vector.id): unknown variant")
            let publicKey = BlindSigning.PublicKey(privateKey.publicKey, variant: variant)
            let message = try Hex.decode(vector.msg)
            let prefix = try Hex.decode(vector.msg_prefix)
            let prepared = try Hex.decode(vector.prepared_msg)
            let preparedMessage = BlindSigning.PreparedMessage(rawRepresentation: prepared)
            let salt = try Hex.decode(vector.salt)
            let inverseBytes = try Hex.decode(vector.inv)
            let blindedMessage = try Hex.decode(vector.blinded_msg)
            let blindSignature = try Hex.decode(vector.blind_sig)
            let signature = try Hex.decode(vector.sig)
            #expect(privateKey.modulusBitWidth == 4096, "\(vector.id)")

            // Prepare: prepared_msg = msg_prefix || msg; a 32-byte prefix exactly for the randomized variants.
            do {
                #expect(prepared == prefix + message, "\(vector.id): prepared_msg")
                #expect(prefix.count == (variant.isRandomized ? 32 : 0), "\(vector.id): prefix length")
                #expect(salt.count == variant.pssParameters.saltLength, "\(vector.id): salt length")
            }
            // EMSA-PSS-ENCODE(prepared_msg, modBits − 1) with the vector's salt.
            do {
                let encoded = try EMSAPSS.encode(
                    message: prepared, emBits: privateKey.modulusBitWidth - 1, parameters: variant.pssParameters,
                    salt: salt
                )
                #expect(Hex.encode(encoded) == vector.encoded_msg, "\(vector.id): encoded_msg")
            }
            // Blind with the salt and r = inv^-1 mod n: blinded_msg and the same inv.
            do {
                let r = try #require(
                    BigNum(bigEndianBytes: inverseBytes).inverse(modulo: privateKey.publicKey.modulus),
                    "\(vector.id): inv is not invertible"
                )
                let blinded = try publicKey.blind(preparedMessage, salt: salt, r: r)
                #expect(
                    Hex.encode(blinded.blindedMessage.rawRepresentation) == vector.blinded_msg,
                    "\(vector.id): blinded_msg")
                #expect(blinded.inverse.rawRepresentation == inverseBytes, "\(vector.id): inv")
            }
            // BlindSign(blinded_msg) = blind_sig.
            do {
                let signed = try BlindSigning.PrivateKey(privateKey).blindSignature(
                    for: BlindSigning.BlindedMessage(rawRepresentation: blindedMessage))
                #expect(Hex.encode(signed.rawRepresentation) == vector.blind_sig, "\(vector.id): blind_sig")
                // The raw-bytes overload gives the same blind signature.
                let signedFromBytes = try BlindSigning.PrivateKey(privateKey).blindSignature(for: blindedMessage)
                #expect(signedFromBytes == signed, "\(vector.id): blind_sig from bytes")
            }
            // Finalize(blind_sig, prepared_msg, inv) = sig.
            do {
                let inverse = try BlindSigning.BlindingInverse(rawRepresentation: inverseBytes, for: privateKey.publicKey)
                #expect(inverse.rawRepresentation == inverseBytes, "\(vector.id): inv round trip")
                let finalized = try publicKey.finalize(
                    BlindSigning.BlindSignature(rawRepresentation: blindSignature), for: preparedMessage,
                    blindingInverse: inverse)
                #expect(Hex.encode(finalized) == vector.sig, "\(vector.id): sig")
            }
            // Verify(sig, prepared_msg) passes; for the randomized variants sig is not a signature of msg alone.
            do {
                let messageAsPrepared = BlindSigning.PreparedMessage(rawRepresentation: message)
                #expect(publicKey.isValidSignature(signature, for: preparedMessage), "\(vector.id): verify")
                #expect(throws: Never.self, "\(vector.id): verify") {
                    try publicKey.verify(signature, for: preparedMessage)
                }
                if variant.isRandomized {
                    #expect(
                        !publicKey.isValidSignature(signature, for: messageAsPrepared), "\(vector.id): verify over msg")
                } else {
                    #expect(
                        publicKey.isValidSignature(signature, for: messageAsPrepared),
                        "\(vector.id): msg is prepared_msg")
                    // Prepare is the identity for the deterministic variants.
                    #expect(publicKey.prepare(message) == preparedMessage, "\(vector.id): prepare")
                }
            }
            ran += 1
            variantsSeen.insert(variant.name)
        }
        #expect(ran == 4, "expected exactly 4 RFC 9474 vectors, ran \(ran)")
        #expect(variantsSeen == Set(BlindSigning.Variant.allCases.map(\.name)), "one vector per variant")
    }
}
