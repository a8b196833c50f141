import BigNum
import Foundation
import RSA
import Testing

/// `encrypt` and `decrypt` through standard input and output.
@Suite("privacy-pass: encrypt and decrypt")
struct CLIOAEPTests {
    static let hashes = ["sha1", "sha256", "sha384", "sha512"]

    /// Bytes that are not text: zeros, 0xff, a newline, every value mod 256.
    static let plaintext = Data((0..<60).map { UInt8(truncatingIfNeeded: $0 &* 73 &+ ($0 % 3 == 0 ? 0 : 10)) } + [0, 0xff, 0x0a])

    @Test("encrypt | decrypt round trip, with and without a label", arguments: hashes)
    func roundTrip(hash: String) throws {
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        let paths = try CLIKeys.write(into: scratch)
        let key = try RSAPrivateKey(pemRepresentation: CLIKeys.shared.get().privatePEM)
        for label in [nil, "00010203feedface"] {
            let labelArguments = label.map { ["--label-hex", $0] } ?? []
            let encrypted = try CLI.succeed(
                ["encrypt", "--key", paths.publicKey, "--hash", hash] + labelArguments, input: Self.plaintext
            )
            #expect(encrypted.stdout.count == 256, "the ciphertext is k bytes")
            #expect(encrypted.stderr.isEmpty)
            let decrypted = try CLI.succeed(
                ["decrypt", "--key", paths.privateKey, "--hash", hash] + labelArguments, input: encrypted.stdout
            )
            #expect(decrypted.stdout == Self.plaintext, "hash \(hash), label \(label ?? "none")")
            // The ciphertext is ordinary RSAES-OAEP: the library decrypts it too.
            let digest = try #require(DigestAlgorithm(name: hash))
            let parameters = OAEPParameters(hash: digest, label: try label.map { try Hex.decode($0) } ?? [])
            #expect(try RSAESOAEP.decrypt(Array(encrypted.stdout), with: key, parameters: parameters) == Array(Self.plaintext))
        }
        // An empty message.
        let empty = try CLI.succeed(["encrypt", "--key", paths.publicKey, "--hash", hash])
        let back = try CLI.succeed(["decrypt", "--key", paths.privateKey, "--hash", hash], input: empty.stdout)
        #expect(back.stdout.isEmpty)
    }

    @Test("decrypt: a wrong label and a corrupted ciphertext fail the same way (exit 1, one identical line)")
    func decryptionFailuresAreIndistinguishable() throws {
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        let paths = try CLIKeys.write(into: scratch)
        let ciphertext = try CLI.succeed(
            ["encrypt", "--key", paths.publicKey, "--hash", "sha256", "--label-hex", "6c6162656c"], input: Self.plaintext
        ).stdout
        var corrupted = ciphertext
        corrupted[corrupted.count - 1] ^= 0x01

        let wrongLabel = try CLI.run(
            ["decrypt", "--key", paths.privateKey, "--hash", "sha256", "--label-hex", "6c6162656d"], input: ciphertext
        )
        let noLabel = try CLI.run(["decrypt", "--key", paths.privateKey, "--hash", "sha256"], input: ciphertext)
        let corruptedCiphertext = try CLI.run(
            ["decrypt", "--key", paths.privateKey, "--hash", "sha256", "--label-hex", "6c6162656c"], input: corrupted
        )
        let wrongHash = try CLI.run(
            ["decrypt", "--key", paths.privateKey, "--hash", "sha384", "--label-hex", "6c6162656c"], input: ciphertext
        )
        let truncated = try CLI.run(
            ["decrypt", "--key", paths.privateKey, "--hash", "sha256", "--label-hex", "6c6162656c"],
            input: ciphertext.dropLast()
        )
        let lines = [
            CLI.expectOneLineFailure(wrongLabel, status: 1, "wrong label"),
            CLI.expectOneLineFailure(noLabel, status: 1, "missing label"),
            CLI.expectOneLineFailure(corruptedCiphertext, status: 1, "corrupted ciphertext"),
            CLI.expectOneLineFailure(wrongHash, status: 1, "wrong hash"),
            CLI.expectOneLineFailure(truncated, status: 1, "truncated ciphertext"),
        ]
        #expect(Set(lines.map { $0 ?? "<none>" }).count == 1, "different messages: \(lines)")
        #expect(wrongLabel.stderr == corruptedCiphertext.stderr)
    }

    @Test("An unknown --hash name fails with a one-line error", arguments: ["encrypt", "decrypt"])
    func unknownHash(command: String) throws {
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        let paths = try CLIKeys.write(into: scratch)
        let key = command == "encrypt" ? paths.publicKey : paths.privateKey
        for name in ["md5", "sha224", "sha3-256", ""] {
            CLI.expectOneLineFailure(
                try CLI.run([command, "--key", key, "--hash", name], input: Self.plaintext), "\(command) --hash \(name)"
            )
        }
    }

    @Test("A malformed --label-hex fails", arguments: ["encrypt", "decrypt"])
    func badLabelHex(command: String) throws {
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        let paths = try CLIKeys.write(into: scratch)
        let key = command == "encrypt" ? paths.publicKey : paths.privateKey
        for label in ["abc", "zz", "0x00", "12 34"] {
            let output = try CLI.run([command, "--key", key, "--label-hex", label], input: Self.plaintext)
            #expect(output.status != 0, "\(command) --label-hex \(label): \(output)")
            #expect(output.stdout.isEmpty, "\(command) --label-hex \(label): \(output)")
            #expect(!output.stderr.isEmpty, "\(command) --label-hex \(label): \(output)")
        }
    }

    @Test("encrypt refuses an id-RSASSA-PSS key (RFC 4055: PSS signatures only) but accepts its PKCS#1 form")
    func encryptRefusesPSSRestrictedKey() throws {
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        let paths = try CLIKeys.write(into: scratch)
        let pss = try CLI.succeed(["public-key", "--in", paths.privateKey, "--format", "spki-pss"]).stdoutText
        let pssPath = try scratch.write(pss, to: "pss.pem")
        CLI.expectOneLineFailure(
            try CLI.run(["encrypt", "--key", pssPath], input: Self.plaintext), "encrypt with an id-RSASSA-PSS key"
        )
        let pkcs1 = try CLI.succeed(["public-key", "--in", paths.privateKey, "--format", "pkcs1"]).stdoutText
        let pkcs1Path = try scratch.write(pkcs1, to: "pkcs1.pem")
        let encrypted = try CLI.succeed(["encrypt", "--key", pkcs1Path], input: Self.plaintext)
        let decrypted = try CLI.succeed(["decrypt", "--key", paths.privateKey], input: encrypted.stdout)
        #expect(decrypted.stdout == Self.plaintext)
    }
}
