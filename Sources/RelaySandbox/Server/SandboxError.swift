import RelayProtocol

/// A protocol error answered to the client in the §7 shape: `{"errors":[{"title","details","code"}]}` with a
/// snake_case code (relay-protocol.md §7, §13.7), plus any extra headers (`WWW-Authenticate`, `Allow`,
/// `Retry-After`).
struct SandboxError: Error, Sendable {
    let status: Int
    let title: String
    let details: String
    let code: String
    var headers: [(name: String, value: String)] = []

    init(_ status: Int, code: String? = nil, title: String? = nil, _ details: String) {
        self.status = status
        self.title = title ?? Self.title(for: status)
        self.details = details
        self.code = code ?? Self.defaultCode(for: status)
    }

    /// The title a status carries (§7).
    static func title(for status: Int) -> String {
        switch status {
        case 400: "Bad request"
        case 401: "Unauthorized"
        case 403: "Forbidden"
        case 404: "Not found"
        case 405: "Method not allowed"
        case 409: "Conflict"
        case 413: "Payload too large"
        case 422: "Unprocessable entity"
        case 429: "Rate limited"
        case 502: "Bad gateway"
        case 503: "Service unavailable"
        case 504: "Gateway timeout"
        default: "Internal server error"
        }
    }

    /// The default code of a status (§13.7).
    static func defaultCode(for status: Int) -> String {
        switch status {
        case 400: "invalid_request"
        case 401: "unauthorized"
        case 403: "forbidden"
        case 404: "not_found"
        case 405: "method_not_allowed"
        case 409: "conflict"
        case 413: "payload_too_large"
        case 422: "unprocessable_entity"
        case 429: "rate_limited"
        case 500...599: "internal_error"
        default: "error"
        }
    }

    /// The error as a reply.
    var reply: SandboxReply {
        let entry = JSONValue.object(["title": .string(title), "details": .string(details), "code": .string(code)])
        let body = JSONValue.object(["errors": .array([entry])]).serialized()
        return SandboxReply(status: status, headers: [("Content-Type", "application/json")] + headers, body: body)
    }

    /// This error with an extra header.
    func adding(header name: String, _ value: String) -> SandboxError {
        var copy = self
        copy.headers.append((name, value))
        return copy
    }
}
