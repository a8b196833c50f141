/// `Idempotency-Key` values (relay-protocol.md §2.5, §5.4, §13.3).
enum IdempotencyKey {
    /// A lowercase UUID version 4 (RFC 9562 §5.4) from the system CSPRNG.
    static func generate() -> String {
        var generator = SystemRandomNumberGenerator()
        var bytes = (0..<16).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        bytes[6] = (bytes[6] & 0x0F) | 0x40
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        let hex = bytes.map { byte in
            let digits = Array("0123456789abcdef")
            return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
        }
        return [hex[0..<4], hex[4..<6], hex[6..<8], hex[8..<10], hex[10..<16]].map { $0.joined() }.joined(separator: "-")
    }

    /// §13.3: 1–255 visible ASCII characters.
    static func isValid(_ key: String) -> Bool {
        let bytes = Array(key.utf8)
        return (1...255).contains(bytes.count) && bytes.allSatisfy { (0x21...0x7E).contains($0) }
    }
}

/// Header values the client sends from its caller's strings (secrets, tokens): no control character but tab
/// (RFC 9110 §5.5 field-vchar, SP and HTAB; obs-text allowed), so that a value can neither split the header block nor
/// be refused by the HTTP client after it has been put in a request.
enum HeaderValue {
    static func isSafe(_ value: String) -> Bool {
        !value.utf8.contains { ($0 < 0x20 && $0 != 0x09) || $0 == 0x7F }
    }
}
