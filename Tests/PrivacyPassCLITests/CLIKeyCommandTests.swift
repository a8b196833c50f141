import BigNum
import Foundation
import PrivacyPassCLI
import RSA
import Testing

/// `--version`, `--help`, `keygen` and `public-key`, run as a subprocess.
@Suite("privacy-pass: version, help and keys")
struct CLIKeyCommandTests {
    static let subcommands = [
        "keygen", "public-key", "encrypt", "decrypt", "blind", "blind-sign", "finalize", "verify", "vectors", "bench",
    ]

    @Test("The privacy-pass executable is built next to the tests")
    func executableIsFound() throws {
        let url = try CLI.executable.get()
        #expect(url.lastPathComponent == "privacy-pass")
    }

    @Test("--version prints the version")
    func version() throws {
        let output = try CLI.succeed(["--version"])
        #expect(output.stdoutLines == [PrivacyPassCommand.version])
        #expect(output.stderr.isEmpty)
    }

    @Test("--help lists every subcommand")
    func help() throws {
        let output = try CLI.succeed(["--help"])
        // Each subcommand opens a line of the SUBCOMMANDS section.
        let firstWords = Set(
            output.stdoutLines.compactMap { $0.split(separator: " ", omittingEmptySubsequences: true).first }
                .map(String.init)
        )
        for name in Self.subcommands {
            #expect(firstWords.contains(name), "--help does not list \(name):\n\(output.stdoutText)")
        }
        #expect(output.stdoutText.contains("SUBCOMMANDS"))
    }

    @Test("keygen --bits 2048 --out FILE writes a PKCS#8 PEM that RSAPrivateKey reads, mode 0600")
    func keygenToFile() throws {
        // The shared key is made by `keygen --bits 2048 --out FILE` (see CLIKeys).
        let material = try CLIKeys.shared.get()
        #expect(material.privatePEM.hasPrefix("-----BEGIN PRIVATE KEY-----\n"))
        #expect(material.privatePEM.contains("-----END PRIVATE KEY-----"))
        let key = try RSAPrivateKey(pemRepresentation: material.privatePEM)
        #expect(key.modulusBitWidth == 2048)
        #expect(key.publicKey.publicExponent == BigNum(65537))

        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        let path = scratch.file("new.pem").path
        let output = try CLI.succeed(["keygen", "--bits", "2048", "--out", path])
        #expect(output.stdout.isEmpty, "keygen --out printed to stdout")
        let pem = try String(contentsOfFile: path, encoding: .utf8)
        #expect(pem.hasPrefix("-----BEGIN PRIVATE KEY-----\n"))
        let written = try RSAPrivateKey(pemRepresentation: pem)
        #expect(written.modulusBitWidth == 2048)
        #expect(written.publicKey != key.publicKey, "two keygen runs gave the same key")
        let permissions = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber
        #expect(permissions?.intValue == 0o600)
    }

    @Test("keygen without --out prints the PEM on stdout")
    func keygenToStandardOutput() throws {
        let output = try CLI.succeed(["keygen", "--bits", "2048"])
        #expect(output.stdoutText.hasPrefix("-----BEGIN PRIVATE KEY-----\n"))
        #expect(try RSAPrivateKey(pemRepresentation: output.stdoutText).modulusBitWidth == 2048)
    }

    @Test("keygen --bits 1000 fails with a one-line error and nothing on stdout")
    func keygenRejectsUnsupportedSize() throws {
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        let path = scratch.file("never.pem").path
        CLI.expectOneLineFailure(try CLI.run(["keygen", "--bits", "1000"]), "keygen --bits 1000")
        CLI.expectOneLineFailure(try CLI.run(["keygen", "--bits", "1000", "--out", path]), "keygen --bits 1000 --out")
        #expect(!FileManager.default.fileExists(atPath: path), "a failed keygen wrote a file")
    }

    @Test("public-key --format spki, spki-pss, pkcs1")
    func publicKeyFormats() throws {
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        let paths = try CLIKeys.write(into: scratch)
        let key = try RSAPrivateKey(pemRepresentation: CLIKeys.shared.get().privatePEM).publicKey

        // spki (also the default): SubjectPublicKeyInfo with rsaEncryption.
        let spki = try CLI.succeed(["public-key", "--in", paths.privateKey, "--format", "spki"]).stdoutText
        #expect(spki.hasPrefix("-----BEGIN PUBLIC KEY-----\n"))
        #expect(spki.contains("-----END PUBLIC KEY-----"))
        let spkiInfo = try RSASubjectPublicKeyInfo(pemRepresentation: spki)
        #expect(spkiInfo.publicKey == key)
        #expect(spkiInfo.algorithm == .rsaEncryption)
        #expect(try CLI.succeed(["public-key", "--in", paths.privateKey]).stdoutText == spki)

        // spki-pss: the RFC 9578 token-key encoding, id-RSASSA-PSS with SHA-384/MGF1-SHA-384/salt 48.
        let spkiPSS = try CLI.succeed(["public-key", "--in", paths.privateKey, "--format", "spki-pss"]).stdoutText
        #expect(spkiPSS.hasPrefix("-----BEGIN PUBLIC KEY-----\n"))
        let pssInfo = try RSASubjectPublicKeyInfo(pemRepresentation: spkiPSS)
        // The key read from an id-RSASSA-PSS SPKI keeps its restriction (part of its equality): the same (n, e).
        #expect(pssInfo.publicKey.modulus == key.modulus && pssInfo.publicKey.publicExponent == key.publicExponent)
        #expect(pssInfo.publicKey.algorithm == .rsassaPSS(.sha384))
        #expect(pssInfo.algorithm == .rsassaPSS(.sha384))
        #expect(pssInfo.derRepresentation == key.pssDERRepresentation(parameters: .sha384))

        // pkcs1: RSAPublicKey.
        let pkcs1 = try CLI.succeed(["public-key", "--in", paths.privateKey, "--format", "pkcs1"]).stdoutText
        #expect(pkcs1.hasPrefix("-----BEGIN RSA PUBLIC KEY-----\n"))
        #expect(pkcs1.contains("-----END RSA PUBLIC KEY-----"))
        #expect(try RSAPublicKey(pemRepresentation: pkcs1) == key)

        // A public key file is accepted as input too.
        let fromPublic = try CLI.succeed(["public-key", "--in", paths.publicKey, "--format", "pkcs1"]).stdoutText
        #expect(fromPublic == pkcs1)
    }

    @Test("public-key with an unknown format or a missing file fails")
    func publicKeyErrors() throws {
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        let paths = try CLIKeys.write(into: scratch)
        let badFormat = try CLI.run(["public-key", "--in", paths.privateKey, "--format", "x509"])
        #expect(badFormat.status != 0 && badFormat.stdout.isEmpty, "\(badFormat)")
        CLI.expectOneLineFailure(
            try CLI.run(["public-key", "--in", scratch.file("missing.pem").path]), "public-key of a missing file"
        )
    }
}
