import ArgumentParser
import Hummingbird
import Logging
import RelaySandbox

import Foundation

/// `relay-sandbox`: the Persona Relay sandbox on loopback (relay-protocol.md §9). A thin wrapper over
/// `buildRelaySandboxApplication`; prints `relay-sandbox listening on http://<host>:<port>` once bound.
@main
struct RelaySandboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "relay-sandbox",
        abstract: "A local Persona Relay sandbox server (loopback only).")

    @Flag(name: .customLong("in-memory"), help: "Keep no state on disk.")
    var inMemory = false

    @Option(help: "The SQLite database file (WAL mode) when not --in-memory.")
    var database = "relay-sandbox.sqlite"

    @Option(help: "The loopback address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on (0 = ephemeral).")
    var port = 0

    @Option(name: .customLong("api-key"), help: "An accepted API key with privacy_pass.write (repeatable).")
    var apiKeys: [String] = []

    @Option(
        name: .customLong("api-key-without-permission"),
        help: "An accepted API key without privacy_pass.write: issuance answers 403 (repeatable).")
    var apiKeysWithoutPermission: [String] = []

    @Option(
        name: .customLong("strict-claim-type"),
        help: "Accept only these claim types (repeatable); without it any ^[a-z][a-z0-9_]{0,63}$.")
    var strictClaimTypes: [String] = []

    @Option(
        name: .customLong("seed-hex"),
        help: "A deterministic seed (≥ 16 bytes, hex) for token keys and server secrets; secret.")
    var seedHex: String?

    @Option(help: "The token-key modulus size: 2048, 3072 or 4096.")
    var modulusBits = 2048

    @Option(help: "The key epoch length E in seconds.")
    var epochSeconds: Double = 30 * 86_400

    @Option(help: "The pass lifetime L in seconds (0 = expires_at only).")
    var passLifetimeSeconds: Double = 90 * 86_400

    @Option(help: "Requests per rate-limit window and API key.")
    var rateLimit = 300

    @Option(help: "The rate-limit window in seconds.")
    var rateLimitWindowSeconds: Double = 60

    @Option(help: "The OAEP hash of encrypted claim payloads: sha256 or sha1.")
    var oaepHash = "sha256"

    @Option(help: "The default environment: sandbox or production.")
    var defaultEnvironment = "sandbox"

    @Option(help: "The log level (trace, debug, info, notice, warning, error, critical).")
    var logLevel = "info"

    func run() async throws {
        guard let hash = RelaySandboxConfiguration.OAEPHash(rawValue: oaepHash) else {
            throw ValidationError("--oaep-hash must be sha256 or sha1")
        }
        guard let environment = RelayEnvironment(rawValue: defaultEnvironment) else {
            throw ValidationError("--default-environment must be sandbox or production")
        }
        guard let level = Logger.Level(rawValue: logLevel) else {
            throw ValidationError("--log-level must be one of trace, debug, info, notice, warning, error, critical")
        }
        var configuration = RelaySandboxConfiguration(
            host: host, port: port, storage: inMemory ? .inMemory : .file(path: database),
            apiKeys: apiKeys.map { RelaySandboxAPIKey(key: $0) }
                + apiKeysWithoutPermission.map { RelaySandboxAPIKey(key: $0, permissions: []) },
            defaultEnvironment: environment,
            modulusBits: modulusBits, epochLength: epochSeconds, passLifetime: passLifetimeSeconds,
            rateLimit: rateLimit, rateLimitWindow: rateLimitWindowSeconds, oaepHash: hash)
        configuration.maximumBodyBytes = 64 * 1024
        if !strictClaimTypes.isEmpty { configuration.strictClaimTypes = strictClaimTypes }
        if let seedHex {
            guard let seed = Self.bytes(hex: seedHex), seed.count >= 16 else {
                throw ValidationError("--seed-hex must be at least 16 bytes of hexadecimal")
            }
            configuration.deterministicSeed = seed
        }
        do {
            try configuration.validate()
        } catch {
            throw ValidationError(error.reason)
        }
        var logger = Logger(label: "relay-sandbox")
        logger.logLevel = level
        let host = self.host
        let application = try await buildRelaySandboxApplication(configuration: configuration, logger: logger) {
            port in
            let shown = host.contains(":") ? "[\(host)]" : host
            FileHandle.standardOutput.write(Data("relay-sandbox listening on http://\(shown):\(port)\n".utf8))
        }
        try await application.runService()
    }

    /// The bytes of an even-length hexadecimal string, or `nil`.
    static func bytes(hex: String) -> [UInt8]? {
        let digits = Array(hex.utf8)
        guard digits.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        var index = 0
        while index < digits.count {
            guard let high = Self.nibble(digits[index]), let low = Self.nibble(digits[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
            index += 2
        }
        return bytes
    }

    private static func nibble(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return digit - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
