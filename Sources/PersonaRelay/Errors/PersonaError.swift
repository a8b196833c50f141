public import RelayProtocol

/// Every failure of the client: a Persona error response, a transport failure, a timeout, or a response the client
/// cannot use (relay-protocol.md §7).
///
/// The shape follows the Node and Go Server SDKs: a status code, a title, optional details, code and meta from the
/// first entry of the `errors` array, and the `Request-Id` of the response. ``kind`` says which of the SDK's error
/// classes the Node SDK would throw (`BadRequestError`, `RateLimitedError`, …).
///
/// Task cancellation also ends in a `PersonaError` (the API uses typed throws): kind ``Kind/network``, status 502,
/// title "Network error", details "cancelled", and ``isCancellation`` is `true`.
public struct PersonaError: Error, Sendable, CustomStringConvertible {
    /// The SDK error class (relay-protocol.md §7, "Error types"); the raw value is the Node class name.
    public enum Kind: String, Sendable {
        /// 400.
        case badRequest = "BadRequestError"
        /// 401 (a bad API key, a missing or rejected Privacy Pass token).
        case unauthorized = "UnauthorizedError"
        /// 403 (no permission or quota; on generate-claim, a relay not completed yet).
        case forbidden = "ForbiddenError"
        /// 404 (an unknown relay or a wrong relay secret, indistinguishably).
        case notFound = "NotFoundError"
        /// 409 (a pass already redeemed on another relay).
        case conflict = "ConflictError"
        /// 422 (an invalid value or action).
        case unprocessableEntity = "UnprocessableEntityError"
        /// 429 (rate limited).
        case rateLimited = "RateLimitedError"
        /// Any other non-2xx status below 500: the base class.
        case clientError = "PersonaError"
        /// 5xx.
        case server = "ServerError"
        /// A transport failure (status 502, title "Network error").
        case network = "NetworkError"
        /// An attempt that did not complete in time (status 504, title "Request to Persona timed out").
        case timeout = "TimeoutError"
        /// A malformed challenge, key or response, or a blind signature that does not finalize (502 or 500 as in
        /// the Go SDK; an undecodable 2xx body keeps its own status, §13.9).
        case `protocol` = "ProtocolError"

        /// The kind of an HTTP error status (relay-protocol.md §7): 400, 401, 403, 404, 409, 422 and 429 have their
        /// own kinds, 5xx is ``server``, anything else ``clientError`` (the base class, as in the Go SDK).
        public init(statusCode: Int) {
            switch statusCode {
            case 400: self = .badRequest
            case 401: self = .unauthorized
            case 403: self = .forbidden
            case 404: self = .notFound
            case 409: self = .conflict
            case 422: self = .unprocessableEntity
            case 429: self = .rateLimited
            case 500...599: self = .server
            default: self = .clientError
            }
        }
    }

    /// Which SDK error class this is.
    public var kind: Kind
    /// The HTTP status: the response's, or 502/504/500 for client-side failures (§7).
    public var statusCode: Int
    /// `errors[0].title`, or a title derived from the status.
    public var title: String
    /// `errors[0].details`, or a description of what went wrong.
    public var details: String?
    /// `errors[0].code` (snake_case in the sandbox).
    public var code: String?
    /// `errors[0].meta`.
    public var meta: JSONValue?
    /// The response's `Request-Id`, when there was a response.
    public var requestID: String?
    /// The upstream error body exactly as received (a gateway passes it through); `nil` when there was no error
    /// response (transport failures, timeouts, and protocol errors, including undecodable 2xx bodies, which may
    /// carry relay secrets).
    public var responseBody: [UInt8]?
    /// The `Request-Id`, `Retry-After` and `RateLimit-*` headers of the response, names and values as received.
    public var responseHeaders: [(name: String, value: String)]

    /// An error from its parts.
    public init(
        kind: Kind, statusCode: Int, title: String, details: String? = nil, code: String? = nil, meta: JSONValue? = nil,
        requestID: String? = nil, responseBody: [UInt8]? = nil, responseHeaders: [(name: String, value: String)] = []
    ) {
        self.kind = kind
        self.statusCode = statusCode
        self.title = title
        self.details = details
        self.code = code
        self.meta = meta
        self.requestID = requestID
        self.responseBody = responseBody
        self.responseHeaders = responseHeaders
    }

    /// Whether this error stands for the cancellation of the calling task.
    public var isCancellation: Bool { kind == .network && details == PersonaError.cancellationDetails }

    /// `persona: <kind> <title> (<details>) [status <n>]`, in the Go SDK's form.
    public var description: String {
        var text = "persona: \(kind.rawValue): \(title)"
        if let details, !details.isEmpty { text += " (\(details))" }
        text += " [status \(statusCode)]"
        if let requestID { text += " [request \(requestID)]" }
        return text
    }
}

// MARK: - Client-side errors (relay-protocol.md §7)

extension PersonaError {
    static let cancellationDetails = "cancelled"

    /// A transport failure: 502 "Network error", details = the transport error (§7).
    static func network(_ details: String) -> PersonaError {
        PersonaError(kind: .network, statusCode: 502, title: "Network error", details: details)
    }

    /// A timed-out attempt: 504 "Request to Persona timed out" (§7).
    static func timeout() -> PersonaError {
        PersonaError(kind: .timeout, statusCode: 504, title: "Request to Persona timed out")
    }

    /// The calling task was cancelled.
    static func cancellation() -> PersonaError {
        .network(cancellationDetails)
    }

    /// A protocol error: a malformed challenge, key or blind signature (502), or a local crypto failure (500).
    static func protocolError(status: Int = 502, _ title: String, _ details: String? = nil) -> PersonaError {
        PersonaError(kind: .protocol, statusCode: status, title: title, details: details)
    }

    /// The title the Go SDK gives a status when the body has none (§7); anything unlisted is "Internal server error".
    static func defaultTitle(forStatus status: Int) -> String {
        RelayErrorBody.defaultTitle(forStatus: status)
    }
}
