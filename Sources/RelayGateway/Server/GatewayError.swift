import PersonaRelay
import RelayProtocol

/// A response in the error shape of relay-protocol.md §7 (`{"errors":[…]}`): the gateway's own refusals and the
/// upstream's errors passed through (§8, §13.5).
struct GatewayError: Error, Sendable {
    /// The HTTP status.
    var status: Int
    /// The error body.
    var body: [UInt8]
    /// Headers to send with it (`Allow`, the upstream's `Request-Id`, `Retry-After`, `RateLimit-*`).
    var headers: [(name: String, value: String)]

    /// An error of the gateway itself; the code defaults to the one §13.7 gives the status.
    init(
        status: Int, title: String? = nil, details: String, code: String? = nil,
        headers: [(name: String, value: String)] = []
    ) {
        self.status = status
        self.body = RelayErrorBody(
            title: title ?? GatewayError.title(forStatus: status), details: details,
            code: code ?? GatewayError.code(forStatus: status)
        ).serialized()
        self.headers = headers
    }

    /// 400 `invalid_request`: a body, header or field the gateway cannot use.
    static func badRequest(_ details: String) -> GatewayError {
        GatewayError(status: 400, details: details)
    }

    /// The upstream's error as the gateway answers it (§13.5): its status and `errors` body — verbatim when it is a
    /// valid error body, otherwise re-serialised from the error's fields — and its `Request-Id`, `Retry-After`
    /// and `RateLimit-*` headers, never `WWW-Authenticate`. Transport failures (502 "Network error") and timeouts
    /// (504 "Request to Persona timed out") keep the SDK's status and title. An error that carries a non-error
    /// status (an undecodable 2xx body, §13.9) becomes 502: the upstream's answer could not be used. So does every
    /// protocol error (a malformed challenge, a blind signature that does not verify): the SDK reports those with
    /// the Go SDK's 500 or 502, but from the gateway a 500 would read as its own fault, and the fault is upstream.
    init(_ error: PersonaError) {
        let status =
            error.kind == .protocol || !(400...599).contains(error.statusCode) ? 502 : error.statusCode
        self.status = status
        if status == error.statusCode, let raw = error.responseBody, RelayErrorBody.parse(raw) != nil {
            body = raw
        } else {
            body = RelayErrorBody(
                title: status == error.statusCode ? error.title : GatewayError.title(forStatus: status),
                details: status == error.statusCode
                    ? error.details : error.details.map { "\(error.title): \($0)" } ?? error.title,
                code: error.code ?? RelayErrorBody.defaultCode(forStatus: status), meta: error.meta
            ).serialized()
        }
        var headers: [(name: String, value: String)] = []
        for header in error.responseHeaders where GatewayError.isPassedThrough(header.name) {
            headers.append(header)
        }
        if let requestID = error.requestID,
            !headers.contains(where: { $0.name.lowercased() == RelayHeaders.requestID.lowercased() })
        {
            headers.append((RelayHeaders.requestID, requestID))
        }
        self.headers = headers
    }

    /// Whether an upstream error header goes back to the caller (§13.5): `Request-Id`, `Retry-After`,
    /// `RateLimit-*`.
    static func isPassedThrough(_ name: String) -> Bool {
        let lowered = name.lowercased()
        return lowered == "request-id" || lowered == "retry-after" || lowered.hasPrefix("ratelimit-")
    }

    /// The code of a status: §13.7's, plus `method_not_allowed` for 405 (as the sandbox answers).
    static func code(forStatus status: Int) -> String {
        status == 405 ? "method_not_allowed" : RelayErrorBody.defaultCode(forStatus: status)
    }

    /// The title of a status: §7's table, plus the statuses only the gateway answers.
    static func title(forStatus status: Int) -> String {
        switch status {
        case 405: return "Method not allowed"
        case 409: return "Conflict"
        case 422: return "Unprocessable entity"
        default: return RelayErrorBody.defaultTitle(forStatus: status)
        }
    }
}
