import Foundation
import Testing

/// `privacy-pass demo`: the Relay flow end to end against the embedded sandbox, as a user runs it.
@Suite("CLI: privacy-pass demo")
struct CLIDemoTests {
    @Test("demo runs all nine steps against the in-process sandbox and exits 0")
    func embeddedDemo() throws {
        let output = try CLI.run(["demo"])
        #expect(output.status == 0, "\(output)")
        let stepLines = output.stdoutLines.filter { $0.hasPrefix("[") }
        #expect(stepLines.count == 9, "\(output)")
        for (index, line) in stepLines.enumerated() {
            #expect(line.hasPrefix("[\(index + 1)/9] "), "\(line)")
            #expect(line.contains(": ok ("), "\(line)")
        }
        #expect(output.stdoutText.contains("\"claim_result\":\"passed\""), "\(output)")
        #expect(output.stdoutText.contains("refused: 409 ConflictError (privacy_pass_already_redeemed)"), "\(output)")
        #expect(output.stdoutLines.last?.hasPrefix("result: all 9 steps behaved as expected") == true, "\(output)")
    }

    @Test("demo with another claim type decodes that claim type")
    func claimType() throws {
        let output = try CLI.run(["demo", "--claim-type", "live_human_presence"])
        #expect(output.status == 0, "\(output)")
        #expect(output.stdoutText.contains("\"claim_type\":\"live_human_presence\""), "\(output)")
        // §13.8: methodology only for age_* claim types.
        #expect(!output.stdoutText.contains("methodology"), "\(output)")
    }

    @Test("demo refuses --upstream without --api-key, and a non-HTTP upstream, before doing anything")
    func invalidOptions() throws {
        let missingKey = try CLI.run(["demo", "--upstream", "http://127.0.0.1:9"])
        #expect(missingKey.status == 64, "\(missingKey)")
        #expect(missingKey.stderrText.contains("--api-key"), "\(missingKey)")
        let badURL = try CLI.run(["demo", "--upstream", "ftp://x", "--api-key", "k"])
        #expect(badURL.status == 64, "\(badURL)")
    }

    @Test("demo against an upstream that does not answer fails at the first network step and exits 1")
    func unreachableUpstream() throws {
        // Port 9 (discard) on loopback: nothing listens, so the connection is refused at once; the client's
        // retries (100, 200, 400 ms) end in a NetworkError.
        let output = try CLI.run(["demo", "--upstream", "http://127.0.0.1:9", "--api-key", "persona_sandbox_x"])
        #expect(output.status == 1, "\(output)")
        #expect(output.stdoutText.contains("[2/9] create a relay (encrypted claim payload): FAILED"), "\(output)")
        #expect(output.stdoutText.contains("NetworkError") || output.stdoutText.contains("Network error"), "\(output)")
        #expect(output.stdoutLines.last?.hasPrefix("result: FAILED") == true, "\(output)")
    }
}
