import PrivacyPass
import Testing

/// ``RedemptionStore``: one atomic check-and-record; the same redeemer gets its record back, anyone else is refused.
@Suite("RedemptionStore (in memory)")
struct RedemptionStoreTests {
    @Test("100 concurrent redemptions of one token by two redeemers: one record, same-redeemer replays, others refused")
    func concurrentRedemptions() async throws {
        let store = InMemoryRedemptionStore()
        let key: [UInt8] = [1, 2, 3]
        let nonce: [UInt8] = Array(repeating: 7, count: 32)
        let outcomes = try await withThrowingTaskGroup(of: (String, RedemptionOutcome).self) { group in
            for index in 0..<100 {
                let redeemer = index % 2 == 0 ? "relay_a" : "relay_b"
                group.addTask {
                    let record = RedemptionRecord(redeemer: redeemer, response: Array("answer for \(redeemer) #\(index)".utf8))
                    return (redeemer, try await store.redeem(tokenKeyID: key, nonce: nonce, record: record))
                }
            }
            var outcomes: [(String, RedemptionOutcome)] = []
            for try await outcome in group { outcomes.append(outcome) }
            return outcomes
        }
        let recorded = outcomes.compactMap { redeemer, outcome -> RedemptionRecord? in
            if case .recorded(let record) = outcome { return record }
            return nil
        }
        #expect(recorded.count == 1)
        let winner = try #require(recorded.first)
        for (redeemer, outcome) in outcomes {
            switch outcome {
            case .recorded: #expect(redeemer == winner.redeemer)
            case .replayed(let record): #expect(redeemer == winner.redeemer && record == winner)
            case .spentByOther: #expect(redeemer != winner.redeemer)
            }
        }
        #expect(try await store.record(tokenKeyID: key, nonce: nonce) == winner)
        #expect(await store.count == 1)
    }

    @Test("it is a SpentTokenStore: insert is true once, and other keys or nonces are independent")
    func spentTokenStoreConformance() async throws {
        let store = InMemoryRedemptionStore()
        #expect(try await store.insert(tokenKeyID: [1], nonce: [2]))
        #expect(try await !store.insert(tokenKeyID: [1], nonce: [2]))
        #expect(try await store.insert(tokenKeyID: [1], nonce: [3]))
        #expect(try await store.insert(tokenKeyID: [9], nonce: [2]))
        #expect(try await store.record(tokenKeyID: [5], nonce: [5]) == nil)
        await store.removeAll(tokenKeyID: [1])
        #expect(try await store.insert(tokenKeyID: [1], nonce: [2]))
    }

    @Test("an Origin accepts a RedemptionStore as its spent-token store")
    func usableAsSpentTokenStore() async throws {
        let store: any SpentTokenStore = InMemoryRedemptionStore()
        #expect(try await store.insert(tokenKeyID: [4], nonce: [4]))
        #expect(try await !store.insert(tokenKeyID: [4], nonce: [4]))
    }
}
