/// The outcome of one test case in a vector file.
public enum VectorCaseOutcome: Equatable, Sendable {
    /// The library behaved as the vector says.
    case passed
    /// The library did not; the reason names the case and the mismatch.
    case failed(String)
    /// The case needs something the library does not implement (e.g. SHA-224); the reason says what.
    case skipped(String)
}

/// The result of running one vector file.
public struct VectorFileReport: Sendable {
    /// The file, as given.
    public let path: String
    /// Cases that passed.
    public private(set) var passed = 0
    /// Cases that failed.
    public private(set) var failed = 0
    /// Cases that were skipped.
    public private(set) var skipped = 0
    /// Why cases failed (one line each).
    public private(set) var failures: [String] = []
    /// Why cases were skipped, with how many cases each reason covers.
    public private(set) var skipReasons: [String: Int] = [:]

    init(path: String) {
        self.path = path
    }

    mutating func record(_ outcome: VectorCaseOutcome) {
        switch outcome {
        case .passed:
            passed += 1
        case .failed(let reason):
            failed += 1
            failures.append(reason)
        case .skipped(let reason):
            skipped += 1
            skipReasons[reason, default: 0] += 1
        }
    }

    /// The contract's line: `FILE: N passed, M failed, K skipped`.
    public var summaryLine: String {
        "\(path): \(passed) passed, \(failed) failed, \(skipped) skipped"
    }
}

/// Why a file could not be run at all (the CLI exits with status 2).
public struct VectorFileError: Error, CustomStringConvertible, Sendable {
    /// The file.
    public let path: String
    /// What is wrong with it.
    public let reason: String

    public var description: String { "\(path): \(reason)" }
}
