import GRDB
import RSA
import RelayProtocol

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A token key (relay-protocol.md §4.3–§4.5, §5.1): one per (environment, claim type, epoch).
struct SigningKey: Sendable {
    /// `token-key-id`: lowercase hex SHA-256 of ``spki``.
    let keyID: String
    /// The environment it issues for.
    let environment: RelayEnvironment
    /// The claim type it issues for.
    let claimType: String
    /// Its epoch e, covering [e·E, (e+1)·E).
    let epoch: Int64
    /// The signer.
    let privateKey: BlindSigning.PrivateKey
    /// `token-key`: DER SubjectPublicKeyInfo with rsaEncryption.
    let spki: [UInt8]

    /// The verifier, RSABSSA-SHA384-PSS-Deterministic (§4.3).
    var publicKey: BlindSigning.PublicKey { privateKey.publicKey(variant: RelayTokenKey.variant) }
}

extension SandboxDatabase {
    /// The key of a slot, or `nil`.
    func signingKey(environment: RelayEnvironment, claimType: String, epoch: Int64) async throws -> SigningKey? {
        try await writer.read { db in
            try Row.fetchOne(
                db, sql: "SELECT * FROM signing_keys WHERE environment = ? AND claim_type = ? AND epoch = ?",
                arguments: [environment.rawValue, claimType, epoch]
            ).flatMap(Self.signingKey)
        }
    }

    /// The key named `keyID`, or `nil`.
    func signingKey(keyID: String) async throws -> SigningKey? {
        try await writer.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM signing_keys WHERE key_id = ?", arguments: [keyID])
                .flatMap(Self.signingKey)
        }
    }

    /// Stores `key` unless its slot is taken; returns the slot's key either way.
    func insertSigningKey(_ key: SigningKey) async throws -> SigningKey {
        let stored = try await writer.write { db -> SigningKey? in
            try db.execute(
                sql: """
                    INSERT OR IGNORE INTO signing_keys (key_id, environment, claim_type, epoch, private_key_pkcs1, spki)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    key.keyID, key.environment.rawValue, key.claimType, key.epoch,
                    Data(key.privateKey.key.derRepresentation), Data(key.spki),
                ])
            return try Row.fetchOne(
                db, sql: "SELECT * FROM signing_keys WHERE environment = ? AND claim_type = ? AND epoch = ?",
                arguments: [key.environment.rawValue, key.claimType, key.epoch]
            ).flatMap(Self.signingKey)
        }
        guard let result = stored else {
            throw RelaySandboxError(.storageFailure, "a stored token key cannot be read")
        }
        return result
    }

    /// Deletes a key past its retention and the spent tokens recorded under it (§5.1).
    func deleteSigningKey(keyID: String) async throws {
        try await writer.write { db in
            try db.execute(sql: "DELETE FROM signing_keys WHERE key_id = ?", arguments: [keyID])
            try db.execute(sql: "DELETE FROM spent_tokens WHERE key_id = ?", arguments: [keyID])
        }
    }

    private static func signingKey(row: Row) -> SigningKey? {
        guard let environment = RelayEnvironment(rawValue: row["environment"]),
            let der = row["private_key_pkcs1"] as Data?,
            let spki = row["spki"] as Data?,
            let privateKey = try? BlindSigning.PrivateKey(derRepresentation: Array(der))
        else { return nil }
        return SigningKey(
            keyID: row["key_id"], environment: environment, claimType: row["claim_type"], epoch: row["epoch"],
            privateKey: privateKey, spki: Array(spki))
    }
}
