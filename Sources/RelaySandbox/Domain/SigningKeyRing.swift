import Dispatch
import RSA
import RelayProtocol
import Synchronization

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Token keys by epoch (relay-protocol.md §5.1): created on first use for (environment, claim type, current
/// epoch), accepted for issuance in their epoch and the first 2 h of the next, kept for verification until
/// end-of-epoch + 2 h + L.
final class SigningKeyRing: Sendable {
    /// The grace period after an epoch ends during which its key still issues: 2 h.
    static let issuanceGrace: TimeInterval = 2 * 3600

    private let database: SandboxDatabase
    private let epochLength: TimeInterval
    private let passLifetime: TimeInterval
    private let modulusBits: Int
    private let seed: [UInt8]?
    private let generation = KeyedSerialLock()
    private let cache = Mutex<[String: SigningKey]>([:])
    /// The key id of each (environment, claim type, epoch) slot's key, so that the challenge endpoint does not read
    /// and re-import the private key from the database on every call.
    private let currentKeyIDs = Mutex<[String: String]>([:])

    init(database: SandboxDatabase, configuration: RelaySandboxConfiguration) {
        self.database = database
        self.epochLength = configuration.epochLength
        self.passLifetime = configuration.passLifetime
        self.modulusBits = configuration.modulusBits
        self.seed = configuration.deterministicSeed
    }

    /// The epoch containing `date`.
    func epoch(at date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 / epochLength).rounded(.down))
    }

    /// The current epoch's key for (environment, claim type), generated and stored on first use.
    func currentKey(environment: RelayEnvironment, claimType: String, now: Date) async throws -> SigningKey {
        let epoch = epoch(at: now)
        let slot = "\(environment.rawValue)/\(claimType)/\(epoch)"
        if let keyID = currentKeyIDs.withLock({ $0[slot] }), let key = cache.withLock({ $0[keyID] }) {
            return key
        }
        if let key = try await database.signingKey(environment: environment, claimType: claimType, epoch: epoch) {
            return remember(key, slot: slot)
        }
        return try await generation.withLock(slot) { [self] in
            if let key = try await database.signingKey(environment: environment, claimType: claimType, epoch: epoch) {
                return remember(key, slot: slot)
            }
            let privateKey = try await Self.generateKey(bits: modulusBits, seed: seed, label: slot)
            let spki = RelayTokenKey.spki(privateKey.publicKey)
            let key = SigningKey(
                keyID: RelayTokenKey.keyID(spki: spki), environment: environment, claimType: claimType,
                epoch: epoch, privateKey: BlindSigning.PrivateKey(privateKey), spki: spki)
            return remember(try await database.insertSigningKey(key), slot: slot)
        }
    }

    /// The key named `keyID` if it is still retained at `now`; a key past retention is deleted (§5.1).
    func retainedKey(keyID: String, now: Date) async throws -> SigningKey? {
        let cached = cache.withLock { $0[keyID] }
        let found: SigningKey?
        if let cached { found = cached } else { found = try await database.signingKey(keyID: keyID) }
        guard let key = found else { return nil }
        guard now.timeIntervalSince1970 < retentionEnd(of: key) else {
            cache.withLock { $0[keyID] = nil }
            try await database.deleteSigningKey(keyID: keyID)
            return nil
        }
        return remember(key)
    }

    /// Whether `key` may issue at `now`: its own epoch, or the first 2 h of the next (§5.1).
    func issues(_ key: SigningKey, now: Date) -> Bool {
        let current = epoch(at: now)
        if key.epoch == current { return true }
        guard key.epoch == current - 1 else { return false }
        let epochStart = Double(current) * epochLength
        return now.timeIntervalSince1970 < epochStart + Self.issuanceGrace
    }

    /// The instant after which `key` no longer verifies: end of its epoch + 2 h + L.
    private func retentionEnd(of key: SigningKey) -> TimeInterval {
        Double(key.epoch + 1) * epochLength + Self.issuanceGrace + passLifetime
    }

    /// A new key, generated on Dispatch's global queue so that the seconds of prime search do not hold a thread
    /// of Swift's cooperative pool.
    private static func generateKey(bits: Int, seed: [UInt8]?, label: String) async throws -> RSAPrivateKey {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global(qos: .userInitiated).async {
                continuation.resume(
                    with: Result {
                        if let seed { return try DeterministicKeyGenerator.key(bits: bits, seed: seed, label: label) }
                        return try RSAPrivateKey.generate(bits: bits)
                    })
            }
        }
    }

    private func remember(_ key: SigningKey, slot: String? = nil) -> SigningKey {
        cache.withLock { $0[key.keyID] = key }
        if let slot { currentKeyIDs.withLock { $0[slot] = key.keyID } }
        return key
    }
}
