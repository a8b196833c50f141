import BigNum

#if canImport(FoundationEssentials)
import protocol FoundationEssentials.DataProtocol
#else
import protocol Foundation.DataProtocol
#endif

extension BlindSigning {
    /// The signer's public key together with the variant in use: the client's side of RFC 9474 and verification.
    public struct PublicKey: Hashable, Sendable {
        /// The RSA public key.
        public let key: RSAPublicKey
        /// The RSABSSA variant.
        public let variant: Variant

        /// A blind-signing public key for `variant`.
        public init(_ key: RSAPublicKey, variant: Variant) {
            self.key = key
            self.variant = variant
        }

        /// Reads a DER SubjectPublicKeyInfo (rsaEncryption or id-RSASSA-PSS) or PKCS #1 RSAPublicKey.
        ///
        /// - Throws: ``RSAError/Code/unsupportedAlgorithm`` when an id-RSASSA-PSS SPKI carries parameters that
        ///   contradict `variant` (e.g. salt 48 for a PSSZERO variant, or SHA-256); any key-decoding error.
        public init(derRepresentation der: [UInt8], variant: Variant) throws(RSAError) {
            if let info = try? RSASubjectPublicKeyInfo(derRepresentation: der) {
                try self.init(info, variant: variant)
            } else {
                // Not an SPKI we accept: decode as PKCS #1, or report the SPKI's own error.
                let key = try KeyEncoding.decodeAnyPublicKey(der, policy: .standard)
                self.init(key, variant: variant)
            }
        }

        /// Reads a PEM "PUBLIC KEY" (SPKI, rsaEncryption or id-RSASSA-PSS) or "RSA PUBLIC KEY" (PKCS #1).
        ///
        /// - Throws: as ``init(derRepresentation:variant:)``.
        public init(pemRepresentation pem: String, variant: Variant) throws(RSAError) {
            try self.init(derRepresentation: KeyEncoding.pemDocument(pem, types: RSAPublicKey.pemTypes), variant: variant)
        }

        /// A blind-signing key from a decoded SPKI, rejecting PSS restrictions that contradict `variant`.
        public init(_ info: RSASubjectPublicKeyInfo, variant: Variant) throws(RSAError) {
            if case .rsassaPSS(let restrictions?) = info.algorithm, restrictions != variant.pssParameters {
                throw RSAError(
                    .unsupportedAlgorithm,
                    "the key is restricted to PSS with \(restrictions.hash)/MGF1-\(restrictions.mgf1Hash)/salt \(restrictions.saltLength), which contradicts \(variant)"
                )
            }
            self.init(info.publicKey, variant: variant)
        }

        // MARK: - Prepare (RFC 9474 §4.1)

        /// Prepare: `msg_prefix || msg` with 32 fresh random bytes for the Randomized variants, `msg` otherwise.
        ///
        /// - Seealso: [RFC 9474 §4.1](https://www.rfc-editor.org/rfc/rfc9474.html#name-prepare)
        public func prepare<D: DataProtocol>(_ message: D) -> PreparedMessage {
            // PrepareRandomize: 1. msg_prefix = random(32); 2. input_msg = concat(msg_prefix, msg).
            // PrepareIdentity: input_msg = msg.
            PreparedMessage(rawRepresentation: randomBytes(variant.messagePrefixLength) + Array(message))
        }

        // MARK: - Blind (RFC 9474 §4.2)

        /// Blind: encodes the prepared message with EMSA-PSS and blinds it with a fresh r.
        ///
        /// - Returns: the k-byte blinded message for the signer and the inverse the client keeps for Finalize.
        /// - Throws: ``RSAError/Code/messageTooLong`` / ``RSAError/Code/encodingError`` from EMSA-PSS-ENCODE;
        ///   ``RSAError/Code/invalidInput`` when the encoded message is not coprime to n.
        /// - Seealso: [RFC 9474 §4.2](https://www.rfc-editor.org/rfc/rfc9474.html#name-blind)
        public func blind(_ message: PreparedMessage) throws(RSAError) -> BlindingResult {
            // 1–2. encoded_msg = EMSA-PSS-ENCODE(msg, bit_len(n) − 1) with a fresh salt; errors are re-raised.
            let encoded = try EMSAPSS.encode(
                message: message.rawRepresentation, emBits: key.modulusBitWidth - 1, parameters: variant.pssParameters
            )
            return try blind(encodedMessage: encoded, r: nil)
        }

