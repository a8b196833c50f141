import BigNum
import Dispatch

#if canImport(FoundationEssentials)
import protocol FoundationEssentials.DataProtocol
#else
import protocol Foundation.DataProtocol
#endif

extension BlindSigning {
    /// The signer's side of RFC 9474: BlindSign over the private key.
    ///
    /// Every path — serial, batch, and ``TwoCoreSigner`` — runs the same private primitive: CRT on constant-time
    /// exponentiation, base blinding with a fresh r, and a check of the result with the public exponent before it
    /// is released (RFC 9474 §4.3 steps 4–5).
    public struct PrivateKey: Sendable {
        /// The RSA private key.
        public let key: RSAPrivateKey

        /// A blind-signing private key.
        public init(_ key: RSAPrivateKey) {
            self.key = key
        }

        /// Reads a DER PKCS #1 RSAPrivateKey or PKCS #8 PrivateKeyInfo (2048 to 4096 bits).
        ///
        /// - Throws: the errors of ``RSAPrivateKey/init(derRepresentation:)``.
        public init<D: DataProtocol>(derRepresentation: D) throws(RSAError) {
            self.init(try RSAPrivateKey(derRepresentation: Array(derRepresentation)))
        }

        /// Reads a PEM "RSA PRIVATE KEY" (PKCS #1) or "PRIVATE KEY" (PKCS #8) (2048 to 4096 bits).
        ///
        /// - Throws: the errors of ``RSAPrivateKey/init(pemRepresentation:)``.
        public init(pemRepresentation: String) throws(RSAError) {
            self.init(try RSAPrivateKey(pemRepresentation: pemRepresentation))
        }

        /// The RSA public key (n, e).
        public var publicKey: RSAPublicKey { key.publicKey }

        /// The public half, for `variant`: what a client blinds with and a verifier verifies with.
        public func publicKey(variant: Variant) -> PublicKey {
            PublicKey(key.publicKey, variant: variant)
        }

        /// BlindSign: the blind signature of a blinded message.
        ///
        /// - Throws: ``RSAError/Code/unexpectedInputSize`` when the message is not k bytes;
        ///   ``RSAError/Code/invalidInput`` when it is ≥ n; ``RSAError/Code/signingFailure`` when the result fails
        ///   its check (it is not released).
        /// - Seealso: [RFC 9474 §4.3](https://www.rfc-editor.org/rfc/rfc9474.html#name-blindsign)
        public func blindSignature(for message: BlindedMessage) throws(RSAError) -> BlindSignature {
            try blindSignature(message.rawRepresentation, helper: nil)
        }

        /// BlindSign of blinded-message bytes as they arrive from a client (swift-crypto's spelling).
        ///
        /// - Throws: as ``blindSignature(for:)-(BlindSigning.BlindedMessage)``.
        public func blindSignature<D: DataProtocol>(for message: D) throws(RSAError) -> BlindSignature {
            try blindSignature(Array(message), helper: nil)
        }

        /// BlindSign of many blinded messages at once, spread over all cores, for throughput. The calling thread
        /// takes part and blocks until all are signed; from `async` code use the `async` overload.
        ///
        /// - Returns: one result per input, in order; a bad input fails only its own entry.
        public func blindSignatures(for messages: [BlindedMessage]) -> [Result<BlindSignature, RSAError>] {
            let results = ResultSlots(count: messages.count)
            DispatchQueue.concurrentPerform(iterations: messages.count) { index in
                let result = Result { () throws(RSAError) -> BlindSignature in
                    try blindSignature(messages[index].rawRepresentation, helper: nil)
                }
                results.store(result, at: index)
            }
            return results.takeValues()
        }

        /// BlindSign of many blinded messages, spread over all cores, without blocking a thread of Swift's
        /// cooperative pool: the work runs on Dispatch's global queue and the caller is resumed with the results.
        ///
        /// - Returns: one result per input, in order; a bad input fails only its own entry.
        public func blindSignatures(for messages: [BlindedMessage]) async -> [Result<BlindSignature, RSAError>] {
            await withCheckedContinuation { continuation in
                DispatchQueue.global(qos: .userInitiated).async {
                    continuation.resume(returning: blindSignatures(for: messages))
                }
            }
        }

        /// Steps 1–6 of BlindSign, the half modulo q on `helper`'s thread when one is given.
        func blindSignature(_ blindedMessage: [UInt8], helper: CRTHelperThread?) throws(RSAError) -> BlindSignature {
            let k = key.modulusByteCount
            // 1. If len(blind_msg) != modulus_len, raise "unexpected input size".
            guard blindedMessage.count == k else {
                throw RSAError(.unexpectedInputSize, "the blinded message must be \(k) bytes")
            }
            // 2. m = bytes_to_int(blind_msg); m ≥ n is "invalid input" (RSASP1's "message representative out of
            //    range").
            let m = BigNum(bigEndianBytes: blindedMessage)
            guard m < key.publicKey.modulus else {
                throw RSAError(.invalidInput, "the blinded message is not below n")
            }
            // 3–5. s = RSASP1(sk, m), checked: RSAVP1(pk, s) must equal m, else "signing failure".
            let s = try RSAPrimitives.privateOperation(m, key: key, fault: nil, helper: helper, resultIsPublic: true)
            // 6. blind_sig = int_to_bytes(s, modulus_len).
            return BlindSignature(rawRepresentation: try i2osp(s, k))
        }
    }
}

/// Per-index result slots written by concurrent workers: one preallocated buffer, initialized before the workers
/// start; each index is written by exactly one worker, and the buffer is read (moved out) only after
/// `concurrentPerform` has returned, which orders every worker's write before that read.
///
/// The workers write through the buffer's fixed address and never touch shared state: no array is accessed, so
/// nothing is checked for uniqueness, copied or reallocated while they run.
private final class ResultSlots: @unchecked Sendable {
    private let slots: UnsafeMutableBufferPointer<Result<BlindSigning.BlindSignature, RSAError>>
    /// Whether `takeValues()` has moved the results out (the slots are then uninitialized). Touched only by the
    /// thread that created the slots.
    private var isMovedOut = false

    init(count: Int) {
        slots = .allocate(capacity: count)
        slots.initialize(repeating: .failure(RSAError(.invalidInput, "not signed")))
    }

    deinit {
        if !isMovedOut {
            slots.deinitialize()
        }
        slots.deallocate()
    }

    /// Writes the result of entry `index`; called by the one worker that owns that index.
    func store(_ result: Result<BlindSigning.BlindSignature, RSAError>, at index: Int) {
        slots[index] = result
    }

    /// Moves all results out, in order, into an array; called once, after every worker has finished.
    func takeValues() -> [Result<BlindSigning.BlindSignature, RSAError>] {
        guard !isMovedOut else { return [] }
        isMovedOut = true
        return Array(unsafeUninitializedCapacity: slots.count) { buffer, initializedCount in
            initializedCount = buffer.moveInitialize(fromContentsOf: slots)
        }
    }
}
