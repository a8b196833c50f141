/// Retry, timeout and size limits of the client (relay-protocol.md §7). The defaults are the Go SDK's.
public struct PersonaConfiguration: Sendable {
    /// Retries after the first attempt (3: four attempts in all).
    public var maxRetries: Int
    /// The wait before the first retry; it doubles before each further one (100 ms, 200 ms, 400 ms), no jitter.
    public var initialBackoff: Duration
    /// The longest a 429's `Retry-After` / `RateLimit-Reset` may stretch a wait.
    public var maxRetryAfter: Duration
    /// The time one attempt may take, from sending the request to the last byte of the response body.
    public var requestTimeout: Duration
    /// The largest response body read; a longer one is a protocol error.
    public var maxResponseBodyBytes: Int

    /// A configuration; every parameter defaults to the Go SDK's behaviour.
    public init(
        maxRetries: Int = 3, initialBackoff: Duration = .milliseconds(100), maxRetryAfter: Duration = .seconds(5),
        requestTimeout: Duration = .seconds(10), maxResponseBodyBytes: Int = 1 << 20
    ) {
        self.maxRetries = maxRetries
        self.initialBackoff = initialBackoff
        self.maxRetryAfter = maxRetryAfter
        self.requestTimeout = requestTimeout
        self.maxResponseBodyBytes = maxResponseBodyBytes
    }
}