        /// Blind with a given salt and r. Package-internal so tests can reproduce RFC 9474's vectors.
        package func blind(_ message: PreparedMessage, salt: [UInt8], r: BigNum) throws(RSAError) -> BlindingResult {
            let encoded = try EMSAPSS.encode(
                message: message.rawRepresentation, emBits: key.modulusBitWidth - 1, parameters: variant.pssParameters,
                salt: salt
            )
            return try blind(encodedMessage: encoded, r: r)
        }

        /// Steps 3–12 of Blind on an encoded message; `r == nil` draws a fresh r from the system CSPRNG.
        ///
        /// r and its inverse live at n's fixed limb width from the moment they exist; the blinded message is
        /// declassified when it is output.
        private func blind(encodedMessage: [UInt8], r fixedR: BigNum?) throws(RSAError) -> BlindingResult {
            let n = key.modulus
            let modulus = try RSAPrimitives.modulus(key)
            // 3. m = bytes_to_int(encoded_msg).
            let m = BigNum(bigEndianBytes: encodedMessage)
            if let fixedR {
                guard fixedR < n, !fixedR.isZero else {
                    throw RSAError(.invalidInput, "r must be in [1, n)")
                }
            }
            for _ in 0..<64 {
                // 5. r = random_integer_uniform(1, n): n's width plus 64 random bits, reduced (bias below 2^−64; a
                //    zero r is not invertible and is drawn again below).
                let r: SecretInteger
                if let fixedR {
                    r = try RSAPrimitives.secret(fixedR, key.modulusLimbCount)
                } else {
                    r = SecretInteger.random(below: modulus)
                }
                // 4–8. c = is_coprime(m, n) ("invalid input" if not); inv = inverse_mod(r, n) ("blinding error" if
                //      none). One inversion serves both: w = m·r·t mod n for a fresh uniform t is invertible exactly
                //      when m, r and t all are, and is uniform and independent of m and r — declassification point:
                //      w — so GMP's variable-time inversion sees nothing secret; then inv = w^−1 · m · t.
                let t = SecretInteger.random(below: modulus)
                let w = r.multiplied(by: m, modulo: modulus).multiplied(by: t, modulo: modulus).declassified()
                guard let wInverse = w.inverse(modulo: n) else {
                    // Rare: find out which factor is not invertible (each blinded, as above).
                    guard (try? m.secretInverse(modulo: n)) ?? nil != nil else {
                        throw RSAError(.invalidInput, "the encoded message is not coprime to n")
                    }
                    if fixedR != nil {
                        let probe = r.multiplied(by: SecretInteger.random(below: modulus), modulo: modulus)
                        if probe.declassified().inverse(modulo: n) == nil {
                            throw RSAError(.blindingError, "r is not invertible modulo n")
                        }
                    }
                    continue
                }
                let inverse = t.multiplied(by: wInverse, modulo: modulus).multiplied(by: m, modulo: modulus)
                // 9. x = RSAVP1(pk, r) = r^e mod n, with r secret: a fixed chain over the public e.
                let x = try RSAPrimitives.power(r, key: key, modulus: modulus)
                // 10. z = m * x mod n. Declassification point: the blinded message is sent to the signer.
                let z = x.multiplied(by: m, modulo: modulus).declassified()
                // 11–12. blind_msg = int_to_bytes(z, modulus_len); output blind_msg, inv.
                return BlindingResult(
                    blindedMessage: BlindedMessage(rawRepresentation: try i2osp(z, key.modulusByteCount)),
                    inverse: try BlindingInverse(secret: inverse, modulus: n))
            }
            // 64 draws in a row gave a non-invertible w although m is coprime to n: n has small factors.
            throw RSAError(.blindingError, "no invertible blinding factor was found")
        }

