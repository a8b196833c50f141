import Foundation
import PersonaRelay
import RelayProtocol
import RelaySandbox
import Testing

/// Concurrent redemptions and restarts (§5.2 one write transaction per check-and-record step; state on disk).
@Suite("Relay: concurrent redemptions and restarts")
struct ConcurrencyAndRestartTests {
    typealias Fixture = SandboxFixture

    @Test("50 concurrent redemptions of one pass on one relay: one consumption, identical replies")
    func concurrentSameRelay() async throws {
        let fixture = try await Fixture.start()
        defer { Task { await fixture.stop() } }
        let session = try await fixture.persona.relays.create(claimType: Fixture.claimType, encryptionKeyPEM: nil)
        let pass = try await fixture.persona.relays.issuePrivacyPass(claimType: Fixture.claimType)
        let claims = try await withThrowingTaskGroup(of: RelayClaim.self) { group in
            for _ in 0..<50 {
                group.addTask {
                    try await fixture.persona.relays.generateClaim(
                        privacyPassToken: pass.privacyPassToken, relayToken: session.relayToken,
                        relaySecret: session.relaySecret)
                }
            }
            var claims: [RelayClaim] = []
            for try await claim in group { claims.append(claim) }
            return claims
        }
        #expect(claims.count == 50)
        #expect(Set(claims.map(\.claimPayload)).count == 1)
        #expect(claims.allSatisfy { $0.tokenConsumed })
        // Exactly one consumption: the pass is spent once, so a second relay is refused.
        let other = try await fixture.persona.relays.create(claimType: Fixture.claimType, encryptionKeyPEM: nil)
        await #expect {
            try await fixture.persona.relays.generateClaim(
                privacyPassToken: pass.privacyPassToken, relayToken: other.relayToken, relaySecret: other.relaySecret)
        } throws: { error in (error as? PersonaError)?.kind == .conflict }
    }

    @Test("one pass presented concurrently on two relays: exactly one succeeds, the rest are 409")
    func concurrentTwoRelays() async throws {
        let fixture = try await Fixture.start()
        defer { Task { await fixture.stop() } }
        let relays = [
            try await fixture.persona.relays.create(claimType: Fixture.claimType, encryptionKeyPEM: nil),
            try await fixture.persona.relays.create(claimType: Fixture.claimType, encryptionKeyPEM: nil),
        ]
        let pass = try await fixture.persona.relays.issuePrivacyPass(claimType: Fixture.claimType)
        let outcomes = await withTaskGroup(of: (Int, Result<RelayClaim, PersonaError>).self) { group in
            for index in 0..<50 {
                let relay = relays[index % 2]
                group.addTask {
                    do {
                        return (index % 2, .success(try await fixture.persona.relays.generateClaim(
                            privacyPassToken: pass.privacyPassToken, relayToken: relay.relayToken,
                            relaySecret: relay.relaySecret)))
                    } catch let error as PersonaError {
                        return (index % 2, .failure(error))
                    } catch {
                        return (index % 2, .failure(PersonaError(kind: .protocol, statusCode: 0, title: "\(error)")))
                    }
                }
            }
            var outcomes: [(Int, Result<RelayClaim, PersonaError>)] = []
            for await outcome in group { outcomes.append(outcome) }
            return outcomes
        }
        let winners = Set(outcomes.compactMap { relay, result in (try? result.get()) != nil ? relay : nil })
        #expect(winners.count == 1, "exactly one relay redeemed the pass")
        for (relay, result) in outcomes {
            switch result {
            case .success(let claim): #expect(claim.tokenConsumed && winners.contains(relay))
            case .failure(let error):
                #expect(error.kind == PersonaError.Kind.conflict, "\(error)")
                #expect(!winners.contains(relay), "\(error)")
            }
        }
    }

    @Test("a sandbox restarted on the same database keeps relays, keys and spent passes")
    func restartKeepsState() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("relay-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("sandbox.sqlite").path

        let first = try await Fixture.start { $0.storage = .file(path: path) }
        let spentRelay = try await first.persona.relays.create(claimType: Fixture.claimType, encryptionKeyPEM: nil)
        let otherRelay = try await first.persona.relays.create(claimType: Fixture.claimType, encryptionKeyPEM: nil)
        let spent = try await first.persona.relays.issuePrivacyPass(claimType: Fixture.claimType)
        let unspent = try await first.persona.relays.issuePrivacyPass(claimType: Fixture.claimType)
        let original = try await first.persona.relays.generateClaim(
            privacyPassToken: spent.privacyPassToken, relayToken: spentRelay.relayToken,
            relaySecret: spentRelay.relaySecret)
        await first.stop()

        let second = try await Fixture.start { $0.storage = .file(path: path) }
        defer { Task { await second.stop() } }
        // The spent pass stays spent: same relay replays, another relay is 409.
        let replay = try await second.persona.relays.generateClaim(
            privacyPassToken: spent.privacyPassToken, relayToken: spentRelay.relayToken,
            relaySecret: spentRelay.relaySecret)
        #expect(replay.claimPayload == original.claimPayload)
        await #expect {
            try await second.persona.relays.generateClaim(
                privacyPassToken: spent.privacyPassToken, relayToken: otherRelay.relayToken,
                relaySecret: otherRelay.relaySecret)
        } throws: { error in (error as? PersonaError)?.kind == .conflict }
        // The token key survived: a pass issued before the restart still verifies and redeems.
        let claim = try await second.persona.relays.generateClaim(
            privacyPassToken: unspent.privacyPassToken, relayToken: otherRelay.relayToken,
            relaySecret: otherRelay.relaySecret)
        #expect(claim.tokenConsumed)
    }
}
