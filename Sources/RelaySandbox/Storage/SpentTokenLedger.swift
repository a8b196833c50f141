import GRDB
import PrivacyPass

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The sandbox's spent passes (relay-protocol.md §5.2 steps 12 and 14) in its SQLite database: PrivacyPass's
/// ``PrivacyPass/RedemptionStore`` over the table `spent_tokens (key_id, nonce) PRIMARY KEY → relay_token,
/// response_body, spent_at`.
///
/// ``redeem(tokenKeyID:nonce:record:)`` is one write transaction (look the nonce up, insert it with the response),
/// so that a crash leaves a pass either spent with its answer or not spent at all. Several sandboxes can share one
/// spent-token set through ``RelaySandboxConfiguration/redemptionStore`` with a store over a shared database
/// (PostgreSQL: the same table, `INSERT … ON CONFLICT DO NOTHING` and a `SELECT` in one transaction).
///
/// Key ids and nonces arrive as the UTF-8 bytes of their text (the token's `key_id` and `token_nonce`).
struct SQLiteRedemptionStore: RedemptionStore {
    let writer: any DatabaseWriter
    let clock: SandboxClock

    func record(tokenKeyID: [UInt8], nonce: [UInt8]) async throws -> RedemptionRecord? {
        let keyID = String(decoding: tokenKeyID, as: UTF8.self)
        let nonceText = String(decoding: nonce, as: UTF8.self)
        return try await writer.read { db in try Self.record(keyID: keyID, nonce: nonceText, in: db) }
    }

    func redeem(tokenKeyID: [UInt8], nonce: [UInt8], record: RedemptionRecord) async throws -> RedemptionOutcome {
        let keyID = String(decoding: tokenKeyID, as: UTF8.self)
        let nonceText = String(decoding: nonce, as: UTF8.self)
        let now = clock.now().timeIntervalSince1970
        return try await writer.write { db in
            if let existing = try Self.record(keyID: keyID, nonce: nonceText, in: db) {
                return existing.redeemer == record.redeemer ? .replayed(existing) : .spentByOther
            }
            try db.execute(
                sql: """
                    INSERT INTO spent_tokens (key_id, nonce, relay_token, response_body, spent_at)
                    VALUES (?, ?, ?, ?, ?)
                    """,
                arguments: [keyID, nonceText, record.redeemer, Data(record.response), now])
            return .recorded(record)
        }
    }

    private static func record(keyID: String, nonce: String, in db: Database) throws -> RedemptionRecord? {
        guard
            let row = try Row.fetchOne(
                db, sql: "SELECT relay_token, response_body FROM spent_tokens WHERE key_id = ? AND nonce = ?",
                arguments: [keyID, nonce])
        else { return nil }
        let redeemer: String = row["relay_token"]
        let response = (row["response_body"] as Data?).map { Array($0) } ?? []
        return RedemptionRecord(redeemer: redeemer, response: response)
    }
}

extension SandboxDatabase {
    /// The number of spent tokens recorded in the sandbox's own table (tests, diagnostics).
    func spentTokenCount() async throws -> Int {
        try await writer.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM spent_tokens") ?? 0 }
    }
}
