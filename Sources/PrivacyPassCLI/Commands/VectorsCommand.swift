import ArgumentParser

/// `privacy-pass vectors PATH...`: runs vector files and prints `FILE: N passed, M failed, K skipped` per file,
/// then `N passed, M failed`. Exit 1 if anything failed, 2 on an unreadable or unknown file.
struct VectorsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vectors",
        abstract: "Run vector files (the project's schema and Wycheproof JSON); folders run every .json file in them."
    )

    @Argument(help: "Vector files or folders.")
    var paths: [String]

    func run() throws {
        var passed = 0
        var failed = 0
        var unusable = false
        for path in VectorSuite.expand(paths) {
            do {
                let report = try VectorSuite.run(fileAt: path)
                print(report.summaryLine)
                for (reason, count) in report.skipReasons.sorted(by: { $0.key < $1.key }) {
                    StandardStreams.writeErrorLine("\(path): skipped \(count): \(reason)")
                }
                for failure in report.failures.prefix(20) {
                    StandardStreams.writeErrorLine("\(path): FAILED \(failure)")
                }
                passed += report.passed
                failed += report.failed
            } catch {
                StandardStreams.writeErrorLine("error: \(error)")
                unusable = true
            }
        }
        print("\(passed) passed, \(failed) failed")
        if unusable { throw ExitCode(2) }
        if failed > 0 { throw ExitCode(1) }
    }
}
