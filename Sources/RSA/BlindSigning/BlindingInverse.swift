import BigNum

extension BlindSigning {
    /// The client's secret from Blind: inv = r^−1 mod n, needed by Finalize.
    ///
    /// Keep it private to the client: with it, the server could link the blinded message to the final signature.
    /// Its limbs are wiped when the last copy goes away.
    public struct BlindingInverse: Sendable {
        /// r^−1 mod n.
        package let value: BigNum
        /// r^−1 · R mod n (Montgomery form, R = 2^(64·limbs(n))), so that Finalize unblinds with one Montgomery
        /// reduction instead of a division.
        let montgomeryForm: BigNum
        /// The modulus n that `montgomeryForm` belongs to.
        let modulus: BigNum

        /// An inverse in [1, n) for the modulus n.
        ///
        /// - Throws: ``RSAError/Code/invalidInput`` when the value is 0 or ≥ n.
        package init(value: BigNum, modulus: BigNum) throws(RSAError) {
            guard !value.isZero, value < modulus else {
                throw RSAError(.invalidInput, "the inverse must be in [1, n)")
            }
            do {
                montgomeryForm = try value.secretMontgomeryForm(modulo: modulus)
            } catch {
                throw RSAError(.invalidInput, "the modulus is not odd")
            }
            self.value = value
            self.modulus = modulus
        }

        /// An inverse read back from its k-byte big-endian encoding (e.g. `inv` of RFC 9474's vectors, or a value
        /// a client stored between Blind and Finalize).
        ///
        /// - Throws: ``RSAError/Code/unexpectedInputSize`` when `bytes` is not k bytes;
        ///   ``RSAError/Code/invalidInput`` when the value is 0 or ≥ n.
        public init(bytes: [UInt8], for key: RSAPublicKey) throws(RSAError) {
            guard bytes.count == key.modulusByteCount else {
                throw RSAError(.unexpectedInputSize, "the inverse must be \(key.modulusByteCount) bytes")
            }
            try self.init(value: BigNum(bigEndianBytes: bytes), modulus: key.modulus)
        }

        /// The k-byte big-endian encoding of inv.
        public func bytes(for key: RSAPublicKey) throws(RSAError) -> [UInt8] {
            // The constant-time I2OSP: the number of leading zero octets of a secret must not show.
            do {
                return try value.secretBigEndianBytes(count: key.modulusByteCount)
            } catch {
                throw RSAError(.invalidInput, "the inverse does not fit in the modulus length")
            }
        }
    }

    /// The output of Blind: the blinded message for the server, and the inverse the client keeps.
    public struct BlindingResult: Sendable {
        /// blind_msg: k bytes to send to the signer.
        public let blindedMessage: [UInt8]
        /// inv: the client's secret for Finalize.
        public let inverse: BlindingInverse
    }
}
