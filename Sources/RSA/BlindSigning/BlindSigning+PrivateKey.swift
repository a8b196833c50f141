import BigNum
import Dispatch

extension BlindSigning {
    /// The signer's side of RFC 9474: BlindSign over the private key.
    ///
    /// Every path — serial, two-core and batch — runs the same private primitive: CRT on constant-time
    /// exponentiation, base blinding with a fresh r, and a check of the result with the public exponent before it
    /// is released (RFC 9474 §4.3 steps 4–5).
    public struct PrivateKey: Sendable {
        /// The RSA private key.
        public let key: RSAPrivateKey

        /// A blind-signing private key.
        public init(_ key: RSAPrivateKey) {
            self.key = key
        }

        /// The public half, for `variant`.
        public func publicKey(variant: Variant) -> PublicKey {
            PublicKey(key.publicKey, variant: variant)
        }

        /// BlindSign: the blind signature of a k-byte blinded message.
        ///
        /// - Throws: ``RSAError/Code/unexpectedInputSize`` when `blindedMessage` is not k bytes;
        ///   ``RSAError/Code/invalidInput`` when it is ≥ n; ``RSAError/Code/signingFailure`` when the result fails
        ///   its check ("signing failure"; it is not released).
        /// - Seealso: [RFC 9474 §4.3](https://www.rfc-editor.org/rfc/rfc9474.html#name-blindsign)
        public func blindSign(_ blindedMessage: [UInt8]) throws(RSAError) -> [UInt8] {
            try blindSign(blindedMessage, parallelCRT: false)
        }

        /// BlindSign with the two CRT exponentiations on two cores at once, for lower latency.
        ///
        /// Same checks, errors and output as ``blindSign(_:)``. The half modulo q runs on one process-wide helper
        /// thread, which stays awake (polling) for 2 ms after each task so that requests arriving within 2 ms of
        /// each other do not pay for waking it; that polling costs up to 2 ms of CPU time on another core per
        /// call when calls are sparse. When the helper is busy with another call, or has not started this call's half by the
        /// time the calling thread has finished its own, the calling thread computes both halves: the path is
        /// never slower than ``blindSign(_:)`` by more than a few atomic operations, and it never queues. For
        /// throughput on many cores, use ``blindSign(batch:)``.
        public func blindSignUsingTwoCores(_ blindedMessage: [UInt8]) throws(RSAError) -> [UInt8] {
            try blindSign(blindedMessage, parallelCRT: true)
        }

        /// BlindSign of many blinded messages at once, spread over all cores, for throughput.
        ///
        /// - Returns: one result per input, in order; a bad input fails only its own entry.
        public func blindSign(batch blindedMessages: [[UInt8]]) -> [Result<[UInt8], RSAError>] {
            let results = ResultSlots(count: blindedMessages.count)
            DispatchQueue.concurrentPerform(iterations: blindedMessages.count) { index in
                let result = Result { () throws(RSAError) -> [UInt8] in
                    try blindSign(blindedMessages[index], parallelCRT: false)
                }
                results.store(result, at: index)
            }
            return results.takeValues()
        }

        private func blindSign(_ blindedMessage: [UInt8], parallelCRT: Bool) throws(RSAError) -> [UInt8] {
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
            let s = try RSAPrimitives.privateOperation(
                m, key: key, fault: nil, parallelCRT: parallelCRT, resultIsPublic: true
            )
            // 6. blind_sig = int_to_bytes(s, modulus_len).
            return try i2osp(s, k)
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
    private let slots: UnsafeMutableBufferPointer<Result<[UInt8], RSAError>>
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
    func store(_ result: Result<[UInt8], RSAError>, at index: Int) {
        slots[index] = result
    }

    /// Moves all results out, in order, into an array; called once, after every worker has finished.
    func takeValues() -> [Result<[UInt8], RSAError>] {
        guard !isMovedOut else { return [] }
        isMovedOut = true
        return Array(unsafeUninitializedCapacity: slots.count) { buffer, initializedCount in
            initializedCount = buffer.moveInitialize(fromContentsOf: slots)
        }
    }
}
