/// Base64url (RFC 4648 §5) for the `PrivateToken` header parameters, without Foundation.
///
/// RFC 9577 §2.1.2 and §2.2.2 follow RFC 4648 §3.2's default padding: values are written with `=` padding. Decoding
/// accepts them with or without padding, and refuses everything else with
/// ``PrivateTokenHeaderError/Code/invalidBase64URL``: characters outside the URL-safe alphabet (the standard alphabet's
/// `+` and `/` included), `=` anywhere but at the end, padding that does not complete a 4-character group, a length of
/// 1 mod 4, and non-zero pad bits (RFC 4648 §3.5), so that every byte string has exactly one accepted encoding with
/// padding and one without.
package enum HeaderBase64URL {
    private static let alphabet: [UInt8] = Array(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    /// The 6-bit value of each URL-safe alphabet character, 0xFF for every other byte.
    private static let values: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (value, character) in alphabet.enumerated() {
            table[Int(character)] = UInt8(value)
        }
        return table
    }()

    /// The base64url encoding of `bytes` (RFC 4648 §5), with `=` padding unless `padding` is `false`.
    package static func encode(_ bytes: some Sequence<UInt8>, padding: Bool = true) -> String {
        let input = Array(bytes)
        var output: [UInt8] = []
        output.reserveCapacity((input.count + 2) / 3 * 4)
        var index = 0
        while index + 3 <= input.count {
            let group = UInt32(input[index]) << 16 | UInt32(input[index + 1]) << 8 | UInt32(input[index + 2])
            output.append(alphabet[Int(group >> 18 & 0x3F)])
            output.append(alphabet[Int(group >> 12 & 0x3F)])
            output.append(alphabet[Int(group >> 6 & 0x3F)])
            output.append(alphabet[Int(group & 0x3F)])
            index += 3
        }
        switch input.count - index {
        case 1:
            let group = UInt32(input[index]) << 16
            output.append(alphabet[Int(group >> 18 & 0x3F)])
            output.append(alphabet[Int(group >> 12 & 0x3F)])
            if padding { output += [0x3D, 0x3D] }
        case 2:
            let group = UInt32(input[index]) << 16 | UInt32(input[index + 1]) << 8
            output.append(alphabet[Int(group >> 18 & 0x3F)])
            output.append(alphabet[Int(group >> 12 & 0x3F)])
            output.append(alphabet[Int(group >> 6 & 0x3F)])
            if padding { output.append(0x3D) }
        default:
            break
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// The bytes that `text` encodes in base64url (RFC 4648 §5), padded or not.
    ///
    /// - Throws: ``PrivateTokenHeaderError/Code/invalidBase64URL`` for anything that is not a canonical encoding.
    package static func decode(_ text: String) throws(PrivateTokenHeaderError) -> [UInt8] {
        try decode(bytes: Array(text.utf8))
    }

    /// The bytes that the ASCII text `characters` encodes in base64url (RFC 4648 §5), padded or not.
    ///
    /// - Throws: ``PrivateTokenHeaderError/Code/invalidBase64URL`` for anything that is not a canonical encoding.
    package static func decode(bytes characters: [UInt8]) throws(PrivateTokenHeaderError) -> [UInt8] {
        var end = characters.count
        while end > 0, characters[end - 1] == 0x3D { end -= 1 }
        let padding = characters.count - end
        // RFC 4648 §3.2: padding completes the last 4-character group, with one or two `=`.
        if padding > 0, padding > 2 || characters.count % 4 != 0 {
            throw PrivateTokenHeaderError(.invalidBase64URL, "padding does not complete a 4-character group")
        }
        if end % 4 == 1 {
            throw PrivateTokenHeaderError(.invalidBase64URL, "a length of 1 mod 4 (\(end) characters) encodes no bytes")
        }
        var output: [UInt8] = []
        output.reserveCapacity(end / 4 * 3 + 2)
        var accumulator: UInt32 = 0
        var bits = 0
        for offset in 0..<end {
            let value = values[Int(characters[offset])]
            guard value != 0xFF else {
                throw PrivateTokenHeaderError(
                    .invalidBase64URL, "offset \(offset): not a base64url character (RFC 4648 §5 alphabet)")
            }
            accumulator = accumulator << 6 | UInt32(value)
            bits += 6
            if bits >= 8 {
                bits -= 8
                output.append(UInt8(truncatingIfNeeded: accumulator >> UInt32(bits)))
                accumulator &= (1 << UInt32(bits)) - 1
            }
        }
        // RFC 4648 §3.5: the pad bits of the last character must be zero in a canonical encoding.
        guard accumulator == 0 else {
            throw PrivateTokenHeaderError(.invalidBase64URL, "non-zero pad bits in the last character")
        }
        return output
    }
}
