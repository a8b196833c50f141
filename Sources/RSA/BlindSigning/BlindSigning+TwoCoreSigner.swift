import BigNum

extension BlindSigning {
    /// A blind signer for lower latency on two cores: each signature's two CRT exponentiations run at once, one on
    /// the calling thread and one on a helper thread this object owns.
    ///
    /// The helper thread starts with the signer and stops at ``shutdown()`` (or when the signer is released).
    /// After each task it keeps polling for `spinDuration` before it parks, so that requests arriving within that
    /// time find it awake — waking a parked thread costs a virtual machine tens to hundreds of microseconds, which
    /// is much of what the second core saves. **CPU cost:** when calls are sparse, up to `spinDuration` of CPU time
    /// on another core per call (2 ms by default); pass `.zero` to park at once (lowest CPU use, less latency gain).
    ///
    /// The result is the same as ``PrivateKey/blindSignature(for:)-(BlindSigning.BlindedMessage)``. When the helper is busy
    /// with another caller's half, or has not started this call's half by the time the calling thread has finished
    /// its own, the calling thread computes both halves: the path is never slower than the serial one by more than
    /// a few atomic operations, and it never queues. For throughput on many cores use
    /// `PrivateKey.blindSignatures(for:)`.
    public final class TwoCoreSigner: Sendable {
        /// The signing key.
        public let privateKey: PrivateKey
        private let helper: CRTHelperThread

        /// A signer with its own helper thread, polling for `spinDuration` after each task.
        public init(_ privateKey: PrivateKey, spinDuration: Duration = .milliseconds(2)) {
            self.privateKey = privateKey
            helper = CRTHelperThread(spinDuration: spinDuration)
        }

        deinit {
            helper.stop()
        }

        /// BlindSign with the two CRT exponentiations on two cores.
        ///
        /// - Throws: as ``PrivateKey/blindSignature(for:)-(BlindSigning.BlindedMessage)``.
        public func blindSignature(for message: BlindedMessage) throws(RSAError) -> BlindSignature {
            try privateKey.blindSignature(message.rawRepresentation, helper: helper)
        }

        /// Stops the helper thread. Later calls still work, on the calling thread alone. Idempotent.
        public func shutdown() {
            helper.stop()
        }

        /// Whether the helper thread is running (false after ``shutdown()``, or if it could not be started).
        public var isUsingTwoCores: Bool { helper.isRunning }
    }
}
