import Foundation
import PersonaRelay
import PrivacyPass
import RelaySandbox
import Testing

/// Two sandbox instances with the same keys (one seed) and one shared ``RedemptionStore``: a pass redeemed on one
/// instance's relay is refused on the other's — the multi-instance deployment the store protocol is for.
@Suite("Relay: two sandbox instances sharing one redemption store")
struct SharedRedemptionStoreTests {
    @Test("a pass spent through instance A is 409 through instance B; A's relay still replays its answer")
    func sharedStore() async throws {
        let shared = InMemoryRedemptionStore()
        let seed = Array("shared-redemption-store-seed".utf8)
        let first = try await SandboxFixture.start { configuration in
            configuration.deterministicSeed = seed
            configuration.redemptionStore = shared
        }
        defer { Task { await first.stop() } }
        let second = try await SandboxFixture.start { configuration in
            configuration.deterministicSeed = seed
            configuration.redemptionStore = shared
        }
        defer { Task { await second.stop() } }

        // Each instance derives the same token key from the seed when it first needs it (in a real deployment the
        // instances would also share their key storage; the store protocol is about spent passes).
        let pass = try await first.persona.relays.issuePrivacyPass(claimType: SandboxFixture.claimType)
        let other = try await second.persona.relays.issuePrivacyPass(claimType: SandboxFixture.claimType)
        let relayA = try await first.persona.relays.create(claimType: SandboxFixture.claimType, encryptionKeyPEM: nil)
        let relayB = try await second.persona.relays.create(claimType: SandboxFixture.claimType, encryptionKeyPEM: nil)
        let claim = try await first.persona.relays.generateClaim(
            privacyPassToken: pass.privacyPassToken, relayToken: relayA.relayToken, relaySecret: relayA.relaySecret)
        #expect(claim.tokenConsumed)
        #expect(await shared.count == 1)
        await #expect {
            try await second.persona.relays.generateClaim(
                privacyPassToken: pass.privacyPassToken, relayToken: relayB.relayToken, relaySecret: relayB.relaySecret)
        } throws: { error in (error as? PersonaError)?.kind == .conflict }
        let replay = try await first.persona.relays.generateClaim(
            privacyPassToken: pass.privacyPassToken, relayToken: relayA.relayToken, relaySecret: relayA.relaySecret)
        #expect(replay.claimPayload == claim.claimPayload)
        // A pass issued by B (same keys) redeems on B and is then spent for A too.
        _ = try await second.persona.relays.generateClaim(
            privacyPassToken: other.privacyPassToken, relayToken: relayB.relayToken, relaySecret: relayB.relaySecret)
        await #expect {
            try await first.persona.relays.generateClaim(
                privacyPassToken: other.privacyPassToken, relayToken: relayA.relayToken, relaySecret: relayA.relaySecret)
        } throws: { error in (error as? PersonaError)?.kind == .conflict }
    }
}
