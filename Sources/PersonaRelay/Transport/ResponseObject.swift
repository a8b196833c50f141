import RelayProtocol

/// The top-level members of a 2xx JSON response, looked up by their kebab-case name and tolerating the camelCase
/// and snake_case spellings a `Key-Inflection` would produce (relay-protocol.md §1).
///
/// Every failure is the §13.9 protocol error: kind protocol, the response's own status, title "Failed to decode
/// Persona response". The details name the member, never a value (a 2xx body may carry the relay secret).
struct ResponseObject {
    private let members: [String: JSONValue]
    private let status: Int
    private let requestID: String?

    init(_ response: PersonaResponse) throws(PersonaError) {
        status = response.status
        requestID = response.requestID
        let value: JSONValue
        do {
            value = try JSONValue.parse(response.body)
        } catch {
            throw ResponseObject.decodingError(status: status, requestID: requestID, "the body is not JSON")
        }
        guard let members = value.objectValue else {
            throw ResponseObject.decodingError(status: status, requestID: requestID, "the body is not a JSON object")
        }
        self.members = members
    }

    /// The member `kebabKey` in any of the three spellings (kebab first).
    func member(_ kebabKey: String) -> JSONValue? {
        for inflection in [KeyInflection.kebab, .camel, .snake] {
            if let value = members[inflection.spell(kebabKey)] { return value }
        }
        return nil
    }

    /// A required string member.
    func string(_ kebabKey: String) throws(PersonaError) -> String {
        guard let value = member(kebabKey)?.stringValue else {
            throw ResponseObject.decodingError(
                status: status, requestID: requestID, "missing or non-string member \"\(kebabKey)\"")
        }
        return value
    }

    /// A required boolean member.
    func bool(_ kebabKey: String) throws(PersonaError) -> Bool {
        guard let value = member(kebabKey)?.boolValue else {
            throw ResponseObject.decodingError(
                status: status, requestID: requestID, "missing or non-boolean member \"\(kebabKey)\"")
        }
        return value
    }

    static func decodingError(status: Int, requestID: String?, _ details: String) -> PersonaError {
        PersonaError(
            kind: .protocol, statusCode: status, title: "Failed to decode Persona response", details: details,
            requestID: requestID)
    }
}
