import GRDB

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The `server_state` table: the master secret and the clock offset.
extension SandboxDatabase {
    /// The stored master secret, created from `candidate` when there is none yet (so a restart keeps it).
    func masterSecret(orInsert candidate: [UInt8]) async throws -> [UInt8] {
        try await writer.write { db in
            if let stored = try Data.fetchOne(db, sql: "SELECT value FROM server_state WHERE name = 'master_secret'") {
                return Array(stored)
            }
            try db.execute(
                sql: "INSERT INTO server_state (name, value) VALUES ('master_secret', ?)", arguments: [Data(candidate)])
            return candidate
        }
    }

    /// The stored clock offset in seconds, 0 when none.
    func clockOffset() async throws -> Double {
        try await writer.read { db in
            guard let stored = try Data.fetchOne(db, sql: "SELECT value FROM server_state WHERE name = 'clock_offset'"),
                let value = Double(String(decoding: stored, as: UTF8.self)), value.isFinite
            else { return 0 }
            return value
        }
    }

    /// Stores the clock offset.
    func setClockOffset(_ offset: Double) async throws {
        try await writer.write { db in
            try db.execute(
                sql: "INSERT OR REPLACE INTO server_state (name, value) VALUES ('clock_offset', ?)",
                arguments: [Data(String(offset).utf8)])
        }
    }

    /// Forgets relays, spent tokens, idempotency records and the clock offset (`POST /_sandbox/reset`); token keys
    /// and the master secret stay.
    func reset() async throws {
        try await writer.write { db in
            try db.execute(sql: "DELETE FROM relays")
            try db.execute(sql: "DELETE FROM spent_tokens")
            try db.execute(sql: "DELETE FROM idempotency_records")
            try db.execute(sql: "DELETE FROM server_state WHERE name = 'clock_offset'")
        }
    }
}
