import Foundation
import Synchronization
import Logging
import RelayProtocol
import RelaySandbox
import Testing

@Suite("Restart on the same SQLite file")
struct PersistenceTests {
    @Test("spent stays spent, keys and the MAC secret persist")
    func restart() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("relay-sandbox-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var configuration = testConfiguration(storage: .file(path: directory.appendingPathComponent("db.sqlite").path))
        configuration.deterministicSeed = nil  // keys and secrets must come from the file, not the seed

        let state = try await Self.firstRun(configuration)
        try await withSandbox(configuration) { client in
            let again = try await client.redeem(relay: state.relay, pass: state.spent.encoded)
            #expect(again.status == 200 && again.body == state.body)
            let other = try await client.createRelay()
            let conflict = try await client.redeem(relay: other, pass: state.spent.encoded)
            #expect(conflict.status == 409)
            // A pass issued before the restart but not yet spent still verifies (same key, same MAC secret).
            let unspent = try await client.redeem(relay: other, pass: state.unspent.encoded)
            #expect(unspent.status == 200, "\(unspent.text)")
            let (_, _, keyID) = try await client.challenge()
            #expect(keyID == state.keyID)
        }
    }

    private struct FirstRun: Sendable {
        let relay: (token: String, secret: String)
        let spent: IssuedPass
        let unspent: IssuedPass
        let body: [UInt8]
        let keyID: String
    }

    private static func firstRun(_ configuration: RelaySandboxConfiguration) async throws -> FirstRun {
        let result = Mutex<FirstRun?>(nil)
        try await withSandbox(configuration) { client in
            let relay = try await client.createRelay()
            let spent = try await client.issuePass()
            let unspent = try await client.issuePass()
            let reply = try await client.redeem(relay: relay, pass: spent.encoded)
            #expect(reply.status == 200)
            result.withLock {
                $0 = FirstRun(relay: relay, spent: spent, unspent: unspent, body: reply.body, keyID: spent.token.keyID)
            }
        }
        return try #require(result.withLock { $0 })
    }
}
