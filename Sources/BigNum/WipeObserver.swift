internal import CGMP
import Synchronization

/// A test hook that sees every limb buffer right after it was wiped and right before GMP frees it.
///
/// It exists so that tests can prove the wiping happens; it is `package`-visible only and costs one relaxed
/// atomic load per release when no observer is installed.
package enum WipeObserver {
    private static let active = Atomic<Bool>(false)
    private static let observer = Mutex<(@Sendable (UnsafeBufferPointer<UInt>) -> Void)?>(nil)

    /// Installs `body` for the duration of `operation`, then removes it.
    package static func observing<R>(
        _ body: @escaping @Sendable (UnsafeBufferPointer<UInt>) -> Void,
        during operation: () throws -> R
    ) rethrows -> R {
        observer.withLock { $0 = body }
        active.store(true, ordering: .sequentiallyConsistent)
        defer {
            active.store(false, ordering: .sequentiallyConsistent)
            observer.withLock { $0 = nil }
        }
        return try operation()
    }

    /// Reports a wiped buffer of `count` limbs to the installed observer, if any.
    static func notify(_ limbs: UnsafeMutablePointer<mp_limb_t>, count: Int) {
        guard active.load(ordering: .relaxed) else { return }
        let body = observer.withLock { $0 }
        limbs.withMemoryRebound(to: UInt.self, capacity: count) { pointer in
            body?(UnsafeBufferPointer(start: pointer, count: count))
        }
    }
}
