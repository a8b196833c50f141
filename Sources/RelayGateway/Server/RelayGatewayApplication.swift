public import AsyncHTTPClient
public import Hummingbird
public import Logging

/// The request context of the gateway's router.
public typealias RelayGatewayRequestContext = BasicRequestContext

/// The gateway's router (relay-protocol.md §8): `POST /relays`, `POST /relays/privacy-passes`,
/// `POST /relays/{relay-token}/redeem`, `GET /health` and `GET /openapi.yaml`, behind the middleware that gives
/// every response the error shape, a `Request-Id` and a log line.
///
/// - Parameters:
///   - configuration: the upstream, its timeout and retries, the body limit.
///   - httpClient: the connection pool every upstream call uses; its owner shuts it down after the application
///     has stopped.
///   - logger: receives one line per request.
public func buildRelayGatewayRouter(
    configuration: RelayGatewayConfiguration, httpClient: HTTPClient, logger: Logger
) -> Router<RelayGatewayRequestContext> {
    let router = Router(context: RelayGatewayRequestContext.self)
    router.add(middleware: GatewayEnvelopeMiddleware(logger: logger))
    RelayGatewayController(httpClient: httpClient, configuration: configuration).addRoutes(to: router)
    return router
}

/// The gateway as a Hummingbird application listening on the configuration's host and port.
///
/// - Parameters:
///   - configuration: where to listen, the upstream, its timeout and retries.
///   - httpClient: the connection pool every upstream call uses (see ``makeRelayGatewayHTTPClient()``); shut it
///     down after the application has stopped.
///   - logger: the application's logger.
///   - onServerRunning: called with the bound port once the server listens (the tool prints its "listening" line
///     from there).
public func buildRelayGatewayApplication(
    configuration: RelayGatewayConfiguration, httpClient: HTTPClient, logger: Logger,
    onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
) -> Application<RouterResponder<RelayGatewayRequestContext>> {
    Application(
        router: buildRelayGatewayRouter(configuration: configuration, httpClient: httpClient, logger: logger),
        configuration: ApplicationConfiguration(
            address: .hostname(configuration.host, port: configuration.port), serverName: "relay-gateway"),
        onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? configuration.port) },
        logger: logger)
}

/// The `HTTPClient` for the gateway's upstream calls: the shared event loop group, redirects refused (an API
/// answer is never a redirect to follow with credentials), and no silent retry of a refused connection inside the
/// pool — the SDK's §7 policy retries it, and an unreachable upstream answers 502 "Network error" at once instead
/// of waiting out the timeout. The caller owns it and must shut it down.
public func makeRelayGatewayHTTPClient() -> HTTPClient {
    var configuration = HTTPClient.Configuration()
    configuration.redirectConfiguration = .disallow
    configuration.connectionPool.retryConnectionEstablishment = false
    return HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
}
