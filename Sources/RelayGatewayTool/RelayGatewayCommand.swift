import ArgumentParser
import AsyncHTTPClient
import Foundation
import Hummingbird
import Logging
import RelayGateway
import ServiceLifecycle
import UnixSignals

/// `relay-gateway`: the Gateway Service (relay-protocol.md §8) on the command line. Every option also has an
/// environment variable (`RELAY_GATEWAY_PORT`, …); a flag wins over its variable.
@main
struct RelayGatewayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "relay-gateway",
        abstract: "The Persona Relay Gateway Service: POST /relays, /relays/privacy-passes, /relays/{token}/redeem.",
        discussion: """
            Stateless: the API key (Authorization: Bearer) and the relay secret (Persona-Relay-Secret) travel with \
            each request. Environment variables: RELAY_GATEWAY_HOST, RELAY_GATEWAY_PORT, RELAY_GATEWAY_UPSTREAM, \
            RELAY_GATEWAY_UPSTREAM_TIMEOUT, RELAY_GATEWAY_UPSTREAM_RETRIES, RELAY_GATEWAY_LOG_LEVEL (flags win). \
            Stops gracefully on SIGTERM or SIGINT.
            """)

    @Option(help: "The address to listen on (default 127.0.0.1).")
    var host: String?

    @Option(help: "The port to listen on; 0 picks a free one (default 8080).")
    var port: String?

    @Option(help: "Persona's base URL (default https://api.withpersona.com; one trailing / is removed).")
    var upstream: String?

    @Option(help: "Seconds one upstream attempt may take (default 10).")
    var upstreamTimeout: String?

    @Option(help: "Retries after a failed upstream attempt, 0–10 (default 3).")
    var upstreamRetries: String?

    @Option(help: "trace, debug, info, notice, warning, error or critical (default info).")
    var logLevel: String?

    func run() async throws {
        var flags: [RelayGatewayConfiguration.Setting: String] = [:]
        flags[.host] = host
        flags[.port] = port
        flags[.upstream] = upstream
        flags[.upstreamTimeout] = upstreamTimeout
        flags[.upstreamRetries] = upstreamRetries
        flags[.logLevel] = logLevel
        let configuration: RelayGatewayConfiguration
        do {
            configuration = try RelayGatewayConfiguration.resolve(
                flags: flags, environment: ProcessInfo.processInfo.environment)
        } catch {
            throw ValidationError(error.message)
        }

        var logger = Logger(label: "relay-gateway")
        logger.logLevel = configuration.logLevel
        let httpClient = makeRelayGatewayHTTPClient()
        let host = configuration.host
        let application = buildRelayGatewayApplication(
            configuration: configuration, httpClient: httpClient, logger: logger
        ) { port in
            let displayHost = host.contains(":") ? "[\(host)]" : host
            FileHandle.standardOutput.write(Data("relay-gateway listening on http://\(displayHost):\(port)\n".utf8))
        }
        let services = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: [application], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        let outcome: Result<Void, any Error>
        do {
            try await services.run()
            outcome = .success(())
        } catch {
            outcome = .failure(error)
        }
        try await httpClient.shutdown()
        try outcome.get()
    }
}
