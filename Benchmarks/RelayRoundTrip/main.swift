// The Persona Relay round trip, measured beside its own crypto (issue #11 §5).
//
// Usage: RelayRoundTrip [RUNS] [REDEMPTIONS] [CONCURRENCY]   (defaults 200, 400, 16)
//
// 1. Round trip, RUNS times: create a relay (encrypted payload) → issue a pass (challenge, blind, issue, finalize,
//    verify) → complete the relay (control endpoint) → redeem → decrypt and decode; client and sandbox in one
//    process over loopback HTTP, RSA-2048 token and payload keys.
// 2. The same crypto steps alone, interleaved with the round trips so that both see the same machine: prepare+blind,
//    blindSign (with its verification), finalize (with its verification), the sandbox's signature check of the
//    token, OAEP encryption of the claim and OAEP decryption.
// 3. Sandbox redemption throughput: REDEMPTIONS passes issued and relays created up front, then redeemed by
//    CONCURRENCY concurrent clients.
//
// 4. The floor of the transport: one POST with a two-byte JSON body to a bare Hummingbird route that answers `{}`,
//    over the same loopback and the same AsyncHTTPClient, p50 — the round trip makes five such requests; and one
//    GRDB write transaction (one INSERT, in-memory database, awaited as the sandbox does).
//
// Non-crypto cost = round trip − crypto alone, at p50; the target is non-crypto ≤ crypto.

import AsyncHTTPClient
import Foundation
import GRDB
import Hummingbird
import Logging
import NIOCore
import NIOHTTP1
import PersonaRelay
import RSA
import RelaySandbox

let arguments = CommandLine.arguments.dropFirst().compactMap { Int($0) }
let runs = arguments.count > 0 ? arguments[0] : 200
let redemptions = arguments.count > 1 ? arguments[1] : 400
let concurrency = arguments.count > 2 ? arguments[2] : 16
let claimType = "age_over18_united_kingdom"
let apiKey = "persona_sandbox_bench"
let clock = ContinuousClock()

func microseconds(_ duration: Duration) -> Double {
    let (seconds, attoseconds) = duration.components
    return Double(seconds) * 1e6 + Double(attoseconds) / 1e12
}

func percentile(_ values: [Double], _ p: Double) -> Double {
    let sorted = values.sorted()
    guard !sorted.isEmpty else { return .nan }
    let index = min(sorted.count - 1, max(0, Int((p * Double(sorted.count)).rounded(.up)) - 1))
    return sorted[index]
}

struct BenchmarkFailure: Error, CustomStringConvertible { let description: String }

