import Foundation
import Testing

/// Runs the built `privacy-pass` executable as a subprocess, the way other tools and scripts call it.
enum CLI {
    /// What one run of the tool produced.
    struct Output: CustomStringConvertible {
        let status: Int32
        let stdout: Data
        let stderr: Data

        var stdoutText: String { String(decoding: stdout, as: UTF8.self) }
        var stderrText: String { String(decoding: stderr, as: UTF8.self) }

        /// The lines of standard output, without the final newline.
        var stdoutLines: [String] { lines(stdoutText) }
        /// The lines of standard error, without the final newline.
        var stderrLines: [String] { lines(stderrText) }

        private func lines(_ text: String) -> [String] {
            var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            if lines.last == "" { lines.removeLast() }
            return lines
        }

        var description: String {
            "exit \(status)\n--- stdout ---\n\(stdoutText.prefix(2000))\n--- stderr ---\n\(stderrText.prefix(2000))"
        }
    }

    struct HarnessError: Error, CustomStringConvertible {
        let description: String
    }

    /// The package root, found relative to this file (…/Tests/PrivacyPassCLITests/CLIHarness.swift).
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // PrivacyPassCLITests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // package root

    /// `Vectors/` of the package.
    static let vectorsDirectory = packageRoot.appendingPathComponent("Vectors", isDirectory: true)

    /// The Wycheproof files of the sibling shared folder (`../shared/vectors/wycheproof/`), when present.
    static let wycheproofDirectory = packageRoot.deletingLastPathComponent()
        .appendingPathComponent("shared/vectors/wycheproof", isDirectory: true)

    static var wycheproofDirectoryExists: Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: wycheproofDirectory.path, isDirectory: &isDirectory)
            && isDirectory.boolValue
    }

    /// The `privacy-pass` executable in the products folder holding this test bundle (`.build/debug/` or
    /// `.build/<triple>/debug/`): looked for next to the running test binary and in the folders above it.
    static let executable: Result<URL, HarnessError> = {
        var starts: [URL] = []
        if let first = CommandLine.arguments.first, !first.isEmpty {
            starts.append(URL(fileURLWithPath: first).resolvingSymlinksInPath().deletingLastPathComponent())
        }
        if let executableURL = Bundle.main.executableURL {
            starts.append(executableURL.resolvingSymlinksInPath().deletingLastPathComponent())
        }
        starts.append(Bundle.main.bundleURL)
        var tried: [String] = []
        for start in starts {
            var directory = start.standardizedFileURL
            for _ in 0..<6 {
                let candidate = directory.appendingPathComponent("privacy-pass")
                var isDirectory: ObjCBool = false
                if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDirectory),
                    !isDirectory.boolValue, FileManager.default.isExecutableFile(atPath: candidate.path)
                {
                    return .success(candidate)
                }
                tried.append(directory.path)
                let parent = directory.deletingLastPathComponent()
                if parent.path == directory.path { break }
                directory = parent
            }
        }
        return .failure(
            HarnessError(
                description: "the privacy-pass executable was not found next to the test bundle (looked in: "
                    + tried.joined(separator: ", ") + "). Build it first: swift build --build-tests"
            )
        )
    }()

    /// Runs `privacy-pass arguments…` with `input` on standard input; waits for it to exit.
    ///
    /// Standard input, output and error go through temporary files, so that no pipe can fill up and block.
    static func run(_ arguments: [String], input: Data = Data()) throws -> Output {
        let executable = try Self.executable.get()
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        let inputURL = scratch.url.appendingPathComponent("stdin")
        let outputURL = scratch.url.appendingPathComponent("stdout")
        let errorURL = scratch.url.appendingPathComponent("stderr")
        try input.write(to: inputURL)
        FileManager.default.createFile(atPath: outputURL.path, contents: nil)
        FileManager.default.createFile(atPath: errorURL.path, contents: nil)
        let stdin = try FileHandle(forReadingFrom: inputURL)
        let stdout = try FileHandle(forWritingTo: outputURL)
        let stderr = try FileHandle(forWritingTo: errorURL)
        defer {
            try? stdin.close()
            try? stdout.close()
            try? stderr.close()
        }

        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        process.waitUntilExit()
        return Output(
            status: process.terminationStatus, stdout: try Data(contentsOf: outputURL),
            stderr: try Data(contentsOf: errorURL)
        )
    }

    /// Requires exit status 0 and returns the output.
    static func succeed(
        _ arguments: [String], input: Data = Data(), sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> Output {
        let output = try run(arguments, input: input)
        try #require(output.status == 0, "privacy-pass \(arguments.joined(separator: " ")): \(output)",
            sourceLocation: sourceLocation)
        return output
    }

    /// Checks the contract for a failure: a non-zero status (or exactly `status`), nothing on standard output
    /// and exactly one non-empty line on standard error. Returns that line.
    @discardableResult
    static func expectOneLineFailure(
        _ output: Output, status: Int32? = nil, _ what: String, sourceLocation: SourceLocation = #_sourceLocation
    ) -> String? {
        if let status {
            #expect(output.status == status, "\(what): \(output)", sourceLocation: sourceLocation)
        } else {
            #expect(output.status != 0, "\(what): \(output)", sourceLocation: sourceLocation)
        }
        #expect(output.stdout.isEmpty, "\(what): expected nothing on stdout: \(output)", sourceLocation: sourceLocation)
        let lines = output.stderrLines
        #expect(lines.count == 1 && !(lines.first ?? "").isEmpty,
            "\(what): expected one line on stderr: \(output)", sourceLocation: sourceLocation)
        return lines.count == 1 ? lines[0] : nil
    }

    /// A JSON object printed on standard output.
    static func jsonObject(_ output: Output, sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: output.stdout)
        return try #require(object as? [String: Any], "not a JSON object: \(output)", sourceLocation: sourceLocation)
    }

    /// Whether `text` is lowercase hex with an even number of digits.
    static func isLowercaseHex(_ text: String) -> Bool {
        text.utf8.count % 2 == 0 && text.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }
}

