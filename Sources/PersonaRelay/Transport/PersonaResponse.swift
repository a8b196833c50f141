import RelayProtocol

/// One HTTP response, read in full (bounded by ``PersonaConfiguration/maxResponseBodyBytes``).
struct PersonaResponse: Sendable {
    /// The status code.
    let status: Int
    /// Every header line, names and values as received.
    let headers: [(name: String, value: String)]
    /// The body.
    let body: [UInt8]

    /// The values of every line named `name` (case-insensitive), in order.
    func headerValues(_ name: String) -> [String] {
        let wanted = name.lowercased()
        return headers.filter { $0.name.lowercased() == wanted }.map(\.value)
    }

    /// The first value of `name`.
    func header(_ name: String) -> String? { headerValues(name).first }

    /// `Request-Id` (§1).
    var requestID: String? { header(RelayHeaders.requestID) }

    /// The headers a ``PersonaError`` keeps: `Request-Id`, `Retry-After` and `RateLimit-*` (§1, §13.5).
    var errorRelevantHeaders: [(name: String, value: String)] {
        headers.filter { header in
            let name = header.name.lowercased()
            return name == "request-id" || name == "retry-after" || name.hasPrefix("ratelimit-")
        }
    }
}
