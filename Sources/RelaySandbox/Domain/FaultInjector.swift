import Synchronization

/// Injected faults (relay-protocol.md §9, §13.6): the next `times` requests whose path equals `path` (any method)
/// are answered with `status` before the idempotency layer sees them.
final class FaultInjector: Sendable {
    private struct Fault {
        var status: Int
        var remaining: Int
    }

    private let faults = Mutex<[String: Fault]>([:])

    /// Arms a fault for `path`, replacing any armed one.
    func arm(path: String, status: Int, times: Int) {
        faults.withLock { $0[path] = Fault(status: status, remaining: times) }
    }

    /// The status to fail a request for `path` with, consuming one use; `nil` when no fault is armed.
    func consume(path: String) -> Int? {
        faults.withLock { faults -> Int? in
            guard var fault = faults[path], fault.remaining > 0 else { return nil }
            fault.remaining -= 1
            faults[path] = fault.remaining > 0 ? fault : nil
            return fault.status
        }
    }

    /// Disarms every fault.
    func reset() {
        faults.withLock { $0.removeAll() }
    }
}
