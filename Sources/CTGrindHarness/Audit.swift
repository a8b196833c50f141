import CTGrindHooks

/// Counts memcheck's reports per operation, between operations and in the canary, prints one line per operation,
/// and decides the verdict.
final class Audit {
    /// One recorded operation.
    struct Record {
        /// Size and name, e.g. "2048 oaep-decrypt valid".
        let name: String
        /// The memcheck errors it added.
        let errors: Int
        /// Why the operation itself failed (a wrong result), if it did.
        let failure: String?
    }

    private(set) var records: [Record] = []
    /// Errors added outside any operation after the first one started (harness glue touching a secret).
    private(set) var outsideErrors = 0
    /// Errors before the first operation: nothing is marked yet, so they cannot be leaks of a secret; they are
    /// printed (valgrind noise to suppress in scripts/ctgrind.sh) but not counted as leaks.
    private let startupErrors: Int
    private var canaryErrors = 0
    private var canaryMisbehaved = false
    private var lastCount: Int
    private let clock = ContinuousClock()
    private let started: ContinuousClock.Instant

    /// An audit starting from memcheck's current error count.
    init() {
        startupErrors = ctgrind_error_count()
        lastCount = startupErrors
        started = clock.now
    }

    /// Runs one operation and records the errors it added. `body` does the library call(s) and then declassifies
    /// and checks the outputs; a thrown error is a failure of the operation (its result was wrong).
    func run(_ name: String, _ body: () throws -> Void) {
        ctgrind_log("ctgrind-op: \(name)")
        let before = ctgrind_error_count()
        outsideErrors += before - lastCount
        let start = clock.now
        var failure: String?
        do {
            try body()
        } catch {
            failure = "\(error)"
        }
        let after = ctgrind_error_count()
        lastCount = after
        ctgrind_log("ctgrind-op: (between operations)")
        let record = Record(name: name, errors: after - before, failure: failure)
        records.append(record)
        let padded = name.padding(toLength: 36)
        print("op \(padded) errors +\(record.errors)  (\(format(clock.now - start)))\(failure.map { "  FAILED: \($0)" } ?? "")")
    }

    /// Runs one part of the canary and records its errors separately from the operations'. `expectReports` says
    /// whether memcheck must report something (a deliberate leak) or nothing (a declassified value).
    func runCanary(_ name: String, expectReports: Bool, _ body: () -> Void) {
        ctgrind_log("ctgrind-op: canary")
        let before = ctgrind_error_count()
        outsideErrors += before - lastCount
        body()
        let after = ctgrind_error_count()
        lastCount = after
        let errors = after - before
        canaryErrors += errors
        if (errors > 0) != expectReports {
            canaryMisbehaved = true
        }
        print("canary \(name.padding(toLength: 32)) errors +\(errors)  (expected \(expectReports ? "> 0" : "0"))")
    }

    /// Prints the verdict and returns the exit status: 0 when no operation added an error, none failed, and the
    /// canary was detected; 1 otherwise.
    func finish() -> Int32 {
        if startupErrors > 0 {
            print("note: \(startupErrors) memcheck errors before anything was marked (not counted: valgrind noise)")
        }
        if outsideErrors > 0 {
            print("between operations (harness glue): errors +\(outsideErrors)")
        }
        let failures = records.filter { $0.failure != nil }
        for failed in failures {
            print("ctgrind: operation \(failed.name) failed: \(failed.failure ?? "")")
        }
        let leaks = records.reduce(0) { $0 + $1.errors } + outsideErrors
        let detected = canaryErrors > 0 && !canaryMisbehaved
        print("total time under valgrind: \(format(clock.now - started))")
        print(
            "ctgrind: \(records.count) operations, \(leaks) leaks, \(detected ? "canary detected" : "canary NOT detected")"
        )
        return leaks == 0 && detected && failures.isEmpty ? 0 : 1
    }
}

/// A duration as seconds with two decimals, e.g. "12.34 s".
func format(_ duration: Duration) -> String {
    let hundredths = duration.components.seconds * 100 + duration.components.attoseconds / 10_000_000_000_000_000
    let fraction = hundredths % 100
    return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction) s"
}

extension String {
    /// The string padded with spaces to at least `length` characters.
    func padding(toLength length: Int) -> String {
        count >= length ? self : self + String(repeating: " ", count: length - count)
    }
}
