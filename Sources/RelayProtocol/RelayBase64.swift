import PrivacyPass

/// Base64url without padding (RFC 4648 §5), the encoding of every binary value on Persona's wire (relay-protocol.md
/// §1): `challenge`, `token-key`, `blinded-token`, `blind-sig`, the token's `signature` and the token itself.
///
/// Encoding never pads; decoding accepts padded and unpadded input and refuses everything else.
public enum RelayBase64URL {
    /// The unpadded base64url encoding of `bytes`.
    public static func encode(_ bytes: some Sequence<UInt8>) -> String {
        HeaderBase64URL.encode(bytes, padding: false)
    }

    /// The bytes `text` encodes, padded or not.
    ///
    /// - Throws: ``RelayProtocolError/Code/malformedBase64`` for characters outside the URL-safe alphabet, misplaced
    ///   padding, a length of 1 mod 4 or non-zero pad bits.
    public static func decode(_ text: String) throws(RelayProtocolError) -> [UInt8] {
        do {
            return try HeaderBase64URL.decode(text)
        } catch {
            throw RelayProtocolError(.malformedBase64, "not base64url (RFC 4648 §5)")
        }
    }
}

/// Standard base64 (RFC 4648 §4), the encoding of an encrypted claim payload (relay-protocol.md §6).
///
/// Encoding uses the standard alphabet with padding; decoding accepts either alphabet, padded or not (§11.9).
public enum RelayBase64 {
    /// The padded standard base64 encoding of `bytes`.
    public static func encode(_ bytes: some Sequence<UInt8>) -> String {
        var text = Array(HeaderBase64URL.encode(bytes, padding: true).utf8)
        for index in text.indices {
            if text[index] == UInt8(ascii: "-") { text[index] = UInt8(ascii: "+") }
            if text[index] == UInt8(ascii: "_") { text[index] = UInt8(ascii: "/") }
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// The bytes `text` encodes in either alphabet, padded or not.
    ///
    /// - Throws: ``RelayProtocolError/Code/malformedBase64`` for anything else (mixed alphabets included).
    public static func decode(_ text: String) throws(RelayProtocolError) -> [UInt8] {
        var bytes = Array(text.utf8)
        let standard = bytes.contains(UInt8(ascii: "+")) || bytes.contains(UInt8(ascii: "/"))
        let urlSafe = bytes.contains(UInt8(ascii: "-")) || bytes.contains(UInt8(ascii: "_"))
        if standard && urlSafe {
            throw RelayProtocolError(.malformedBase64, "mixes the standard and URL-safe base64 alphabets")
        }
        for index in bytes.indices {
            if bytes[index] == UInt8(ascii: "+") { bytes[index] = UInt8(ascii: "-") }
            if bytes[index] == UInt8(ascii: "/") { bytes[index] = UInt8(ascii: "_") }
        }
        do {
            return try HeaderBase64URL.decode(String(decoding: bytes, as: UTF8.self))
        } catch {
            throw RelayProtocolError(.malformedBase64, "not base64 (RFC 4648 §4 or §5)")
        }
    }
}
