import RelayProtocol

/// Request-header rules of relay-protocol.md §1.
enum SandboxHeaders {
    /// The `Persona-Version` values the sandbox accepts; any other value is 400.
    static let allowedPersonaVersions = Set(RelayHeaders.allowedPersonaVersions)

    /// The problem with `Persona-Version` or `Key-Inflection`, if any.
    static func problem(in request: SandboxHeaderView) -> SandboxError? {
        if request.values("persona-version").contains(where: { !allowedPersonaVersions.contains($0.trimmingSpaces) }) {
            return SandboxError(400, "unsupported Persona-Version")
        }
        if request.values("key-inflection").contains(where: { KeyInflection(headerValue: $0) == nil }) {
            return SandboxError(400, "Key-Inflection must be camel, kebab or snake")
        }
        return nil
    }

    /// The response key spelling a request asks for (default kebab).
    static func inflection(in request: SandboxHeaderView) -> KeyInflection {
        request.values("key-inflection").first.flatMap(KeyInflection.init(headerValue:)) ?? .kebab
    }
}

/// Read access to request headers, names lower-cased.
struct SandboxHeaderView: Sendable {
    /// Header fields in order, names lower-cased.
    let fields: [(name: String, value: String)]

    /// Every value of `name` (lower-case).
    func values(_ name: String) -> [String] {
        fields.filter { $0.name == name }.map(\.value)
    }
}
