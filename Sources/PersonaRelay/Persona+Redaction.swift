extension Persona: CustomStringConvertible, CustomReflectable {
    /// `Persona(baseURL: …, apiKey: <redacted>)`: the API key never appears in a description, dump or mirror.
    public var description: String {
        "Persona(baseURL: \(transport.baseURL), apiKey: \(apiKey == nil ? "nil" : "<redacted>"))"
    }

    /// A mirror showing the base URL only.
    public var customMirror: Mirror {
        Mirror(self, children: ["baseURL": transport.baseURL, "apiKey": apiKey == nil ? "nil" : "<redacted>"])
    }
}

extension Relays: CustomStringConvertible, CustomReflectable {
    /// `Relays(Persona(…))`, with the API key redacted.
    public var description: String { "Relays(\(persona.description))" }

    /// A mirror without the API key.
    public var customMirror: Mirror { Mirror(self, children: ["persona": persona.description]) }
}

extension Persona {
    /// `true` for a sandbox API key (`persona_sandbox_…`), `nil` otherwise: the `sandbox` flag the Go SDK
    /// (b52d69bd) sends on create and on the challenge request (relay-protocol.md §2.2, §13.1).
    var impliedSandboxFlag: Bool? {
        guard let apiKey, apiKey.hasPrefix("persona_sandbox_") else { return nil }
        return true
    }
}
