// QUIC variable-length integers (RFC 9000 §16) and the `<V>` vector framing that
// draft-ietf-privacypass-batched-tokens-07 uses for its batch structures.

/// RFC 9000 §16 variable-length integer: the two high bits of the first byte give the length (1, 2, 4 or 8 bytes),
/// the remaining bits are the big-endian value. Decoding refuses a non-minimal encoding.
public enum QUICVarint {
    /// The largest encodable value, 2^62 - 1.
    public static let maxValue: UInt64 = (1 << 62) - 1

    /// The minimal encoding of `value`.
    ///
    /// - Throws: ``PrivacyPassError/Code/malformed`` when `value` exceeds ``maxValue``.
    public static func encode(_ value: UInt64) throws(PrivacyPassError) -> [UInt8] {
        let length: Int
        let prefix: UInt8
        switch value {
        case 0..<(1 << 6): (length, prefix) = (1, 0x00)
        case (1 << 6)..<(1 << 14): (length, prefix) = (2, 0x40)
        case (1 << 14)..<(1 << 30): (length, prefix) = (4, 0x80)
        case (1 << 30)...maxValue: (length, prefix) = (8, 0xc0)
        default: throw PrivacyPassError(.malformed, "\(value) exceeds the QUIC varint range")
        }
        var out = [UInt8](repeating: 0, count: length)
        for i in 0..<length {
            out[i] = UInt8(truncatingIfNeeded: value >> (8 * UInt64(length - 1 - i)))
        }
        out[0] |= prefix
        return out
    }

    /// Decodes one varint that must span all of `bytes`.
    ///
    /// - Throws: ``PrivacyPassError/Code/malformed`` when truncated, non-minimal or followed by trailing bytes.
    public static func decode<Bytes: Collection>(_ bytes: Bytes) throws(PrivacyPassError) -> UInt64
    where Bytes.Element == UInt8 {
        var reader = ByteReader(bytes, parsing: "QUIC varint")
        let value = try reader.readVarint()
        try reader.finish()
        return value
    }
}

extension ByteReader {
    /// One RFC 9000 §16 varint; a non-minimal encoding is malformed.
    mutating func readVarint() throws(PrivacyPassError) -> UInt64 {
        let first = try readUInt8()
        let length = 1 << Int(first >> 6)
        var value = UInt64(first & 0x3f)
        if length > 1 {
            for byte in try read(count: length - 1) {
                value = value << 8 | UInt64(byte)
            }
        }
        let minimum: UInt64
        switch length {
        case 1: minimum = 0
        case 2: minimum = 1 << 6
        case 4: minimum = 1 << 14
        default: minimum = 1 << 30
        }
        guard value >= minimum else {
            throw PrivacyPassError(.malformed, "non-minimal QUIC varint (\(length) bytes for \(value))")
        }
        return value
    }

    /// A `<V>` vector: a varint byte length, then that many bytes.
    mutating func readVectorV() throws(PrivacyPassError) -> [UInt8] {
        let length = try readVarint()
        guard length <= UInt64(remaining) else {
            throw PrivacyPassError(.malformed, "a <V> vector claims \(length) bytes, \(remaining) remain")
        }
        return try read(count: Int(length))
    }
}

extension Array where Element == UInt8 {
    /// Appends a `<V>` vector: the varint byte length of `body`, then `body`.
    mutating func appendVectorV(_ body: [UInt8]) {
        // An in-memory array is far below 2^62 bytes, so the encoding cannot fail.
        append(contentsOf: (try? QUICVarint.encode(UInt64(body.count))) ?? [])
        append(contentsOf: body)
    }
}
