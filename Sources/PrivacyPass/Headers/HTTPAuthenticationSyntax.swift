/// The RFC 9110 §11 grammar of `WWW-Authenticate` and `Authorization` field values, over UTF-8 bytes:
///
/// ```
/// WWW-Authenticate = #challenge                                      ; RFC 9110 §11.6.1
/// Authorization    = credentials                                     ; RFC 9110 §11.6.2
/// challenge   = auth-scheme [ 1*SP ( token68 / #auth-param ) ]       ; RFC 9110 §11.3
/// credentials = auth-scheme [ 1*SP ( token68 / #auth-param ) ]       ; RFC 9110 §11.4
/// auth-scheme = token                                                ; RFC 9110 §11.1
/// auth-param  = token BWS "=" BWS ( token / quoted-string )          ; RFC 9110 §11.2
/// token68     = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="
/// ```
///
/// A comma separates both the auth-params of one challenge and the challenges of the list. After a comma, an element
/// that is a token followed by BWS and `=` is another auth-param; anything else starts a new challenge. Empty list
/// elements (`, ,`) are skipped (RFC 9110 §5.6.1), also between a scheme and its first auth-param. One extension to the
/// grammar: an unquoted parameter value may end in `=` characters (`challenge=AAIA…ZQ==`), since a base64url value with
/// padding may well be sent unquoted although `=` is not a `tchar` (RFC 9577 §2.1.2 says they "might be required to be a
/// quoted-string").
enum HTTPAuthenticationSyntax {
    /// One auth-param: the name lowercased (names are case-insensitive, RFC 9110 §11.2) and the value's bytes, with
    /// a quoted-string's quotes and backslash escapes removed.
    struct Parameter: Equatable {
        var name: [UInt8]
        var value: [UInt8]
    }

    /// One challenge or credentials: the scheme lowercased (RFC 9110 §11.1), and its token68 or its auth-params.
    struct Challenge: Equatable {
        var scheme: [UInt8]
        var token68: [UInt8]?
        var parameters: [Parameter]
    }

    /// The challenges of a `WWW-Authenticate` value (or the credentials of an `Authorization` value), in order.
    ///
    /// - Throws: ``PrivateTokenHeaderError/Code/malformedSyntax`` or
    ///   ``PrivateTokenHeaderError/Code/unterminatedQuotedString``.
    static func parse(_ value: String) throws(PrivateTokenHeaderError) -> [Challenge] {
        var cursor = Cursor(bytes: Array(value.utf8))
        var challenges: [Challenge] = []
        while true {
            cursor.skipWhitespaceAndCommas()
            if cursor.atEnd { break }
            guard let scheme = cursor.readToken() else {
                throw cursor.error(.malformedSyntax, "expected an auth-scheme (RFC 9110 §11.1)")
            }
            var challenge = Challenge(scheme: lowercased(scheme), token68: nil, parameters: [])
            let afterScheme = cursor.index
            cursor.skipWhitespace()
            if cursor.atEnd || cursor.current == ASCII.comma {
                // `Scheme ,, name=value`: empty list elements before the first auth-param (RFC 9110 §5.6.1). A
                // token followed by `=` cannot start a new challenge, so it can only be an auth-param of this one.
                cursor.skipWhitespaceAndCommas()
                if cursor.atEnd || !cursor.startsParameter() {
                    challenges.append(challenge)
                    continue
                }
            } else if cursor.index == afterScheme {
                throw cursor.error(.malformedSyntax, "expected a space after the auth-scheme (RFC 9110 §11.3)")
            } else if let token68 = cursor.readToken68() {
                challenge.token68 = token68
                challenges.append(challenge)
                continue
            }
            parameters: while true {
                challenge.parameters.append(try cursor.readParameter())
                cursor.skipWhitespace()
                if cursor.atEnd { break parameters }
                guard cursor.current == ASCII.comma else {
                    throw cursor.error(.malformedSyntax, "expected ',' after an auth-param (RFC 9110 §11.2)")
                }
                cursor.skipWhitespaceAndCommas()
                if cursor.atEnd || !cursor.startsParameter() { break parameters }
            }
            challenges.append(challenge)
        }
        return challenges
    }

    /// ASCII lowercase, for the case-insensitive scheme and parameter names.
    static func lowercased(_ bytes: some Sequence<UInt8>) -> [UInt8] {
        bytes.map { (0x41...0x5A).contains($0) ? $0 | 0x20 : $0 }
    }

    // MARK: - Character classes (RFC 9110 §5.6.2, §5.6.4, §11.2; RFC 5234 core rules)

