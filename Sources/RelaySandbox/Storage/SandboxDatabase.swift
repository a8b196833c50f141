import GRDB

/// The sandbox's SQLite database (GRDB): a `DatabaseQueue` in memory, or a `DatabasePool` in WAL mode for a file,
/// with the schema applied by a `DatabaseMigrator`.
///
/// Tables:
/// - `server_state`: the 32-byte master secret (from which the challenge MAC key and the JWT key derive) and the
///   simulated clock's offset.
/// - `relays`: token, secret, claim type, environment, the encryption key (DER SPKI) and the state.
/// - `signing_keys`: one token key per (environment, claim type, epoch); the private key is stored as **PKCS #1
///   DER in the clear** — this is a local sandbox, not a key store.
/// - `spent_tokens`: (key id, nonce) → the relay that consumed it and the 200 body it was answered with.
/// - `idempotency_records`: (route, scope, key) → fingerprint and the stored status, headers and body.
///
/// Every check-and-record step runs in one write transaction, so concurrent requests see each other's effects.
struct SandboxDatabase: Sendable {
    /// The writer every store uses.
    let writer: any DatabaseWriter

    /// Opens (creating if needed) and migrates the database.
    ///
    /// - Throws: ``RelaySandboxError/Code/storageFailure``.
    static func open(_ storage: RelaySandboxConfiguration.Storage) throws(RelaySandboxError) -> SandboxDatabase {
        do {
            var configuration = Configuration()
            configuration.busyMode = .timeout(10)
            let writer: any DatabaseWriter
            switch storage {
            case .inMemory:
                writer = try DatabaseQueue(configuration: configuration)
            case .file(let path):
                writer = try DatabasePool(path: path, configuration: configuration)
            }
            try migrator.migrate(writer)
            return SandboxDatabase(writer: writer)
        } catch {
            throw RelaySandboxError(.storageFailure, "cannot open the database: \(error)")
        }
    }

    /// The schema, version by version.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.create(table: "server_state") { table in
                table.primaryKey("name", .text)
                table.column("value", .blob).notNull()
            }
            try db.create(table: "relays") { table in
                table.primaryKey("token", .text)
                table.column("secret", .text).notNull()
                table.column("claim_type", .text).notNull()
                table.column("environment", .text).notNull()
                table.column("encryption_key_spki", .blob)
                table.column("status", .text).notNull()
                table.column("created_at", .double).notNull()
            }
            try db.create(table: "signing_keys") { table in
                table.primaryKey("key_id", .text)
                table.column("environment", .text).notNull()
                table.column("claim_type", .text).notNull()
                table.column("epoch", .integer).notNull()
                table.column("private_key_pkcs1", .blob).notNull()
                table.column("spki", .blob).notNull()
                table.uniqueKey(["environment", "claim_type", "epoch"])
            }
            try db.create(table: "spent_tokens") { table in
                table.column("key_id", .text).notNull()
                table.column("nonce", .text).notNull()
                table.column("relay_token", .text).notNull()
                table.column("response_body", .blob).notNull()
                table.column("spent_at", .double).notNull()
                table.primaryKey(["key_id", "nonce"])
            }
            try db.create(table: "idempotency_records") { table in
                table.column("route", .text).notNull()
                table.column("scope", .text).notNull()
                table.column("idempotency_key", .text).notNull()
                table.column("fingerprint", .blob).notNull()
                table.column("status", .integer).notNull()
                table.column("headers", .blob).notNull()
                table.column("body", .blob).notNull()
                table.column("created_at", .double).notNull()
                table.primaryKey(["route", "scope", "idempotency_key"])
            }
        }
        return migrator
    }
}
