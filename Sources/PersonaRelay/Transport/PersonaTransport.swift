import AsyncHTTPClient
import Logging
import NIOCore
import NIOHTTP1

/// Sends the JSON POSTs of relay-protocol.md §2 with the §7 retry policy, a per-attempt timeout, bounded body
/// reads and logging that never contains credentials, tokens or bodies.
struct PersonaTransport: Sendable {
    let httpClient: HTTPClient
    /// The base URL with one trailing `/` removed (§1).
    let baseURL: String
    let configuration: PersonaConfiguration
    let logger: Logger

    /// POSTs `body` to `endpoint` until it succeeds or the policy gives up.
    ///
    /// - Parameters:
    ///   - headers: the call's own headers (`Content-Type: application/json` is added).
    ///   - acceptedStatuses: non-2xx statuses returned as responses instead of errors (the §2.3 401 challenge).
    /// - Returns: the first response with a 2xx or accepted status.
    /// - Throws: the last attempt's ``PersonaError`` when it is not retryable or the retries are used up; a
    ///   cancellation error as soon as the task is cancelled.
    func post(
        _ endpoint: PersonaEndpoint, body: [UInt8], headers: [(name: String, value: String)],
        acceptedStatuses: Set<Int> = []
    ) async throws(PersonaError) -> PersonaResponse {
        var request = HTTPClientRequest(url: baseURL + endpoint.path)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "Accept", value: "application/json")
        for header in headers { request.headers.add(name: header.name, value: header.value) }
        request.body = .bytes(ByteBuffer(bytes: body))

        var attempt = 0
        while true {
            attempt += 1
            if Task.isCancelled { throw .cancellation() }
            let error: PersonaError
            do {
                let response = try await send(request)
                log(endpoint, attempt: attempt, status: response.status, requestID: response.requestID)
                if (200..<300).contains(response.status) || acceptedStatuses.contains(response.status) {
                    return response
                }
                error = PersonaError(response: response)
            } catch let failure {
                if failure.isCancellation { throw failure }
                log(endpoint, attempt: attempt, status: failure.statusCode, requestID: nil, failure: failure.kind)
                error = failure
            }
            guard attempt <= configuration.maxRetries, RetryPolicy.shouldRetry(error, on: endpoint) else {
                throw error
            }
            let delay = RetryPolicy.delay(beforeRetry: attempt, after: error, configuration: configuration)
            logger.debug(
                "Retrying Persona request",
                metadata: ["path": "\(endpoint.logPath)", "attempt": "\(attempt)", "delay": "\(delay)"])
            do {
                try await Task.sleep(for: delay)
            } catch {
                throw .cancellation()
            }
        }
    }

    /// The per-attempt debug line: method, path template, status, request id, attempt — nothing else.
    private func log(
        _ endpoint: PersonaEndpoint, attempt: Int, status: Int, requestID: String?, failure: PersonaError.Kind? = nil
    ) {
        var metadata: Logger.Metadata = [
            "method": "POST", "path": "\(endpoint.logPath)", "status": "\(status)", "attempt": "\(attempt)",
        ]
        // Persona's id of the response, under its own key: a caller's logger (the gateway's) may carry its own
        // `request-id`, which this must not overwrite.
        if let requestID { metadata["persona-request-id"] = "\(requestID)" }
        if let failure { metadata["error"] = "\(failure.rawValue)" }
        logger.debug("Persona request", metadata: metadata)
    }

    /// One attempt: the request and the whole body within ``PersonaConfiguration/requestTimeout``.
    private func send(_ request: HTTPClientRequest) async throws(PersonaError) -> PersonaResponse {
        let timeout = configuration.requestTimeout
        let limit = configuration.maxResponseBodyBytes
        let client = httpClient
        do {
            return try await withThrowingTaskGroup(of: PersonaResponse?.self) { group in
                group.addTask {
                    let response = try await client.execute(request, deadline: .now() + TimeAmount(timeout))
                    let buffer = try await response.body.collect(upTo: limit)
                    return PersonaResponse(
                        status: Int(response.status.code),
                        headers: response.headers.map { (name: $0.name, value: $0.value) },
                        body: Array(buffer.readableBytesView))
                }
                group.addTask {
                    try await Task.sleep(for: timeout)
                    return nil
                }
                // The first child to finish decides; the other is cancelled when the group ends.
                defer { group.cancelAll() }
                guard let first = try await group.next(), let response = first else {
                    throw PersonaError.timeout()
                }
                return response
            }
        } catch let error as PersonaError {
            throw error
        } catch {
            throw PersonaTransport.map(error)
        }
    }

    /// A thrown transport error as a ``PersonaError`` (§7).
    static func map(_ error: any Error) -> PersonaError {
        if Task.isCancelled || error is CancellationError { return .cancellation() }
        if error is NIOTooManyBytesError {
            return .protocolError("Persona response too large", "the response body exceeds the configured limit")
        }
        if let clientError = error as? HTTPClientError {
            let timeouts: [HTTPClientError] = [
                .deadlineExceeded, .readTimeout, .writeTimeout, .connectTimeout, .getConnectionFromPoolTimeout,
                .tlsHandshakeTimeout, .socksHandshakeTimeout, .httpProxyHandshakeTimeout,
            ]
            if timeouts.contains(clientError) { return .timeout() }
            if clientError == .cancelled { return .cancellation() }
            // A request the HTTP client refused to build: a local fault, never retried, and described without
            // the values it names (they may be credentials).
            if case .invalidHeaderFieldValues = clientError.requestConstructionKind {
                return PersonaError(
                    kind: .badRequest, statusCode: 400, title: "Bad request",
                    details: "a header value contains a character HTTP does not allow")
            }
            if case .invalidHeaderFieldNames = clientError.requestConstructionKind {
                return PersonaError(
                    kind: .badRequest, statusCode: 400, title: "Bad request",
                    details: "a header name contains a character HTTP does not allow")
            }
            if case .invalidURL = clientError.requestConstructionKind {
                return PersonaError(
                    kind: .badRequest, statusCode: 400, title: "Bad request",
                    details: "the request URL is not valid (check the base URL)")
            }
            return .network(clientError.shortDescription)
        }
        return .network(String(describing: error))
    }
}

extension TimeAmount {
    /// The same length as `duration`, to the nanosecond.
    init(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        self = .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}

/// The request-construction failures of AsyncHTTPClient, told apart without printing the values they carry.
enum RequestConstructionKind {
    case invalidHeaderFieldValues, invalidHeaderFieldNames, invalidURL, other
}

extension HTTPClientError {
    /// Which request-construction failure this is, if any (compared by case, never by the values inside).
    var requestConstructionKind: RequestConstructionKind {
        if self == .invalidURL { return .invalidURL }
        let name = shortDescription
        if name.hasPrefix("Invalid header field values") || name.contains("invalidHeaderFieldValues") {
            return .invalidHeaderFieldValues
        }
        if name.hasPrefix("Invalid header field names") || name.contains("invalidHeaderFieldNames") {
            return .invalidHeaderFieldNames
        }
        return .other
    }
}
