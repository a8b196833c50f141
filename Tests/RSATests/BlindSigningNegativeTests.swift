import BigNum
import Foundation
@testable import RSA
import Testing

/// What RFC 9474 must reject, and the properties of Prepare and Blind.
@Suite("BlindSigning: rejections, Prepare and Blind")
struct BlindSigningNegativeTests {
    typealias Support = BlindSigningTestSupport

    /// One complete signing session, for tests that tamper with a single value.
    struct Session {
        let key: RSAPrivateKey
        let publicKey: BlindSigning.PublicKey
        let message: [UInt8]
        let prepared: BlindSigning.PreparedMessage
        let blinded: BlindSigning.BlindingResult
        let blindSignature: BlindSigning.BlindSignature
        let signature: [UInt8]

        init(variant: BlindSigning.Variant, key: RSAPrivateKey, message: [UInt8] = Array("RFC 9474 message".utf8))
            throws
        {
            self.key = key
            self.message = message
            publicKey = BlindSigning.PublicKey(key.publicKey, variant: variant)
            prepared = publicKey.prepare(message)
            blinded = try publicKey.blind(prepared)
            blindSignature = try BlindSigning.PrivateKey(key).blindSignature(for: blinded.blindedMessage)
            signature = try publicKey.finalize(blindSignature, for: prepared, blindingInverse: blinded.inverse)
        }

        /// Finalize of `blindSignature` bytes for this session's prepared message and inverse.
        func finalize(_ blindSignature: [UInt8], for prepared: BlindSigning.PreparedMessage? = nil) throws(RSAError)
            -> [UInt8]
        {
            try publicKey.finalize(
                BlindSigning.BlindSignature(rawRepresentation: blindSignature), for: prepared ?? self.prepared,
                blindingInverse: blinded.inverse)
        }
    }

    static let variants = BlindSigning.Variant.allCases
    static let pssVariants = variants.filter { $0.pssParameters.saltLength == 48 }
    static let psszeroVariants = variants.filter { $0.pssParameters.saltLength == 0 }

    static func key() throws -> RSAPrivateKey {
        try TestKeys.primary()
    }

    /// n + 1 … as k bytes: the values ≥ n a k-byte input can carry (n itself and all-ones).
    static func valuesNotBelowModulus(_ key: RSAPublicKey) throws -> [[UInt8]] {
        let k = key.modulusByteCount
        return [
            try key.modulus.bigEndianBytes(count: k),
            try (key.modulus + 1).bigEndianBytes(count: k),
            [UInt8](repeating: 0xff, count: k),
        ]
    }

    // MARK: - Finalize

    @Test("Finalize rejects a tampered blind signature with invalidSignature", arguments: variants)
    func finalizeRejectsTamperedBlindSignature(variant: BlindSigning.Variant) throws {
        let session = try Session(variant: variant, key: Self.key())
        // Low-order bits only, so that the tampered value stays below n (a high bit could make it ≥ n, which is
        // the separate invalidInput case below).
        let blindSignature = session.blindSignature.rawRepresentation
        for index in [blindSignature.count - 1, blindSignature.count / 2] {
            let tampered = Support.flippingBit(blindSignature, at: index)
            Support.expectError(.invalidSignature, "bit flipped in byte \(index)") { () throws(RSAError) in
                try session.finalize(tampered)
            }
        }
        // A different blind signature of another blinded message under the same key also fails to finalize.
        let other = try Session(variant: variant, key: Self.key())
        Support.expectError(.invalidSignature) { () throws(RSAError) in
            try session.publicKey.finalize(
                other.blindSignature, for: session.prepared, blindingInverse: session.blinded.inverse)
        }
    }

    @Test("Finalize rejects a blind signature of the wrong length with unexpectedInputSize")
    func finalizeRejectsWrongLength() throws {
        let session = try Session(variant: .RSABSSA_SHA384_PSS_Randomized, key: Self.key())
        let blindSignature = session.blindSignature.rawRepresentation
        let candidates: [[UInt8]] = [
            Array(blindSignature.dropLast()),
            Array(blindSignature.dropFirst()),
            [0] + blindSignature,
            blindSignature + [0],
            [],
        ]
        for candidate in candidates {
            Support.expectError(.unexpectedInputSize, "\(candidate.count) bytes") { () throws(RSAError) in
                try session.finalize(candidate)
            }
        }
    }

