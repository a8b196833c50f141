import Hummingbird
import Logging
import ServiceLifecycle

/// A running sandbox on loopback: starts the application in a background task, waits until the port is bound, and
/// stops on request. The demo, the client's tests and the gateway's tests use it.
///
/// ```swift
/// let server = try await RelaySandboxServer.start(
///     configuration: .init(storage: .inMemory, apiKeys: [.init(key: "persona_sandbox_k")]))
/// defer { Task { await server.stop() } }
/// // talk to server.baseURL
/// ```
public final class RelaySandboxServer: Sendable {
    /// The bound port.
    public let port: Int
    /// `http://<host>:<port>` (IPv6 hosts in brackets).
    public let baseURL: String
    private let task: Task<Void, Never>
    private let serviceGroup: ServiceGroup

    private init(port: Int, host: String, task: Task<Void, Never>, serviceGroup: ServiceGroup) {
        self.port = port
        self.baseURL = host.contains(":") ? "http://[\(host)]:\(port)" : "http://\(host):\(port)"
        self.task = task
        self.serviceGroup = serviceGroup
    }

    /// Starts a sandbox and returns once it listens.
    ///
    /// - Throws: ``RelaySandboxError`` for an invalid configuration, a database that cannot be opened, or a
    ///   server that stopped before listening (for example, a port in use).
    public static func start(
        configuration: RelaySandboxConfiguration,
        logger: Logger = Logger(label: "relay-sandbox")
    ) async throws -> RelaySandboxServer {
        let (events, continuation) = AsyncStream<Result<Int, RelaySandboxError>>.makeStream()
        let application = try await buildRelaySandboxApplication(configuration: configuration, logger: logger) {
            port in continuation.yield(.success(port))
        }
        let serviceGroup = ServiceGroup(
            configuration: ServiceGroupConfiguration(services: [application], gracefulShutdownSignals: [], logger: logger))
        let task = Task {
            do {
                try await serviceGroup.run()
                continuation.yield(.failure(RelaySandboxError(.startFailure, "the server stopped")))
            } catch {
                continuation.yield(.failure(RelaySandboxError(.startFailure, "the server failed: \(error)")))
            }
            continuation.finish()
        }
        for await event in events {
            switch event {
            case .success(let port):
                return RelaySandboxServer(port: port, host: configuration.host, task: task, serviceGroup: serviceGroup)
            case .failure(let error):
                throw error
            }
        }
        throw RelaySandboxError(.startFailure, "the server stopped before listening")
    }

    /// Stops the server gracefully (in-flight requests finish) and waits until it has shut down.
    public func stop() async {
        await serviceGroup.triggerGracefulShutdown()
        await task.value
    }
}