func complete(_ client: HTTPClient, baseURL: String, relayToken: String) async throws {
    var request = HTTPClientRequest(url: baseURL + "/_sandbox/relays/\(relayToken)/state")
    request.method = .POST
    request.headers.add(name: "Content-Type", value: "application/json")
    request.body = .bytes(ByteBuffer(string: #"{"status":"passed"}"#))
    let response = try await client.execute(request, timeout: .seconds(10))
    _ = try await response.body.collect(upTo: 4096)
    guard response.status.code == 204 else { throw BenchmarkFailure(description: "control endpoint: \(response.status)") }
}

var configuration = RelaySandboxConfiguration()
configuration.storage = .inMemory
configuration.apiKeys = [RelaySandboxAPIKey(key: apiKey)]
configuration.rateLimit = 1_000_000
let server = try await RelaySandboxServer.start(
    configuration: configuration, logger: Logger(label: "sandbox", factory: { _ in SwiftLogNoOpLogHandler() }))
let httpClient = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup)
let persona = Persona(apiKey: apiKey, baseURL: server.baseURL, httpClient: httpClient)
let payloadKeys = try Persona.generateEncryptionKeyPair(bits: 2048)

/// Per-step times of the round trips (µs): create, issue (challenge + issuance), complete, redeem, decrypt.
nonisolated(unsafe) var stepTimes: [[Double]] = Array(repeating: [], count: 5)
let stepNames = ["create", "issue (2 requests)", "complete", "redeem", "decrypt"]

/// One round trip: create → issue → complete → redeem → decrypt.
func roundTrip(recording: Bool = false) async throws {
    var mark = clock.now
    func lap(_ step: Int) {
        let now = clock.now
        if recording { stepTimes[step].append(microseconds(now - mark)) }
        mark = now
    }
    let session = try await persona.relays.create(claimType: claimType, encryptionKeyPEM: payloadKeys.publicKeyPEM)
    lap(0)
    let pass = try await persona.relays.issuePrivacyPass(claimType: claimType)
    lap(1)
    try await complete(httpClient, baseURL: server.baseURL, relayToken: session.relayToken)
    lap(2)
    let claim = try await persona.relays.generateClaim(
        privacyPassToken: pass.privacyPassToken, relayToken: session.relayToken, relaySecret: session.relaySecret)
    lap(3)
    let payload = try Persona.decodeClaimPayload(
        Persona.decryptClaimPayload(claim.claimPayload, privateKey: payloadKeys.privateKey))
    lap(4)
    guard claim.tokenConsumed, payload.passed else { throw BenchmarkFailure(description: "claim did not pass") }
}

// The crypto alone, with a token key of the same size as the sandbox's.
let tokenKey = try RSAPrivateKey.generate(bits: 2048)
let signer = BlindSigning.PrivateKey(tokenKey)
let tokenPublicKey = BlindSigning.PublicKey(tokenKey.publicKey, variant: .RSABSSA_SHA384_PSS_Deterministic)
let claimPlaintext = Array(#"{"claim_type":"age_over18_united_kingdom","claim_result":"passed","methodology":[{"method":"facial_age_estimation","result":"passed"}]}"#.utf8)

func cryptoAlone() throws {
    let input = (0..<98).map { _ in UInt8.random(in: 0...255) }
    let prepared = tokenPublicKey.prepare(input)
    let blinded = try tokenPublicKey.blind(prepared)
    let blindSignature = try signer.blindSignature(for: blinded.blindedMessage)
    let signature = try tokenPublicKey.finalize(blindSignature, for: prepared, blindingInverse: blinded.inverse)
    guard tokenPublicKey.isValidSignature(signature, for: prepared) else {
        throw BenchmarkFailure(description: "signature does not verify")
    }
    let ciphertext = try RSAESOAEP.encrypt(claimPlaintext, with: payloadKeys.privateKey.publicKey, parameters: .sha256)
    let plaintext = try RSAESOAEP.decrypt(ciphertext, with: payloadKeys.privateKey, parameters: .sha256)
    guard plaintext == claimPlaintext else { throw BenchmarkFailure(description: "OAEP round trip") }
}

for _ in 0..<10 {
    try await roundTrip()
    try cryptoAlone()
}
var roundTrips: [Double] = []
var cryptoTimes: [Double] = []
for _ in 0..<runs {
    let start = clock.now
    try await roundTrip(recording: true)
    roundTrips.append(microseconds(clock.now - start))
    let cryptoStart = clock.now
    try cryptoAlone()
    cryptoTimes.append(microseconds(clock.now - cryptoStart))
}
let differences = zip(roundTrips, cryptoTimes).map { $0 - $1 }
print("Relay round trip (create → issue → complete → redeem → decrypt), RSA-2048, \(runs) runs, in-process sandbox over loopback HTTP")
print(String(format: "  round trip          p50 %8.0f µs   p99 %8.0f µs", percentile(roundTrips, 0.5), percentile(roundTrips, 0.99)))
print(String(format: "  crypto alone        p50 %8.0f µs   p99 %8.0f µs", percentile(cryptoTimes, 0.5), percentile(cryptoTimes, 0.99)))
print(String(format: "  non-crypto (paired) p50 %8.0f µs   p99 %8.0f µs", percentile(differences, 0.5), percentile(differences, 0.99)))
print(String(format: "  non-crypto / crypto at p50: %.2f (target ≤ 1.00)", percentile(differences, 0.5) / percentile(cryptoTimes, 0.5)))
for (index, name) in stepNames.enumerated() {
    let padded = name.padding(toLength: 20, withPad: " ", startingAt: 0)
    print("    step \(padded)" + String(format: " p50 %8.0f µs", percentile(stepTimes[index], 0.5)))
}

// The transport's floor: a bare route on loopback.
let bareRouter = Router()
bareRouter.post("/echo") { _, _ in "{}" }
let barePort = AsyncStream<Int>.makeStream()
let bareApp = Application(
    router: bareRouter, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
    onServerRunning: { channel in barePort.continuation.yield(channel.localAddress?.port ?? 0) },
    logger: Logger(label: "bare", factory: { _ in SwiftLogNoOpLogHandler() }))
let bareTask = Task { try await bareApp.runService() }
func firstPort(_ stream: AsyncStream<Int>) async -> Int {
    for await port in stream { return port }
    return 0
}
let bareURL = "http://127.0.0.1:\(await firstPort(barePort.stream))/echo"
func bareRequest() async throws {
    var request = HTTPClientRequest(url: bareURL)
    request.method = .POST
    request.headers.add(name: "Content-Type", value: "application/json")
    request.body = .bytes(ByteBuffer(string: "{}"))
    let response = try await httpClient.execute(request, timeout: .seconds(10))
    _ = try await response.body.collect(upTo: 4096)
}
for _ in 0..<50 { try await bareRequest() }
var bareTimes: [Double] = []
for _ in 0..<(runs * 5) {
    let start = clock.now
    try await bareRequest()
    bareTimes.append(microseconds(clock.now - start))
}
bareTask.cancel()
let bareP50 = percentile(bareTimes, 0.5)
print(String(format: "  one bare loopback request (Hummingbird route, AsyncHTTPClient) p50 %6.0f µs; five of them %6.0f µs = %.2f × the crypto", bareP50, 5 * bareP50, 5 * bareP50 / percentile(cryptoTimes, 0.5)))

// One SQLite write transaction, as the sandbox awaits it.
let database = try DatabaseQueue()
try await database.write { db in try db.execute(sql: "CREATE TABLE t (id INTEGER PRIMARY KEY, v BLOB)") }
var writeTimes: [Double] = []
for index in 0..<(runs * 5) {
    let start = clock.now
    try await database.write { db in
        try db.execute(sql: "INSERT INTO t (id, v) VALUES (?, ?)", arguments: [index, Data(repeating: 1, count: 64)])
    }
    writeTimes.append(microseconds(clock.now - start))
}
print(String(format: "  one awaited GRDB write transaction (in-memory) p50 %6.0f µs", percentile(writeTimes, 0.5)))

// Redemption throughput.
var work: [(pass: String, relay: String, secret: String)] = []
for _ in 0..<redemptions {
    let session = try await persona.relays.create(claimType: claimType, encryptionKeyPEM: payloadKeys.publicKeyPEM)
    let pass = try await persona.relays.issuePrivacyPass(claimType: claimType)
    work.append((pass.privacyPassToken, session.relayToken, session.relaySecret))
}
let queue = WorkQueue(work)
let throughputStart = clock.now
try await withThrowingTaskGroup(of: Int.self) { group in
    for _ in 0..<concurrency {
        group.addTask {
            var done = 0
            while let item = await queue.next() {
                let claim = try await persona.relays.generateClaim(
                    privacyPassToken: item.pass, relayToken: item.relay, relaySecret: item.secret)
                guard claim.tokenConsumed else { throw BenchmarkFailure(description: "redemption not consumed") }
                done += 1
            }
            return done
        }
    }
    var total = 0
    for try await done in group { total += done }
    guard total == redemptions else { throw BenchmarkFailure(description: "\(total) of \(redemptions) redeemed") }
}
let elapsed = microseconds(clock.now - throughputStart) / 1e6
print(String(format: "Sandbox redemption throughput: %d redemptions, %d concurrent clients, %.2f s: %.0f redemptions/s (%d cores)", redemptions, concurrency, elapsed, Double(redemptions) / elapsed, ProcessInfo.processInfo.activeProcessorCount))

try await httpClient.shutdown()
await server.stop()

actor WorkQueue {
    var items: [(pass: String, relay: String, secret: String)]
    init(_ items: [(pass: String, relay: String, secret: String)]) { self.items = items.reversed() }
    func next() -> (pass: String, relay: String, secret: String)? { items.popLast() }
}
