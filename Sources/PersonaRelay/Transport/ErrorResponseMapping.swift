import RelayProtocol

extension PersonaError {
    /// The error for a non-2xx response (relay-protocol.md §7): `errors[0]` of a JSON error body, or, without one,
    /// a title derived from the status and details `unexpected response body: <raw>` (as the Go SDK does). An
    /// empty title in the body is replaced by the status title too.
    init(response: PersonaResponse) {
        let kind = Kind(statusCode: response.status)
        let defaultTitle = PersonaError.defaultTitle(forStatus: response.status)
        if let entry = RelayErrorBody.parse(response.body)?.errors.first {
            self.init(
                kind: kind, statusCode: response.status, title: entry.title.isEmpty ? defaultTitle : entry.title,
                details: entry.details, code: entry.code, meta: entry.meta, requestID: response.requestID,
                responseBody: response.body, responseHeaders: response.errorRelevantHeaders)
        } else {
            self.init(
                kind: kind, statusCode: response.status, title: defaultTitle,
                details: "unexpected response body: " + String(decoding: response.body, as: UTF8.self),
                requestID: response.requestID, responseBody: response.body,
                responseHeaders: response.errorRelevantHeaders)
        }
    }
}
