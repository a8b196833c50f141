/// An error from the RSA module: a malformed or inconsistent key, bad input to a scheme, or a failed check.
///
/// Codes follow RFC 8017 and RFC 9474's error names where those exist ("message too long", "encoding error",
/// "decryption error", "invalid signature", "invalid input", "unexpected input size", "signing failure",
/// "blinding error"). Equality compares only the
/// ``code``. Reasons never contain secret values.
public struct RSAError: Error, Hashable, CustomStringConvertible, Sendable {
    /// What went wrong, as a closed set of cases.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        fileprivate enum Backing: String, Hashable, Sendable {
            case invalidKey = "invalid key"
            case unsupportedKeySize = "unsupported key size"
            case invalidKeyEncoding = "invalid key encoding"
            case unsupportedAlgorithm = "unsupported algorithm"
            case messageTooLong = "message too long"
            case encodingError = "encoding error"
            case decryptionError = "decryption error"
            case invalidSignature = "invalid signature"
            case invalidInput = "invalid input"
            case unexpectedInputSize = "unexpected input size"
            case signingFailure = "signing failure"
            case blindingError = "blinding error"
        }

        fileprivate let backing: Backing

        /// A key whose components are inconsistent or out of range (n ≠ p·q, even e, …).
        public static let invalidKey = Code(backing: .invalidKey)
        /// A key size outside what the initializer accepts (2048–4096 bits by default).
        public static let unsupportedKeySize = Code(backing: .unsupportedKeySize)
        /// Malformed, truncated or trailing-garbage DER or PEM, or the wrong PEM type.
        public static let invalidKeyEncoding = Code(backing: .invalidKeyEncoding)
        /// An algorithm identifier, hash or parameter set this library does not implement or that contradicts the
        /// requested use.
        public static let unsupportedAlgorithm = Code(backing: .unsupportedAlgorithm)
        /// RFC 8017 / RFC 9474 "message too long".
        public static let messageTooLong = Code(backing: .messageTooLong)
        /// RFC 8017 / RFC 9474 "encoding error".
        public static let encodingError = Code(backing: .encodingError)
        /// RFC 8017 "decryption error": the single error of every OAEP decryption failure.
        public static let decryptionError = Code(backing: .decryptionError)
        /// RFC 8017 / RFC 9474 "invalid signature".
        public static let invalidSignature = Code(backing: .invalidSignature)
        /// RFC 9474 "invalid input" (and RFC 8017's "message representative out of range").
        public static let invalidInput = Code(backing: .invalidInput)
        /// RFC 9474 "unexpected input size".
        public static let unexpectedInputSize = Code(backing: .unexpectedInputSize)
        /// RFC 9474 "signing failure": a private-key result failed its check with the public exponent and was not
        /// released.
        public static let signingFailure = Code(backing: .signingFailure)
        /// RFC 9474 "blinding error": the blinding factor r has no inverse modulo n.
        public static let blindingError = Code(backing: .blindingError)
        /// The former name of ``signingFailure``.
        @available(*, deprecated, renamed: "signingFailure")
        public static var faultDetected: Code { signingFailure }

        public var description: String { backing.rawValue }
    }

    /// The kind of error.
    public let code: Code
    /// A one-line human-readable explanation.
    public let reason: String

    init(_ code: Code, _ reason: String) {
        self.code = code
        self.reason = reason
    }

    public var description: String {
        reason.isEmpty ? code.description : "\(code): \(reason)"
    }

    public static func == (lhs: RSAError, rhs: RSAError) -> Bool { lhs.code == rhs.code }

    public func hash(into hasher: inout Hasher) { hasher.combine(code) }

    /// The one error every OAEP decryption failure is reported as (RFC 8017 §7.1.2 note): same code, same text.
    static let decryption = RSAError(.decryptionError, "")
}