    @Test("Finalize rejects a blind signature ≥ n with invalidInput")
    func finalizeRejectsBlindSignatureNotBelowModulus() throws {
        let session = try Session(variant: .RSABSSA_SHA384_PSS_Deterministic, key: Self.key())
        for value in try Self.valuesNotBelowModulus(session.key.publicKey) {
            Support.expectError(.invalidInput) { () throws(RSAError) in
                try session.finalize(value)
            }
        }
    }

    @Test("Finalize with a different public key fails with invalidSignature", arguments: variants)
    func finalizeWithWrongKey(variant: BlindSigning.Variant) throws {
        let first = try TestKeys.primary()
        let second = try TestKeys.secondary()
        #expect(first.publicKey.modulus != second.publicKey.modulus)
        // Sign with the key of smaller modulus, so that the blind signature and the inverse are also below the
        // other modulus and the failure is the signature check itself.
        let (signer, other) = first.publicKey.modulus < second.publicKey.modulus ? (first, second) : (second, first)
        let session = try Session(variant: variant, key: signer)
        let wrongKey = BlindSigning.PublicKey(other.publicKey, variant: variant)
        Support.expectError(.invalidSignature) { () throws(RSAError) in
            try wrongKey.finalize(
                session.blindSignature, for: session.prepared, blindingInverse: session.blinded.inverse)
        }
        #expect(!wrongKey.isValidSignature(session.signature, for: session.prepared))
        // The client blinds for one key but the server signs with another: the signature check fails too.
        let clientKey = BlindSigning.PublicKey(other.publicKey, variant: variant)
        let prepared = clientKey.prepare(session.message)
        var attempts = 0
        var blinded = try clientKey.blind(prepared)
        // The wrong server can only sign a blinded message below its own (smaller) modulus.
        while BigNum(bigEndianBytes: blinded.blindedMessage.rawRepresentation) >= signer.publicKey.modulus,
            attempts < 64
        {
            blinded = try clientKey.blind(prepared)
            attempts += 1
        }
        let blindSignature = try BlindSigning.PrivateKey(signer).blindSignature(for: blinded.blindedMessage)
        Support.expectError(.invalidSignature) { () throws(RSAError) in
            try clientKey.finalize(blindSignature, for: prepared, blindingInverse: blinded.inverse)
        }
    }

    @Test("Finalize and Verify reject a message-prefix mismatch", arguments: variants)
    func prefixMismatch(variant: BlindSigning.Variant) throws {
        let session = try Session(variant: variant, key: Self.key())
        #expect(session.publicKey.isValidSignature(session.signature, for: session.prepared))
        // The same message with a different (fresh, or one bit changed) prefix.
        var others = [session.publicKey.prepare(session.message)]
        if variant.isRandomized {
            others.append(
                BlindSigning.PreparedMessage(
                    rawRepresentation: Support.flippingBit(session.prepared.rawRepresentation, at: 0)))
            // msg alone instead of prepared_msg.
            others.append(BlindSigning.PreparedMessage(rawRepresentation: session.message))
        } else {
            // Deterministic: any extra prefix makes it a different message.
            others.append(BlindSigning.PreparedMessage(rawRepresentation: [0] + session.message))
            others.append(
                BlindSigning.PreparedMessage(rawRepresentation: [UInt8](repeating: 0, count: 32) + session.message))
        }
        for other in others where other != session.prepared {
            Support.expectError(.invalidSignature, "finalize over a different prepared message") {
                () throws(RSAError) in
                try session.publicKey.finalize(
                    session.blindSignature, for: other, blindingInverse: session.blinded.inverse)
            }
            #expect(!session.publicKey.isValidSignature(session.signature, for: other))
            Support.expectError(.invalidSignature) { () throws(RSAError) in
                try session.publicKey.verify(session.signature, for: other)
            }
        }
        if variant.isRandomized {
            #expect(others.count == 3)
            #expect(others[0] != session.prepared, "two Prepare calls gave the same prefix")
        } else {
            // Deterministic Prepare is the identity, so a second prepare is the same message and still verifies.
            #expect(others[0] == session.prepared)
            #expect(session.publicKey.isValidSignature(session.signature, for: others[0]))
        }
    }

    // MARK: - Verify

