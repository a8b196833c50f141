import RelayProtocol

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension SandboxService {
    /// `POST /_sandbox/relays/{relay-token}/state {"status": "passed"|"failed"|"pending"}` → 204; 404 for an
    /// unknown relay (relay-protocol.md §9, §13.6).
    func setRelayState(_ request: SandboxRequest, relayToken: String) async throws -> SandboxReply {
        let body = try request.jsonBody()
        let text = try body.requiredString("status")
        guard let status = RelayStatus(rawValue: text) else {
            throw SandboxError(422, "status must be passed, failed or pending")
        }
        guard try await database.setStatus(status, relayToken: relayToken) else {
            throw SandboxError(404, "relay not found")
        }
        return .noContent
    }

    /// `POST /_sandbox/clock {"advance-seconds": n}` → 200 `{"now": <Unix seconds>}` (§9). The clock only moves
    /// forward; the offset is stored, so a restart keeps it.
    func advanceClock(_ request: SandboxRequest) async throws -> SandboxReply {
        let body = try request.jsonBody()
        guard let value = body["advance-seconds"] else { throw SandboxError(400, "advance-seconds is required") }
        guard case .number(let seconds) = value else { throw SandboxError(400, "advance-seconds must be a number") }
        guard seconds.isFinite, seconds >= 0, seconds <= 100 * 365 * 86_400 else {
            throw SandboxError(422, "advance-seconds must be between 0 and 100 years")
        }
        let offset = clock.advance(by: seconds)
        try await database.setClockOffset(offset)
        return .json(["now": .number(clock.now().timeIntervalSince1970.rounded(.down))], inflection: request.inflection)
    }

    /// `POST /_sandbox/faults {"path": …, "status": 500, "times": 1}` → 204 (§9, §13.6).
    func armFault(_ request: SandboxRequest) async throws -> SandboxReply {
        let body = try request.jsonBody()
        let path = try body.requiredString("path")
        let status = try body.optionalInt("status") ?? 500
        let times = try body.optionalInt("times") ?? 1
        guard path.hasPrefix("/") else { throw SandboxError(422, "path must start with /") }
        guard (400...599).contains(status) else { throw SandboxError(422, "status must be 400 to 599") }
        guard (1...1_000_000).contains(times) else { throw SandboxError(422, "times must be 1 to 1000000") }
        faults.arm(path: path, status: status, times: times)
        return .noContent
    }

    /// `POST /_sandbox/reset` → 204: forgets relays, spent tokens, idempotency records, faults, rate-limit
    /// counters and the clock offset; token keys and server secrets stay (§9).
    func reset(_ request: SandboxRequest) async throws -> SandboxReply {
        try await database.reset()
        faults.reset()
        rateLimiter.reset()
        clock.setOffset(0)
        return .noContent
    }
}
