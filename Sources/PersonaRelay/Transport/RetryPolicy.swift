/// The retry policy of relay-protocol.md §7 (the Go SDK's, adopted as the default).
enum RetryPolicy {
    /// Statuses retried on every call: 429, 500, 502, 503, 504 (a network error is 502, a timeout 504).
    static let retriedStatuses: Set<Int> = [429, 500, 502, 503, 504]

    /// Whether `error` is worth another attempt on `endpoint`. Protocol errors (bad bodies, local crypto and
    /// parse failures) never are, whatever their status.
    static func shouldRetry(_ error: PersonaError, on endpoint: PersonaEndpoint) -> Bool {
        switch error.kind {
        case .protocol: return false
        case .network, .timeout: return !error.isCancellation
        default:
            return retriedStatuses.contains(error.statusCode) || (endpoint.retriesForbidden && error.statusCode == 403)
        }
    }

    /// The wait before retry number `retry` (1-based): initialBackoff · 2^(retry−1), no jitter. A 429's
    /// `Retry-After` (or, without it, `RateLimit-Reset`) in whole seconds stretches it, capped at `maxRetryAfter`.
    static func delay(beforeRetry retry: Int, after error: PersonaError, configuration: PersonaConfiguration) -> Duration {
        let backoff = configuration.initialBackoff * (1 << min(max(retry - 1, 0), 30))
        guard error.statusCode == 429, let seconds = serverRequestedSeconds(error.responseHeaders) else {
            return backoff
        }
        let requested = min(Duration.seconds(seconds), configuration.maxRetryAfter)
        return max(backoff, requested)
    }

    /// `Retry-After` as delay-seconds (RFC 9110 §10.2.3), else `RateLimit-Reset` (seconds to the window's end, §1).
    /// An HTTP-date `Retry-After` is ignored (the sandbox and Persona send seconds).
    static func serverRequestedSeconds(_ headers: [(name: String, value: String)]) -> Int? {
        for name in ["retry-after", "ratelimit-reset"] {
            if let value = headers.first(where: { $0.name.lowercased() == name })?.value,
                let seconds = Int(value.trimmingSpaces), seconds >= 0
            {
                return seconds
            }
        }
        return nil
    }
}

extension String {
    /// Without leading and trailing spaces and tabs.
    var trimmingSpaces: Substring {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let start = firstIndex(where: { !isSpace($0) }), let end = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return self[start...end]
    }
}
