import RSA
import RelayProtocol

extension SandboxService {
    /// `POST /api/v1/privacy-passes` (relay-protocol.md §2.4): BlindSign with the named token key.
    ///
    /// 401 missing or unknown API key; 403 without `privacy_pass.write`; then the idempotency layer; 400 malformed
    /// body; 404 unknown `key-id`; 422 environment mismatch, retired key, wrong length or a value ≥ n.
    func issuePrivacyPass(_ request: SandboxRequest) async throws -> SandboxReply {
        guard let candidate = RequestCredentials.bearerKey(in: request.values("authorization")),
            let apiKey = apiKey(matching: candidate)
        else {
            // RFC 9110 §15.5.2: a 401 names the scheme it wants.
            throw SandboxError(401, "a valid API key is required (Authorization: Bearer <API key>)")
                .adding(header: "WWW-Authenticate", "Bearer")
        }
        guard apiKey.permissions.contains(.privacyPassWrite) else {
            throw SandboxError(403, "Privacy Pass for Relay is not enabled")
        }
        let scope = IdempotencyRequest.scope(apiKey: apiKey.key)
        let idempotency = try idempotencyRequest(request, route: "privacy-passes", scope: scope, relayToken: "")
        let environment = apiKey.environment(default: configuration.defaultEnvironment)
        return try await withIdempotency(idempotency, lockKey: idempotency.map { "issue/\(scope)/\($0.key)" }, inflection: request.inflection) {
            [self] in
            try await blindSign(request, environment: environment)
        }
    }

    private func blindSign(_ request: SandboxRequest, environment: RelayEnvironment) async throws -> SandboxReply {
        let body = try request.jsonBody()
        let blindedText = try body.requiredString("blinded-token")
        let keyID = try body.requiredString("key-id")
        let blinded: [UInt8]
        do {
            blinded = try RelayBase64URL.decode(blindedText)
        } catch {
            throw SandboxError(400, "blinded-token is not base64url")
        }
        let now = clock.now()
        guard let key = try await keyRing.retainedKey(keyID: keyID, now: now) else {
            throw SandboxError(404, "unknown key-id")
        }
        guard key.environment == environment else {
            throw SandboxError(
                422, code: "environment_mismatch", "the token key belongs to another environment than the API key")
        }
        guard keyRing.issues(key, now: now) else {
            throw SandboxError(422, code: "token_key_retired", "the token key is retired for issuance")
        }
        let k = key.privateKey.key.modulusByteCount
        guard blinded.count == k else {
            throw SandboxError(422, "blinded-token must be exactly \(k) bytes")
        }
        let signature: BlindSigning.BlindSignature
        do {
            signature = try key.privateKey.blindSignature(for: BlindSigning.BlindedMessage(rawRepresentation: blinded))
        } catch {
            if error.code == .invalidInput || error.code == .unexpectedInputSize {
                throw SandboxError(422, "blinded-token is not below the modulus")
            }
            throw SandboxError(500, "signing failed")
        }
        return .json(
            ["blind-sig": .string(RelayBase64URL.encode(signature.rawRepresentation))], inflection: request.inflection)
    }
}
