@testable import PrivacyPass
import Testing

/// Base64url (RFC 4648 §5) as the headers use it.
@Suite("Header base64url")
struct Base64URLTests {
    /// RFC 4648 §10 test vectors (the same in base64url: they use neither `+` nor `/`).
    static let rfc4648: [(String, String)] = [
        ("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"), ("foob", "Zm9vYg=="), ("fooba", "Zm9vYmE="),
        ("foobar", "Zm9vYmFy"),
    ]

    @Test("RFC 4648 §10 vectors: encode with and without padding, decode both")
    func rfc4648Vectors() throws {
        for (plain, encoded) in Self.rfc4648 {
            let bytes = Array(plain.utf8)
            let unpadded = String(encoded.prefix { $0 != "=" })
            #expect(HeaderBase64URL.encode(bytes) == encoded)
            #expect(HeaderBase64URL.encode(bytes, padding: false) == unpadded)
            #expect(try HeaderBase64URL.decode(encoded) == bytes)
            #expect(try HeaderBase64URL.decode(unpadded) == bytes)
        }
    }

    @Test("The URL-safe alphabet: 62 is '-', 63 is '_' (RFC 4648 §5 Table 2)")
    func urlSafeAlphabet() throws {
        #expect(HeaderBase64URL.encode([0xFB, 0xFF]) == "-_8=")
        #expect(HeaderBase64URL.encode([0xFF, 0xFF, 0xFF]) == "____")
        #expect(HeaderBase64URL.encode([0xFB, 0xEF, 0xBE]) == "----")
        #expect(try HeaderBase64URL.decode("-_8=") == [0xFB, 0xFF])
        #expect(try HeaderBase64URL.decode("-_8") == [0xFB, 0xFF])
        let all = (0...255).map { UInt8($0) }
        #expect(try HeaderBase64URL.decode(HeaderBase64URL.encode(all)) == all)
    }

    @Test("Every length 0…64 round-trips, padded and unpadded")
    func roundTrips() throws {
        var generator = HeaderTestSupport.SeededGenerator(state: 4648)
        for length in 0...64 {
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let padded = HeaderBase64URL.encode(bytes)
            #expect(padded.utf8.count % 4 == 0)
            #expect(try HeaderBase64URL.decode(padded) == bytes)
            #expect(try HeaderBase64URL.decode(HeaderBase64URL.encode(bytes, padding: false)) == bytes)
        }
    }

    @Test("Refused: the standard alphabet, bad padding, impossible lengths, non-zero pad bits, stray characters",
        arguments: [
            "+/8=", "Zm9v+g==", "Zm9v/g", "Zg=", "Zg===", "Z===", "Zm8==", "Z", "Zm9vY", "Zh==", "Zm9=", "Zh",
            "Zm9", "Zg==Zg==", "=Zg=", "Zm 9v", "Zm9v\n", " Zm9v", "Zm9v.", "Zm9v~", "Zm9vé", "====", "=",
        ])
    func refused(text: String) {
        #expect(HeaderTestSupport.code { () throws(PrivateTokenHeaderError) in try HeaderBase64URL.decode(text) }
            == .invalidBase64URL)
    }
}
