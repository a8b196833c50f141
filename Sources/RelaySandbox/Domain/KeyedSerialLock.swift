/// Serialises async work per key: work for one key runs one at a time, in arrival order; different keys run
/// concurrently. Used so that concurrent requests for one relay (or one idempotency key, or one key slot) are
/// handled one after another (relay-protocol.md §5.4).
actor KeyedSerialLock {
    private var tails: [String: Task<Void, Never>] = [:]
    private var waiting: [String: Int] = [:]

    /// Runs `work` after every earlier `work` for `key` has finished.
    func withLock<T: Sendable>(
        _ key: String, _ work: @escaping @Sendable () async throws -> T
    ) async throws -> T {
        let previous = tails[key]
        waiting[key, default: 0] += 1
        let task = Task<Result<T, any Error>, Never> {
            await previous?.value
            do { return .success(try await work()) } catch { return .failure(error) }
        }
        tails[key] = Task { _ = await task.value }
        let result = await task.value
        waiting[key, default: 1] -= 1
        if waiting[key] == 0 {
            waiting[key] = nil
            tails[key] = nil
        }
        return try result.get()
    }
}
