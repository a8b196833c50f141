import AsyncHTTPClient
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import RelayGateway
import RelayProtocol
import Testing

/// Runs `body` with a gateway router over a fake upstream, then stops both and shuts the client down.
///
/// The upstream timeout is short and retries are off unless a test asks, so that failure cases finish quickly.
func withGateway(
    upstream respond: @escaping @Sendable (RecordedRequest) async -> ScriptedResponse = { _ in
        .json(500, #"{"errors":[{"title":"Internal server error","details":"unscripted"}]}"#)
    },
    configure: (inout RelayGatewayConfiguration) -> Void = { _ in },
    logger customLogger: Logger? = nil,
    _ body: @Sendable (any TestClientProtocol, FakeUpstream) async throws -> Void
) async throws {
    let upstream = try await FakeUpstream.start(respond)
    var configuration = RelayGatewayConfiguration(
        host: "127.0.0.1", port: 0, upstreamBaseURL: upstream.baseURL + "/", upstreamTimeout: .seconds(5),
        upstreamRetries: 0)
    configure(&configuration)
    let httpClient = makeRelayGatewayHTTPClient()
    var logger = Logger(label: "relay-gateway-test")
    logger.logLevel = .warning
    if let customLogger { logger = customLogger }
    let application = buildRelayGatewayApplication(configuration: configuration, httpClient: httpClient, logger: logger)
    let outcome: Result<Void, any Error>
    do {
        try await application.test(.router) { client in try await body(client, upstream) }
        outcome = .success(())
    } catch {
        outcome = .failure(error)
    }
    await upstream.stop()
    try await httpClient.shutdown()
    try outcome.get()
}

/// JSON request headers, plus `extra`.
func jsonHeaders(_ extra: [(String, String)] = []) -> HTTPFields {
    var fields: HTTPFields = [.contentType: "application/json"]
    for (name, value) in extra {
        if let fieldName = HTTPField.Name(name) { fields.append(HTTPField(name: fieldName, value: value)) }
    }
    return fields
}

/// A POST with a JSON body.
func post(
    _ client: any TestClientProtocol, _ uri: String, _ json: String, headers extra: [(String, String)] = []
) async throws -> TestResponse {
    try await client.execute(uri: uri, method: .post, headers: jsonHeaders(extra), body: ByteBuffer(string: json))
}

extension TestResponse {
    /// The body as JSON.
    var json: JSONValue? { try? JSONValue.parse(body.readableBytesView) }

    /// The body as text.
    var text: String { String(buffer: body) }

    /// A header by name.
    func header(_ name: String) -> String? {
        HTTPField.Name(name).flatMap { headers[$0] }
    }

    /// `errors[0]`, when the body is in the error shape.
    var firstError: RelayErrorBody.Entry? { RelayErrorBody.parse(body.readableBytesView)?.errors.first }
}

/// Checks that `response` is a gateway error of `status` and `code` with a gateway `Request-Id`.
func expectGatewayError(
    _ response: TestResponse, status: Int, code: String, sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(Int(response.status.code) == status, "body: \(response.text)", sourceLocation: sourceLocation)
    #expect(response.firstError?.code == code, "body: \(response.text)", sourceLocation: sourceLocation)
    #expect(response.header("Content-Type") == "application/json", sourceLocation: sourceLocation)
    #expect(response.header("Request-Id")?.hasPrefix("req_") == true, sourceLocation: sourceLocation)
}
