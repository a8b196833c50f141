import GRDB

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A stored outcome (relay-protocol.md §5.4): status, the handler's own headers and the body.
struct StoredOutcome: Sendable {
    let fingerprint: [UInt8]
    let reply: SandboxReply
}

extension SandboxDatabase {
    /// The record of (route, scope, key) if it is younger than `retention`; an older one is deleted.
    func idempotencyRecord(
        for request: IdempotencyRequest, now: Date, retention: Double
    ) async throws -> StoredOutcome? {
        try await writer.write { db in
            guard let row = try Row.fetchOne(
                db,
                sql: "SELECT * FROM idempotency_records WHERE route = ? AND scope = ? AND idempotency_key = ?",
                arguments: [request.route, request.scope, request.key])
            else { return nil }
            let createdAt: Double = row["created_at"]
            guard now.timeIntervalSince1970 < createdAt + retention else {
                try db.execute(
                    sql: "DELETE FROM idempotency_records WHERE route = ? AND scope = ? AND idempotency_key = ?",
                    arguments: [request.route, request.scope, request.key])
                return nil
            }
            guard let fingerprint = row["fingerprint"] as Data?, let headers = row["headers"] as Data?,
                let body = row["body"] as Data?
            else { return nil }
            let status: Int = row["status"]
            return StoredOutcome(
                fingerprint: Array(fingerprint),
                reply: SandboxReply(status: status, headers: SandboxReply.decodeHeaders(Array(headers)), body: Array(body)))
        }
    }

    /// Stores `reply` for `request` (the caller decides whether the outcome is storable).
    func storeIdempotencyRecord(_ reply: SandboxReply, for request: IdempotencyRequest, now: Date) async throws {
        try await writer.write { db in
            try db.execute(
                sql: """
                    INSERT OR REPLACE INTO idempotency_records
                    (route, scope, idempotency_key, fingerprint, status, headers, body, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    request.route, request.scope, request.key, Data(request.fingerprint), reply.status,
                    Data(SandboxReply.encodeHeaders(reply.headers)), Data(reply.body), now.timeIntervalSince1970,
                ])
        }
    }
}
