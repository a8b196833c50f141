import Logging
import PrivacyPass
import RelayProtocol

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The sandbox's state and collaborators, shared by every handler: configuration, database, clock, rate limiter,
/// faults, token keys and server secrets.
final class SandboxService: Sendable {
    let configuration: RelaySandboxConfiguration
    let database: SandboxDatabase
    let clock: SandboxClock
    let rateLimiter: RateLimiter
    let faults = FaultInjector()
    let keyRing: SigningKeyRing
    let secrets: ServerSecrets
    let claimTypes: ClaimTypePolicy
    let relayLocks = KeyedSerialLock()
    /// Spent passes: the configured shared store, or the sandbox's own SQLite table.
    let redemptions: any RedemptionStore
    let logger: Logger
    private let apiKeys: [RelaySandboxAPIKey]

    private init(
        configuration: RelaySandboxConfiguration, database: SandboxDatabase, clock: SandboxClock,
        secrets: ServerSecrets, logger: Logger
    ) {
        self.configuration = configuration
        self.database = database
        self.clock = clock
        self.rateLimiter = RateLimiter(limit: configuration.rateLimit, window: configuration.rateLimitWindow)
        self.keyRing = SigningKeyRing(database: database, configuration: configuration)
        self.secrets = secrets
        self.claimTypes = ClaimTypePolicy(strictList: configuration.strictClaimTypes.map(Set.init))
        self.apiKeys = configuration.apiKeys
        self.logger = logger
        self.redemptions =
            configuration.redemptionStore ?? SQLiteRedemptionStore(writer: database.writer, clock: clock)
    }

    /// Validates the configuration, opens the database and loads (or creates) the server secrets and clock.
    ///
    /// - Throws: ``RelaySandboxError``.
    static func make(configuration: RelaySandboxConfiguration, logger: Logger) async throws(RelaySandboxError)
        -> SandboxService
    {
        try configuration.validate()
        let database = try SandboxDatabase.open(configuration.storage)
        do {
            let candidate =
                configuration.deterministicSeed.map(ServerSecrets.master(fromSeed:))
                ?? RandomIdentifiers.randomBytes(32)
            let master = try await database.masterSecret(orInsert: candidate)
            let offset = try await database.clockOffset()
            return SandboxService(
                configuration: configuration, database: database, clock: SandboxClock(offset: offset),
                secrets: ServerSecrets(master: master), logger: logger)
        } catch {
            throw RelaySandboxError(.storageFailure, "cannot load the server state: \(error)")
        }
    }

    /// The configured API key equal to `candidate`, compared in constant time against every key.
    func apiKey(matching candidate: String) -> RelaySandboxAPIKey? {
        let bytes = Array(candidate.utf8)
        var match: RelaySandboxAPIKey?
        for key in apiKeys where ConstantTimeComparison.equal(Array(key.key.utf8), bytes) {
            match = key
        }
        return match
    }

    /// The environment of a request to create a relay or a challenge (§13.1): `sandbox: true` or a Bearer key's
    /// prefix; otherwise the default. Contradicting signals are 422 `environment_mismatch`.
    func environment(sandboxFlag: Bool?, request: SandboxRequest) throws(SandboxError) -> RelayEnvironment {
        let fromKey = RequestCredentials.bearerKey(in: request.values("authorization"))
            .flatMap(RelayEnvironment.explicit(forAPIKey:))
        let fromFlag: RelayEnvironment? = sandboxFlag == true ? .sandbox : nil
        if let fromKey, let fromFlag, fromKey != fromFlag {
            throw SandboxError(
                422, code: "environment_mismatch", "sandbox: true contradicts the production API key")
        }
        return fromFlag ?? fromKey ?? configuration.defaultEnvironment
    }

    /// A fresh challenge for (environment, claim type) and the current key (§2.2, §3).
    func challenge(environment: RelayEnvironment, claimType: String) async throws -> (RelayChallenge, SigningKey) {
        let now = clock.now()
        let key = try await keyRing.currentKey(environment: environment, claimType: claimType, now: now)
        let challenge = RelayChallenge.issue(
            issuerName: RelayChallenge.documentedIssuerName, originInfo: RelayChallenge.documentedOriginInfo,
            expiresAt: RelayTimestamp.challengeExpiry(for: now), macKey: secrets.macKey)
        return (challenge, key)
    }

    /// The `WWW-Authenticate` value of §2.3 for a relay's claim type and environment.
    func authenticateHeader(for relay: RelayRecord) async throws -> String {
        let (challenge, key) = try await challenge(environment: relay.environment, claimType: relay.claimType)
        return "PrivateToken challenge=\"\(challenge.base64URL)\", token-key=\"\(RelayBase64URL.encode(key.spki))\", "
            + "token-key-id=\"\(key.keyID)\""
    }
}
