/// The credentials of `Authorization` header values the sandbox reads (relay-protocol.md §2.4, §2.5).
enum RequestCredentials {
    /// The key of `Bearer <key>` (scheme case-insensitive), from the first Bearer value; `nil` when there is none.
    static func bearerKey(in values: [String]) -> String? {
        for value in values {
            let trimmed = value.trimmingSpaces
            guard let space = trimmed.firstIndex(where: { $0 == " " || $0 == "\t" }) else { continue }
            guard trimmed[..<space].lowercased() == "bearer" else { continue }
            let key = String(trimmed[space...]).trimmingSpaces
            if !key.isEmpty { return key }
        }
        return nil
    }

    /// The `token` parameter of the first `PrivateToken` credentials (§2.5), scheme and parameter names
    /// case-insensitive. The value is a quoted-string (backslash escapes resolved) or runs unquoted to the next
    /// `,` or whitespace, `=` padding included. `nil` when there is no such parameter or the syntax is broken.
    static func privateToken(in values: [String]) -> String? {
        for value in values {
            if let token = privateToken(in: value) { return token }
        }
        return nil
    }

    private static func privateToken(in value: String) -> String? {
        let bytes = Array(value.utf8)
        var index = 0
        func skip(_ predicate: (UInt8) -> Bool) { while index < bytes.count, predicate(bytes[index]) { index += 1 } }
        let isSpace: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 }
        skip(isSpace)
        let schemeStart = index
        skip { !isSpace($0) }
        let scheme = String(decoding: bytes[schemeStart..<index], as: UTF8.self)
        guard scheme.lowercased() == "privatetoken" else { return nil }
        while index < bytes.count {
            skip { isSpace($0) || $0 == 0x2C }
            guard index < bytes.count else { break }
            let nameStart = index
            skip { !isSpace($0) && $0 != 0x3D && $0 != 0x2C }
            let name = String(decoding: bytes[nameStart..<index], as: UTF8.self).lowercased()
            skip(isSpace)
            guard index < bytes.count, bytes[index] == 0x3D, !name.isEmpty else { return nil }
            index += 1
            skip(isSpace)
            var parameter: [UInt8] = []
            if index < bytes.count, bytes[index] == 0x22 {
                index += 1
                var closed = false
                while index < bytes.count {
                    let byte = bytes[index]
                    index += 1
                    if byte == 0x22 { closed = true; break }
                    if byte == 0x5C {
                        guard index < bytes.count else { return nil }
                        parameter.append(bytes[index])
                        index += 1
                    } else {
                        parameter.append(byte)
                    }
                }
                guard closed else { return nil }
            } else {
                let valueStart = index
                skip { !isSpace($0) && $0 != 0x2C }
                parameter = Array(bytes[valueStart..<index])
            }
            if name == "token" {
                return parameter.isEmpty ? nil : String(decoding: parameter, as: UTF8.self)
            }
        }
        return nil
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces and tabs.
    var trimmingSpaces: String {
        var slice = Substring(self)
        while let first = slice.first, first == " " || first == "\t" { slice = slice.dropFirst() }
        while let last = slice.last, last == " " || last == "\t" { slice = slice.dropLast() }
        return String(slice)
    }
}
