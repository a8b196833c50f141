#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Synchronization

/// Fixed-window rate limiting (relay-protocol.md §7): `limit` requests per window and bucket, a bucket per API key
/// and one shared bucket for unauthenticated calls. Windows are aligned to the simulated clock. Counters live in
/// memory only.
final class RateLimiter: Sendable {
    /// The state of a bucket after a request, for the `RateLimit-*` headers.
    struct Decision: Sendable {
        /// Whether the request is allowed.
        let allowed: Bool
        /// `RateLimit-Limit`.
        let limit: Int
        /// `RateLimit-Remaining`.
        let remaining: Int
        /// `RateLimit-Reset` (and `Retry-After` on 429): whole seconds to the end of the window, at least 1.
        let reset: Int
    }

    private struct Bucket {
        var window: Int64
        var count: Int
    }

    private let limit: Int
    private let window: TimeInterval
    private let buckets = Mutex<[String: Bucket]>([:])

    /// A limiter of `limit` requests per `window` seconds.
    init(limit: Int, window: TimeInterval) {
        self.limit = limit
        self.window = window
    }

    /// Counts a request against `bucket` at `now` (when `consume`) and reports the bucket's state; a request that
    /// is not counted (a control endpoint) is always allowed.
    func check(bucket: String, now: Date, consume: Bool) -> Decision {
        let seconds = now.timeIntervalSince1970
        let windowIndex = Int64((seconds / window).rounded(.down))
        let windowEnd = Double(windowIndex + 1) * window
        let reset = max(1, Int((windowEnd - seconds).rounded(.up)))
        let count = buckets.withLock { buckets -> Int in
            var state = buckets[bucket] ?? Bucket(window: windowIndex, count: 0)
            if state.window != windowIndex { state = Bucket(window: windowIndex, count: 0) }
            if consume { state.count += 1 }
            buckets[bucket] = state
            return state.count
        }
        return Decision(allowed: !consume || count <= limit, limit: limit, remaining: max(0, limit - count), reset: reset)
    }

    /// Forgets every counter (`POST /_sandbox/reset`).
    func reset() {
        buckets.withLock { $0.removeAll() }
    }
}
