import BigNum

#if canImport(FoundationEssentials)
import protocol FoundationEssentials.DataProtocol
#else
import protocol Foundation.DataProtocol
#endif

extension BlindSigning {
    /// The client's secret from Blind: inv = r^−1 mod n, needed by Finalize.
    ///
    /// Keep it private to the client: with it, the server could link the blinded message to the final signature.
    /// It is held at n's fixed limb width (never in a normalised integer whose size would show) and its limbs are
    /// wiped when the last copy goes away.
    public struct BlindingInverse: Sendable {
        /// r^−1 mod n, at n's limb width.
        let secretValue: SecretInteger
        /// r^−1 · R mod n (Montgomery form, R = 2^(64·limbs(n))), so that Finalize unblinds with one Montgomery
        /// reduction instead of a division.
        let montgomeryForm: SecretInteger
        /// The modulus n this inverse belongs to.
        let modulus: BigNum

        /// An inverse for the modulus n, checked to lie in [1, n) in constant time (the verdict is declassified).
        ///
        /// - Throws: ``RSAError/Code/invalidInput`` when the value is 0 or ≥ n.
        init(secret value: SecretInteger, modulus: BigNum) throws(RSAError) {
            let limbs = (modulus.bitWidth + 63) / 64
            guard ConstantTimeAudit.declassify(mask: ~value.isZeroMask & value.lessThanMask(modulus))
            else {
                throw RSAError(.invalidInput, "the inverse must be in [1, n)")
            }
            let reduction: SecretModulus
            do {
                reduction = try SecretModulus(public: modulus)
            } catch {
                throw RSAError(.invalidInput, "the modulus is zero")
            }
            guard modulus.isOdd else {
                throw RSAError(.invalidInput, "the modulus is not odd")
            }
            secretValue = value.resized(to: limbs)
            montgomeryForm = secretValue.montgomeryForm(modulo: reduction)
            self.modulus = modulus
        }

        /// An inverse read back from its k-byte big-endian encoding (`inv` of RFC 9474's vectors, or a value a
        /// stateless client stored between Blind and Finalize), straight into n's fixed width.
        ///
        /// - Throws: ``RSAError/Code/unexpectedInputSize`` when it is not k bytes; ``RSAError/Code/invalidInput``
        ///   when the value is 0 or ≥ n.
        public init<D: DataProtocol>(rawRepresentation: D, for key: RSAPublicKey) throws(RSAError) {
            var bytes = Array(rawRepresentation)
            defer { SecretBytes.wipe(&bytes) }  // a new buffer (or, for an Array argument, a copy on write)
            guard bytes.count == key.modulusByteCount else {
                throw RSAError(.unexpectedInputSize, "the inverse must be \(key.modulusByteCount) bytes")
            }
            let value: SecretInteger
            do {
                value = try SecretInteger(bigEndianBytes: bytes, limbCount: key.modulusLimbCount)
            } catch {
                throw RSAError(.unexpectedInputSize, "the inverse must be \(key.modulusByteCount) bytes")
            }
            try self.init(secret: value, modulus: key.modulus)
        }

        /// The k-byte big-endian encoding of inv, for a client that finishes issuance in a later request (keep it
        /// as secret as the inverse itself). Written by the constant-time I2OSP: the number of leading zero octets
        /// of a secret must not show.
        public var rawRepresentation: [UInt8] {
            secretValue.bigEndianBytes(knownToFit: modulus.byteWidth)
        }
    }

    /// The output of Blind: the blinded message for the signer, and the inverse the client keeps for Finalize.
    public struct BlindingResult: Sendable {
        /// `blind_msg`: k bytes to send to the signer.
        public let blindedMessage: BlindedMessage
        /// `inv`: the client's secret for Finalize.
        public let inverse: BlindingInverse
    }
}
