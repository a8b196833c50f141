/// The spelling of JSON keys (relay-protocol.md §1, §13.4).
///
/// Persona's documentation spells body keys in kebab-case (`claim-type`); the Go SDK sends camelCase
/// (`claimType`). A server reads all three spellings by normalising every key to kebab-case, and re-spells the
/// top-level keys of a response when the request carries a `Key-Inflection` header.
public enum KeyInflection: String, Sendable, CaseIterable {
    /// `relay-token` (the default).
    case kebab
    /// `relayToken`.
    case camel
    /// `relay_token`.
    case snake

    /// The inflection a `Key-Inflection` header value names (`camel`, `kebab` or `snake`, case-insensitive).
    public init?(headerValue: String) {
        self.init(rawValue: headerValue.trimmingASCIIWhitespace().lowercased())
    }

    /// The kebab-case form of `key` (§13.4): `_` becomes `-`, a lower-case letter followed by an upper-case letter
    /// is split with `-`, and the result is lower-cased. `encryptionKeyPEM`, `encryptionKeyPem`,
    /// `encryption_key_pem` and `encryption-key-pem` all become `encryption-key-pem`.
    public static func normalize(_ key: String) -> String {
        var output = ""
        output.reserveCapacity(key.utf8.count + 4)
        var previousWasLower = false
        for character in key {
            if character == "_" {
                output.append("-")
                previousWasLower = false
                continue
            }
            let isUpper = character.isASCII && character.isUppercase
            if isUpper && previousWasLower { output.append("-") }
            output += character.lowercased()
            previousWasLower = character.isASCII && character.isLowercase
        }
        return output
    }

    /// `kebabKey` spelled in this inflection: `relay-token` → `relayToken` (camel), `relay_token` (snake).
    public func spell(_ kebabKey: String) -> String {
        switch self {
        case .kebab:
            return kebabKey
        case .snake:
            return kebabKey.replacingDashes(with: "_")
        case .camel:
            var output = ""
            var upperNext = false
            for character in kebabKey {
                if character == "-" {
                    upperNext = true
                } else if upperNext {
                    output += character.uppercased()
                    upperNext = false
                } else {
                    output.append(character)
                }
            }
            return output
        }
    }
}

extension String {
    /// The string with leading and trailing spaces and tabs removed.
    package func trimmingASCIIWhitespace() -> String {
        var scalars = Substring(self)
        while let first = scalars.first, first == " " || first == "\t" { scalars.removeFirst() }
        while let last = scalars.last, last == " " || last == "\t" { scalars.removeLast() }
        return String(scalars)
    }

    fileprivate func replacingDashes(with replacement: Character) -> String {
        String(map { $0 == "-" ? replacement : $0 })
    }
}

/// A request body whose keys are normalised (relay-protocol.md §1, §13.4).
public enum RelayRequestBody {
    /// The members of a JSON object body, every key normalised to kebab-case with ``KeyInflection/normalize(_:)``.
    ///
    /// An empty body reads as `{}`.
    ///
    /// - Throws: ``RelayProtocolError/Code/malformedJSON``, ``RelayProtocolError/Code/notAnObject``, or
    ///   ``RelayProtocolError/Code/duplicateKey`` when two spellings of one key appear.
    public static func parse(_ bytes: some Collection<UInt8>) throws(RelayProtocolError) -> [String: JSONValue] {
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) { return [:] }
        guard case .object(let members) = try JSONValue.parse(bytes) else {
            throw RelayProtocolError(.notAnObject, "the body is not a JSON object")
        }
        var normalized: [String: JSONValue] = [:]
        for (key, value) in members {
            let kebab = KeyInflection.normalize(key)
            if normalized.updateValue(value, forKey: kebab) != nil {
                throw RelayProtocolError(.duplicateKey, "two spellings of the key \"\(kebab)\"")
            }
        }
        return normalized
    }
}
