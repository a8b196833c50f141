import Foundation
import PrivacyPassCLI
import Testing

/// `vectors` (the conformance runner) and `bench`.
@Suite("privacy-pass: vectors and bench")
struct CLIVectorsAndBenchTests {
    /// `FILE: N passed, M failed, K skipped`.
    static var fileLine: Regex<(Substring, Substring, Substring, Substring, Substring)> {
        #/^(.+): (\d+) passed, (\d+) failed, (\d+) skipped$/#
    }
    /// The last line: `N passed, M failed`.
    static var totalLine: Regex<(Substring, Substring, Substring)> {
        #/^(\d+) passed, (\d+) failed$/#
    }

    struct FileResult {
        let path: String
        let passed: Int
        let failed: Int
        let skipped: Int
    }

    /// Checks the output's shape (file lines, then the total line) and returns the file lines and the totals.
    static func parse(_ output: CLI.Output, sourceLocation: SourceLocation = #_sourceLocation) throws
        -> (files: [FileResult], passed: Int, failed: Int)
    {
        let lines = output.stdoutLines
        let last = try #require(lines.last, "no output: \(output)", sourceLocation: sourceLocation)
        var files: [FileResult] = []
        for line in lines.dropLast() {
            guard let match = line.wholeMatch(of: fileLine) else {
                Issue.record("not a FILE: N passed, M failed, K skipped line: \(line)", sourceLocation: sourceLocation)
                continue
            }
            files.append(
                FileResult(
                    path: String(match.1), passed: Int(match.2)!, failed: Int(match.3)!, skipped: Int(match.4)!
                )
            )
        }
        let total = try #require(last.wholeMatch(of: totalLine), "bad last line: \(last)", sourceLocation: sourceLocation)
        let passed = Int(total.1)!
        let failed = Int(total.2)!
        #expect(passed == files.map(\.passed).reduce(0, +), "the total does not add up", sourceLocation: sourceLocation)
        #expect(failed == files.map(\.failed).reduce(0, +), "the total does not add up", sourceLocation: sourceLocation)
        return (files, passed, failed)
    }

    /// The `.json` files below `directory`.
    static func jsonFiles(below directory: URL) -> [String] {
        let enumerator = FileManager.default.enumerator(atPath: directory.path)
        var files: [String] = []
        while let relative = enumerator?.nextObject() as? String {
            if relative.hasSuffix(".json") { files.append(relative) }
        }
        return files
    }

    // MARK: - vectors

    @Test("vectors Vectors/: every file passes, at least 1250 cases, exit 0")
    func projectVectors() throws {
        let output = try CLI.run(["vectors", CLI.vectorsDirectory.path])
        #expect(output.status == 0, "\(output)")
        let result = try Self.parse(output)
        #expect(result.failed == 0)
        #expect(result.passed >= 1250, "only \(result.passed) cases passed")
        #expect(result.files.count == Self.jsonFiles(below: CLI.vectorsDirectory).count, "one line per file")
        for file in result.files {
            #expect(file.failed == 0, "\(file.path)")
            #expect(file.passed + file.skipped > 0, "\(file.path) ran nothing")
        }
    }

    @Test("vectors on the upstream Wycheproof files: no failures, every test counted",
        .enabled(if: CLI.wycheproofDirectoryExists, "../shared/vectors/wycheproof is not present"))
    func wycheproofVectors() throws {
        let output = try CLI.run(["vectors", CLI.wycheproofDirectory.path])
        #expect(output.status == 0, "\(output)")
        let result = try Self.parse(output)
        #expect(result.failed == 0)
        #expect(result.passed > 0)
        #expect(result.files.count == Self.jsonFiles(below: CLI.wycheproofDirectory).count)
        for file in result.files {
            #expect(file.failed == 0, "\(file.path)")
            // Every test of the file is counted once, as passed or skipped.
            let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: file.path)))
            let numberOfTests = try #require((json as? [String: Any])?["numberOfTests"] as? NSNumber)
            #expect(file.passed + file.skipped == numberOfTests.intValue, "\(file.path)")
        }
    }

    /// A vector file, the JSON key of a value to corrupt, and the expected line.
    struct Corruption: Sendable, CustomTestStringConvertible {
        let file: String
        let field: String
        let expectedCounts: String

        var testDescription: String { "\(field) in \(file)" }
    }

    @Test("vectors: a file with one corrupted expected value reports 1 failed and exits 1",
        arguments: [
            Corruption(file: "rsabssa/rfc9474.json", field: "sig", expectedCounts: "3 passed, 1 failed, 0 skipped"),
            Corruption(file: "rsa-oaep/rfc8017-oaep-int.json", field: "ct", expectedCounts: "0 passed, 1 failed, 0 skipped"),
            Corruption(
                file: "rsa-pss/wycheproof-rsa-pss-2048-sha256-mgf1-sha256-salt32.json", field: "sig",
                expectedCounts: "107 passed, 1 failed, 0 skipped"
            ),
        ])
    func corruptedVector(corruption: Corruption) throws {
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        var text = try String(contentsOf: CLI.vectorsDirectory.appendingPathComponent(corruption.file), encoding: .utf8)
        // Flip one hex digit in the middle of the first value of `field` (the first case, a valid one).
        let marker = "\"\(corruption.field)\": \""
        let start = try #require(text.range(of: marker), "no \(marker) in \(corruption.file)").upperBound
        let end = try #require(text[start...].firstIndex(of: "\""))
        let value = text[start..<end]
        #expect(value.count > 16)
        let position = value.index(value.startIndex, offsetBy: value.count / 2)
        text.replaceSubrange(position...position, with: text[position] == "0" ? "1" : "0")
        let path = try scratch.write(text, to: (corruption.file as NSString).lastPathComponent)

        let output = try CLI.run(["vectors", path])
        #expect(output.status == 1, "\(output)")
        let result = try Self.parse(output)
        #expect(result.failed == 1)
        #expect(output.stdoutLines.first == "\(path): \(corruption.expectedCounts)", "\(output)")
        #expect(output.stdoutText.contains("1 failed"))
    }

    @Test("vectors: a JSON file that is not a vector file exits 2")
    func notAVectorFile() throws {
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        let path = try scratch.write("{\"a\":1}", to: "a.json")
        let output = try CLI.run(["vectors", path])
        #expect(output.status == 2, "\(output)")
        #expect(!output.stderr.isEmpty)
        #expect(output.stdoutLines.last == "0 passed, 0 failed")
    }

    @Test("vectors: a missing file exits 2")
    func missingFile() throws {
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        let output = try CLI.run(["vectors", scratch.file("missing.json").path])
        #expect(output.status == 2, "\(output)")
        #expect(!output.stderr.isEmpty)
        #expect(output.stdoutLines.last == "0 passed, 0 failed")
    }

    @Test("vectors: a missing file next to a good one still runs the good one, and exits 2")
    func missingFileNextToGoodOne() throws {
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        let good = CLI.vectorsDirectory.appendingPathComponent("rsa-oaep/rfc8017-oaep-int.json").path
        let output = try CLI.run(["vectors", good, scratch.file("missing.json").path])
        #expect(output.status == 2, "\(output)")
        #expect(output.stdoutLines == ["\(good): 1 passed, 0 failed, 0 skipped", "1 passed, 0 failed"])
    }

    @Test("VectorSuite.run(fileAt:) in-process on the RFC 9474 file: 4 passed")
    func vectorSuiteInProcess() throws {
        let path = CLI.vectorsDirectory.appendingPathComponent("rsabssa/rfc9474.json").path
        let report = try VectorSuite.run(fileAt: path)
        #expect(report.passed == 4)
        #expect(report.failed == 0, "\(report.failures)")
        #expect(report.skipped == 0)
        #expect(report.summaryLine == "\(path): 4 passed, 0 failed, 0 skipped")
    }

    // MARK: - bench

    @Test("bench --seconds 0.05 --json prints one JSON object with every operation")
    func benchJSON() throws {
        let output = try CLI.succeed(["bench", "--seconds", "0.05", "--json"])
        #expect(output.stdoutLines.count == 1, "\(output)")
        let object = try CLI.jsonObject(output)
        #expect(Set(object.keys) == ["bits", "ops"])
        #expect((object["bits"] as? NSNumber)?.intValue == 2048)
        let ops = try #require(object["ops"] as? [String: Any], "\(output)")
        #expect(
            Set(ops.keys) == [
                "keygen", "blind", "blind-sign", "blind-sign-2core", "finalize", "verify", "pss-sign", "oaep-encrypt",
                "oaep-decrypt", "token-issuance",
            ]
        )
        for (name, value) in ops {
            let rate = try #require(value as? NSNumber, "\(name) is not a number: \(value)")
            #expect(rate.doubleValue > 0, "\(name): \(rate)")
        }
    }
}
