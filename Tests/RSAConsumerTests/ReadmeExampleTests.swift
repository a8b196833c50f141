import Logging
import PersonaRelay
import PrivacyPass
import RSA
import RelaySandbox
import Testing

// The README's "Library use" example, as written there, compiled and run the way an SDK that depends on this
// package would: no `@testable import`, public API only. Keep the two in step: the README's block is copied from
// `readmeLibraryUse()`'s body.

@Suite("The README's examples, as an SDK would run them")
struct ReadmeExampleTests {
    @Test("Library use: one blind signature end to end")
    func readmeLibraryUse() throws {
        // [Issuer]
        let signer = BlindSigning.PrivateKey(try RSAPrivateKey.generate(bits: 2048))
        let publicKey = signer.publicKey(variant: .RSABSSA_SHA384_PSS_Randomized)

        // [Client]
        let prepared = publicKey.prepare(Array("hello".utf8))
        let blinded = try publicKey.blind(prepared)

        // [Issuer]
        let blindSignature = try signer.blindSignature(for: blinded.blindedMessage)

        // [Client]
        let signature = try publicKey.finalize(blindSignature, for: prepared, blindingInverse: blinded.inverse)
        try publicKey.verify(signature, for: prepared)

        #expect(publicKey.isValidSignature(signature, for: prepared))
        #expect(!publicKey.isValidSignature(signature, for: publicKey.prepare(Array("other".utf8))))
    }

    @Test("Library use: a stateless client finishes issuance in a second request")
    func readmeStatelessClient() throws {
        let signer = BlindSigning.PrivateKey(try RSAPrivateKey.generate(bits: 2048))
        let publicKey = signer.publicKey(variant: .RSABSSA_SHA384_PSS_Deterministic)

        // Request 1: blind, keep the prepared message and the inverse (secret) in the client's own storage.
        let prepared = publicKey.prepare(Array("token input".utf8))
        let blinded = try publicKey.blind(prepared)
        let stored = (prepared: prepared.rawRepresentation, inverse: blinded.inverse.rawRepresentation)
        let blindSignature = try signer.blindSignature(for: blinded.blindedMessage)

        // Request 2: restore and finalize.
        let inverse = try BlindSigning.BlindingInverse(rawRepresentation: stored.inverse, for: publicKey.key)
        let restoredMessage = BlindSigning.PreparedMessage(rawRepresentation: stored.prepared)
        let signature = try publicKey.finalize(blindSignature, for: restoredMessage, blindingInverse: inverse)
        try publicKey.verify(signature, for: restoredMessage)
    }

    @Test("Library use: two cores for latency, all cores for throughput")
    func readmeTwoCoresAndBatch() async throws {
        let signer = BlindSigning.PrivateKey(try RSAPrivateKey.generate(bits: 2048))
        let publicKey = signer.publicKey(variant: .RSABSSA_SHA384_PSS_Randomized)
        let prepared = (0..<8).map { publicKey.prepare(Array("message \($0)".utf8)) }
        let blinded = try prepared.map { try publicKey.blind($0) }

        let twoCores = BlindSigning.TwoCoreSigner(signer)
        defer { twoCores.shutdown() }
        let first = try twoCores.blindSignature(for: blinded[0].blindedMessage)
        _ = try publicKey.finalize(first, for: prepared[0], blindingInverse: blinded[0].inverse)

        let results = await signer.blindSignatures(for: blinded.map(\.blindedMessage))
        for (index, result) in results.enumerated() {
            let signature = try publicKey.finalize(
                try result.get(), for: prepared[index], blindingInverse: blinded[index].inverse)
            try publicKey.verify(signature, for: prepared[index])
        }
    }

    @Test("Privacy Pass: a type-2 token issued and redeemed once")
    func readmePrivacyPass() async throws {
        // [Issuer]
        let issuerKey = BlindSigning.PrivateKey(try RSAPrivateKey.generate(bits: 2048))
        let tokenKey = try TokenKey(issuerKey.publicKey)
        let issuer = try Issuer(privateKeys: [issuerKey])

        // [Origin]
        let origin = try Origin(issuerName: "issuer.example", originNames: ["origin.example"], trustedKeys: [tokenKey])
        let challenge = try origin.challenge()
        let header = try PrivateTokenChallengeHeader(challenge: challenge.bytes, tokenKey: tokenKey.spki).headerValue

        // [Client]
        let client = TokenClient()
        let (request, state) = try client.request(for: challenge, tokenKey: tokenKey)

        // [Issuer]
        let response = try issuer.issue(request)

        // [Client]
        let token = try client.finalize(response, state: state)

        // [Origin]
        try await origin.verify(token, for: challenge)

        #expect(try PrivateTokenChallengeHeader.parse(header).first?.challenge == challenge.bytes)
        let authorization = PrivateTokenAuthorizationHeader(token: token.bytes).headerValue
        #expect(try PrivateTokenAuthorizationHeader.parse(authorization).token == token.bytes)
        // A second redemption of the same token is refused.
        await #expect(throws: PrivacyPassError.self) { try await origin.verify(token, for: challenge) }
    }

    @Test("Persona Relay: the whole flow against the local sandbox")
    func readmePersonaRelay() async throws {
        var configuration = RelaySandboxConfiguration()
        configuration.storage = .inMemory
        configuration.apiKeys = [RelaySandboxAPIKey(key: "persona_sandbox_readme")]
        let sandbox = try await RelaySandboxServer.start(
            configuration: configuration, logger: Logger(label: "sandbox", factory: { _ in SwiftLogNoOpLogHandler() }))
        defer { Task { await sandbox.stop() } }
        let apiKey = "persona_sandbox_readme"
        let baseURL = sandbox.baseURL

        let persona = Persona(apiKey: apiKey, baseURL: baseURL)
        let keys = try Persona.generateEncryptionKeyPair()
        let session = try await persona.relays.create(
            claimType: "age_over18_united_kingdom", encryptionKeyPEM: keys.publicKeyPEM)
        let pass = try await persona.relays.issuePrivacyPass(claimType: "age_over18_united_kingdom")
        // … the end user completes the relay in Persona's widget (relaySessionAccessToken) …
        let claim = try await persona.relays.generateClaim(
            privacyPassToken: pass.privacyPassToken, relayToken: session.relayToken, relaySecret: session.relaySecret)
        let plaintext = try Persona.decryptClaimPayload(claim.claimPayload, privateKey: keys.privateKey)
        let payload = try Persona.decodeClaimPayload(plaintext)
        print(payload.claimType, payload.claimResult, claim.tokenConsumed)
        try await persona.shutdown()

        #expect(payload.claimType == "age_over18_united_kingdom")
        #expect(payload.passed)
        #expect(claim.tokenConsumed)
    }
}
