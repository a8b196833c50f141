import RelayProtocol
import RelaySandbox
import Testing

@Suite("Concurrent redemptions of one pass (§5.2 steps 12–14 in one transaction)")
struct ConcurrencyTests {
    @Test("50 concurrent redemptions on one relay: one consumption, identical bodies")
    func oneRelay() async throws {
        try await withSandbox { client in
            let relay = try await client.createRelay()
            let pass = try await client.issuePass()
            let replies = try await withThrowingTaskGroup(of: Reply.self) { group in
                for index in 0..<50 {
                    group.addTask {
                        try await client.redeem(
                            relay: relay, pass: pass.encoded, idempotencyKey: index % 2 == 0 ? "k\(index)" : nil)
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(replies.allSatisfy { $0.status == 200 })
            #expect(Set(replies.map(\.body)).count == 1)
            #expect(replies.first?.json?["token-consumed"] == .bool(true))
        }
    }

    @Test("50 concurrent redemptions on two relays: one success, the other relay's are 409")
    func twoRelays() async throws {
        try await withSandbox { client in
            let first = try await client.createRelay()
            let second = try await client.createRelay()
            let pass = try await client.issuePass()
            let replies = try await withThrowingTaskGroup(of: (Int, Reply).self) { group in
                for index in 0..<50 {
                    group.addTask {
                        (index % 2, try await client.redeem(relay: index % 2 == 0 ? first : second, pass: pass.encoded))
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            let successes = replies.filter { $0.1.status == 200 }
            let conflicts = replies.filter { $0.1.status == 409 }
            #expect(successes.count + conflicts.count == 50)
            // Every success is on the winning relay, every 409 on the other.
            let winners = Set(successes.map(\.0))
            #expect(winners.count == 1)
            #expect(Set(conflicts.map(\.0)).isDisjoint(with: winners))
            #expect(Set(successes.map(\.1.body)).count == 1)
        }
    }
}
