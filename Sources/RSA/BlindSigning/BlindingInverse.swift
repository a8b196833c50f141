import BigNum

extension BlindSigning {
    /// The client's secret from Blind: inv = r^−1 mod n, needed by Finalize.
    ///
    /// Keep it private to the client: with it, the server could link the blinded message to the final signature.
    /// Its limbs are wiped when the last copy goes away.
    public struct BlindingInverse: Sendable {
        /// r^−1 mod n.
        package let value: BigNum

        package init(value: BigNum) {
            self.value = value
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
            let value = BigNum(bigEndianBytes: bytes)
            guard !value.isZero, value < key.modulus else {
                throw RSAError(.invalidInput, "the inverse must be in [1, n)")
            }
            self.value = value
        }

        /// The k-byte big-endian encoding of inv.
        public func bytes(for key: RSAPublicKey) throws(RSAError) -> [UInt8] {
            try i2osp(value, key.modulusByteCount)
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
