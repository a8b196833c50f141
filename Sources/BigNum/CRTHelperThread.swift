internal import CGMP
import Dispatch
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The helper thread of the two-core CRT path: one long-lived thread that runs one task at a time, handed over
/// with a few atomic operations instead of a thread wake-up.
///
/// A two-core private-key operation lasts a few hundred microseconds; waking a pooled thread for its second half
/// (and waking the caller again when it is done) costs tens of microseconds on a virtual machine, which is most of
/// what the second core could save. So the helper spins for a short while after each task (``spinDuration``)
/// before it parks on a semaphore, and the caller spins for the helper's result. When the helper is busy (another
/// caller's task) or could not be started, ``tryRun(_:)`` returns `false` and the caller computes the half itself:
/// under load the two-core path degrades to the serial one and never queues.
final class CRTHelperThread: Sendable {
    /// The process-wide helper, started on first use.
    static let shared = CRTHelperThread()

    /// How long the helper keeps looking for a new task after finishing one before it parks.
    static let spinDuration: UInt64 = 200_000  // nanoseconds

    /// 0: free; 1: claimed by a caller, which is writing the task; 2: task ready; 3: running.
    private let state = Atomic<Int>(0)
    /// The helper is parked (or about to park) on `wake`.
    private let parked = Atomic<Bool>(false)
    /// Whether the thread was started.
    private let running: Bool
    private let wake = DispatchSemaphore(value: 0)
    private let task = Mutex<(@Sendable () -> Void)?>(nil)

    private init() {
        #if canImport(Glibc)
        var thread = pthread_t()
        #else
        var thread: pthread_t? = nil
        #endif
        let created = pthread_create(&thread, nil, { _ in
            CRTHelperThread.shared.serve()
            return nil
        }, nil)
        running = created == 0
        if running {
            #if canImport(Glibc)
            pthread_detach(thread)
            #else
            if let thread { pthread_detach(thread) }
            #endif
        }
    }

    /// Hands `body` to the helper thread, or returns `false` (and does not run it) when the helper is busy or not
    /// running.
    func tryRun(_ body: @escaping @Sendable () -> Void) -> Bool {
        guard running,
            state.compareExchange(expected: 0, desired: 1, ordering: .sequentiallyConsistent).exchanged
        else {
            return false
        }
        task.withLock { $0 = body }
        state.store(2, ordering: .sequentiallyConsistent)
        if parked.load(ordering: .sequentiallyConsistent) {
            wake.signal()
        }
        return true
    }

    /// The helper's loop: take a ready task, run it, free the slot; spin for a while, then park.
    private func serve() {
        var idleSince = DispatchTime.now().uptimeNanoseconds
        while true {
            if state.load(ordering: .sequentiallyConsistent) == 2 {
                state.store(3, ordering: .sequentiallyConsistent)
                let body = task.withLock { current in
                    defer { current = nil }
                    return current
                }
                body?()
                state.store(0, ordering: .sequentiallyConsistent)
                idleSince = DispatchTime.now().uptimeNanoseconds
                continue
            }
            for _ in 0..<64 {
                cgmp_spin_pause()
            }
            if DispatchTime.now().uptimeNanoseconds - idleSince > Self.spinDuration {
                // Park; re-check after announcing it, so a task posted meanwhile is not missed (the poster reads
                // `parked` after publishing the task, and one of the two sequentially consistent orders holds).
                parked.store(true, ordering: .sequentiallyConsistent)
                if state.load(ordering: .sequentiallyConsistent) != 2 {
                    wake.wait()
                }
                parked.store(false, ordering: .sequentiallyConsistent)
                idleSince = DispatchTime.now().uptimeNanoseconds
            }
        }
    }
}

/// A completion flag that the caller of ``CRTHelperThread/tryRun(_:)`` spins on.
final class CompletionFlag: Sendable {
    private let done = Atomic<Bool>(false)

    /// Marks the task done; everything written before is visible to ``wait()``'s caller after it returns.
    func signal() {
        done.store(true, ordering: .releasing)
    }

    /// Spins until ``signal()`` (yielding the processor after the first few thousand tries, in case the helper
    /// was descheduled).
    func wait() {
        var tries = 0
        while !done.load(ordering: .acquiring) {
            if tries < 4096 {
                cgmp_spin_pause()
                tries += 1
            } else {
                sched_yield()
            }
        }
    }
}
