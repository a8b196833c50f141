import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import PersonaRelay
import RSA
import RelayProtocol
import RelaySandbox

/// A sandbox on loopback and a client pointed at it, for one test.
struct SandboxFixture {
    static let apiKey = "persona_sandbox_integration"
    static let claimType = "age_over18_united_kingdom"

    let server: RelaySandboxServer
    let httpClient: HTTPClient
    let persona: Persona

    /// Starts a sandbox with `configure` applied to an in-memory configuration holding ``apiKey``.
    static func start(
        clientConfiguration: PersonaConfiguration = .init(),
        _ configure: (inout RelaySandboxConfiguration) -> Void = { _ in }
    ) async throws -> SandboxFixture {
        var configuration = RelaySandboxConfiguration()
        configuration.storage = .inMemory
        configuration.apiKeys = [RelaySandboxAPIKey(key: apiKey)]
        configure(&configuration)
        let server = try await RelaySandboxServer.start(configuration: configuration, logger: quietLogger)
        let httpClient = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup)
        let persona = Persona(
            apiKey: apiKey, baseURL: server.baseURL, httpClient: httpClient, configuration: clientConfiguration)
        return SandboxFixture(server: server, httpClient: httpClient, persona: persona)
    }

    static let quietLogger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })

    /// Shuts the client and the sandbox down.
    func stop() async {
        try? await httpClient.shutdown()
        await server.stop()
    }

    /// A raw POST to the sandbox: status, headers and body.
    func post(
        _ path: String, body: String, headers: [(String, String)] = []
    ) async throws -> (status: Int, headers: HTTPHeaders, body: [UInt8]) {
        var request = HTTPClientRequest(url: server.baseURL + path)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        request.body = .bytes(ByteBuffer(string: body))
        let response = try await httpClient.execute(request, timeout: .seconds(10))
        let buffer = try await response.body.collect(upTo: 1 << 20)
        return (Int(response.status.code), response.headers, Array(buffer.readableBytesView))
    }

    /// Sets a relay's state through the control endpoint (§9).
    func setState(_ relayToken: String, _ status: String) async throws {
        let response = try await post("/_sandbox/relays/\(relayToken)/state", body: #"{"status":"\#(status)"}"#)
        guard response.status == 204 else { throw FixtureError(description: "state endpoint: \(response.status)") }
    }

    /// Advances the sandbox clock (§9).
    func advanceClock(seconds: Int) async throws {
        let response = try await post("/_sandbox/clock", body: #"{"advance-seconds":\#(seconds)}"#)
        guard response.status == 200 else { throw FixtureError(description: "clock endpoint: \(response.status)") }
    }

    /// Makes the next `times` requests to `path` fail with `status` (§9).
    func injectFault(path: String, status: Int, times: Int) async throws {
        let response = try await post(
            "/_sandbox/faults", body: #"{"path":"\#(path)","status":\#(status),"times":\#(times)}"#)
        guard response.status == 204 else { throw FixtureError(description: "faults endpoint: \(response.status)") }
    }
}

struct FixtureError: Error, CustomStringConvertible {
    let description: String
}

/// One RSA-2048 key pair for encrypted payloads, generated once.
enum PayloadKeys {
    static let pair: Result<EncryptionKeyPair, PersonaError> = Result { () throws(PersonaError) in
        try Persona.generateEncryptionKeyPair(bits: 2048)
    }
}
