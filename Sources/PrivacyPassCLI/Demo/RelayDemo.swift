import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import PersonaRelay
import RSA
import RelayProtocol
import RelaySandbox

/// The Relay flow end to end (`privacy-pass demo`): the steps a server integrating Persona Relay takes, each timed
/// and checked against what the protocol says must happen (relay-protocol.md §2, §5, §6).
///
/// 1. an OAEP key pair for the claim payload; 2. create a relay; 3. issue a Privacy Pass (challenge, blind,
/// issue, finalize, verify); 4. complete the relay through the sandbox's control endpoint (standing in for the end
/// user finishing the widget); 5. generate the claim; 6. decrypt and decode it; 7. retry the redemption with the
/// same `Idempotency-Key` (a response lost in transit) and get the same result; 8. redeem again as a new call and
/// get the same result (§5.2 step 12); 9. present the same pass on a second relay and be refused with 409.
struct RelayDemo {
    /// What the demo runs against.
    enum Upstream {
        /// A sandbox started in-process on 127.0.0.1, port 0, in memory.
        case embedded
        /// A running service at a base URL, with an API key for issuance.
        case remote(baseURL: String, apiKey: String)
    }

    /// The API key the embedded sandbox accepts (a sandbox-environment key).
    static let embeddedAPIKey = "persona_sandbox_demo"

    let upstream: Upstream
    let claimType: String
    let write: @Sendable (String) -> Void

    /// One step's outcome.
    struct Step {
        let title: String
        let ok: Bool
        let detail: String
        let duration: Duration
    }

    /// Runs every step, printing each as it ends; `true` when every step behaved as expected.
    func run() async -> Bool {
        let clock = ContinuousClock()
        let started = clock.now
        var server: RelaySandboxServer?
        let baseURL: String
        let apiKey: String
        write("privacy-pass demo: Persona Relay end to end (claim type \(claimType))")
        switch upstream {
        case .embedded:
            do {
                var configuration = RelaySandboxConfiguration()
                configuration.storage = .inMemory
                configuration.apiKeys = [RelaySandboxAPIKey(key: Self.embeddedAPIKey)]
                let startTime = clock.now
                let running = try await RelaySandboxServer.start(
                    configuration: configuration, logger: Logger(label: "relay-sandbox", factory: { _ in SwiftLogNoOpLogHandler() }))
                server = running
                baseURL = running.baseURL
                apiKey = Self.embeddedAPIKey
                write("sandbox: listening on \(running.baseURL) (in-process, in memory, RSA-2048 token keys), started in \(Self.format(clock.now - startTime))")
            } catch {
                write("sandbox: could not start: \(error)")
                write("result: FAILED before the first step")
                return false
            }
        case .remote(let url, let key):
            baseURL = url
            apiKey = key
            write("upstream: \(url)")
        }
        let httpClient = HTTPClient(
            eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: Persona.httpClientConfiguration)
        let persona = Persona(apiKey: apiKey, baseURL: baseURL, httpClient: httpClient)
        var steps = Steps(write: write)
        await runSteps(persona: persona, httpClient: httpClient, baseURL: baseURL, steps: &steps)
        try? await httpClient.shutdown()
        await server?.stop()
        let total = clock.now - started
        if steps.failures == 0 {
            write("result: all \(steps.count) steps behaved as expected in \(Self.format(total))")
            return true
        }
        write("result: FAILED: \(steps.failures) of \(steps.count) steps did not behave as expected (\(Self.format(total)))")
        return false
    }

    /// The numbered, timed steps and their report lines.
    struct Steps {
        let write: @Sendable (String) -> Void
        static let total = 9
        private(set) var count = 0
        private(set) var failures = 0

        /// Times `body`, prints `[i/9] title: ok|FAILED (time) detail`, and returns its value when it succeeded.
        mutating func run<T>(_ title: String, _ body: () async throws -> (T, String)) async -> T? {
            count += 1
            let clock = ContinuousClock()
            let start = clock.now
            do {
                let (value, detail) = try await body()
                write("[\(count)/\(Self.total)] \(title): ok (\(RelayDemo.format(clock.now - start)))\(detail.isEmpty ? "" : "\n      \(detail)")")
                return value
            } catch {
                failures += 1
                write("[\(count)/\(Self.total)] \(title): FAILED (\(RelayDemo.format(clock.now - start)))\n      \(error)")
                return nil
            }
        }
    }

    /// A step whose outcome was not what the protocol requires.
    struct UnexpectedOutcome: Error, CustomStringConvertible {
        let description: String
    }

