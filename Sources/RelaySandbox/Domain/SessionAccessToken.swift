import Crypto
import RelayProtocol

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The `relay-session-access-token` (relay-protocol.md §1 "Identifiers"): an HS256 JWT over
/// `{"sub": <relay-token>, "exp": <now + 15 min>}`, HMAC-SHA256 with a server secret, base64url (unpadded) parts.
enum SessionAccessToken {
    /// How long a session access token is valid: 15 minutes.
    static let lifetime: TimeInterval = 15 * 60

    /// A token for `relayToken` issued at `now`.
    static func issue(relayToken: String, now: Date, key: [UInt8]) -> String {
        let header = JSONValue.object(["alg": .string("HS256"), "typ": .string("JWT")]).serialized()
        let expiry = (now.timeIntervalSince1970 + lifetime).rounded(.down)
        let claims = JSONValue.object(["sub": .string(relayToken), "exp": .number(expiry)]).serialized()
        let signingInput = RelayBase64URL.encode(header) + "." + RelayBase64URL.encode(claims)
        let signature = HMAC<SHA256>.authenticationCode(
            for: Array(signingInput.utf8), using: SymmetricKey(data: key))
        return signingInput + "." + RelayBase64URL.encode(Array(signature))
    }
}
