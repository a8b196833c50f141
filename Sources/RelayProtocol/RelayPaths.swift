/// The request paths of the Relay API (relay-protocol.md §2), appended verbatim to the base URL.
public enum RelayPaths {
    /// `POST /api/privacy/v1/relays`: create a relay (§2.1).
    public static let createRelay = "/api/privacy/v1/relays"
    /// `POST /api/privacy/v1/relays/challenge`: request a challenge by claim type (§2.2).
    public static let challenge = "/api/privacy/v1/relays/challenge"
    /// `POST /api/v1/privacy-passes`: issue a Privacy Pass (§2.4; note the different prefix).
    public static let privacyPasses = "/api/v1/privacy-passes"

    /// `POST /api/privacy/v1/relays/{relay-token}/generate-claim`: redeem (§2.5) or, without a token, the legacy
    /// challenge (§2.3). The relay token is percent-encoded where it holds characters outside the unreserved set.
    public static func generateClaim(relayToken: String) -> String {
        "/api/privacy/v1/relays/\(percentEncodedSegment(relayToken))/generate-claim"
    }

    /// `segment` with every byte outside RFC 3986's unreserved set percent-encoded.
    public static func percentEncodedSegment(_ segment: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var output: [UInt8] = []
        for byte in segment.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                output.append(byte)
            default:
                output += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
            }
        }
        return String(decoding: output, as: UTF8.self)
    }
}

/// The header names of the Relay API (relay-protocol.md §1, §2, §5.4, §7).
public enum RelayHeaders {
    /// `Persona-Relay-Secret`: the relay secret on generate-claim.
    public static let relaySecret = "Persona-Relay-Secret"
    /// `Idempotency-Key`: one value per logical call, reused on its retries (§5.4).
    public static let idempotencyKey = "Idempotency-Key"
    /// `Request-Id`: `req_<id>` on every response.
    public static let requestID = "Request-Id"
    /// `Key-Inflection`: `camel`, `kebab` or `snake` re-spells a response's top-level keys.
    public static let keyInflection = "Key-Inflection"
    /// `Persona-Version`: an optional API version.
    public static let personaVersion = "Persona-Version"
    /// `Persona-Environment-Id`.
    public static let environmentID = "Persona-Environment-Id"
    /// `Persona-Organization-Id`.
    public static let organizationID = "Persona-Organization-Id"
    /// `RateLimit-Limit`: requests allowed per window.
    public static let rateLimitLimit = "RateLimit-Limit"
    /// `RateLimit-Remaining`: requests left in the window.
    public static let rateLimitRemaining = "RateLimit-Remaining"
    /// `RateLimit-Reset`: seconds until the window ends.
    public static let rateLimitReset = "RateLimit-Reset"
    /// `Retry-After`: seconds to wait after a 429.
    public static let retryAfter = "Retry-After"

    /// The `Persona-Version` values the API documents (§1).
    public static let allowedPersonaVersions = [
        "2025-12-08", "2025-10-27", "2023-01-05", "2022-09-01", "2021-08-18", "2021-07-05", "2021-02-21", "2020-05-18",
    ]
}
