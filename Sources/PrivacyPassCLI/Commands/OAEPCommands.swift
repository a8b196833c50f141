import ArgumentParser
import RSA

/// The OAEP options shared by `encrypt` and `decrypt`.
struct OAEPOptions: ParsableArguments {
    @Option(help: "The OAEP and MGF1 hash: sha1, sha256, sha384 or sha512.")
    var hash: String = "sha256"

    @Option(name: .customLong("label-hex"), help: "The OAEP label, as hex.")
    var labelHex: String = ""

    func parameters() throws -> OAEPParameters {
        OAEPParameters(hash: try KeyFiles.digest(hash), label: try KeyFiles.hex(labelHex, option: "--label-hex"))
    }
}

/// `privacy-pass encrypt --key PUB [--hash …] [--label-hex HEX]`: RSAES-OAEP of standard input.
struct EncryptCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "encrypt", abstract: "RSAES-OAEP-encrypt standard input; the ciphertext bytes go to standard output."
    )

    @Option(help: "The recipient's public key (PEM).")
    var key: String

    @OptionGroup var oaep: OAEPOptions

    func run() throws {
        let publicKey = try KeyFiles.encryptionKey(at: key)
        let parameters = try oaep.parameters()
        do {
            let ciphertext = try RSAESOAEP.encrypt(StandardStreams.readAllInput(), with: publicKey, parameters: parameters)
            StandardStreams.writeOutput(ciphertext)
        } catch {
            throw CLIError("\(error)")
        }
    }
}

/// `privacy-pass decrypt --key KEY [--hash …] [--label-hex HEX]`: the inverse; one generic message on any failure.
struct DecryptCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decrypt",
        abstract: "RSAES-OAEP-decrypt standard input; exit 1 with one generic message on any decryption error."
    )

    @Option(help: "The private key (PEM).")
    var key: String

    @OptionGroup var oaep: OAEPOptions

    func run() throws {
        let privateKey = try KeyFiles.privateKey(at: key)
        let parameters = try oaep.parameters()
        guard let plaintext = try? RSAESOAEP.decrypt(StandardStreams.readAllInput(), with: privateKey, parameters: parameters)
        else {
            // One message for every failure (RFC 8017 §7.1.2 note).
            throw CLIError("decryption error")
        }
        StandardStreams.writeOutput(plaintext)
    }
}
