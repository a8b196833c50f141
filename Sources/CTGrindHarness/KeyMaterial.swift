import CTGrindHooks

/// A PKCS #1 private key's DER bytes, with the positions of its secret INTEGER contents.
///
/// The harness decodes the fixture PEM and walks the DER itself (the structure — tags and lengths — is public), to
/// find the prime p for the canary. The key import itself marks the secret INTEGERs' contents through the
/// library's `ConstantTimeAudit` hooks.
struct KeyMaterial {
    /// DER PKCS #1 RSAPrivateKey.
    var der: [UInt8]
    /// The contents (without tag and length) of the INTEGERs d, p, q, dP, dQ, qInv, in that order.
    var secretRanges: [Range<Int>]

    /// The fixture key with a `bits`-bit modulus.
    init(fixtureBits bits: Int) throws(HarnessError) {
        guard let pem = Fixtures.pem(bits: bits) else {
            throw HarnessError("no fixture key of \(bits) bits")
        }
        try self.init(der: PEM.decode(pem, type: "RSA PRIVATE KEY"))
    }

    /// Locates the secret INTEGERs of a DER PKCS #1 RSAPrivateKey.
    init(der: [UInt8]) throws(HarnessError) {
        var reader = DERReader(der)
        let sequence = try reader.readHeader(expectedTag: 0x30)
        guard sequence.upperBound == der.count else {
            throw HarnessError("trailing bytes after the RSAPrivateKey")
        }
        // version, n, e are public; d, p, q, dP, dQ, qInv are secret.
        var integers: [Range<Int>] = []
        for _ in 0..<9 {
            let contents = try reader.readHeader(expectedTag: 0x02)
            integers.append(contents)
            reader.offset = contents.upperBound
        }
        self.der = der
        self.secretRanges = Array(integers[3...])
    }

    /// The big-endian bytes of the prime p (with DER's leading zero octet, if any), unmarked.
    var prime1Bytes: [UInt8] { Array(der[secretRanges[1]]) }
}

/// A minimal reader of DER headers (definite lengths only), for the harness's own fixtures.
struct DERReader {
    /// The bytes read.
    let bytes: [UInt8]
    /// The position of the next header.
    var offset = 0

    /// A reader at the start of `bytes`.
    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// Reads a tag and a length at `offset`, leaves `offset` at the contents, and returns the contents' range.
    mutating func readHeader(expectedTag: UInt8) throws(HarnessError) -> Range<Int> {
        guard offset + 2 <= bytes.count, bytes[offset] == expectedTag else {
            throw HarnessError("unexpected DER tag at offset \(offset)")
        }
        var length = Int(bytes[offset + 1])
        offset += 2
        if length >= 0x80 {
            let lengthBytes = length & 0x7F
            guard lengthBytes >= 1, lengthBytes <= 4, offset + lengthBytes <= bytes.count else {
                throw HarnessError("unsupported DER length at offset \(offset)")
            }
            length = 0
            for index in offset..<(offset + lengthBytes) {
                length = length << 8 | Int(bytes[index])
            }
            offset += lengthBytes
        }
        guard offset + length <= bytes.count else {
            throw HarnessError("truncated DER at offset \(offset)")
        }
        return offset..<(offset + length)
    }
}

/// PEM decoding for the harness's fixtures (public data, so a plain table-free decoder is enough).
enum PEM {
    /// The DER inside the one PEM block of type `type`.
    static func decode(_ pem: String, type: String) throws(HarnessError) -> [UInt8] {
        let begin = "-----BEGIN \(type)-----"
        let end = "-----END \(type)-----"
        var body = ""
        var inside = false
        for line in pem.split(whereSeparator: \.isNewline) {
            let trimmed = line.trimmingSpaces
            if trimmed == begin {
                inside = true
            } else if trimmed == end {
                return try base64Decode(body)
            } else if inside {
                body += trimmed
            }
        }
        throw HarnessError("no complete \(type) PEM block")
    }

    /// Standard base64 (RFC 4648 §4) with padding.
    static func base64Decode(_ text: String) throws(HarnessError) -> [UInt8] {
        var output: [UInt8] = []
        var accumulator: UInt32 = 0
        var bits = 0
        for character in text.utf8 where character != UInt8(ascii: "=") {
            let value: UInt32
            switch character {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): value = UInt32(character - UInt8(ascii: "A"))
            case UInt8(ascii: "a")...UInt8(ascii: "z"): value = UInt32(character - UInt8(ascii: "a")) + 26
            case UInt8(ascii: "0")...UInt8(ascii: "9"): value = UInt32(character - UInt8(ascii: "0")) + 52
            case UInt8(ascii: "+"): value = 62
            case UInt8(ascii: "/"): value = 63
            default: throw HarnessError("invalid base64 character \(character)")
            }
            accumulator = accumulator << 6 | value
            bits += 6
            if bits >= 8 {
                bits -= 8
                output.append(UInt8(truncatingIfNeeded: accumulator >> UInt32(bits)))
            }
        }
        return output
    }
}

extension Substring {
    /// The substring without leading and trailing spaces and carriage returns.
    var trimmingSpaces: String {
        String(drop(while: { $0 == " " || $0 == "\r" }).reversed().drop(while: { $0 == " " || $0 == "\r" }).reversed())
    }
}

/// A failure of the harness itself (a fixture that does not parse, an operation whose result is wrong).
struct HarnessError: Error, CustomStringConvertible {
    /// What went wrong.
    let description: String

    /// A harness failure described by `description`.
    init(_ description: String) {
        self.description = description
    }
}
