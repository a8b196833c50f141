/// What a ``RedemptionStore`` keeps with a spent token: who redeemed it and the answer they got.
public struct RedemptionRecord: Sendable, Hashable {
    /// The redeemer: whatever scopes a replay (Persona Relay: the relay token).
    public var redeemer: String
    /// The response given for the redemption, replayed byte for byte to the same redeemer.
    public var response: [UInt8]

    /// A record of `redeemer` getting `response`.
    public init(redeemer: String, response: [UInt8]) {
        self.redeemer = redeemer
        self.response = response
    }
}

/// The outcome of ``RedemptionStore/redeem(tokenKeyID:nonce:record:)``.
public enum RedemptionOutcome: Sendable, Hashable {
    /// The token was not spent; it now is, with this record.
    case recorded(RedemptionRecord)
    /// The token was spent before by the same redeemer: answer with the stored record (a retry, not a double spend).
    case replayed(RedemptionRecord)
    /// The token was spent before by another redeemer: refuse it.
    case spentByOther
}

/// A ``SpentTokenStore`` that keeps, with each spent token, who redeemed it and the response they got, so that a
/// redeemer's retry of a redemption whose answer was lost gets the same answer while anyone else is refused
/// (relay-protocol.md §5.2 step 12, §5.3).
///
/// ``redeem(tokenKeyID:nonce:record:)`` must be one atomic check-and-record: of any number of concurrent calls for
/// the same key ID and nonce, exactly one returns ``RedemptionOutcome/recorded(_:)``; the others see that record.
/// An implementation over a database shared by several instances (PostgreSQL: `INSERT … ON CONFLICT DO NOTHING`
/// then `SELECT` in one transaction) gives several servers one spent-token set.
public protocol RedemptionStore: SpentTokenStore {
    /// The record of a spent token, or `nil` when it is not spent.
    func record(tokenKeyID: [UInt8], nonce: [UInt8]) async throws -> RedemptionRecord?

    /// Atomically records the token as spent with `record`, unless it already is.
    func redeem(tokenKeyID: [UInt8], nonce: [UInt8], record: RedemptionRecord) async throws -> RedemptionOutcome
}

extension RedemptionStore {
    /// ``SpentTokenStore`` conformance: records the token with an empty record; `true` when it was not spent.
    public func insert(tokenKeyID: [UInt8], nonce: [UInt8]) async throws -> Bool {
        let outcome = try await redeem(
            tokenKeyID: tokenKeyID, nonce: nonce, record: RedemptionRecord(redeemer: "", response: []))
        if case .recorded = outcome { return true }
        return false
    }
}

/// A ``RedemptionStore`` in memory, for one process: an actor, so concurrent redemptions are serialized.
public actor InMemoryRedemptionStore: RedemptionStore {
    private var records: [[UInt8]: [[UInt8]: RedemptionRecord]] = [:]

    /// An empty store.
    public init() {}

    /// The record of a spent token, or `nil`.
    public func record(tokenKeyID: [UInt8], nonce: [UInt8]) -> RedemptionRecord? {
        records[tokenKeyID]?[nonce]
    }

    /// Records the token with `record` unless it is spent; otherwise reports who spent it.
    public func redeem(tokenKeyID: [UInt8], nonce: [UInt8], record: RedemptionRecord) -> RedemptionOutcome {
        if let existing = records[tokenKeyID]?[nonce] {
            return existing.redeemer == record.redeemer ? .replayed(existing) : .spentByOther
        }
        records[tokenKeyID, default: [:]][nonce] = record
        return .recorded(record)
    }

    /// The number of spent tokens recorded.
    public var count: Int { records.values.reduce(0) { $0 + $1.count } }

    /// Forgets every token of a retired key.
    public func removeAll(tokenKeyID: [UInt8]) {
        records[tokenKeyID] = nil
    }
}
