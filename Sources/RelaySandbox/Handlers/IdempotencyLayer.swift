import RelayProtocol

extension SandboxService {
    /// The `Idempotency-Key` of `request` for `route` and `scope` (§5.4, §13.3), or `nil` without one.
    ///
    /// - Throws: 400 `invalid_idempotency_key` unless the key is 1–255 visible ASCII characters.
    func idempotencyRequest(
        _ request: SandboxRequest, route: String, scope: String, relayToken: String
    ) throws(SandboxError) -> IdempotencyRequest? {
        let values = request.values("idempotency-key")
        guard let key = values.first else { return nil }
        guard values.count == 1, IdempotencyRequest.isValidKey(key) else {
            throw SandboxError(
                400, code: "invalid_idempotency_key", "Idempotency-Key must be 1 to 255 visible ASCII characters")
        }
        let fingerprint = IdempotencyRequest.fingerprint(
            relayToken: relayToken, authorization: request.values("authorization"),
            relaySecret: request.values("persona-relay-secret"), normalizedBody: request.normalizedBody)
        return IdempotencyRequest(route: route, scope: scope, key: key, fingerprint: fingerprint)
    }

    /// Runs `work` under `lockKey`, replaying or refusing a known idempotency key first and storing the outcome
    /// after when it is storable (§5.4): same key and fingerprint → the stored reply; same key, other fingerprint →
    /// 400 "Idempotency error" `idempotency_key_reuse`.
    ///
    /// A replayed 2xx body is re-spelled for this request's `Key-Inflection` (§1): the inflection is not part of the
    /// fingerprint, so a retry may ask for another spelling of the same answer.
    func withIdempotency(
        _ idempotency: IdempotencyRequest?, lockKey: String?, inflection: KeyInflection,
        _ work: @escaping @Sendable () async throws -> SandboxReply
    ) async throws -> SandboxReply {
        guard let lockKey else { return try await Self.reply(from: work) }
        return try await relayLocks.withLock(lockKey) { [self] in
            let now = clock.now()
            if let idempotency,
                let stored = try await database.idempotencyRecord(
                    for: idempotency, now: now, retention: configuration.idempotencyRetention)
            {
                guard ConstantTimeComparison.equal(stored.fingerprint, idempotency.fingerprint) else {
                    return SandboxError(
                        400, code: "idempotency_key_reuse", title: "Idempotency error",
                        "this Idempotency-Key was used with a different request"
                    ).reply
                }
                return stored.reply.respelled(for: inflection)
            }
            let reply = try await Self.reply(from: work)
            if let idempotency, reply.isStorable {
                try await database.storeIdempotencyRecord(reply, for: idempotency, now: clock.now())
            }
            return reply
        }
    }

    /// The reply of `work`, a ``SandboxError`` turned into its reply (other errors propagate).
    static func reply(from work: @Sendable () async throws -> SandboxReply) async throws -> SandboxReply {
        do {
            return try await work()
        } catch let error as SandboxError {
            return error.reply
        }
    }
}
