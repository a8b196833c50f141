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
            apiKeys: apiKeys.map { RelaySandboxAPIKey(key: $0) }, defaultEnvironment: environment,
            modulusBits: modulusBits, epochLength: epochSeconds, passLifetime: passLifetimeSeconds,
            rateLimit: rateLimit, rateLimitWindow: rateLimitWindowSeconds, oaepHash: hash)
        configuration.maximumBodyBytes = 64 * 1024
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
}
