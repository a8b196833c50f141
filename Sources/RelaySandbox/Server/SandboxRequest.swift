import RelayProtocol

/// A request as the handlers see it: the path, the headers (names lower-cased), the body bytes and the response
/// key inflection; independent of the HTTP framework.
struct SandboxRequest: Sendable {
    /// The request path, without the query.
    let path: String
    /// Header fields in order, names lower-cased.
    let headers: [(name: String, value: String)]
    /// The body bytes (bounded by the configuration's limit).
    let body: [UInt8]
    /// The spelling of top-level response keys (`Key-Inflection`, default kebab).
    let inflection: KeyInflection

    /// Every value of the header `name` (case-insensitive).
    func values(_ name: String) -> [String] {
        let lowered = name.lowercased()
        return headers.filter { $0.name == lowered }.map(\.value)
    }

    /// The first value of the header `name`.
    func value(_ name: String) -> String? { values(name).first }

    /// The body as a key-normalised JSON object (§13.4); an empty body reads as `{}`.
    ///
    /// - Throws: 400 `invalid_request` for a body that is not one JSON object or names a key twice.
    func jsonBody() throws(SandboxError) -> [String: JSONValue] {
        do {
            return try RelayRequestBody.parse(body)
        } catch {
            switch error.code {
            case .duplicateKey: throw SandboxError(400, "the body names a key in two spellings")
            case .notAnObject: throw SandboxError(400, "the body must be a JSON object")
            default: throw SandboxError(400, "the body is not valid JSON")
            }
        }
    }

    /// The normalised body for fingerprints: the parsed object re-serialised, or the raw bytes when it does not
    /// parse.
    var normalizedBody: [UInt8] {
        if let members = try? RelayRequestBody.parse(body) { return [0x01] + JSONValue.object(members).serialized() }
        return [0x00] + body
    }
}

/// Reading typed members of a normalised body.
extension [String: JSONValue] {
    /// A required string member; 400 when absent or not a string.
    func requiredString(_ key: String) throws(SandboxError) -> String {
        guard let value = self[key] else { throw SandboxError(400, "\(key) is required") }
        guard let string = value.stringValue else { throw SandboxError(400, "\(key) must be a string") }
        return string
    }

    /// An optional Boolean member (`null` reads as absent); 400 when of another type.
    func optionalBool(_ key: String) throws(SandboxError) -> Bool? {
        guard let value = self[key], !value.isNull else { return nil }
        guard let bool = value.boolValue else { throw SandboxError(400, "\(key) must be a boolean") }
        return bool
    }

    /// An optional integer member (`null` reads as absent); 400 when of another type.
    func optionalInt(_ key: String) throws(SandboxError) -> Int? {
        guard let value = self[key], !value.isNull else { return nil }
        guard let int = value.intValue else { throw SandboxError(400, "\(key) must be an integer") }
        return int
    }
}
