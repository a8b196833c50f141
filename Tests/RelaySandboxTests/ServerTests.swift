import Hummingbird
import HummingbirdTesting
import Logging
import Synchronization
import RelaySandbox
import Testing

@Suite("Running servers")
struct ServerTests {
    @Test("RelaySandboxServer binds an ephemeral loopback port and stops")
    func startAndStop() async throws {
        let server = try await RelaySandboxServer.start(configuration: testConfiguration())
        #expect(server.port > 0)
        #expect(server.baseURL == "http://127.0.0.1:\(server.port)")
        // A second server on the same port fails to start, with an error rather than a hang.
        var clash = testConfiguration()
        clash.port = server.port
        await #expect(throws: RelaySandboxError.self) {
            let second = try await RelaySandboxServer.start(configuration: clash)
            await second.stop()
        }
        await server.stop()
    }

    @Test("the application answers over a live socket")
    func live() async throws {
        let application = try await buildRelaySandboxApplication(
            configuration: testConfiguration(), logger: Logger(label: "test"))
        try await application.test(.live) { client in
            let reply = try await SandboxClient(client: client).send("/nowhere")
            #expect(reply.status == 404 && reply.errorCode == "not_found")
            let relay = try await SandboxClient(client: client).createRelay()
            #expect(relay.token.hasPrefix("relay_"))
        }
    }

    @Test("invalid configurations are refused")
    func invalidConfiguration() async throws {
        for mutate in [
            { (c: inout RelaySandboxConfiguration) in c.host = "0.0.0.0" },
            { c in c.modulusBits = 1024 },
            { c in c.epochLength = 0 },
            { c in c.rateLimit = 0 },
            { c in c.deterministicSeed = [1, 2, 3] },
        ] {
            var configuration = testConfiguration()
            mutate(&configuration)
            await #expect(throws: RelaySandboxError.self) {
                _ = try await RelaySandboxServer.start(configuration: configuration)
            }
        }
    }

    @Test("one deterministic seed gives the same token key in two sandboxes; no seed gives another")
    func deterministicSeed() async throws {
        let keyIDs = Mutex<[String]>([])
        var unseeded = testConfiguration()
        unseeded.deterministicSeed = nil
        for configuration in [testConfiguration(), testConfiguration(), unseeded] {
            try await withSandbox(configuration) { client in
                let keyID = try await client.challenge(claimType: "seeded_claim").keyID
                keyIDs.withLock { $0.append(keyID) }
            }
        }
        let ids = keyIDs.withLock { $0 }
        #expect(ids.count == 3 && ids[0] == ids[1] && ids[2] != ids[0])
    }
}
