import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import RelayProtocol
import Synchronization

/// One request the fake upstream received.
struct RecordedRequest: Sendable {
    var method: String
    var path: String
    /// Header names lower-cased; repeated headers joined with ", ".
    var headers: [String: String]
    var body: [UInt8]

    /// The body as JSON, when it is JSON.
    var json: JSONValue? { try? JSONValue.parse(body) }
}

/// What the fake upstream answers.
struct ScriptedResponse: Sendable {
    var status: Int
    var headers: [(name: String, value: String)] = []
    var body: [UInt8] = []
    /// A pause before answering (for timeouts).
    var delay: Duration? = nil

    /// A JSON answer.
    static func json(
        _ status: Int, _ text: String, headers: [(name: String, value: String)] = [], delay: Duration? = nil
    ) -> ScriptedResponse {
        ScriptedResponse(
            status: status, headers: [("Content-Type", "application/json")] + headers, body: Array(text.utf8),
            delay: delay)
    }
}

/// A scripted Persona on loopback: a tiny Hummingbird application on 127.0.0.1, port 0, that records every request
/// and answers with what the test's closure returns.
final class FakeUpstream: Sendable {
    let port: Int
    let baseURL: String
    private let log: RecordingLog
    private let task: Task<Void, Never>

    private init(port: Int, log: RecordingLog, task: Task<Void, Never>) {
        self.port = port
        self.baseURL = "http://127.0.0.1:\(port)"
        self.log = log
        self.task = task
    }

    /// The requests received so far, in order.
    var requests: [RecordedRequest] { log.storage.withLock { $0 } }

    /// Starts a fake that answers every request with `respond`.
    static func start(
        _ respond: @escaping @Sendable (RecordedRequest) async -> ScriptedResponse
    ) async throws -> FakeUpstream {
        let log = RecordingLog()
        let (ports, continuation) = AsyncStream<Int?>.makeStream()
        let responder = CallbackResponder { (request: Request, _: BasicRequestContext) -> Response in
            var request = request
            let buffer = try await request.collectBody(upTo: 1 << 20)
            var headers: [String: String] = [:]
            for field in request.headers {
                let name = field.name.canonicalName
                headers[name] = headers[name].map { $0 + ", " + field.value } ?? field.value
            }
            let recordedRequest = RecordedRequest(
                method: request.method.rawValue, path: request.uri.path, headers: headers,
                body: Array(buffer.readableBytesView))
            log.append(recordedRequest)
            let scripted = await respond(recordedRequest)
            if let delay = scripted.delay { try? await Task.sleep(for: delay) }
            var fields = HTTPFields()
            for (name, value) in scripted.headers {
                if let fieldName = HTTPField.Name(name) { fields.append(HTTPField(name: fieldName, value: value)) }
            }
            return Response(
                status: HTTPResponse.Status(code: scripted.status), headers: fields,
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: scripted.body)))
        }
        var logger = Logger(label: "fake-upstream")
        // Cancelling the service to stop it makes HummingbirdCore log a harmless "Already closed" at error level.
        logger.logLevel = .critical
        let application = Application(
            responder: responder,
            configuration: ApplicationConfiguration(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in continuation.yield(channel.localAddress?.port) },
            logger: logger)
        let task = Task {
            try? await application.runService(gracefulShutdownSignals: [])
            continuation.yield(nil)
            continuation.finish()
        }
        for await port in ports {
            guard let port else { break }
            return FakeUpstream(port: port, log: log, task: task)
        }
        throw FakeUpstreamError.didNotStart
    }

    /// Stops the server and waits for it.
    func stop() async {
        task.cancel()
        await task.value
    }
}

/// The fake did not start listening.
enum FakeUpstreamError: Error {
    case didNotStart
}

/// The shared request log of a fake (created before the port is known).
fileprivate final class RecordingLog: Sendable {
    let storage = Mutex<[RecordedRequest]>([])
    func append(_ request: RecordedRequest) { storage.withLock { $0.append(request) } }
}
