#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Synchronization

/// The sandbox's simulated clock (relay-protocol.md §9): real time plus an offset that `POST /_sandbox/clock`
/// advances. Expiry, key epochs, rate-limit windows and JWT `exp` all read it.
final class SandboxClock: Sendable {
    private let offset: Mutex<TimeInterval>

    /// A clock `offset` seconds ahead of real time.
    init(offset: TimeInterval = 0) {
        self.offset = Mutex(offset)
    }

    /// The simulated now.
    func now() -> Date {
        Date().addingTimeInterval(offset.withLock { $0 })
    }

    /// The current offset from real time, in seconds.
    var currentOffset: TimeInterval { offset.withLock { $0 } }

    /// Moves the clock `seconds` forward; returns the new offset.
    func advance(by seconds: TimeInterval) -> TimeInterval {
        offset.withLock { value in
            value += seconds
            return value
        }
    }

    /// Sets the offset (reset, restart).
    func setOffset(_ value: TimeInterval) {
        offset.withLock { $0 = value }
    }
}
