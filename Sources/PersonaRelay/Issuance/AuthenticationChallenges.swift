/// The challenges of a `WWW-Authenticate` field value (RFC 9110 §11.6.1), for the §2.3 legacy challenge:
///
/// ```
/// WWW-Authenticate = #challenge
/// challenge   = auth-scheme [ 1*SP ( token68 / #auth-param ) ]       ; RFC 9110 §11.3
/// auth-param  = token BWS "=" BWS ( token / quoted-string )          ; RFC 9110 §11.2
/// ```
///
/// The scheme and parameter names are case-insensitive (kept lowercased); quoted-strings lose their quotes and
/// backslash escapes; an unquoted value may end in `=` padding (relay-protocol.md §2.5: base64url sent unquoted);
/// unknown parameters are kept (and ignored by the caller). PrivacyPass's own parser of this grammar is internal to
/// that module and drops `token-key-id`, hence this one.
enum AuthenticationChallenges {
    /// One challenge: the lowercased scheme and its auth-params in order (names lowercased).
    struct Challenge: Equatable {
        var scheme: String
        var parameters: [(name: String, value: String)]

        /// The first value of the parameter `name` (lowercase).
        func parameter(_ name: String) -> String? {
            parameters.first { $0.name == name }?.value
        }

        static func == (lhs: Challenge, rhs: Challenge) -> Bool {
            lhs.scheme == rhs.scheme && lhs.parameters.map(\.name) == rhs.parameters.map(\.name)
                && lhs.parameters.map(\.value) == rhs.parameters.map(\.value)
        }
    }

    /// The challenges of `value` in order, or `nil` when it does not follow the grammar.
    static func parse(_ value: String) -> [Challenge]? {
        var cursor = Cursor(Array(value.utf8))
        var challenges: [Challenge] = []
        while true {
            cursor.skipWhitespaceAndCommas()
            if cursor.atEnd { return challenges }
            guard let scheme = cursor.readToken() else { return nil }
            var challenge = Challenge(scheme: lowercased(scheme), parameters: [])
            let afterScheme = cursor.index
            cursor.skipWhitespace()
            if cursor.atEnd || cursor.current == comma {
                cursor.skipWhitespaceAndCommas()
                if cursor.atEnd || !cursor.startsParameter() {
                    challenges.append(challenge)
                    continue
                }
            } else if cursor.index == afterScheme {
                return nil
            } else if cursor.skipToken68() {
                challenges.append(challenge)
                continue
            }
            while true {
                guard let parameter = cursor.readParameter() else { return nil }
                challenge.parameters.append(parameter)
                cursor.skipWhitespace()
                if cursor.atEnd { break }
                guard cursor.current == comma else { return nil }
                cursor.skipWhitespaceAndCommas()
                if cursor.atEnd || !cursor.startsParameter() { break }
            }
            challenges.append(challenge)
        }
    }

    private static let comma: UInt8 = 0x2C
    private static let quote: UInt8 = 0x22
    private static let equals: UInt8 = 0x3D
    private static let backslash: UInt8 = 0x5C

    private static func lowercased(_ bytes: [UInt8]) -> String {
        String(decoding: bytes.map { (0x41...0x5A).contains($0) ? $0 | 0x20 : $0 }, as: UTF8.self)
    }

    /// tchar (RFC 9110 §5.6.2).
    private static func isTokenCharacter(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: true
        case 0x21, 0x23, 0x24, 0x25, 0x26, 0x27, 0x2A, 0x2B, 0x2D, 0x2E, 0x5E, 0x5F, 0x60, 0x7C, 0x7E: true
        default: false
        }
    }

    /// token68 characters before its padding (RFC 9110 §11.2).
    private static func isToken68Character(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x2D, 0x2E, 0x5F, 0x7E, 0x2B, 0x2F: true
        default: false
        }
    }

    private struct Cursor {
        let bytes: [UInt8]
        var index = 0

        init(_ bytes: [UInt8]) { self.bytes = bytes }

        var atEnd: Bool { index >= bytes.count }
        var current: UInt8? { index < bytes.count ? bytes[index] : nil }

        mutating func skipWhitespace() {
            while let byte = current, byte == 0x20 || byte == 0x09 { index += 1 }
        }

        mutating func skipWhitespaceAndCommas() {
            while let byte = current, byte == 0x20 || byte == 0x09 || byte == comma { index += 1 }
        }

        mutating func readToken() -> [UInt8]? {
            let start = index
            while let byte = current, isTokenCharacter(byte) { index += 1 }
            return index > start ? Array(bytes[start..<index]) : nil
        }

        /// Skips a token68 that is the whole rest of the challenge; otherwise leaves the cursor and returns false.
        mutating func skipToken68() -> Bool {
            let start = index
            while let byte = current, isToken68Character(byte) { index += 1 }
            if index > start {
                while current == equals { index += 1 }
                skipWhitespace()
                if atEnd || current == comma { return true }
            }
            index = start
            return false
        }

        /// Whether a token followed by BWS and `=` starts here.
        mutating func startsParameter() -> Bool {
            let start = index
            defer { index = start }
            guard readToken() != nil else { return false }
            skipWhitespace()
            return current == equals
        }

        mutating func readParameter() -> (name: String, value: String)? {
            guard let name = readToken() else { return nil }
            skipWhitespace()
            guard current == equals else { return nil }
            index += 1
            skipWhitespace()
            if current == quote {
                guard let value = readQuotedString() else { return nil }
                return (lowercased(name), String(decoding: value, as: UTF8.self))
            }
            guard var value = readToken() else { return nil }
            while current == equals {
                value.append(equals)
                index += 1
            }
            return (lowercased(name), String(decoding: value, as: UTF8.self))
        }

        /// quoted-string (RFC 9110 §5.6.4) without its quotes and escapes; `nil` when unterminated or when it holds
        /// a control character.
        mutating func readQuotedString() -> [UInt8]? {
            index += 1
            var value: [UInt8] = []
            while let byte = current {
                index += 1
                switch byte {
                case quote:
                    return value
                case backslash:
                    guard let escaped = current, escaped == 0x09 || escaped >= 0x20, escaped != 0x7F else { return nil }
                    value.append(escaped)
                    index += 1
                case 0x09, 0x20...0x7E, 0x80...0xFF:
                    value.append(byte)
                default:
                    return nil
                }
            }
            return nil
        }
    }
}
