import ArgumentParser

/// The `privacy-pass` command-line tool: keys, OAEP, the RFC 9474 blind-signature steps, the Privacy Pass token
/// steps (`token`), conformance runs over vector files, quick benchmarks, and the Persona Relay flow end to end (`demo`). Its spellings, output lines and exit
/// codes are a contract (README).
@available(macOS 10.15, macCatalyst 13, iOS 13, tvOS 13, watchOS 6, *)
public struct PrivacyPassCommand: AsyncParsableCommand {
    /// The tool's version, printed by `--version`.
    public static let version = "0.1.0"

    public static let configuration = CommandConfiguration(
        commandName: "privacy-pass",
        abstract: "RSA blind signatures (RFC 9474), RSA-OAEP/PSS (RFC 8017), Privacy Pass tokens, conformance vectors.",
        version: version,
        subcommands: [
            KeygenCommand.self, PublicKeyCommand.self, EncryptCommand.self, DecryptCommand.self,
            BlindCommand.self, BlindSignCommand.self, FinalizeCommand.self, VerifyCommand.self,
            TokenCommand.self, VectorsCommand.self, BenchCommand.self, DemoCommand.self,
        ]
    )

    public init() {}
}
