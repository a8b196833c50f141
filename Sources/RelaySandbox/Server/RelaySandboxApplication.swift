import Hummingbird
import Logging
import NIOCore
import RelayProtocol

/// The request context of the sandbox's router.
public typealias RelaySandboxRequestContext = BasicRequestContext

/// The sandbox's router (relay-protocol.md §2, §9): every route, behind the envelope middleware.
///
/// - Throws: ``RelaySandboxError`` for an invalid configuration or a database that cannot be opened.
public func buildRelaySandboxRouter(
    configuration: RelaySandboxConfiguration, logger: Logger
) async throws -> Router<RelaySandboxRequestContext> {
    let service = try await SandboxService.make(configuration: configuration, logger: logger)
    return buildRelaySandboxRouter(service: service)
}

/// The sandbox as a Hummingbird application listening on the configuration's loopback host and port.
///
/// - Throws: ``RelaySandboxError`` for an invalid configuration or a database that cannot be opened.
public func buildRelaySandboxApplication(
    configuration: RelaySandboxConfiguration, logger: Logger
) async throws -> some ApplicationProtocol {
    try await buildRelaySandboxApplication(configuration: configuration, logger: logger) { _ in }
}

/// The application, calling `onServerRunning` with the bound port once it listens (the `relay-sandbox` tool
/// prints its "listening" line from there).
///
/// - Throws: ``RelaySandboxError`` for an invalid configuration or a database that cannot be opened.
public func buildRelaySandboxApplication(
    configuration: RelaySandboxConfiguration, logger: Logger,
    onServerRunning: @escaping @Sendable (Int) async -> Void
) async throws -> Application<RouterResponder<RelaySandboxRequestContext>> {
    let router = try await buildRelaySandboxRouter(configuration: configuration, logger: logger)
    return Application(
        router: router,
        configuration: ApplicationConfiguration(
            address: .hostname(configuration.host, port: configuration.port), serverName: "relay-sandbox"),
        onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? configuration.port) },
        logger: logger)
}

/// The routes over an opened service.
func buildRelaySandboxRouter(service: SandboxService) -> Router<RelaySandboxRequestContext> {
    let router = Router(context: RelaySandboxRequestContext.self)
    router.add(middleware: SandboxEnvelopeMiddleware(service: service))
    let limit = service.configuration.maximumBodyBytes
    func route(
        _ path: String,
        _ handler: @escaping @Sendable (SandboxRequest, RelaySandboxRequestContext) async throws -> SandboxReply
    ) {
        router.post(RouterPath(path)) { request, context -> Response in
            let sandboxRequest = try await SandboxRequest.read(request, maximumBytes: limit)
            return SandboxEnvelopeMiddleware<RelaySandboxRequestContext>.response(
                try await handler(sandboxRequest, context))
        }
    }
    route(SandboxRoutes.challenge) { request, _ in try await service.requestChallenge(request) }
    route(SandboxRoutes.createRelay) { request, _ in try await service.createRelay(request) }
    route(SandboxRoutes.generateClaim) { request, context in
        try await service.generateClaim(request, relayToken: try relayTokenParameter(context))
    }
    route(SandboxRoutes.privacyPasses) { request, _ in try await service.issuePrivacyPass(request) }
    route(SandboxRoutes.relayState) { request, context in
        try await service.setRelayState(request, relayToken: try relayTokenParameter(context))
    }
    route(SandboxRoutes.clock) { request, _ in try await service.advanceClock(request) }
    route(SandboxRoutes.faults) { request, _ in try await service.armFault(request) }
    route(SandboxRoutes.reset) { request, _ in try await service.reset(request) }
    return router
}

extension SandboxRequest {
    /// Reads a Hummingbird request: the body up to `maximumBytes` (else 413), the headers and the inflection.
    static func read(_ request: Request, maximumBytes: Int) async throws(SandboxError) -> SandboxRequest {
        var request = request
        let buffer: ByteBuffer
        do {
            buffer = try await request.collectBody(upTo: maximumBytes)
        } catch {
            throw SandboxError(413, "the request body exceeds \(maximumBytes) bytes")
        }
        let headers = SandboxHeaderView(fields: request.headers.map { ($0.name.canonicalName, $0.value) })
        return SandboxRequest(
            path: request.uri.path, headers: headers.fields,
            body: buffer.getBytes(at: buffer.readerIndex, length: buffer.readableBytes) ?? [],
            inflection: SandboxHeaders.inflection(in: headers))
    }
}

/// The `{relay-token}` path parameter; 404 without one.
private func relayTokenParameter(_ context: RelaySandboxRequestContext) throws(SandboxError) -> String {
    guard let token = context.parameters.get(SandboxRoutes.relayTokenParameter) else {
        throw SandboxError(404, "relay not found")
    }
    return token
}