    @Test("Verify rejects signatures ≥ n, even when they are ≡ a valid signature mod n", arguments: variants)
    func verifyRejectsSignatureNotBelowModulus(variant: BlindSigning.Variant) throws {
        let session = try Session(variant: variant, key: Self.key())
        let n = session.key.publicKey.modulus
        let k = session.key.modulusByteCount
        let s = BigNum(bigEndianBytes: session.signature)
        // sig + n, when it still fits in k bytes: the same residue, so only the range check rejects it.
        let sPlusN = s + n
        if sPlusN.byteWidth <= k {
            let bytes = try sPlusN.bigEndianBytes(count: k)
            #expect(!session.publicKey.isValidSignature(bytes, for: session.prepared))
        }
        for value in try Self.valuesNotBelowModulus(session.key.publicKey) {
            #expect(!session.publicKey.isValidSignature(value, for: session.prepared))
        }
        // Wrong lengths: a leading zero byte, or one byte missing.
        #expect(!session.publicKey.isValidSignature([0] + session.signature, for: session.prepared))
        #expect(!session.publicKey.isValidSignature(Array(session.signature.dropFirst()), for: session.prepared))
    }

    @Test("Verify rejects sig + n for the RFC 9474 vectors' signatures")
    func verifyRejectsVectorSignaturePlusModulus() throws {
        let key = try TestKeys.rfc9474.get()
        let file = try Support.loadRFC9474Vectors()
        let n = key.publicKey.modulus
        let k = key.modulusByteCount
        var checked = 0
        for vector in file.cases {
            let variant = try #require(BlindSigning.Variant(name: vector.variant))
            let publicKey = BlindSigning.PublicKey(key.publicKey, variant: variant)
            let prepared = BlindSigning.PreparedMessage(rawRepresentation: try Hex.decode(vector.prepared_msg))
            let signature = try Hex.decode(vector.sig)
            #expect(publicKey.isValidSignature(signature, for: prepared))
            let shifted = BigNum(bigEndianBytes: signature) + n
            if shifted.byteWidth <= k {
                #expect(!publicKey.isValidSignature(try shifted.bigEndianBytes(count: k), for: prepared), "\(vector.id)")
                checked += 1
            }
            #expect(!publicKey.isValidSignature(try n.bigEndianBytes(count: k), for: prepared), "\(vector.id)")
        }
        // n is 0xaec4…: every sig + n with sig < 2^4096 − n fits; at least one of the four does.
        #expect(checked >= 1)
    }

    @Test("PSSZERO Verify rejects a salt-48 (PSS) signature over the same message, and vice versa")
    func psszeroRejectsSaltedSignature() throws {
        let key = try Self.key()
        let message = Array("one message, two salt lengths".utf8)
        // Deterministic variants: the prepared message is the message itself for both.
        let pss = try Session(variant: .RSABSSA_SHA384_PSS_Deterministic, key: key, message: message)
        let psszero = try Session(variant: .RSABSSA_SHA384_PSSZERO_Deterministic, key: key, message: message)
        let prepared = BlindSigning.PreparedMessage(rawRepresentation: message)
        #expect(pss.prepared == prepared && psszero.prepared == prepared)
        #expect(pss.publicKey.isValidSignature(pss.signature, for: prepared))
        #expect(psszero.publicKey.isValidSignature(psszero.signature, for: prepared))
        #expect(!psszero.publicKey.isValidSignature(pss.signature, for: prepared), "PSSZERO accepted a salted signature")
        #expect(!pss.publicKey.isValidSignature(psszero.signature, for: prepared), "PSS accepted a salt-0 signature")
        // The same through RSASSA-PSS directly: a plain PSS-SHA384-salt-48 signature is not a PSSZERO signature.
        let plain = try RSASSAPSS.sign(message, with: key, parameters: .sha384)
        #expect(pss.publicKey.isValidSignature(plain, for: prepared))
        #expect(!psszero.publicKey.isValidSignature(plain, for: prepared))
        // Randomized variants, same prepared bytes.
        let zeroRandomized = BlindSigning.PublicKey(key.publicKey, variant: .RSABSSA_SHA384_PSSZERO_Randomized)
        #expect(!zeroRandomized.isValidSignature(pss.signature, for: prepared))
        // PSSZERO signatures are deterministic: the same message gives the same signature.
        let again = try Session(variant: .RSABSSA_SHA384_PSSZERO_Deterministic, key: key, message: message)
        #expect(again.signature == psszero.signature)
        #expect(again.blinded.blindedMessage != psszero.blinded.blindedMessage)
    }

