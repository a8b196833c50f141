/// Where an origin records redeemed tokens (RFC 9577 §2.2: an origin must not accept a token twice).
///
/// ``insert(tokenKeyID:nonce:)`` must be an atomic check-and-insert: of any number of concurrent calls with the
/// same key ID and nonce, exactly one returns `true`.
public protocol SpentTokenStore: Sendable {
    /// Records a token as spent.
    ///
    /// - Returns: `true` when the token was not recorded before (it is now), `false` when it was already spent.
    /// - Throws: when the store cannot answer; the origin then rejects the token.
    func insert(tokenKeyID: [UInt8], nonce: [UInt8]) async throws -> Bool
}

/// A ``SpentTokenStore`` in memory, for one process: an actor, so concurrent redemptions are serialized.
///
/// It grows without bound; a deployment rotates token keys and drops the entries of retired keys with
/// ``removeAll(tokenKeyID:)``.
public actor InMemorySpentTokenStore: SpentTokenStore {
    private var spent: [[UInt8]: Set<[UInt8]>] = [:]

    /// An empty store.
    public init() {}

    /// Atomically records (tokenKeyID, nonce); `false` when it was already there.
    public func insert(tokenKeyID: [UInt8], nonce: [UInt8]) -> Bool {
        spent[tokenKeyID, default: []].insert(nonce).inserted
    }

    /// The number of spent tokens recorded.
    public var count: Int { spent.values.reduce(0) { $0 + $1.count } }

    /// Forgets every token of a retired key.
    public func removeAll(tokenKeyID: [UInt8]) {
        spent[tokenKeyID] = nil
    }
}