    /// tchar = "!" / "#" / "$" / "%" / "&" / "'" / "*" / "+" / "-" / "." / "^" / "_" / "`" / "|" / "~" / DIGIT / ALPHA
    static func isTokenCharacter(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: true
        case 0x21, 0x23, 0x24, 0x25, 0x26, 0x27, 0x2A, 0x2B, 0x2D, 0x2E, 0x5E, 0x5F, 0x60, 0x7C, 0x7E: true
        default: false
        }
    }

    /// The characters of token68 before its `=` padding: ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/".
    static func isToken68Character(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x2D, 0x2E, 0x5F, 0x7E, 0x2B, 0x2F: true
        default: false
        }
    }

    /// qdtext = HTAB / SP / %x21 / %x23-5B / %x5D-7E / obs-text
    static func isQuotedTextCharacter(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x09, 0x20, 0x21, 0x23...0x5B, 0x5D...0x7E, 0x80...0xFF: true
        default: false
        }
    }

    /// What may follow a backslash in a quoted-pair: HTAB / SP / VCHAR / obs-text.
    static func isQuotedPairCharacter(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x09, 0x20, 0x21...0x7E, 0x80...0xFF: true
        default: false
        }
    }

    /// The ASCII bytes the grammar names.
    enum ASCII {
        static let tab: UInt8 = 0x09
        static let space: UInt8 = 0x20
        static let quote: UInt8 = 0x22
        static let comma: UInt8 = 0x2C
        static let equals: UInt8 = 0x3D
        static let backslash: UInt8 = 0x5C
    }

    // MARK: - Cursor

    private struct Cursor {
        let bytes: [UInt8]
        var index = 0

        init(bytes: [UInt8]) { self.bytes = bytes }

        var atEnd: Bool { index >= bytes.count }
        var current: UInt8? { index < bytes.count ? bytes[index] : nil }

        func error(_ code: PrivateTokenHeaderError.Code, _ reason: String) -> PrivateTokenHeaderError {
            PrivateTokenHeaderError(code, "offset \(index): \(reason)")
        }

        /// OWS / BWS = *( SP / HTAB )
        mutating func skipWhitespace() {
            while let byte = current, byte == ASCII.space || byte == ASCII.tab { index += 1 }
        }

        /// OWS and the commas of empty list elements (RFC 9110 §5.6.1).
        mutating func skipWhitespaceAndCommas() {
            while let byte = current, byte == ASCII.space || byte == ASCII.tab || byte == ASCII.comma { index += 1 }
        }

        /// token = 1*tchar
        mutating func readToken() -> ArraySlice<UInt8>? {
            let start = index
            while let byte = current, isTokenCharacter(byte) { index += 1 }
            return index > start ? bytes[start..<index] : nil
        }

        /// token68 when it is the whole rest of the challenge (followed by OWS and then `,` or the end); otherwise
        /// `nil`, with the cursor unmoved, for the auth-params to be read instead.
        mutating func readToken68() -> [UInt8]? {
            let start = index
            while let byte = current, isToken68Character(byte) { index += 1 }
            if index > start {
                while current == ASCII.equals { index += 1 }
                let end = index
                skipWhitespace()
                if atEnd || current == ASCII.comma { return Array(bytes[start..<end]) }
            }
            index = start
            return nil
        }

        /// Whether an auth-param starts here: a token followed by BWS and `=`. The cursor does not move.
        mutating func startsParameter() -> Bool {
            let start = index
            defer { index = start }
            guard readToken() != nil else { return false }
            skipWhitespace()
            return current == ASCII.equals
        }

        /// auth-param = token BWS "=" BWS ( token / quoted-string ), the unquoted value optionally followed by `=`s.
        mutating func readParameter() throws(PrivateTokenHeaderError) -> Parameter {
            guard let name = readToken() else {
                throw error(.malformedSyntax, "expected an auth-param name (RFC 9110 §11.2)")
            }
            skipWhitespace()
            guard current == ASCII.equals else {
                throw error(.malformedSyntax, "expected '=' after an auth-param name (RFC 9110 §11.2)")
            }
            index += 1
            skipWhitespace()
            if current == ASCII.quote {
                return Parameter(name: lowercased(name), value: try readQuotedString())
            }
            guard let token = readToken() else {
                throw error(.malformedSyntax, "expected a token or quoted-string value (RFC 9110 §11.2)")
            }
            var value = Array(token)
            while current == ASCII.equals {
                value.append(ASCII.equals)
                index += 1
            }
            return Parameter(name: lowercased(name), value: value)
        }

        /// quoted-string = DQUOTE *( qdtext / quoted-pair ) DQUOTE; quoted-pair = "\" ( HTAB / SP / VCHAR / obs-text )
        /// (RFC 9110 §5.6.4). Returns the content with the escapes removed.
        mutating func readQuotedString() throws(PrivateTokenHeaderError) -> [UInt8] {
            let start = index
            index += 1
            var value: [UInt8] = []
            while true {
                guard let byte = current else {
                    index = start
                    throw error(.unterminatedQuotedString, "no closing '\"' (RFC 9110 §5.6.4)")
                }
                if byte == ASCII.quote {
                    index += 1
                    return value
                }
                if byte == ASCII.backslash {
                    index += 1
                    guard let escaped = current else {
                        index = start
                        throw error(.unterminatedQuotedString, "no closing '\"' after '\\' (RFC 9110 §5.6.4)")
                    }
                    guard isQuotedPairCharacter(escaped) else {
                        throw error(.malformedSyntax, "a control character in a quoted-pair (RFC 9110 §5.6.4)")
                    }
                    value.append(escaped)
                    index += 1
                    continue
                }
                guard isQuotedTextCharacter(byte) else {
                    throw error(.malformedSyntax, "a control character in a quoted-string (RFC 9110 §5.6.4)")
                }
                value.append(byte)
                index += 1
            }
        }
    }
}