/// A fresh temporary folder; `remove()` deletes it with everything in it.
struct TemporaryDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("privacy-pass-cli-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func file(_ name: String) -> URL {
        url.appendingPathComponent(name)
    }

    /// Writes `text` to `name` in this folder and returns its path.
    func write(_ text: String, to name: String) throws -> String {
        let fileURL = file(name)
        try Data(text.utf8).write(to: fileURL)
        return fileURL.path
    }

    func remove() {
        try? FileManager.default.removeItem(at: url)
    }
}

/// Keys made once per test process with the tool itself (`keygen`, `public-key`), kept in memory; each test writes
/// them into its own temporary folder.
enum CLIKeys {
    struct Material: Sendable {
        /// PKCS#8 PEM from `keygen --bits 2048 --out FILE`.
        let privatePEM: String
        /// `public-key --format spki` of it.
        let publicPEM: String
    }

    static let shared: Result<Material, any Error> = Result {
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        let keyPath = scratch.file("key.pem").path
        _ = try CLI.succeed(["keygen", "--bits", "2048", "--out", keyPath])
        let privatePEM = try String(contentsOfFile: keyPath, encoding: .utf8)
        let publicPEM = try CLI.succeed(["public-key", "--in", keyPath, "--format", "spki"]).stdoutText
        return Material(privatePEM: privatePEM, publicPEM: publicPEM)
    }

    /// Writes the shared key pair into `directory`; returns the paths (private, public).
    static func write(into directory: TemporaryDirectory) throws -> (privateKey: String, publicKey: String) {
        let material = try shared.get()
        return (
            try directory.write(material.privatePEM, to: "key.pem"),
            try directory.write(material.publicPEM, to: "pub.pem")
        )
    }
}
