internal import CGMP
import Dispatch
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The helper thread of the two-core CRT path: one long-lived thread that runs one task at a time, handed over
/// with a few atomic operations instead of a thread wake-up. It is an object its owner creates, configures and
/// stops (``BlindSigning/TwoCoreSigner`` in the RSA module); nothing in the package starts one on its own.
///
/// A two-core private-key operation lasts a few hundred microseconds; waking a parked thread for its second half
/// costs tens to hundreds of microseconds on a virtual machine (the idle virtual CPU has to be scheduled again),
/// which can be all that the second core would save. So the helper spins for a while after each task (the spin
/// duration, 2 ms by default: requests that arrive within it find the helper awake; sparse callers pay for it with
/// up to that much CPU time on another core per call) before it parks on a semaphore, and the caller spins for the
/// helper's result.
///
/// Two rules keep the two-core path never slower than the serial one by more than a few atomic operations:
/// - when the helper is busy (another caller's task), stopped or could not be started, ``tryPost(_:)`` returns
///   `nil` and the caller computes the half itself: under load the path degrades to the serial one and never
///   queues;
/// - when the caller has finished its own half and the helper has not yet started the posted one (it was parked
///   and is still waking up), ``reclaimIfNotStarted(_:)`` takes the task back and the caller runs it.
package final class CRTHelperThread: Sendable {
    /// A helper for the package's tests of the two-core path, started on first use by a test only.
    package static let forTests = CRTHelperThread(spinDuration: .milliseconds(2))

    /// How long the helper keeps looking for a new task after finishing one before it parks, in nanoseconds.
    private let spinNanoseconds: UInt64

    /// The slot: `ticket << 2 | phase`, phase 0 free, 1 claimed by a caller (writing or taking back the task),
    /// 2 task ready, 3 running. Every post draws a new ticket, so a caller can take back only its own task.
    private let state = Atomic<UInt64>(0)
    /// The helper is parked (or about to park) on `wake`.
    private let parked = Atomic<Bool>(false)
    /// ``stop()`` was called: the thread exits, and no task is accepted any more.
    private let stopped = Atomic<Bool>(false)
    /// Whether the thread was started.
    private let running = Atomic<Bool>(false)
    private let wake = DispatchSemaphore(value: 0)
    private let task = Mutex<(@Sendable () -> Void)?>(nil)

    /// Starts a helper thread that polls for `spinDuration` after each task before it parks (zero: it parks at
    /// once). If the thread cannot be created, every ``tryPost(_:)`` returns `nil` (callers compute serially).
    package init(spinDuration: Duration) {
        let (seconds, attoseconds) = spinDuration.components
        spinNanoseconds = UInt64(max(0, seconds)) * 1_000_000_000 + UInt64(max(0, attoseconds) / 1_000_000_000)
        #if canImport(Glibc)
        var thread = pthread_t()
        #else
        var thread: pthread_t? = nil
        #endif
        // The thread holds a reference until it exits, so the object outlives it.
        let context = Unmanaged.passRetained(HelperBox(self)).toOpaque()
        let created = pthread_create(&thread, nil, { argument in
            guard let argument else { return nil }
            let box = Unmanaged<HelperBox>.fromOpaque(argument).takeRetainedValue()
            box.helper?.serve()
            return nil
        }, context)
        running.store(created == 0, ordering: .sequentiallyConsistent)
        if created == 0 {
            #if canImport(Glibc)
            pthread_detach(thread)
            #else
            if let thread { pthread_detach(thread) }
            #endif
        } else {
            Unmanaged<HelperBox>.fromOpaque(context).release()
        }
    }

    /// Stops the helper: it finishes a task it has started, then exits; later posts are refused (callers compute
    /// both halves themselves). Idempotent.
    package func stop() {
        guard !stopped.exchange(true, ordering: .sequentiallyConsistent) else { return }
        wake.signal()
    }

    /// Whether the helper thread is running and not stopped.
    package var isRunning: Bool {
        running.load(ordering: .sequentiallyConsistent) && !stopped.load(ordering: .sequentiallyConsistent)
    }

    /// A posted task, for ``reclaimIfNotStarted(_:)``.
    struct Ticket {
        fileprivate let number: UInt64
    }

    /// Hands `body` to the helper thread, or returns `nil` (and does not run it) when the helper is busy or not
    /// running. After a ticket, the caller must call ``reclaimIfNotStarted(_:)`` with it exactly once.
    func tryPost(_ body: @escaping @Sendable () -> Void) -> Ticket? {
        guard running.load(ordering: .sequentiallyConsistent), !stopped.load(ordering: .sequentiallyConsistent) else {
            return nil
        }
        let current = state.load(ordering: .sequentiallyConsistent)
        guard current & 3 == 0 else { return nil }
        let number = (current >> 2) &+ 1
        guard
            state.compareExchange(expected: current, desired: number << 2 | 1, ordering: .sequentiallyConsistent)
                .exchanged
        else {
            return nil
        }
        task.withLock { $0 = body }
        state.store(number << 2 | 2, ordering: .sequentiallyConsistent)
        if parked.load(ordering: .sequentiallyConsistent) {
            wake.signal()
        }
        return Ticket(number: number)
    }

    /// Takes the posted task back if the helper has not started it: returns `true` when the caller now has to run
    /// it itself, `false` when the helper has started it (the caller waits for its completion signal).
    func reclaimIfNotStarted(_ ticket: Ticket) -> Bool {
        let ready = ticket.number << 2 | 2
        guard
            state.compareExchange(expected: ready, desired: ticket.number << 2 | 1, ordering: .sequentiallyConsistent)
                .exchanged
        else {
            return false
        }
        task.withLock { $0 = nil }
        state.store(ticket.number << 2, ordering: .sequentiallyConsistent)
        return true
    }

    /// The helper's loop: take a ready task, run it, free the slot; spin for a while, then park; exit once stopped
    /// (after running a task that was already posted, so that its caller is never left waiting).
    private func serve() {
        var idleSince = DispatchTime.now().uptimeNanoseconds
        while true {
            let current = state.load(ordering: .sequentiallyConsistent)
            if current & 3 == 2,
                state.compareExchange(expected: current, desired: current | 3, ordering: .sequentiallyConsistent)
                    .exchanged
            {
                let body = task.withLock { slot in
                    defer { slot = nil }
                    return slot
                }
                body?()
                state.store(current & ~3, ordering: .sequentiallyConsistent)
                idleSince = DispatchTime.now().uptimeNanoseconds
                continue
            }
            if stopped.load(ordering: .sequentiallyConsistent) {
                return
            }
            for _ in 0..<64 {
                cgmp_spin_pause()
            }
            if DispatchTime.now().uptimeNanoseconds - idleSince > spinNanoseconds {
                // Park; re-check after announcing it, so a task posted (or a stop) meanwhile is not missed (the
                // poster reads `parked` after publishing the task, and one of the two sequentially consistent
                // orders holds).
                parked.store(true, ordering: .sequentiallyConsistent)
                if state.load(ordering: .sequentiallyConsistent) & 3 != 2, !stopped.load(ordering: .sequentiallyConsistent) {
                    wake.wait()
                }
                parked.store(false, ordering: .sequentiallyConsistent)
                idleSince = DispatchTime.now().uptimeNanoseconds
            }
        }
    }
}

/// The thread's reference to its helper, handed through `pthread_create`'s context pointer.
private final class HelperBox {
    let helper: CRTHelperThread?

    init(_ helper: CRTHelperThread) {
        self.helper = helper
    }
}

/// A completion flag that the caller of ``CRTHelperThread/tryPost(_:)`` spins on.
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
