/// An error raised by a ``BigNum`` operation given an input it cannot accept.
///
/// Every precondition that GMP would answer with `abort()` (division by zero, an even modulus for the
/// constant-time exponentiation, …) is checked first and reported as one of these errors instead.
/// Equality compares only the ``code``.
public struct BigNumError: Error, Hashable, CustomStringConvertible, Sendable {
    /// What went wrong, as a closed set of cases.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        fileprivate enum Backing: Hashable, Sendable {
            case negativeResult
            case divisionByZero
            case valueTooLarge
            case invalidHex
            case invalidModulus
            case invalidExponent
            case invalidBound
            case invalidBitCount
        }

        fileprivate let backing: Backing

        /// A subtraction would have gone below zero (``BigNum`` is non-negative).
        public static let negativeResult = Code(backing: .negativeResult)
        /// A division or reduction by zero.
        public static let divisionByZero = Code(backing: .divisionByZero)
        /// A value does not fit in the requested number of bytes (I2OSP's "integer too large").
        public static let valueTooLarge = Code(backing: .valueTooLarge)
        /// A string is not well-formed hexadecimal.
        public static let invalidHex = Code(backing: .invalidHex)
        /// A modulus is not acceptable for the operation (zero, one, or even where an odd one is required).
        public static let invalidModulus = Code(backing: .invalidModulus)
        /// An exponent is not acceptable for the operation (zero where a positive one is required).
        public static let invalidExponent = Code(backing: .invalidExponent)
        /// A bound for random sampling is empty.
        public static let invalidBound = Code(backing: .invalidBound)
        /// A requested bit size is out of range.
        public static let invalidBitCount = Code(backing: .invalidBitCount)

        public var description: String {
            switch backing {
            case .negativeResult: return "negativeResult"
            case .divisionByZero: return "divisionByZero"
            case .valueTooLarge: return "valueTooLarge"
            case .invalidHex: return "invalidHex"
            case .invalidModulus: return "invalidModulus"
            case .invalidExponent: return "invalidExponent"
            case .invalidBound: return "invalidBound"
            case .invalidBitCount: return "invalidBitCount"
            }
        }
    }

    /// The kind of error.
    public let code: Code
    /// A human-readable explanation (never contains secret values).
    public let reason: String

    init(_ code: Code, _ reason: String) {
        self.code = code
        self.reason = reason
    }

    public var description: String { "BigNumError.\(code): \(reason)" }

    public static func == (lhs: BigNumError, rhs: BigNumError) -> Bool { lhs.code == rhs.code }

    public func hash(into hasher: inout Hasher) { hasher.combine(code) }
}
