// Bounds-checked reading and writing of the TLS presentation language (RFC 8446 §3) used by RFC 9577 and RFC 9578:
// big-endian integers and length-prefixed opaque vectors. Every read checks the remaining length first.

/// A cursor over a byte array; every read throws ``PrivacyPassError/Code/malformed`` instead of reading past the end.
struct ByteReader {
    private let bytes: [UInt8]
    private var offset = 0
    /// What is being parsed, for error messages.
    private let what: String

    init<Bytes: Collection>(_ bytes: Bytes, parsing what: String) where Bytes.Element == UInt8 {
        self.bytes = Array(bytes)
        self.what = what
    }

    /// The number of bytes not yet read.
    var remaining: Int { bytes.count - offset }

    mutating func readUInt8() throws(PrivacyPassError) -> UInt8 {
        try read(count: 1)[0]
    }

    mutating func readUInt16() throws(PrivacyPassError) -> UInt16 {
        let two = try read(count: 2)
        return UInt16(two[0]) << 8 | UInt16(two[1])
    }

    mutating func read(count: Int) throws(PrivacyPassError) -> [UInt8] {
        guard count >= 0, count <= remaining else {
            throw PrivacyPassError(.malformed, "\(what) is truncated")
        }
        defer { offset += count }
        return Array(bytes[offset..<offset + count])
    }

    /// opaque field<0..2^8-1>: a 1-byte length, then that many bytes.
    mutating func readVector8() throws(PrivacyPassError) -> [UInt8] {
        try read(count: Int(try readUInt8()))
    }

    /// opaque field<0..2^16-1>: a 2-byte length, then that many bytes.
    mutating func readVector16() throws(PrivacyPassError) -> [UInt8] {
        try read(count: Int(try readUInt16()))
    }

    /// Requires that every byte was consumed.
    func finish() throws(PrivacyPassError) {
        guard remaining == 0 else {
            throw PrivacyPassError(.malformed, "\(what) has \(remaining) trailing bytes")
        }
    }
}

extension Array where Element == UInt8 {
    /// Appends a big-endian UInt16.
    mutating func appendUInt16(_ value: UInt16) {
        append(UInt8(value >> 8))
        append(UInt8(value & 0xff))
    }
}