    // MARK: - Public key encodings

    @Test("id-RSASSA-PSS SPKI (SHA-384, salt 48) is accepted for PSS variants only")
    func pssSPKIRestrictions() throws {
        let key = try Self.key().publicKey
        let pssDER = key.pssDERRepresentation(parameters: .sha384)
        let info = try RSASubjectPublicKeyInfo(derRepresentation: pssDER)
        #expect(info.algorithm == .rsassaPSS(.sha384))
        for variant in Self.pssVariants {
            let decoded = try BlindSigning.PublicKey(derRepresentation: pssDER, variant: variant)
            // The key keeps its id-RSASSA-PSS restriction (part of RSAPublicKey's equality): the same (n, e).
            #expect(decoded.key.modulus == key.modulus && decoded.key.publicExponent == key.publicExponent)
            #expect(decoded.key.algorithm == .rsassaPSS(.sha384) && decoded.variant == variant)
            let fromPEM = try BlindSigning.PublicKey(
                pemRepresentation: key.pssPEMRepresentation(parameters: .sha384), variant: variant
            )
            #expect(fromPEM == decoded)
        }
        #expect(Self.pssVariants.count == 2 && Self.psszeroVariants.count == 2)
        for variant in Self.psszeroVariants {
            Support.expectError(.unsupportedAlgorithm, "\(variant)") { () throws(RSAError) in
                try BlindSigning.PublicKey(derRepresentation: pssDER, variant: variant)
            }
            Support.expectError(.unsupportedAlgorithm, "\(variant) (PEM)") { () throws(RSAError) in
                try BlindSigning.PublicKey(pemRepresentation: key.pssPEMRepresentation(parameters: .sha384), variant: variant)
            }
        }
    }

    @Test("id-RSASSA-PSS SPKI with SHA-256 parameters is rejected for every variant", arguments: variants)
    func sha256PSSSPKIRejected(variant: BlindSigning.Variant) throws {
        let key = try Self.key().publicKey
        for parameters in [PSSParameters.sha256, PSSParameters(hash: .sha256, saltLength: 48),
            PSSParameters(hash: .sha256, saltLength: 0)]
        {
            let der = key.pssDERRepresentation(parameters: parameters)
            Support.expectError(.unsupportedAlgorithm, "\(parameters)") { () throws(RSAError) in
                try BlindSigning.PublicKey(derRepresentation: der, variant: variant)
            }
        }
    }

    @Test("rsaEncryption SPKI and PKCS #1 keys are accepted for every variant", arguments: variants)
    func rsaEncryptionAccepted(variant: BlindSigning.Variant) throws {
        let key = try Self.key().publicKey
        let fromSPKI = try BlindSigning.PublicKey(derRepresentation: key.derRepresentation, variant: variant)
        #expect(fromSPKI == BlindSigning.PublicKey(key, variant: variant))
        let fromPKCS1 = try BlindSigning.PublicKey(derRepresentation: key.pkcs1DERRepresentation, variant: variant)
        #expect(fromPKCS1 == fromSPKI)
        let fromPEM = try BlindSigning.PublicKey(pemRepresentation: key.pemRepresentation, variant: variant)
        #expect(fromPEM == fromSPKI)
    }

    // MARK: - BlindSign

