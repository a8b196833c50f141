import HTTPTypes
import Hummingbird
import Logging

/// What every response goes through (relay-protocol.md §1, §5.2 step 1, §7, §9): the rate limit, header checks,
/// injected faults and 405s before the route; errors turned into the §7 shape (never a trap, never a framework
/// error page); and `Request-Id`, `RateLimit-*`, `Persona-Environment-Id` and `Persona-Organization-Id` on every
/// response.
struct SandboxEnvelopeMiddleware<Context: RequestContext>: RouterMiddleware {
    let service: SandboxService

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let path = request.uri.path
        let headers = SandboxHeaderView(fields: request.headers.map { ($0.name.canonicalName, $0.value) })
        let apiKey = RequestCredentials.bearerKey(in: headers.values("authorization"))
            .flatMap(service.apiKey(matching:))
        let rate = service.rateLimiter.check(
            bucket: apiKey?.key ?? "", now: service.clock.now(), consume: !SandboxRoutes.isControl(path: path))

        let reply: SandboxReply
        if !rate.allowed {
            reply = SandboxError(429, "rate limit exceeded").adding(header: "Retry-After", String(rate.reset)).reply
        } else if let problem = SandboxHeaders.problem(in: headers) {
            reply = problem.reply
        } else if let status = service.faults.consume(path: path) {
            reply = SandboxError(status, "injected fault").reply
        } else if SandboxRoutes.isKnown(path: path), request.method != .post {
            reply = SandboxError(405, "only POST is allowed here").adding(header: "Allow", "POST").reply
        } else {
            do {
                return Self.finish(try await next(request, context), rate: rate, apiKey: apiKey, service: service)
            } catch let error as SandboxError {
                reply = error.reply
            } catch let error as HTTPError where error.status.code == 404 {
                reply = SandboxError(404, "no such route").reply
            } catch let error as HTTPError where (400..<500).contains(error.status.code) {
                reply = SandboxError(error.status.code, "the request was refused").reply
            } catch {
                service.logger.error("request failed: \(String(describing: type(of: error)))")
                reply = SandboxError(500, "the sandbox failed to handle the request").reply
            }
        }
        return Self.finish(Self.response(reply), rate: rate, apiKey: apiKey, service: service)
    }

    /// A reply as a Hummingbird response.
    static func response(_ reply: SandboxReply) -> Response {
        var fields = HTTPFields()
        for (name, value) in reply.headers {
            if let fieldName = HTTPField.Name(name) { fields.append(HTTPField(name: fieldName, value: value)) }
        }
        return Response(
            status: HTTPResponse.Status(code: reply.status), headers: fields,
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: reply.body)))
    }

    private static func finish(
        _ response: Response, rate: RateLimiter.Decision, apiKey: RelaySandboxAPIKey?, service: SandboxService
    ) -> Response {
        var response = response
        let environment = apiKey?.environment(default: service.configuration.defaultEnvironment)
            ?? service.configuration.defaultEnvironment
        let envelope: [(String, String)] = [
            ("Request-Id", RandomIdentifiers.requestID()),
            ("RateLimit-Limit", String(rate.limit)),
            ("RateLimit-Remaining", String(rate.remaining)),
            ("RateLimit-Reset", String(rate.reset)),
            ("Persona-Environment-Id", environment.environmentID),
            ("Persona-Organization-Id", service.configuration.organizationID),
        ]
        for (name, value) in envelope {
            if let fieldName = HTTPField.Name(name) { response.headers[fieldName] = value }
        }
        return response
    }
}
