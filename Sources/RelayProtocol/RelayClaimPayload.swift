/// The plaintext claim (relay-protocol.md §6): compact JSON with `claim_type`, `claim_result` and an optional
/// `methodology`. Unknown members are tolerated.
public struct RelayClaimPayload: Sendable, Hashable {
    /// One verification method and its result.
    public struct Method: Sendable, Hashable {
        /// `facial_age_estimation`, `document_selfie` or `live_selfie`.
        public var method: String
        /// `passed` or `failed`.
        public var result: String

        /// A methodology entry.
        public init(method: String, result: String) {
            self.method = method
            self.result = result
        }
    }

    /// The claim type the relay evaluated.
    public var claimType: String
    /// `passed` or `failed`.
    public var claimResult: String
    /// The methods used, or `nil` when the claim type hides them.
    public var methodology: [Method]?

    /// A claim payload.
    public init(claimType: String, claimResult: String, methodology: [Method]? = nil) {
        self.claimType = claimType
        self.claimResult = claimResult
        self.methodology = methodology
    }

    /// Whether the claim passed.
    public var passed: Bool { claimResult == "passed" }

    /// Reads a plaintext claim payload.
    ///
    /// - Throws: ``RelayProtocolError`` when it is not a JSON object with string `claim_type` and `claim_result`, or
    ///   when `methodology` is present but not an array of objects with string `method` and `result`.
    public static func parse(_ bytes: some Collection<UInt8>) throws(RelayProtocolError) -> RelayClaimPayload {
        guard case .object(let members) = try JSONValue.parse(bytes) else {
            throw RelayProtocolError(.notAnObject, "the claim payload is not a JSON object")
        }
        guard let claimType = members["claim_type"]?.stringValue else {
            throw RelayProtocolError(.missingMember, "the claim payload has no string claim_type")
        }
        guard let claimResult = members["claim_result"]?.stringValue else {
            throw RelayProtocolError(.missingMember, "the claim payload has no string claim_result")
        }
        var methodology: [Method]?
        if let value = members["methodology"], !value.isNull {
            guard case .array(let list) = value else {
                throw RelayProtocolError(.wrongType, "the claim payload's methodology is not an array")
            }
            methodology = []
            for entry in list {
                guard let method = entry["method"]?.stringValue, let result = entry["result"]?.stringValue else {
                    throw RelayProtocolError(.wrongType, "a methodology entry lacks a string method or result")
                }
                methodology?.append(Method(method: method, result: result))
            }
        }
        return RelayClaimPayload(claimType: claimType, claimResult: claimResult, methodology: methodology)
    }

    /// Compact JSON in the order `claim_type`, `claim_result`, `methodology` (omitted when `nil`).
    public func serialized() -> [UInt8] {
        var output = Array("{\"claim_type\":".utf8)
        JSONWriter.writeString(claimType, into: &output)
        output += Array(",\"claim_result\":".utf8)
        JSONWriter.writeString(claimResult, into: &output)
        if let methodology {
            output += Array(",\"methodology\":[".utf8)
            for (index, entry) in methodology.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                output += Array("{\"method\":".utf8)
                JSONWriter.writeString(entry.method, into: &output)
                output += Array(",\"result\":".utf8)
                JSONWriter.writeString(entry.result, into: &output)
                output.append(UInt8(ascii: "}"))
            }
            output.append(UInt8(ascii: "]"))
        }
        output.append(UInt8(ascii: "}"))
        return output
    }
}
