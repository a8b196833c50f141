import RSA

/// What a client keeps between a token request and its response: the token key, token_input (the prepared
/// message) and the blinding inverse.
///
/// **Secret**: the inverse links the blinded request to the finished token. ``description`` and the mirror redact
/// it. ``rawRepresentation`` lets a stateless client store the state and restore it with
/// ``init(rawRepresentation:)``.
public struct PendingToken: Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The issuer's token key the request was made for.
    public let tokenKey: TokenKey
    /// token_input = token_type || nonce || challenge_digest || token_key_id (98 bytes), also the prepared message.
    public let tokenInput: [UInt8]
    /// The RFC 9474 blinding inverse.
    public let inverse: BlindSigning.BlindingInverse

    /// A state from its parts (package-only: clients get theirs from ``TokenClient``).
    package init(tokenKey: TokenKey, tokenInput: [UInt8], inverse: BlindSigning.BlindingInverse) {
        self.tokenKey = tokenKey
        self.tokenInput = tokenInput
        self.inverse = inverse
    }

    /// The byte encoding: `0x01 || uint16 len || SPKI || token_input (98) || uint16 len || inverse`.
    public var rawRepresentation: [UInt8] {
        var out: [UInt8] = [Self.version]
        out.appendUInt16(UInt16(truncatingIfNeeded: tokenKey.spki.count))
        out += tokenKey.spki
        out += tokenInput
        let inverseBytes = inverse.rawRepresentation
        out.appendUInt16(UInt16(truncatingIfNeeded: inverseBytes.count))
        out += inverseBytes
        return out
    }

    /// Restores a state from ``rawRepresentation``.
    ///
    /// - Throws: ``PrivacyPassError/Code/malformed`` for a wrong version, truncation, trailing bytes, a token input
    ///   that does not belong to the key, or an inverse outside [1, n); as ``TokenKey/init(spki:)`` for the key.
    public init<Bytes: Collection>(rawRepresentation bytes: Bytes) throws(PrivacyPassError) where Bytes.Element == UInt8 {
        var reader = ByteReader(bytes, parsing: "PendingToken")
        guard try reader.readUInt8() == Self.version else {
            throw PrivacyPassError(.malformed, "unknown PendingToken version")
        }
        let key = try TokenKey(spki: try reader.readVector16())
        let input = try reader.read(count: Token.authenticatorInputLength)
        let inverseBytes = try reader.readVector16()
        try reader.finish()
        guard input[0..<2].elementsEqual([UInt8(key.tokenType.rawValue >> 8), UInt8(key.tokenType.rawValue & 0xff)]),
            input[(Token.authenticatorInputLength - Token.fieldLength)...].elementsEqual(key.tokenKeyID)
        else {
            throw PrivacyPassError(.malformed, "the token input does not belong to the token key")
        }
        do {
            self.inverse = try BlindSigning.BlindingInverse(rawRepresentation: inverseBytes, for: key.publicKey.key)
        } catch {
            throw PrivacyPassError(.malformed, "bad blinding inverse: \(error)")
        }
        self.tokenKey = key
        self.tokenInput = input
    }

    private static let version: UInt8 = 1

    /// Shows the key ID only; the inverse is redacted.
    public var description: String { "PendingToken(tokenKeyID: \(tokenKey.tokenKeyID.hex), inverse: <redacted>)" }

    /// Same as ``description``.
    public var debugDescription: String { description }

    /// A mirror without the inverse.
    public var customMirror: Mirror {
        Mirror(self, children: ["tokenKey": tokenKey, "tokenInput": tokenInput], displayStyle: .struct)
    }
}

extension Array where Element == UInt8 {
    /// Lowercase hex.
    var hex: String {
        let digits: [Character] = "0123456789abcdef".map { $0 }
        var out = ""
        for byte in self {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0xf)])
        }
        return out
    }
}
