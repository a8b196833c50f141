import ArgumentParser

/// `privacy-pass demo [--upstream URL] [--api-key KEY] [--claim-type T]`: the Persona Relay flow end to end
/// against an in-process sandbox (or a running service), one timed line per step; exit 0 only if every step
/// behaved as expected, 1 otherwise.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run the Persona Relay flow end to end: create, issue, complete, redeem, decrypt, retry, double spend."
    )

    @Option(help: "A running Relay service's base URL; without it a sandbox is started in-process on 127.0.0.1.")
    var upstream: String?

    @Option(name: .customLong("api-key"), help: "The API key for issuance (required with --upstream).")
    var apiKey: String?

    @Option(name: .customLong("claim-type"), help: "The claim type of the relay and the pass.")
    var claimType: String = "age_over18_united_kingdom"

    func validate() throws {
        if upstream != nil && apiKey == nil {
            throw ValidationError("--upstream needs --api-key (issuance is authenticated with it)")
        }
        if let upstream, !(upstream.hasPrefix("http://") || upstream.hasPrefix("https://")) {
            throw ValidationError("--upstream must be an http:// or https:// URL")
        }
    }

    func run() async throws {
        let target: RelayDemo.Upstream
        if let upstream, let apiKey {
            target = .remote(baseURL: upstream, apiKey: apiKey)
        } else {
            target = .embedded
        }
        let demo = RelayDemo(upstream: target, claimType: claimType, write: { print($0) })
        if await !demo.run() { throw ExitCode(1) }
    }
}
