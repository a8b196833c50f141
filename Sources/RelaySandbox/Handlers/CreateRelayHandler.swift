import RSA
import RelayProtocol

extension SandboxService {
    /// `POST /api/privacy/v1/relays` (relay-protocol.md §2.1).
    ///
    /// 400 for a missing or ill-typed member, 422 for an unknown claim type, a bad PEM, a key outside 2048–4096 bits
    /// or a non-RSA (or PSS-only) key. Relays in the sandbox environment start `passed`, others `pending` (§13.10).
    func createRelay(_ request: SandboxRequest) async throws -> SandboxReply {
        let body = try request.jsonBody()
        let claimType = try body.requiredString("claim-type")
        let pem: String?
        switch body["encryption-key-pem"] {
        case nil, .null?: pem = nil
        case .string(let text)?: pem = text
        default: throw SandboxError(400, "encryption-key-pem must be a string or null")
        }
        let sandboxFlag = try body.optionalBool("sandbox")
        let environment = try environment(sandboxFlag: sandboxFlag, request: request)
        guard claimTypes.accepts(claimType) else {
            throw SandboxError(422, "unknown claim type")
        }
        let encryptionKey = try pem.map { text throws(SandboxError) in try Self.encryptionKey(pem: text) }

        let relay = RelayRecord(
            token: RandomIdentifiers.relayToken(), secret: RandomIdentifiers.relaySecret(), claimType: claimType,
            environment: environment, encryptionKeySPKI: encryptionKey?.derRepresentation,
            status: environment == .sandbox ? .passed : .pending)
        let now = clock.now()
        try await database.insert(relay, now: now)
        return .json(
            [
                "relay-token": .string(relay.token),
                "relay-secret": .string(relay.secret),
                "relay-session-access-token": .string(
                    SessionAccessToken.issue(relayToken: relay.token, now: now, key: secrets.jwtKey)),
            ], inflection: request.inflection)
    }

    /// The relay's encryption key from PEM SPKI or PKCS #1: 2048–4096 bits, usable for RSAES-OAEP.
    private static func encryptionKey(pem: String) throws(SandboxError) -> RSAPublicKey {
        let key: RSAPublicKey
        do {
            key = try RSAPublicKey(pemRepresentation: pem)
        } catch {
            throw SandboxError(422, "encryption-key-pem is not a PEM RSA public key of 2048 to 4096 bits")
        }
        guard key.algorithm == .rsaEncryption else {
            throw SandboxError(422, "encryption-key-pem must be an rsaEncryption key (usable for RSAES-OAEP)")
        }
        return key
    }
}
