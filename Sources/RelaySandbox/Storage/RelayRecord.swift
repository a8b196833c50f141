import GRDB
import RSA

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The state of a relay's claim (relay-protocol.md §6, §13.10).
enum RelayStatus: String, Sendable, CaseIterable {
    /// The end user has not completed the relay: redemption answers 403 `relay_not_completed`.
    case pending
    /// The claim passed: redemption consumes the pass.
    case passed
    /// The claim failed: redemption answers `token-consumed: false` and the pass stays usable.
    case failed
}

/// A relay as stored.
struct RelayRecord: Sendable {
    /// `relay-token`.
    let token: String
    /// `relay-secret`.
    let secret: String
    /// The claim type.
    let claimType: String
    /// The relay's environment.
    let environment: RelayEnvironment
    /// The key claim payloads are encrypted to (DER SPKI), when one was given.
    let encryptionKeySPKI: [UInt8]?
    /// The claim's state.
    let status: RelayStatus

    init(
        token: String, secret: String, claimType: String, environment: RelayEnvironment,
        encryptionKeySPKI: [UInt8]?, status: RelayStatus
    ) {
        self.token = token
        self.secret = secret
        self.claimType = claimType
        self.environment = environment
        self.encryptionKeySPKI = encryptionKeySPKI
        self.status = status
    }

    init?(row: Row) {
        guard let environment = RelayEnvironment(rawValue: row["environment"]),
            let status = RelayStatus(rawValue: row["status"])
        else { return nil }
        self.token = row["token"]
        self.secret = row["secret"]
        self.claimType = row["claim_type"]
        self.environment = environment
        self.encryptionKeySPKI = (row["encryption_key_spki"] as Data?).map(Array.init)
        self.status = status
    }
}

extension SandboxDatabase {
    /// Stores a new relay.
    func insert(_ relay: RelayRecord, now: Date) async throws {
        try await writer.write { db in
            try db.execute(
                sql: """
                    INSERT INTO relays (token, secret, claim_type, environment, encryption_key_spki, status, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    relay.token, relay.secret, relay.claimType, relay.environment.rawValue,
                    relay.encryptionKeySPKI.map { Data($0) }, relay.status.rawValue, now.timeIntervalSince1970,
                ])
        }
    }

    /// The relay with `token`, or `nil`.
    func relay(token: String) async throws -> RelayRecord? {
        try await writer.read { db in try Self.relay(token: token, in: db) }
    }

    /// The relay with `token` inside a transaction.
    static func relay(token: String, in db: Database) throws -> RelayRecord? {
        try Row.fetchOne(db, sql: "SELECT * FROM relays WHERE token = ?", arguments: [token]).flatMap(RelayRecord.init)
    }

    /// Sets a relay's state; `false` when there is no such relay.
    func setStatus(_ status: RelayStatus, relayToken: String) async throws -> Bool {
        try await writer.write { db in
            try db.execute(sql: "UPDATE relays SET status = ? WHERE token = ?", arguments: [status.rawValue, relayToken])
            return db.changesCount > 0
        }
    }
}
