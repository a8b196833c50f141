/// An error from the PrivacyPass module: malformed wire data, a token type or key this library does not know, or a
/// token that fails redemption.
///
/// Equality compares only the ``code``, as the `RSA` module's `RSAError` does. Reasons never contain secret values.
public struct PrivacyPassError: Error, Hashable, CustomStringConvertible, Sendable {
    /// What went wrong, as a closed set of cases.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        fileprivate enum Backing: String, Hashable, Sendable {
            case malformed = "malformed"
            case unsupportedTokenType = "unsupported token type"
            case unknownKey = "unknown key"
            case invalidLength = "invalid length"
            case invalidKey = "invalid key"
            case invalidToken = "invalid token"
            case challengeMismatch = "challenge mismatch"
            case spentToken = "spent token"
            case invalidSignature = "invalid signature"
            case issuanceFailure = "issuance failure"
            case storeFailure = "store failure"
        }

        fileprivate let backing: Backing

        /// Truncated data, trailing bytes, a length prefix beyond the data, a field outside its RFC bounds, or
        /// JSON that is not an issuer directory.
        public static let malformed = Code(backing: .malformed)
        /// A token type this library does not implement (including GREASE values, RFC 9577 §2.2), where a known
        /// type is required.
        public static let unsupportedTokenType = Code(backing: .unsupportedTokenType)
        /// No configured token key matches the (truncated) token key ID.
        public static let unknownKey = Code(backing: .unknownKey)
        /// A structure or field whose length is not the one its token type fixes (for type 0x0002, Nk = 256).
        public static let invalidLength = Code(backing: .invalidLength)
        /// A token key that is not usable for the token type: wrong SPKI algorithm or parameters, wrong modulus
        /// size, a randomized RSABSSA variant, or several issuer keys sharing a truncated key ID.
        public static let invalidKey = Code(backing: .invalidKey)
        /// A token whose fields are inconsistent with the expected token type or key.
        public static let invalidToken = Code(backing: .invalidToken)
        /// The token's challenge_digest is not SHA-256 of the challenge it is redeemed against.
        public static let challengeMismatch = Code(backing: .challengeMismatch)
        /// The token was already redeemed (RFC 9577 §2.2 double-spend check).
        public static let spentToken = Code(backing: .spentToken)
        /// The authenticator (or a blind signature being finalized) does not verify.
        public static let invalidSignature = Code(backing: .invalidSignature)
        /// The issuer could not sign the blinded message (RFC 9474 BlindSign failed, e.g. a value ≥ n).
        public static let issuanceFailure = Code(backing: .issuanceFailure)
        /// The spent-token store reported an error; the token was not accepted.
        public static let storeFailure = Code(backing: .storeFailure)

        /// The code's name, for example `"spent token"`.
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

    /// `"<code>: <reason>"`, or the code alone when there is no reason.
    public var description: String {
        reason.isEmpty ? code.description : "\(code): \(reason)"
    }

    /// Equal when the codes are equal; the reasons are not compared.
    public static func == (lhs: PrivacyPassError, rhs: PrivacyPassError) -> Bool { lhs.code == rhs.code }

    /// Hashes the code only, consistent with `==`.
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }
}
