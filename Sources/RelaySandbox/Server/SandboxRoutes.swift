import RelayProtocol

/// The sandbox's routes (relay-protocol.md §2, §9): every one is `POST`.
enum SandboxRoutes {
    /// `POST /api/privacy/v1/relays`.
    static let createRelay = RelayPaths.createRelay
    /// `POST /api/privacy/v1/relays/challenge` (matched before `{relay-token}`).
    static let challenge = RelayPaths.challenge
    /// `POST /api/privacy/v1/relays/{relay-token}/generate-claim`.
    static let generateClaim = "/api/privacy/v1/relays/:relayToken/generate-claim"
    /// `POST /api/v1/privacy-passes`.
    static let privacyPasses = RelayPaths.privacyPasses
    /// `POST /_sandbox/relays/{relay-token}/state`.
    static let relayState = "/_sandbox/relays/:relayToken/state"
    /// `POST /_sandbox/clock`.
    static let clock = "/_sandbox/clock"
    /// `POST /_sandbox/faults`.
    static let faults = "/_sandbox/faults"
    /// `POST /_sandbox/reset`.
    static let reset = "/_sandbox/reset"

    /// The path parameter of relay routes.
    static let relayTokenParameter = "relayToken"

    private static let patterns: [[String]] = [
        createRelay, challenge, generateClaim, privacyPasses, relayState, clock, faults, reset,
    ].map { $0.split(separator: "/").map(String.init) }

    /// Whether `path` names one of the routes (for 405 on other methods).
    static func isKnown(path: String) -> Bool {
        let segments = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        return patterns.contains { pattern in
            pattern.count == segments.count
                && zip(pattern, segments).allSatisfy { $0.hasPrefix(":") ? !$1.isEmpty : $0 == $1 }
        }
    }

    /// Whether `path` is a control endpoint (`/_sandbox/…`), which the rate limiter does not count.
    static func isControl(path: String) -> Bool {
        path == "/_sandbox" || path.hasPrefix("/_sandbox/")
    }
}
