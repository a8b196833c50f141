#if canImport(FoundationEssentials)
import protocol FoundationEssentials.DataProtocol
#else
import protocol Foundation.DataProtocol
#endif

// The protocol values of RFC 9474 as types, as swift-crypto's `_RSA.BlindSigning` has them, so that the wrong bytes
// cannot be passed by mistake: a blinded message is not a blind signature, and Blind, Finalize and Verify take
// only a message that went through Prepare.

extension BlindSigning {
    /// The output of Prepare (RFC 9474 §4.1): the message with its random prefix (Randomized variants) or the
    /// message itself (Deterministic variants). Blind, Finalize and Verify take this, never raw message bytes.
    ///
    /// A verifier that receives prepared bytes (for example a Privacy Pass origin, whose token input is the
    /// prepared message) makes one with ``init(rawRepresentation:)``.
    public struct PreparedMessage: Hashable, Sendable {
        /// The prepared bytes, `msg_prefix || msg` or `msg`.
        public let rawRepresentation: [UInt8]

        /// A prepared message from its bytes, as a verifier receives them.
        public init<D: DataProtocol>(rawRepresentation: D) {
            self.rawRepresentation = Array(rawRepresentation)
        }
    }

    /// The client's blinded message (RFC 9474 §4.2 `blind_msg`, k bytes), sent to the signer.
    public struct BlindedMessage: Hashable, Sendable {
        /// The k bytes of `blind_msg`.
        public let rawRepresentation: [UInt8]

        /// A blinded message from its bytes, as the signer receives them. Its length is checked when it is signed.
        public init<D: DataProtocol>(rawRepresentation: D) {
            self.rawRepresentation = Array(rawRepresentation)
        }
    }

    /// The signer's blind signature (RFC 9474 §4.3 `blind_sig`, k bytes), returned to the client.
    public struct BlindSignature: Hashable, Sendable {
        /// The k bytes of `blind_sig`.
        public let rawRepresentation: [UInt8]

        /// A blind signature from its bytes, as the client receives them. Its length is checked by Finalize.
        public init<D: DataProtocol>(rawRepresentation: D) {
            self.rawRepresentation = Array(rawRepresentation)
        }
    }
}
