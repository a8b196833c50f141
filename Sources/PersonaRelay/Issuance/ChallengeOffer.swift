import RelayProtocol

/// The three values that start an issuance (relay-protocol.md §2.2, §2.3): the base64url challenge, the base64url
/// token key (DER SPKI) and the token key id (opaque text, §4.5), as received.
struct ChallengeOffer: Sendable {
    var challenge: String
    var tokenKey: String
    var tokenKeyID: String

    /// The first `PrivateToken` challenge of the `WWW-Authenticate` lines (§2.3) that has `challenge`, `token-key`
    /// and `token-key-id` and whose decoded challenge is a JSON object with `token_type` 2. A line that does not
    /// parse is skipped; `nil` when no challenge qualifies.
    static func firstPrivateToken(inWWWAuthenticate lines: [String]) -> ChallengeOffer? {
        for line in lines {
            guard let challenges = AuthenticationChallenges.parse(line) else { continue }
            for challenge in challenges where challenge.scheme == "privatetoken" {
                guard let encoded = challenge.parameter("challenge"), let tokenKey = challenge.parameter("token-key"),
                    let tokenKeyID = challenge.parameter("token-key-id"),
                    let bytes = try? RelayBase64URL.decode(encoded),
                    let json = try? JSONValue.parse(bytes), json["token_type"]?.intValue == 2
                else { continue }
                return ChallengeOffer(challenge: encoded, tokenKey: tokenKey, tokenKeyID: tokenKeyID)
            }
        }
        return nil
    }
}
