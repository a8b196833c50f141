import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import PersonaRelay
import RelayProtocol
import Testing

/// The two service executables as scripts start them (`relay-sandbox --in-memory --port <P> --api-key <KEY>`,
/// `relay-gateway --port <G> --upstream <URL>`), driven with plain HTTP exactly as the gateway seed's three calls,
/// then stopped with SIGTERM.
@Suite("Relay executables: relay-sandbox and relay-gateway as processes")
struct ExecutablesTests {
    /// A started service process and the port it printed.
    struct Service {
        let process: Process
        let outputURL: URL
        let port: Int

        /// Starts `name arguments…` and waits (≤ 30 s) for its `… listening on http://127.0.0.1:<port>` line.
        static func start(_ name: String, _ arguments: [String]) throws -> Service {
            let executable = try locate(name)
            let outputURL = FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-\(UUID().uuidString).out")
            FileManager.default.createFile(atPath: outputURL.path, contents: nil)
            let output = try FileHandle(forWritingTo: outputURL)
            let process = Process()
            process.executableURL = executable
            process.arguments = arguments
            process.standardOutput = output
            process.standardError = FileHandle.nullDevice
            try process.run()
            let deadline = Date().addingTimeInterval(30)
            while Date() < deadline {
                let text = (try? String(contentsOf: outputURL, encoding: .utf8)) ?? ""
                if let line = text.split(separator: "\n").first, line.hasPrefix("\(name) listening on http://127.0.0.1:"),
                    let port = Int(line.split(separator: ":").last ?? "")
                {
                    return Service(process: process, outputURL: outputURL, port: port)
                }
                if !process.isRunning { break }
                Thread.sleep(forTimeInterval: 0.05)
            }
            process.terminate()
            throw FixtureError(description: "\(name) did not print its listening line: \((try? String(contentsOf: outputURL, encoding: .utf8)) ?? "")")
        }

        /// Sends SIGTERM and returns the exit status (graceful shutdown exits 0).
        func stop() -> Int32 {
            process.terminate()
            process.waitUntilExit()
            try? FileManager.default.removeItem(at: outputURL)
            return process.terminationStatus
        }

        /// The executable `name` in the products folder holding this test bundle.
        static func locate(_ name: String) throws -> URL {
            var starts: [URL] = []
            if let first = CommandLine.arguments.first, !first.isEmpty {
                starts.append(URL(fileURLWithPath: first).resolvingSymlinksInPath().deletingLastPathComponent())
            }
            if let url = Bundle.main.executableURL { starts.append(url.resolvingSymlinksInPath().deletingLastPathComponent()) }
            starts.append(Bundle.main.bundleURL)
            for start in starts {
                var directory = start.standardizedFileURL
                for _ in 0..<6 {
                    let candidate = directory.appendingPathComponent(name)
                    if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
                    directory = directory.deletingLastPathComponent()
                }
            }
            throw FixtureError(description: "\(name) was not found next to the test bundle; build it first (swift build)")
        }
    }

    static func post(
        _ client: HTTPClient, _ url: String, _ body: String, headers: [(String, String)] = []
    ) async throws -> (status: Int, json: JSONValue) {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        request.body = .bytes(ByteBuffer(string: body))
        let response = try await client.execute(request, timeout: .seconds(30))
        let bytes = try await response.body.collect(upTo: 1 << 20)
        return (Int(response.status.code), try JSONValue.parse(Array(bytes.readableBytesView)))
    }

    @Test("the seed's three calls through relay-gateway to relay-sandbox, both started as scripts start them")
    func seedCallsThroughProcesses() async throws {
        let apiKey = "persona_sandbox_processes"
        let sandbox = try Service.start("relay-sandbox", ["--in-memory", "--port", "0", "--api-key", apiKey])
        defer { _ = sandbox.stop() }
        let gateway = try Service.start(
            "relay-gateway", ["--port", "0", "--upstream", "http://127.0.0.1:\(sandbox.port)/"])
        let client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup)
        let base = "http://127.0.0.1:\(gateway.port)"
        do {
            let created = try await Self.post(
                client, base + "/relays", #"{ "claim-type": "age_over18_united_kingdom", "encryption-key-pem": null }"#)
            #expect(created.status == 200)
            let relayToken = try #require(created.json["relay-token"]?.stringValue)
            let relaySecret = try #require(created.json["relay-secret"]?.stringValue)
            #expect(created.json["relay-session-access-token"]?.stringValue != nil)

            let issued = try await Self.post(
                client, base + "/relays/privacy-passes", #"{ "claim-type": "age_over18_united_kingdom" }"#,
                headers: [("Authorization", "Bearer \(apiKey)")])
            #expect(issued.status == 200)
            let token = try #require(issued.json["privacy-pass-token"]?.stringValue)
            #expect(try RelayPrivacyPassToken(encoded: token).signature.count == 256)

            let redeemed = try await Self.post(
                client, base + "/relays/\(relayToken)/redeem", #"{ "privacy-pass-token": "\#(token)" }"#,
                headers: [("Persona-Relay-Secret", relaySecret)])
            #expect(redeemed.status == 200)
            #expect(redeemed.json["token-consumed"]?.boolValue == true)
            let payload = try #require(redeemed.json["claim-payload"]?.stringValue)
            #expect(try RelayClaimPayload.parse(Array(payload.utf8)).passed)
        } catch {
            try? await client.shutdown()
            _ = gateway.stop()
            throw error
        }
        try await client.shutdown()
        #expect(gateway.stop() == 0, "relay-gateway exits 0 on SIGTERM")
    }

    @Test("relay-sandbox keeps its state in a database file across a restart (spent stays spent)")
    func sandboxFileRestart() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("relay-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let database = directory.appendingPathComponent("sandbox.sqlite").path
        let apiKey = "persona_sandbox_restart"
        let arguments = ["--database", database, "--port", "0", "--api-key", apiKey]
        let client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup)
        defer { Task { try? await client.shutdown() } }

        let first = try Service.start("relay-sandbox", arguments)
        let persona = Persona(apiKey: apiKey, baseURL: "http://127.0.0.1:\(first.port)", httpClient: client)
        let relay = try await persona.relays.create(claimType: "live_human_presence", encryptionKeyPEM: nil)
        let other = try await persona.relays.create(claimType: "live_human_presence", encryptionKeyPEM: nil)
        let pass = try await persona.relays.issuePrivacyPass(claimType: "live_human_presence")
        let claim = try await persona.relays.generateClaim(
            privacyPassToken: pass.privacyPassToken, relayToken: relay.relayToken, relaySecret: relay.relaySecret)
        #expect(claim.tokenConsumed)
        #expect(first.stop() == 0, "relay-sandbox exits 0 on SIGTERM")

        let second = try Service.start("relay-sandbox", arguments)
        defer { _ = second.stop() }
        let restarted = Persona(apiKey: apiKey, baseURL: "http://127.0.0.1:\(second.port)", httpClient: client)
        await #expect {
            try await restarted.relays.generateClaim(
                privacyPassToken: pass.privacyPassToken, relayToken: other.relayToken, relaySecret: other.relaySecret)
        } throws: { error in (error as? PersonaError)?.kind == .conflict }
    }
}
