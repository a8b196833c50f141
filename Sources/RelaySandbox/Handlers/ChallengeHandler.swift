import RelayProtocol

extension SandboxService {
    /// `POST /api/privacy/v1/relays/challenge` (relay-protocol.md §2.2): a challenge and the current key for
    /// (environment, claim type).
    func requestChallenge(_ request: SandboxRequest) async throws -> SandboxReply {
        let body = try request.jsonBody()
        let claimType = try body.requiredString("claim-type")
        let sandboxFlag = try body.optionalBool("sandbox")
        let environment = try environment(sandboxFlag: sandboxFlag, request: request)
        guard claimTypes.accepts(claimType) else {
            throw SandboxError(422, "unknown claim type")
        }
        let (challenge, key) = try await challenge(environment: environment, claimType: claimType)
        return .json(
            [
                "challenge": .string(challenge.base64URL),
                "token-key": .string(RelayBase64URL.encode(key.spki)),
                "token-key-id": .string(key.keyID),
            ], inflection: request.inflection)
    }
}
