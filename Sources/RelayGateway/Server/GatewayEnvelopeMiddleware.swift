import HTTPTypes
import Hummingbird
import Logging
import RelayProtocol

/// What every request goes through (relay-protocol.md §8, §13.5): 405 with `Allow` for a wrong method on a known
/// path, every error turned into the `{"errors":[…]}` shape (404 for an unknown path; never a framework error
/// page), a `Request-Id` on every response (the upstream's when there is one, else the gateway's own), and one log
/// line per request with the request id, method, route, status and duration — never a credential, a token or a
/// body, and never the path of a redeem call, which holds the relay token.
struct GatewayEnvelopeMiddleware<Context: RequestContext>: RouterMiddleware {
    /// Receives the request lines.
    let logger: Logger

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let start = ContinuousClock.now
        let requestID = GatewayRequestID.make()
        var context = context
        context.logger[metadataKey: "request-id"] = .string(requestID)
        let match = GatewayRoutes.match(path: request.uri.path)

        var response: Response
        if let match, request.method != match.method {
            response = GatewayEnvelopeMiddleware.response(
                GatewayError(
                    status: 405, details: "only \(match.method.rawValue) is allowed on \(match.route)",
                    headers: [(name: "Allow", value: match.method.rawValue)]))
        } else {
            do {
                response = try await next(request, context)
            } catch let error as GatewayError {
                response = GatewayEnvelopeMiddleware.response(error)
            } catch let error as HTTPError where error.status == .notFound {
                response = GatewayEnvelopeMiddleware.response(GatewayError(status: 404, details: "no such route"))
            } catch let error as HTTPError where (400..<500).contains(error.status.code) {
                response = GatewayEnvelopeMiddleware.response(
                    GatewayError(status: error.status.code, details: "the request was refused"))
            } catch {
                logger.error(
                    "request failed", metadata: ["request-id": "\(requestID)", "error": "\(type(of: error))"])
                response = GatewayEnvelopeMiddleware.response(
                    GatewayError(status: 500, details: "the gateway failed to handle the request"))
            }
        }

        var upstreamRequestID: String?
        if let name = HTTPField.Name(RelayHeaders.requestID) {
            if let existing = response.headers[name] {
                upstreamRequestID = existing
            } else {
                response.headers[name] = requestID
            }
        }
        var metadata: Logger.Metadata = [
            "request-id": "\(requestID)", "method": "\(request.method.rawValue)",
            "path": "\(match?.route ?? "(unknown)")", "status": "\(response.status.code)",
            "duration-ms": "\(GatewayEnvelopeMiddleware.milliseconds(since: start))",
        ]
        if let upstreamRequestID { metadata["upstream-request-id"] = "\(upstreamRequestID)" }
        logger.info("request", metadata: metadata)
        return response
    }

    /// An error as a response: its status, headers and body, `Content-Type: application/json`.
    static func response(_ error: GatewayError) -> Response {
        var fields = HTTPFields()
        fields[.contentType] = "application/json"
        for (name, value) in error.headers {
            if let fieldName = HTTPField.Name(name) { fields.append(HTTPField(name: fieldName, value: value)) }
        }
        return Response(
            status: HTTPResponse.Status(code: error.status), headers: fields,
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: error.body)))
    }

    private static func milliseconds(since start: ContinuousClock.Instant) -> Int64 {
        let (seconds, attoseconds) = (ContinuousClock.now - start).components
        return seconds * 1_000 + attoseconds / 1_000_000_000_000_000
    }
}
