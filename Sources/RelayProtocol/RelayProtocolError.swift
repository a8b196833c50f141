/// A typed failure to read one of Persona Relay's wire values (relay-protocol.md §3, §4, §6, §7).
///
/// Every parser in this module is a pure function from bytes to a value or this error; none traps on input.
public struct RelayProtocolError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What kind of input was refused.
    public enum Code: String, Hashable, Sendable {
        /// The bytes are not JSON (or not UTF-8, or nested too deeply).
        case malformedJSON
        /// The JSON is valid but not an object where an object is required.
        case notAnObject
        /// A required member is absent.
        case missingMember
        /// A member has the wrong JSON type.
        case wrongType
        /// A base64 or base64url value does not decode.
        case malformedBase64
        /// The challenge object is unusable (§3: no non-empty string `mac`).
        case malformedChallenge
        /// The Privacy Pass token is unusable (§4.6).
        case malformedToken
        /// Two spellings of one key appear in one request body (§1).
        case duplicateKey
        /// A value has the wrong length or size.
        case invalidLength
        /// A token key is not an RSA key the protocol allows (§4.4).
        case unsupportedKey
    }

    /// The kind of failure.
    public var code: Code
    /// A human-readable account of what was wrong, never containing secret material.
    public var message: String

    /// An error of `code` described by `message`.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// `"<code>: <message>"`.
    public var description: String { "\(code.rawValue): \(message)" }
}