    @Test("BlindSign rejects inputs that are not k bytes, or ≥ n")
    func blindSignRejectsBadInput() throws {
        let key = try Self.key()
        let signer = BlindSigning.PrivateKey(key)
        let k = key.modulusByteCount
        let session = try Session(variant: .RSABSSA_SHA384_PSS_Randomized, key: key)
        let twoCoreSigner = BlindSigning.TwoCoreSigner(signer)
        defer { twoCoreSigner.shutdown() }
        let good = session.blinded.blindedMessage.rawRepresentation
        for candidate in [Array(good.dropLast()), Array(good.dropFirst()), good + [0], [0] + good, [], [UInt8](repeating: 1, count: 2 * k)] {
            let blinded = BlindSigning.BlindedMessage(rawRepresentation: candidate)
            Support.expectError(.unexpectedInputSize, "\(candidate.count) bytes") { () throws(RSAError) in
                try signer.blindSignature(for: blinded)
            }
            Support.expectError(.unexpectedInputSize, "\(candidate.count) bytes, raw") { () throws(RSAError) in
                try signer.blindSignature(for: candidate)
            }
            Support.expectError(.unexpectedInputSize, "\(candidate.count) bytes, two cores") { () throws(RSAError) in
                try twoCoreSigner.blindSignature(for: blinded)
            }
        }
        for value in try Self.valuesNotBelowModulus(key.publicKey) {
            let blinded = BlindSigning.BlindedMessage(rawRepresentation: value)
            Support.expectError(.invalidInput) { () throws(RSAError) in try signer.blindSignature(for: blinded) }
            Support.expectError(.invalidInput) { () throws(RSAError) in try signer.blindSignature(for: value) }
            Support.expectError(.invalidInput) { () throws(RSAError) in try twoCoreSigner.blindSignature(for: blinded) }
        }
        // n − 1 and 0 are in range.
        let nMinusOne = try key.publicKey.modulus.subtracting(1).bigEndianBytes(count: k)
        #expect(throws: Never.self) {
            try signer.blindSignature(for: BlindSigning.BlindedMessage(rawRepresentation: nMinusOne))
        }
        #expect(throws: Never.self) {
            try signer.blindSignature(for: BlindSigning.BlindedMessage(rawRepresentation: [UInt8](repeating: 0, count: k)))
        }
    }

    // MARK: - Prepare and Blind

    @Test("Prepare: randomized variants add exactly 32 fresh bytes; deterministic ones are the identity",
        arguments: variants)
    func prepare(variant: BlindSigning.Variant) throws {
        let publicKey = BlindSigning.PublicKey(try Self.key().publicKey, variant: variant)
        for message in [[], Array("hello".utf8), [UInt8](repeating: 0xab, count: 1000)] {
            let first = publicKey.prepare(message).rawRepresentation
            let second = publicKey.prepare(message).rawRepresentation
            if variant.isRandomized {
                #expect(first.count == message.count + 32)
                #expect(Array(first.suffix(message.count)) == message)
                #expect(Array(second.suffix(message.count)) == message)
                #expect(first.prefix(32) != second.prefix(32), "two Prepare calls gave the same prefix")
            } else {
                #expect(first == message)
                #expect(second == message)
            }
        }
    }

    @Test("Blind draws a fresh r: two blinds of one prepared message differ in blinded message and inverse",
        arguments: variants)
    func blindingIsRandomized(variant: BlindSigning.Variant) throws {
        let key = try Self.key()
        let publicKey = BlindSigning.PublicKey(key.publicKey, variant: variant)
        let prepared = publicKey.prepare(Array("same message".utf8))
        let first = try publicKey.blind(prepared)
        let second = try publicKey.blind(prepared)
        #expect(first.blindedMessage != second.blindedMessage)
        #expect(first.inverse.rawRepresentation != second.inverse.rawRepresentation)
        // Both still finalize to valid signatures.
        let signer = BlindSigning.PrivateKey(key)
        for blinded in [first, second] {
            let signature = try publicKey.finalize(
                signer.blindSignature(for: blinded.blindedMessage), for: prepared, blindingInverse: blinded.inverse
            )
            #expect(publicKey.isValidSignature(signature, for: prepared))
        }
    }

    @Test("With a fixed salt, only r changes the blinded message (PSSZERO: the encoding is deterministic)")
    func blindingFactorAloneRandomizes() throws {
        let key = try Self.key()
        let publicKey = BlindSigning.PublicKey(key.publicKey, variant: .RSABSSA_SHA384_PSSZERO_Deterministic)
        let prepared = BlindSigning.PreparedMessage(rawRepresentation: Array("fixed encoding".utf8))
        let r1 = try BigNum.random(in: 1..<key.publicKey.modulus)
        let r2 = try BigNum.random(in: 1..<key.publicKey.modulus)
        let same1 = try publicKey.blind(prepared, salt: [], r: r1)
        let same2 = try publicKey.blind(prepared, salt: [], r: r1)
        let other = try publicKey.blind(prepared, salt: [], r: r2)
        #expect(same1.blindedMessage == same2.blindedMessage)
        #expect(same1.blindedMessage != other.blindedMessage)
        // r outside [1, n) is refused.
        Support.expectError(.invalidInput) { () throws(RSAError) in
            try publicKey.blind(prepared, salt: [], r: BigNum())
        }
        Support.expectError(.invalidInput) { () throws(RSAError) in
            try publicKey.blind(prepared, salt: [], r: key.publicKey.modulus)
        }
    }
}
