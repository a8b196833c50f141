import ArgumentParser
import BigNum
import RSA

/// `privacy-pass blind --key PUB --variant V --message-hex HEX`: RFC 9474 Prepare + Blind.
struct BlindCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "blind", abstract: "RFC 9474 Prepare + Blind; prints {\"prepared_msg\",\"blinded_msg\",\"inv\"}."
    )

    @Option(help: "The signer's public key (PEM).")
    var key: String

    @Option(help: "An RFC 9474 variant, e.g. RSABSSA-SHA384-PSS-Randomized.")
    var variant: String

    @Option(name: .customLong("message-hex"), help: "The message, as hex.")
    var messageHex: String

    func run() throws {
        let publicKey = try KeyFiles.blindSigningKey(at: key, variant: KeyFiles.variant(variant))
        let message = try KeyFiles.hex(messageHex, option: "--message-hex")
        do {
            let prepared = publicKey.prepare(message)
            let blinded = try publicKey.blind(prepared)
            print(JSONLine.object([
                ("prepared_msg", Hex.encode(prepared.rawRepresentation)),
                ("blinded_msg", Hex.encode(blinded.blindedMessage.rawRepresentation)),
                ("inv", Hex.encode(blinded.inverse.rawRepresentation)),
            ]))
        } catch {
            throw CLIError("\(error)")
        }
    }
}

/// `privacy-pass blind-sign --key KEY --blinded-hex HEX`: RFC 9474 BlindSign.
struct BlindSignCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "blind-sign", abstract: "RFC 9474 BlindSign; prints {\"blind_sig\"}."
    )

    @Option(help: "The signer's private key (PEM).")
    var key: String

    @Option(name: .customLong("blinded-hex"), help: "The blinded message, as hex.")
    var blindedHex: String

    func run() throws {
        let signer = BlindSigning.PrivateKey(try KeyFiles.privateKey(at: key))
        let blinded = try KeyFiles.hex(blindedHex, option: "--blinded-hex")
        do {
            let blindSignature = try signer.blindSignature(for: BlindSigning.BlindedMessage(rawRepresentation: blinded))
            print(JSONLine.object([("blind_sig", Hex.encode(blindSignature.rawRepresentation))]))
        } catch {
            throw CLIError("\(error)")
        }
    }
}

/// `privacy-pass finalize --key PUB --variant V --message-hex PREPARED --blind-sig-hex HEX --inv-hex HEX`.
struct FinalizeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "finalize", abstract: "RFC 9474 Finalize (unblinds and verifies); prints {\"sig\"}."
    )

    @Option(help: "The signer's public key (PEM).")
    var key: String

    @Option(help: "The RFC 9474 variant used to blind.")
    var variant: String

    @Option(name: .customLong("message-hex"), help: "The prepared message, as hex.")
    var messageHex: String

    @Option(name: .customLong("blind-sig-hex"), help: "The blind signature, as hex.")
    var blindSigHex: String

    @Option(name: .customLong("inv-hex"), help: "The inverse from blind, as hex.")
    var invHex: String

    func run() throws {
        let publicKey = try KeyFiles.blindSigningKey(at: key, variant: KeyFiles.variant(variant))
        let prepared = BlindSigning.PreparedMessage(rawRepresentation: try KeyFiles.hex(messageHex, option: "--message-hex"))
        let blindSignature = BlindSigning.BlindSignature(
            rawRepresentation: try KeyFiles.hex(blindSigHex, option: "--blind-sig-hex"))
        let inverseBytes = try KeyFiles.hex(invHex, option: "--inv-hex")
        do {
            let inverse = try BlindSigning.BlindingInverse(rawRepresentation: inverseBytes, for: publicKey.key)
            let signature = try publicKey.finalize(blindSignature, for: prepared, blindingInverse: inverse)
            print(JSONLine.object([("sig", Hex.encode(signature))]))
        } catch {
            throw CLIError("\(error)")
        }
    }
}

/// `privacy-pass verify --key PUB --variant V --message-hex PREPARED --sig-hex HEX`: exit 0 valid, 1 invalid.
struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify", abstract: "RFC 9474 Verify; exit 0 when the signature is valid, 1 when it is not."
    )

    @Option(help: "The signer's public key (PEM).")
    var key: String

    @Option(help: "The RFC 9474 variant.")
    var variant: String

    @Option(name: .customLong("message-hex"), help: "The prepared message, as hex.")
    var messageHex: String

    @Option(name: .customLong("sig-hex"), help: "The signature, as hex.")
    var sigHex: String

    func run() throws {
        let publicKey = try KeyFiles.blindSigningKey(at: key, variant: KeyFiles.variant(variant))
        let prepared = BlindSigning.PreparedMessage(rawRepresentation: try KeyFiles.hex(messageHex, option: "--message-hex"))
        let signature = try KeyFiles.hex(sigHex, option: "--sig-hex")
        guard publicKey.isValidSignature(signature, for: prepared) else {
            StandardStreams.writeErrorLine("invalid signature")
            throw ExitCode(1)
        }
    }
}
