import Foundation
import RSA
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// `keygen --out FILE`: the key file is created mode 0600 whatever the umask, never over an existing file and
/// never through a symbolic link; refusals are one line on stderr with exit status 1.
@Suite("privacy-pass: keygen --out key files")
struct CLIKeyFileTests {
    /// Runs `privacy-pass arguments…` under `/bin/sh` with the umask set to `umask` for the tool only (the test
    /// process's own umask is shared by every test running in parallel and is left alone).
    static func run(_ arguments: [String], umask: Int) throws -> CLI.Output {
        let executable = try CLI.executable.get()
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        let outputURL = scratch.file("stdout")
        let errorURL = scratch.file("stderr")
        _ = FileManager.default.createFile(atPath: outputURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errorURL.path, contents: nil)
        let stdout = try FileHandle(forWritingTo: outputURL)
        let stderr = try FileHandle(forWritingTo: errorURL)
        defer {
            try? stdout.close()
            try? stderr.close()
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "umask \(String(umask, radix: 8)) && exec \"$0\" \"$@\"", executable.path]
            + arguments
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        process.waitUntilExit()
        return CLI.Output(
            status: process.terminationStatus, stdout: try Data(contentsOf: outputURL),
            stderr: try Data(contentsOf: errorURL)
        )
    }

    /// `lstat` of `path`: the mode bits (type and permissions), or nil when nothing is there.
    static func mode(_ path: String) -> mode_t? {
        var status = stat()
        return lstat(path, &status) == 0 ? status.st_mode : nil
    }

    /// Whether something (even a dangling symbolic link) has the name `path`.
    static func exists(_ path: String) -> Bool { mode(path) != nil }

    @Test("keygen --out creates a regular file with mode 0600 whatever the umask", arguments: [0o000, 0o022, 0o077])
    func modeIs0600(umask: Int) throws {
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        let path = scratch.file("key.pem").path
        let output = try Self.run(["keygen", "--bits", "2048", "--out", path], umask: umask)
        try #require(output.status == 0, "\(output)")
        #expect(output.stdout.isEmpty && output.stderr.isEmpty, "\(output)")
        let mode = try #require(Self.mode(path), "no file at \(path)")
        #expect(mode & S_IFMT == S_IFREG, "not a regular file: \(String(mode, radix: 8))")
        #expect(mode & 0o7777 == 0o600, "mode \(String(mode & 0o7777, radix: 8)) under umask \(String(umask, radix: 8))")
        var status = stat()
        #expect(lstat(path, &status) == 0 && status.st_uid == getuid())
        let pem = try String(contentsOfFile: path, encoding: .utf8)
        #expect(pem.hasPrefix("-----BEGIN PRIVATE KEY-----\n") && pem.hasSuffix("-----END PRIVATE KEY-----\n"))
        #expect(try RSAPrivateKey(pemRepresentation: pem).modulusBitWidth == 2048)
    }

    @Test("A second keygen to the same path fails with exit 1 and one line, and the first file is unchanged")
    func secondKeygenDoesNotOverwrite() throws {
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        let path = scratch.file("key.pem").path
        _ = try CLI.succeed(["keygen", "--bits", "2048", "--out", path])
        let first = try Data(contentsOf: URL(fileURLWithPath: path))
        let firstMode = Self.mode(path)

        let second = try CLI.run(["keygen", "--bits", "2048", "--out", path])
        let line = CLI.expectOneLineFailure(second, status: 1, "keygen --out over an existing key")
        #expect(line?.hasPrefix("Error: ") == true && line?.contains(path) == true, "\(line ?? "")")
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == first, "the first key file was changed")
        #expect(Self.mode(path) == firstMode)
    }

    @Test("keygen --out over any existing file (mode 0644, not a key) fails and leaves it as it was")
    func existingFileIsNotOverwritten() throws {
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        let path = try scratch.write("not a key\n", to: "notes.txt")
        #expect(chmod(path, 0o644) == 0)
        let output = try CLI.run(["keygen", "--bits", "2048", "--out", path])
        CLI.expectOneLineFailure(output, status: 1, "keygen --out over an existing file")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "not a key\n")
        #expect(Self.mode(path).map { $0 & 0o7777 } == 0o644)
    }

    @Test("A dangling symbolic link at --out is refused, and nothing is created at its target")
    func danglingSymlinkIsRefused() throws {
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        let target = scratch.file("target.pem").path
        let link = scratch.file("link.pem").path
        try #require(symlink(target, link) == 0, "symlink: errno \(errno)")

        let output = try CLI.run(["keygen", "--bits", "2048", "--out", link])
        CLI.expectOneLineFailure(output, status: 1, "keygen --out through a dangling link")
        #expect(!Self.exists(target), "keygen created the link's target")
        // The link itself is still there, unchanged.
        let mode = try #require(Self.mode(link))
        #expect(mode & S_IFMT == S_IFLNK)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == target)
    }

    @Test("A symbolic link to an existing file at --out is refused, and the file is unchanged")
    func symlinkToFileIsRefused() throws {
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        let target = try scratch.write("original\n", to: "target.txt")
        let link = scratch.file("link.pem").path
        try #require(symlink(target, link) == 0, "symlink: errno \(errno)")

        let output = try CLI.run(["keygen", "--bits", "2048", "--out", link])
        CLI.expectOneLineFailure(output, status: 1, "keygen --out through a link to a file")
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "original\n")
        #expect(Self.mode(link).map { $0 & S_IFMT } == S_IFLNK)
    }

    @Test("keygen --out into a missing folder fails with one line and exit 1, and creates nothing")
    func missingFolderFails() throws {
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        let path = scratch.file("missing/key.pem").path
        let output = try CLI.run(["keygen", "--bits", "2048", "--out", path])
        CLI.expectOneLineFailure(output, status: 1, "keygen --out into a missing folder")
        #expect(!Self.exists(path))
        #expect(!Self.exists(scratch.file("missing").path))
    }
}
