import GRDB

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The sandbox's record of redeemed passes (relay-protocol.md §5.2 steps 12–14).
///
/// Relation to PrivacyPass's `SpentTokenStore`: that protocol is an atomic check-and-insert of (token key id,
/// nonce) answering only "new" or "already spent". The sandbox needs more from one atomic step — *which* relay
/// spent the nonce (same relay → replay the stored 200, another relay → 409) and the stored response to replay —
/// and it must read the relay's state inside the same transaction, so it does not conform. A PostgreSQL store can
/// follow the same shape: the table `spent_tokens (key_id, nonce) PRIMARY KEY → relay_token, response_body`, and
/// the decision below as one serialisable transaction (`SELECT … FOR UPDATE` / `INSERT … ON CONFLICT DO NOTHING`).
/// An origin that only needs the single-use rule can still use a `SpentTokenStore` over the same table.
enum RedemptionDecision: Sendable {
    /// The nonce was spent by this relay: replay the stored 200 body.
    case replay(body: [UInt8])
    /// The nonce was spent by another relay: 409.
    case spentElsewhere
    /// The relay is pending: 403.
    case notCompleted
    /// Answer 200 with this body (passed: the nonce is now spent; failed: it is not).
    case respond(body: [UInt8], consumed: Bool)
}

extension SandboxDatabase {
    /// Steps 12–14 of §5.2 as one write transaction: looks the nonce up, reads the relay's state, and for a passed
    /// relay records the nonce with the response built by `makeBody(status)`.
    func redeem(
        keyID: String, nonce: String, relayToken: String, now: Date,
        makeBody: @escaping @Sendable (RelayStatus) throws -> [UInt8]
    ) async throws -> RedemptionDecision {
        try await writer.write { db in
            if let row = try Row.fetchOne(
                db, sql: "SELECT relay_token, response_body FROM spent_tokens WHERE key_id = ? AND nonce = ?",
                arguments: [keyID, nonce])
            {
                let spentBy: String = row["relay_token"]
                guard spentBy == relayToken, let body = row["response_body"] as Data? else { return .spentElsewhere }
                return .replay(body: Array(body))
            }
            guard let relay = try Self.relay(token: relayToken, in: db) else { return .notCompleted }
            switch relay.status {
            case .pending:
                return .notCompleted
            case .failed:
                return .respond(body: try makeBody(.failed), consumed: false)
            case .passed:
                let body = try makeBody(.passed)
                try db.execute(
                    sql: """
                        INSERT INTO spent_tokens (key_id, nonce, relay_token, response_body, spent_at)
                        VALUES (?, ?, ?, ?, ?)
                        """,
                    arguments: [keyID, nonce, relayToken, Data(body), now.timeIntervalSince1970])
                return .respond(body: body, consumed: true)
            }
        }
    }

    /// The number of spent tokens recorded (tests, diagnostics).
    func spentTokenCount() async throws -> Int {
        try await writer.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM spent_tokens") ?? 0 }
    }
}
