import RelayProtocol

/// A response before the envelope headers (`Request-Id`, `RateLimit-*`, environment ids) are added: what handlers
/// produce and what idempotency records store.
struct SandboxReply: Sendable {
    /// The HTTP status.
    var status: Int
    /// The handler's own headers, in order (`Content-Type`, `WWW-Authenticate`, `Allow`, `Retry-After`).
    var headers: [(name: String, value: String)]
    /// The body bytes.
    var body: [UInt8]

    init(status: Int, headers: [(name: String, value: String)], body: [UInt8]) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// A JSON reply with top-level keys re-spelled by `inflection` (relay-protocol.md §1 "Response key casing").
    static func json(_ members: [String: JSONValue], inflection: KeyInflection, status: Int = 200) -> SandboxReply {
        var spelled: [String: JSONValue] = [:]
        for (key, value) in members { spelled[inflection.spell(key)] = value }
        return SandboxReply(
            status: status, headers: [("Content-Type", "application/json")], body: JSONValue.object(spelled).serialized())
    }

    /// This reply with the top-level keys of a 2xx JSON object body re-spelled for `inflection` (whatever spelling
    /// it was stored in); error bodies and other bodies are unchanged (§1: error-body keys never change).
    func respelled(for inflection: KeyInflection) -> SandboxReply {
        guard (200..<300).contains(status), case .object(let members)? = try? JSONValue.parse(body) else {
            return self
        }
        var spelled: [String: JSONValue] = [:]
        for (key, value) in members { spelled[inflection.spell(KeyInflection.normalize(key))] = value }
        var reply = self
        reply.body = JSONValue.object(spelled).serialized()
        return reply
    }

    /// An empty 204 reply.
    static let noContent = SandboxReply(status: 204, headers: [], body: [])

    /// Whether an idempotency record keeps this outcome (§13.3): 2xx and the deterministic 400/404/409/422.
    var isStorable: Bool {
        (200..<300).contains(status) || [400, 404, 409, 422].contains(status)
    }

    /// Headers as stored: a JSON array of `[name, value]` pairs.
    static func encodeHeaders(_ headers: [(name: String, value: String)]) -> [UInt8] {
        JSONValue.array(headers.map { .array([.string($0.name), .string($0.value)]) }).serialized()
    }

    /// Headers from their stored form; malformed entries are dropped.
    static func decodeHeaders(_ bytes: [UInt8]) -> [(name: String, value: String)] {
        guard case .array(let pairs)? = try? JSONValue.parse(bytes) else { return [] }
        return pairs.compactMap { pair in
            guard case .array(let parts) = pair, parts.count == 2, let name = parts[0].stringValue,
                let value = parts[1].stringValue
            else { return nil }
            return (name, value)
        }
    }
}
