import Synchronization

/// A test hook that sees the blinding of every private-key exponentiation: the factor r and, for each prime, the
/// blinded base x'_P = (x mod P) · r^e mod P that `mpn_sec_powm` runs on.
///
/// It exists so that tests can prove that every call draws a fresh r *and applies it*: with the blinding dropped,
/// the observed base is x mod P itself and the test fails. It is `package`-visible only, and costs one relaxed
/// atomic load per call when no observer is installed. The observer receives secret values: never install one
/// outside a test.
package enum BlindingObserver {
    /// What one half of one call used.
    package struct Observation: Sendable {
        /// The blinding factor r, modulo n.
        package let factor: BigNum
        /// The prime P of this half.
        package let prime: BigNum
        /// The base `mpn_sec_powm` ran on: (x mod P) · r^e mod P.
        package let blindedBase: BigNum
    }

    private static let active = Atomic<Bool>(false)
    private static let observer = Mutex<(source: ObjectIdentifier, body: @Sendable (Observation) -> Void)?>(nil)

    /// Installs `body` for the calls of `exponent` (only: other keys' operations in parallel tests are not
    /// reported) for the duration of `operation`, then removes it.
    package static func observing<R>(
        _ exponent: CRTPrivateExponent, _ body: @escaping @Sendable (Observation) -> Void,
        during operation: () throws -> R
    ) rethrows -> R {
        observer.withLock { $0 = (ObjectIdentifier(exponent), body) }
        active.store(true, ordering: .sequentiallyConsistent)
        defer {
            active.store(false, ordering: .sequentiallyConsistent)
            observer.withLock { $0 = nil }
        }
        return try operation()
    }

    /// Reports one half's blinding to the installed observer, if any.
    static func notify(
        from source: CRTPrivateExponent, factor: SecretInteger, prime: SecretModulus,
        blindedBase: @autoclosure () -> SecretInteger
    ) {
        guard active.load(ordering: .relaxed) else { return }
        guard let installed = observer.withLock({ $0 }), installed.source == ObjectIdentifier(source) else { return }
        installed.body(
            Observation(
                factor: factor.declassified(), prime: prime.limbs.bigNum(limbs: prime.limbCount),
                blindedBase: blindedBase().declassified()))
    }
}
