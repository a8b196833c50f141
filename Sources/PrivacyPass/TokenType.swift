/// A Privacy Pass token type (RFC 9577 §2.2, the "Privacy Pass Token Types" IANA registry).
///
/// Any 16-bit value is representable, including GREASE and unassigned values, so that a parser can report which
/// type it saw; operations that need a known type (its authenticator length Nk) reject the others with
/// ``PrivacyPassError/Code/unsupportedTokenType``.
public struct TokenType: Hashable, Sendable, CustomStringConvertible {
    /// The 2-byte value on the wire.
    public let rawValue: UInt16

    /// The type with this wire value, known or not.
    public init(rawValue: UInt16) {
        self.rawValue = rawValue
    }

    /// 0x0002, "Blind RSA (2048-bit)": RFC 9578 §6, RSABSSA-SHA384-PSS-Deterministic (or PSSZERO-Deterministic)
    /// with a 2048-bit key; Nk = 256, Nid = 32.
    public static let privateToken = TokenType(rawValue: 0x0002)

    /// The types this library implements.
    public static let knownTypes: [TokenType] = [.privateToken]

    /// Whether this library implements the type.
    public var isKnown: Bool { Self.knownTypes.contains(self) }

    /// Nk, the authenticator length in bytes (RFC 9577 §2.2), or `nil` for a type this library does not know.
    public var authenticatorLength: Int? {
        switch rawValue {
        case 0x0002: return 256
        default: return nil
        }
    }

    /// Nk for a known type.
    ///
    /// - Throws: ``PrivacyPassError/Code/unsupportedTokenType`` for any other type.
    func requireAuthenticatorLength() throws(PrivacyPassError) -> Int {
        guard let length = authenticatorLength else {
            throw PrivacyPassError(.unsupportedTokenType, "token type \(self) is not supported")
        }
        return length
    }

    /// `0x0002` style, four hex digits.
    public var description: String {
        let hex = String(rawValue, radix: 16)
        return "0x" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}