    private func runSteps(persona: Persona, httpClient: HTTPClient, baseURL: String, steps: inout Steps) async {
        // 1. The claim payload's key pair: the relay encrypts the claim for its public half (§6).
        guard
            let keys = await steps.run("generate an RSA-2048 OAEP key pair for the claim payload", {
                let keys = try Persona.generateEncryptionKeyPair(bits: 2048)
                return (keys, "public key: SPKI PEM, \(keys.publicKeyPEM.utf8.count) bytes")
            })
        else { return }
        // 2. Create the relay (§2.1).
        guard
            let session = await steps.run("create a relay (encrypted claim payload)", {
                let session = try await persona.relays.create(claimType: claimType, encryptionKeyPEM: keys.publicKeyPEM)
                return (session, "relay token \(session.relayToken); secret and session access token kept server-side")
            })
        else { return }
        // 3. Issue a pass (§2.2 challenge, §2.4 issuance, §4 blind RSA; verified before it is returned).
        guard
            let pass = await steps.run("issue a Privacy Pass (challenge, blind, issue, finalize, verify)", {
                let pass = try await persona.relays.issuePrivacyPass(claimType: claimType)
                let token = try RelayPrivacyPassToken(encoded: pass.privacyPassToken)
                return (pass, "token for key \(token.keyID.prefix(16))…, \(token.signature.count)-byte signature, expires \(token.challenge.expiresAt ?? "?")")
            })
        else { return }
        // 4. The end user completes the relay; the sandbox's control endpoint stands in for the widget (§9).
        _ = await steps.run("complete the relay (sandbox control endpoint, standing in for the widget)", {
            let status = try await Self.post(
                httpClient, url: baseURL + "/_sandbox/relays/\(RelayPaths.percentEncodedSegment(session.relayToken))/state",
                body: #"{"status":"passed"}"#)
            guard status == 204 else {
                throw UnexpectedOutcome(description: "the control endpoint answered \(status), expected 204 (an upstream without /_sandbox needs the widget)")
            }
            return ((), "relay state: passed")
        })
        // 5. Redeem (§2.5).
        let idempotencyKey = UUID().uuidString.lowercased()
        guard
            let claim = await steps.run("generate the claim (redeem the pass)", {
                let claim = try await persona.relays.generateClaim(
                    privacyPassToken: pass.privacyPassToken, relayToken: session.relayToken,
                    relaySecret: session.relaySecret, idempotencyKey: idempotencyKey)
                guard claim.tokenConsumed else {
                    throw UnexpectedOutcome(description: "token-consumed is false: the claim did not pass")
                }
                return (claim, "token-consumed: true; claim payload: \(claim.claimPayload.utf8.count) base64 characters")
            })
        else { return }
        // 6. Decrypt and decode (§6).
        _ = await steps.run("decrypt the claim payload (RSAES-OAEP SHA-256) and decode it", {
            let plaintext = try Persona.decryptClaimPayload(claim.claimPayload, privateKey: keys.privateKey)
            let payload = try Persona.decodeClaimPayload(plaintext)
            guard payload.claimType == claimType, payload.passed else {
                throw UnexpectedOutcome(description: "unexpected claim: \(plaintext)")
            }
            return ((), "claim: \(plaintext)")
        })
        // 7. A retry of the same logical call (its response lost in transit) replays the stored answer (§5.4).
        _ = await steps.run("retry the redemption with the same Idempotency-Key", {
            let again = try await persona.relays.generateClaim(
                privacyPassToken: pass.privacyPassToken, relayToken: session.relayToken,
                relaySecret: session.relaySecret, idempotencyKey: idempotencyKey)
            guard again.claimPayload == claim.claimPayload, again.tokenConsumed == claim.tokenConsumed else {
                throw UnexpectedOutcome(description: "the retry returned a different result")
            }
            return ((), "same claim payload, token-consumed: \(again.tokenConsumed)")
        })
        // 8. A new call with the same pass on the same relay returns the original result (§5.2 step 12).
        _ = await steps.run("redeem the same pass on the same relay again (a new call)", {
            let again = try await persona.relays.generateClaim(
                privacyPassToken: pass.privacyPassToken, relayToken: session.relayToken,
                relaySecret: session.relaySecret)
            guard again.claimPayload == claim.claimPayload, again.tokenConsumed else {
                throw UnexpectedOutcome(description: "the second redemption returned a different result")
            }
            return ((), "same claim payload, no second consumption")
        })
        // 9. The same pass on another relay is refused (§5.2 step 12: 409).
        _ = await steps.run("present the same pass on a second relay", {
            let other = try await persona.relays.create(claimType: claimType, encryptionKeyPEM: keys.publicKeyPEM)
            do {
                _ = try await persona.relays.generateClaim(
                    privacyPassToken: pass.privacyPassToken, relayToken: other.relayToken,
                    relaySecret: other.relaySecret)
            } catch let error as PersonaError {
                guard error.kind == .conflict else { throw error }
                return ((), "refused: \(error.statusCode) \(error.kind.rawValue) (\(error.code ?? error.title))")
            }
            throw UnexpectedOutcome(description: "the second relay accepted an already redeemed pass")
        })
    }

    /// POSTs a JSON body and returns the status.
    static func post(_ client: HTTPClient, url: String, body: String) async throws -> Int {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.body = .bytes(ByteBuffer(string: body))
        let response = try await client.execute(request, timeout: .seconds(10))
        _ = try await response.body.collect(upTo: 64 * 1024)
        return Int(response.status.code)
    }

    /// `12.3 ms` or `1.23 s`.
    static func format(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        let milliseconds = Double(seconds) * 1000 + Double(attoseconds) / 1e15
        if milliseconds >= 1000 { return String(format: "%.2f s", milliseconds / 1000) }
        return String(format: "%.1f ms", milliseconds)
    }
}
