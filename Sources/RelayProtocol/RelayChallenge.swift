import Crypto

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Persona's Relay challenge (relay-protocol.md §3): a JSON object carried as unpadded base64url.
///
/// A client keeps the decoded bytes verbatim, unknown members included, because the token echoes the challenge as an
/// object (§4.6) and the `mac` binds its fields. It does not validate `issuer_name` or `origin_info`.
public struct RelayChallenge: Sendable, Hashable {
    /// The documented issuer name, `withpersona.com/api/v1/privacy-passes`.
    public static let documentedIssuerName = "withpersona.com/api/v1/privacy-passes"
    /// The documented redemption scope, `/api/privacy/v1/relays`.
    public static let documentedOriginInfo = "/api/privacy/v1/relays"
    /// The domain-separation label of the sandbox's MAC input (§3).
    public static let macLabel = "persona-relay-challenge/v1"

    /// The decoded challenge JSON exactly as received.
    public let jsonBytes: [UInt8]
    /// `token_type`, when it is an integer (always 2 for blind RSA).
    public let tokenType: Int?
    /// `issuer_name`, when it is a string.
    public let issuerName: String?
    /// `origin_info`, when it is a string.
    public let originInfo: String?
    /// `expires_at`, when it is a string.
    public let expiresAt: String?
    /// `mac`: a non-empty string.
    public let mac: String

    /// Reads a decoded challenge.
    ///
    /// - Throws: ``RelayProtocolError/Code/malformedChallenge`` unless `jsonBytes` is a JSON object with a non-empty
    ///   string `mac` ("Challenge missing mac" in the Go SDK).
    public init(jsonBytes: [UInt8]) throws(RelayProtocolError) {
        let value: JSONValue
        do {
            value = try JSONValue.parse(jsonBytes)
        } catch {
            throw RelayProtocolError(.malformedChallenge, "the challenge is not JSON")
        }
        try self.init(jsonBytes: jsonBytes, object: value)
    }

    /// Reads a challenge from its unpadded (or padded) base64url form.
    ///
    /// - Throws: ``RelayProtocolError/Code/malformedBase64`` or ``RelayProtocolError/Code/malformedChallenge``.
    public init(base64URL: String) throws(RelayProtocolError) {
        try self.init(jsonBytes: RelayBase64URL.decode(base64URL))
    }

    /// A challenge from an already parsed object (a token's `challenge` member); `jsonBytes` is its compact form.
    package init(object: JSONValue) throws(RelayProtocolError) {
        try self.init(jsonBytes: object.serialized(), object: object)
    }

    private init(jsonBytes: [UInt8], object: JSONValue) throws(RelayProtocolError) {
        guard case .object(let members) = object else {
            throw RelayProtocolError(.malformedChallenge, "the challenge is not a JSON object")
        }
        guard let mac = members["mac"]?.stringValue, !mac.isEmpty else {
            throw RelayProtocolError(.malformedChallenge, "the challenge has no mac")
        }
        self.jsonBytes = jsonBytes
        self.mac = mac
        self.tokenType = members["token_type"]?.intValue
        self.issuerName = members["issuer_name"]?.stringValue
        self.originInfo = members["origin_info"]?.stringValue
        self.expiresAt = members["expires_at"]?.stringValue
    }

    /// The unpadded base64url form of ``jsonBytes``.
    public var base64URL: String { RelayBase64URL.encode(jsonBytes) }

    /// `expires_at` as an instant, when it has the form `YYYY-MM-DDTHH:MM:SSZ`.
    public var expiryDate: Date? { expiresAt.flatMap(RelayTimestamp.parse) }

    /// A challenge as the sandbox issues it (§3): compact JSON with the members in the order `token_type`,
    /// `issuer_name`, `origin_info`, `expires_at`, `mac`, `/` unescaped, the MAC computed with `macKey`.
    public static func issue(
        tokenType: Int = 2, issuerName: String, originInfo: String, expiresAt: String, macKey: [UInt8]
    ) -> RelayChallenge {
        let mac = Self.mac(
            tokenType: tokenType, issuerName: issuerName, originInfo: originInfo, expiresAt: expiresAt, key: macKey)
        let json =
            "{\"token_type\":\(tokenType),\"issuer_name\":\(JSONWriter.quoted(issuerName)),"
            + "\"origin_info\":\(JSONWriter.quoted(originInfo)),\"expires_at\":\(JSONWriter.quoted(expiresAt)),"
            + "\"mac\":\(JSONWriter.quoted(mac))}"
        return RelayChallenge(
            verbatim: Array(json.utf8), tokenType: tokenType, issuerName: issuerName, originInfo: originInfo,
            expiresAt: expiresAt, mac: mac)
    }

    private init(
        verbatim: [UInt8], tokenType: Int, issuerName: String, originInfo: String, expiresAt: String, mac: String
    ) {
        self.jsonBytes = verbatim
        self.tokenType = tokenType
        self.issuerName = issuerName
        self.originInfo = originInfo
        self.expiresAt = expiresAt
        self.mac = mac
    }

    /// The sandbox's MAC (§3): lowercase hex of HMAC-SHA256(key, M), where M is the UTF-8 of
    /// `"persona-relay-challenge/v1" LF token_type LF issuer_name LF origin_info LF expires_at`.
    public static func mac(
        tokenType: Int, issuerName: String, originInfo: String, expiresAt: String, key: [UInt8]
    ) -> String {
        let input = [macLabel, String(tokenType), issuerName, originInfo, expiresAt].joined(separator: "\n")
        let code = HMAC<SHA256>.authenticationCode(for: Array(input.utf8), using: SymmetricKey(data: key))
        return Hex.lowercase(code)
    }

    /// Whether ``mac`` is the sandbox's MAC over this challenge's fields under `key`, compared in constant time.
    ///
    /// `false` when any of the four fields is absent or of the wrong type.
    public func hasValidMAC(key: [UInt8]) -> Bool {
        guard let tokenType, let issuerName, let originInfo, let expiresAt else { return false }
        let expected = Self.mac(
            tokenType: tokenType, issuerName: issuerName, originInfo: originInfo, expiresAt: expiresAt, key: key)
        return ConstantTimeComparison.equal(Array(expected.utf8), Array(mac.utf8))
    }
}

/// Lowercase hexadecimal.
package enum Hex {
    /// `bytes` as lowercase hex.
    package static func lowercase(_ bytes: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var output: [UInt8] = []
        for byte in bytes {
            output.append(digits[Int(byte >> 4)])
            output.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: output, as: UTF8.self)
    }
}

/// Comparison of secrets (MACs, relay secrets) whose time does not depend on where they differ.
public enum ConstantTimeComparison {
    /// Whether `a` and `b` are equal; the time depends only on the lengths.
    public static func equal(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        var difference: UInt8 = a.count == b.count ? 0 : 1
        let count = min(a.count, b.count)
        for index in 0..<count { difference |= a[index] ^ b[index] }
        // Walk the longer input too, so that the time depends only on the larger length.
        for index in count..<max(a.count, b.count) { difference |= (index < a.count ? a[index] : b[index]) & 0 }
        return difference == 0
    }
}
