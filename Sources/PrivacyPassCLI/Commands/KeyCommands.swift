import ArgumentParser
import Foundation
import RSA

/// `privacy-pass keygen --bits N [--out FILE]`: a new RSA key (e = 65537) as PKCS#8 PEM.
struct KeygenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keygen", abstract: "Generate an RSA key (e = 65537) and write it as PKCS#8 PEM."
    )

    @Option(help: "Modulus size: 2048, 3072 or 4096.")
    var bits: Int = 2048

    @Option(help: "Write the key to this file (mode 0600) instead of standard output.")
    var out: String?

    func run() throws {
        guard let out else {
            StandardStreams.writeOutput(Array(try pem().utf8))
            return
        }
        // Claim the name first (mode 0600, never over an existing file or through a link), so that a refusal
        // comes before the slow key generation; on any later failure the file is removed again.
        let file = try NewPrivateFile(creating: out)
        do {
            try file.writeAll(Array(try pem().utf8))
            try file.close()
        } catch {
            file.discard()
            throw error
        }
    }

    /// A new key as PKCS#8 PEM, with a final newline.
    private func pem() throws -> String {
        let key: RSAPrivateKey
        do {
            key = try RSAPrivateKey.generate(bits: bits)
        } catch {
            throw CLIError("\(error)")
        }
        return key.pkcs8PEMRepresentation + "\n"
    }
}

/// `privacy-pass public-key --in KEY [--format spki|spki-pss|pkcs1]`: the public half as PEM.
struct PublicKeyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "public-key",
        abstract: "Print the public half of a key as PEM (spki-pss: the RFC 9578 token-key encoding)."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case spki
        case spkiPSS = "spki-pss"
        case pkcs1
    }

    @Option(name: .customLong("in"), help: "A private or public key PEM file.")
    var input: String

    @Option(help: "spki (rsaEncryption), spki-pss (id-RSASSA-PSS, SHA-384, salt 48) or pkcs1.")
    var format: Format = .spki

    func run() throws {
        let key = try KeyFiles.publicKey(at: input)
        let pem: String
        switch format {
        case .spki: pem = RSASubjectPublicKeyInfo(publicKey: key, algorithm: .rsaEncryption).pemRepresentation
        case .spkiPSS: pem = key.pssPEMRepresentation(parameters: .sha384)
        case .pkcs1: pem = key.pkcs1PEMRepresentation
        }
        StandardStreams.writeOutput(Array((pem + "\n").utf8))
    }
}
