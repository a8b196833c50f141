import Foundation
import RSA
import RelayProtocol

/// The issuing half of Persona for the fake upstream: a challenge (§2.2) and blind signatures (§2.4) with one
/// 2048-bit key made once per test process, so that the SDK's issuance (which verifies the signature) succeeds.
enum FakeIssuer {
    static let signingKey: Result<RSAPrivateKey, RSAError> = Result { () throws(RSAError) in
        try RSAPrivateKey.generate(bits: 2048)
    }

    /// The `/api/privacy/v1/relays/challenge` answer.
    static func challengeResponse() throws -> ScriptedResponse {
        let key = try signingKey.get()
        let challenge = RelayChallenge.issue(
            issuerName: RelayChallenge.documentedIssuerName, originInfo: RelayChallenge.documentedOriginInfo,
            expiresAt: "2099-01-01T00:00:00Z", macKey: Array(repeating: 7, count: 32))
        let spki = RelayTokenKey.spki(key.publicKey)
        let body = JSONValue.object([
            "challenge": .string(challenge.base64URL), "token-key": .string(RelayBase64URL.encode(spki)),
            "token-key-id": .string(RelayTokenKey.keyID(spki: spki)),
        ])
        return ScriptedResponse(
            status: 200, headers: [("Content-Type", "application/json"), ("Request-Id", "req_challenge")],
            body: body.serialized())
    }

    /// The `/api/v1/privacy-passes` answer for `request` (its `blinded-token` signed).
    static func issuanceResponse(for request: RecordedRequest) throws -> ScriptedResponse {
        let key = try signingKey.get()
        guard let blinded = request.json?["blinded-token"]?.stringValue else {
            return .json(400, #"{"errors":[{"title":"Bad request","code":"invalid_request"}]}"#)
        }
        let signature = try BlindSigning.PrivateKey(key).blindSignature(for: try RelayBase64URL.decode(blinded))
        let body = JSONValue.object(["blind-sig": .string(RelayBase64URL.encode(signature.rawRepresentation))])
        return ScriptedResponse(
            status: 200, headers: [("Content-Type", "application/json"), ("Request-Id", "req_issued")],
            body: body.serialized())
    }

    /// A fake Persona that issues passes and answers `other` for every other path.
    static func responder(
        other: @escaping @Sendable (RecordedRequest) async -> ScriptedResponse = { _ in
            .json(404, #"{"errors":[{"title":"Not found","code":"not_found"}]}"#)
        }
    ) -> @Sendable (RecordedRequest) async -> ScriptedResponse {
        { request in
            do {
                switch request.path {
                case RelayPaths.challenge: return try challengeResponse()
                case RelayPaths.privacyPasses: return try issuanceResponse(for: request)
                default: return await other(request)
                }
            } catch {
                return .json(500, #"{"errors":[{"title":"Internal server error","details":"fake issuer failed"}]}"#)
            }
        }
    }
}
