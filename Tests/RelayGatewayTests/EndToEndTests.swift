import AsyncHTTPClient
import Foundation
import HummingbirdTesting
import Logging
import NIOCore
import RSA
import RelayGateway
import RelayProtocol
import RelaySandbox
import Testing

/// The seed's three curl calls (seed 003 "Full example") over loopback: a plain HTTP client → the gateway on a real
/// port → the sandbox on another.
@Suite struct EndToEndTests {
    static let apiKey = "persona_sandbox_test"
    static let claimType = "age_over18_united_kingdom"

    @Test func seedFlow_createIssueRedeem_decryptsAPassedClaim_andRetriesIdempotently() async throws {
        var quiet = Logger(label: "e2e")
        quiet.logLevel = .warning
        let sandbox = try await RelaySandboxServer.start(
            configuration: RelaySandboxConfiguration(storage: .inMemory, apiKeys: [RelaySandboxAPIKey(key: Self.apiKey)]), logger: quiet)
        let gatewayClient = makeRelayGatewayHTTPClient()
        let caller = HTTPClient(eventLoopGroupProvider: .singleton)
        let application = buildRelayGatewayApplication(
            configuration: RelayGatewayConfiguration(host: "127.0.0.1", port: 0, upstreamBaseURL: sandbox.baseURL + "/"),
            httpClient: gatewayClient, logger: quiet)

        let outcome: Result<Void, any Error>
        do {
            try await application.test(.live) { client in
                let port = try #require(client.port)
                try await Self.runSeedFlow(gateway: "http://127.0.0.1:\(port)", caller: caller)
            }
            outcome = .success(())
        } catch {
            outcome = .failure(error)
        }
        try await caller.shutdown()
        try await gatewayClient.shutdown()
        await sandbox.stop()
        try outcome.get()
    }

    static func runSeedFlow(gateway: String, caller: HTTPClient) async throws {
        let encryptionKey = try RSAPrivateKey.generate(bits: 2048)

        // Step 1 — Create a Relay session.
        let created = try await call(
            caller, gateway + "/relays",
            body: .object([
                "claim-type": .string(claimType),
                "encryption-key-pem": .string(encryptionKey.publicKey.pemRepresentation),
            ]))
        #expect(created.status == 200, "\(created.text)")
        let relayToken = try #require(created.json?["relay-token"]?.stringValue)
        let relaySecret = try #require(created.json?["relay-secret"]?.stringValue)
        #expect(created.json?["relay-session-access-token"]?.stringValue?.isEmpty == false)
        #expect(created.requestID?.hasPrefix("req_") == true)

        // Step 2 — Issue a Privacy Pass.
        let issued = try await call(
            caller, gateway + "/relays/privacy-passes", body: .object(["claim-type": .string(claimType)]),
            headers: [("Authorization", "Bearer " + apiKey)])
        #expect(issued.status == 200, "\(issued.text)")
        let passToken = try #require(issued.json?["privacy-pass-token"]?.stringValue)
        #expect(try RelayPrivacyPassToken(encoded: passToken).challenge.mac.isEmpty == false)

        // Step 3 — Redeem and retrieve the claim.
        let idempotencyKey = UUID().uuidString.lowercased()
        let redeemHeaders = [("Persona-Relay-Secret", relaySecret), ("Idempotency-Key", idempotencyKey)]
        let redeemed = try await call(
            caller, gateway + "/relays/\(relayToken)/redeem",
            body: .object(["privacy-pass-token": .string(passToken)]), headers: redeemHeaders)
        #expect(redeemed.status == 200, "\(redeemed.text)")
        #expect(redeemed.json?["token-consumed"] == .bool(true))
        let payload = try #require(redeemed.json?["claim-payload"]?.stringValue)

        let plaintext = try RSAESOAEP.decrypt(
            try RelayBase64.decode(payload), with: encryptionKey, parameters: .sha256)
        let claim = try RelayClaimPayload.parse(plaintext)
        #expect(claim.claimType == claimType)
        #expect(claim.claimResult == "passed")

        // An idempotent retry of step 3 returns the identical body.
        let retried = try await call(
            caller, gateway + "/relays/\(relayToken)/redeem",
            body: .object(["privacy-pass-token": .string(passToken)]), headers: redeemHeaders)
        #expect(retried.status == 200, "\(retried.text)")
        #expect(retried.body == redeemed.body)

        // A wrong secret is the upstream's 404, passed through.
        let wrongSecret = try await call(
            caller, gateway + "/relays/\(relayToken)/redeem",
            body: .object(["privacy-pass-token": .string(passToken)]), headers: [("Persona-Relay-Secret", "wrong")])
        #expect(wrongSecret.status == 404, "\(wrongSecret.text)")
        #expect(RelayErrorBody.parse(wrongSecret.body) != nil)
        #expect(wrongSecret.requestID?.hasPrefix("req_") == true)
    }

    struct Reply {
        var status: Int
        var body: [UInt8]
        var requestID: String?
        var json: JSONValue? { try? JSONValue.parse(body) }
        var text: String { String(decoding: body, as: UTF8.self) }
    }

    /// A JSON POST, as curl sends it.
    static func call(
        _ client: HTTPClient, _ url: String, body: JSONValue, headers: [(String, String)] = []
    ) async throws -> Reply {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        request.body = .bytes(ByteBuffer(bytes: body.serialized()))
        let response = try await client.execute(request, timeout: .seconds(30))
        let buffer = try await response.body.collect(upTo: 1 << 20)
        return Reply(
            status: Int(response.status.code), body: Array(buffer.readableBytesView),
            requestID: response.headers.first(name: "Request-Id"))
    }
}