        // MARK: - Finalize (RFC 9474 §4.4)

        /// Finalize: unblinds the server's blind signature and verifies the result.
        ///
        /// - Parameters:
        ///   - signature: the signer's blind signature.
        ///   - message: the prepared message that was blinded.
        ///   - blindingInverse: the inverse from ``blind(_:)`` (or restored with
        ///     ``BlindingInverse/init(rawRepresentation:for:)``).
        /// - Returns: the k-byte RSASSA-PSS signature over the prepared message.
        /// - Throws: ``RSAError/Code/unexpectedInputSize`` when the blind signature is not k bytes;
        ///   ``RSAError/Code/invalidInput`` when it is ≥ n; ``RSAError/Code/invalidSignature`` when the
        ///   unblinded signature does not verify.
        /// - Seealso: [RFC 9474 §4.4](https://www.rfc-editor.org/rfc/rfc9474.html#name-finalize)
        public func finalize(
            _ signature: BlindSignature, for message: PreparedMessage, blindingInverse: BlindingInverse
        ) throws(RSAError) -> [UInt8] {
            let n = key.modulus
            let blindSignature = signature.rawRepresentation
            // 1. If len(blind_sig) != modulus_len, raise "unexpected input size".
            guard blindSignature.count == key.modulusByteCount else {
                throw RSAError(.unexpectedInputSize, "the blind signature must be \(key.modulusByteCount) bytes")
            }
            // 2. z = bytes_to_int(blind_sig); a value ≥ n is not a blind signature.
            let z = BigNum(bigEndianBytes: blindSignature)
            guard z < n else {
                throw RSAError(.invalidInput, "the blind signature is not below n")
            }
            // The inverse was checked to lie in [1, n) for the modulus it was made for; one made for another
            // modulus is checked against this one (and converted) here.
            let inverse =
                blindingInverse.modulus == n
                ? blindingInverse : try BlindingInverse(secret: blindingInverse.secretValue, modulus: n)
            // 3. s = z * inv mod n (inv kept in Montgomery form: one product and one Montgomery reduction).
            //    Declassification point: s is the signature, which Finalize outputs.
            let s = try RSAPrimitives.secret(z, key.modulusLimbCount)
                .multiplied(byMontgomeryForm: inverse.montgomeryForm, modulo: RSAPrimitives.modulus(key))
                .declassified()
            // 4. sig = int_to_bytes(s, modulus_len).
            let finalSignature = try i2osp(s, key.modulusByteCount)
            // 5–6. RSASSA-PSS-VERIFY(pk, msg, sig); output sig only if it is valid.
            guard isValidSignature(finalSignature, for: message) else {
                throw RSAError(.invalidSignature, "the unblinded signature does not verify")
            }
            return finalSignature
        }

        // MARK: - Verify (RFC 9474 §4.5)

        /// Verify: RSASSA-PSS-VERIFY of `signature` over the prepared message with the variant's parameters.
        ///
        /// Rejects signatures ≥ n, signatures of the wrong length, and (PSSZERO) any signature made with a salt.
        /// - Seealso: [RFC 9474 §4.5](https://www.rfc-editor.org/rfc/rfc9474.html#name-verification)
        public func isValidSignature<D: DataProtocol>(_ signature: D, for message: PreparedMessage) -> Bool {
            RSASSAPSS.isValidSignature(
                Array(signature), for: message.rawRepresentation, with: key, parameters: variant.pssParameters)
        }

        /// Verify, throwing ``RSAError/Code/invalidSignature`` when the signature is not valid.
        public func verify<D: DataProtocol>(_ signature: D, for message: PreparedMessage) throws(RSAError) {
            guard isValidSignature(signature, for: message) else {
                throw RSAError(.invalidSignature, "the signature does not verify")
            }
        }
    }
}
