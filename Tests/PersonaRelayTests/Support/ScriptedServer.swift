import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import PersonaRelay
import RelayProtocol
import Synchronization

/// A request as the scripted server received it.
struct RecordedRequest: Sendable {
    var method: String
    var path: String
    var headers: [(name: String, value: String)]
    var body: [UInt8]

    /// The first value of `name` (case-insensitive).
    func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    /// Every value of `name`.
    func headerValues(_ name: String) -> [String] {
        headers.filter { $0.name.lowercased() == name.lowercased() }.map(\.value)
    }

    /// The body as a JSON object.
    var json: [String: JSONValue]? { (try? JSONValue.parse(body))?.objectValue }
}

/// A scripted response.
struct Reply: Sendable {
    var status: Int
    var headers: [(name: String, value: String)] = []
    var body: [UInt8] = []
    /// Sleep this long before answering (per-attempt timeout tests).
    var delay: Duration? = nil

    static func json(_ object: [String: JSONValue], status: Int = 200, headers: [(name: String, value: String)] = [])
        -> Reply
    {
        Reply(status: status, headers: [(name: "Request-Id", value: "req_test")] + headers,
              body: JSONValue.object(object).serialized())
    }

    static func raw(_ status: Int, _ text: String, headers: [(name: String, value: String)] = []) -> Reply {
        Reply(status: status, headers: [(name: "Request-Id", value: "req_test")] + headers, body: Array(text.utf8))
    }

    static func error(_ status: Int, title: String, details: String? = nil, code: String? = nil,
                      headers: [(name: String, value: String)] = []) -> Reply
    {
        Reply(status: status, headers: [(name: "Request-Id", value: "req_err")] + headers,
              body: RelayErrorBody(title: title, details: details, code: code).serialized())
    }
}

/// Decides the reply to one request.
typealias Responder = @Sendable (RecordedRequest) -> Reply

/// The script: replies handed out in order (the last one repeats), and every request received.
final class Script: Sendable {
    private let state: Mutex<(responders: [Responder], requests: [RecordedRequest])>

    init(_ responders: [Responder]) { state = Mutex((responders, [])) }

    func next(for request: RecordedRequest) -> Reply {
        let responder: Responder? = state.withLock { state in
            state.requests.append(request)
            guard let first = state.responders.first else { return nil }
            if state.responders.count > 1 { state.responders.removeFirst() }
            return first
        }
        return responder?(request) ?? .error(500, title: "script exhausted")
    }

    var requests: [RecordedRequest] { state.withLock { $0.requests } }
}

/// Runs `body` against a Hummingbird server on 127.0.0.1 (port 0) that answers every POST from `script`.
func withScriptedServer(
    _ responders: [Responder], _ body: @Sendable (_ baseURL: String, _ script: Script) async throws -> Void
) async throws {
    let script = Script(responders)
    let router = Router()
    router.post("**") { request, _ -> Response in
        let bytes = try await request.body.collect(upTo: 4 << 20)
        let recorded = RecordedRequest(
            method: request.method.rawValue, path: request.uri.path,
            headers: request.headers.map { (name: $0.name.rawName, value: $0.value) },
            body: Array(bytes.readableBytesView))
        let reply = script.next(for: recorded)
        if let delay = reply.delay { try? await Task.sleep(for: delay) }
        var fields = HTTPFields()
        for header in reply.headers {
            if let name = HTTPField.Name(header.name) { fields.append(HTTPField(name: name, value: header.value)) }
        }
        return Response(
            status: HTTPResponse.Status(code: reply.status), headers: fields,
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: reply.body)))
    }
    var logger = Logger(label: "scripted-server")
    logger.logLevel = .error
    let app = Application(
        router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)), logger: logger)
    try await app.test(.live) { client in
        guard let port = client.port else { throw TestFailure("the live test server has no port") }
        try await body("http://127.0.0.1:\(port)", script)
    }
}

/// A test precondition that did not hold.
struct TestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// A client for `baseURL` with fast retries; shut down after `body`.
func withPersona(
    _ baseURL: String, apiKey: String? = "persona_sandbox_test_key",
    configuration: PersonaConfiguration = PersonaConfiguration(initialBackoff: .milliseconds(10)),
    logger: Logger = Logger(label: "persona-relay-tests"),
    _ body: (Persona) async throws -> Void
) async throws {
    let persona = Persona(apiKey: apiKey, baseURL: baseURL, configuration: configuration, logger: logger)
    do {
        try await body(persona)
    } catch {
        try await persona.shutdown()
        throw error
    }
    try await persona.shutdown()
}

/// Runs `body`, which must throw a ``PersonaError``, and returns it.
func expectPersonaError(_ body: () async throws -> Void) async throws -> PersonaError {
    do {
        try await body()
    } catch let error as PersonaError {
        return error
    }
    throw TestFailure("expected a PersonaError, the call succeeded")
}
