import RSA
import RelayProtocol

/// The claim payload (relay-protocol.md §6, §13.8): compact JSON `{"claim_type","claim_result","methodology"}`,
/// plain or RSAES-OAEP-encrypted to the relay's key and standard padded base64.
struct ClaimPayloadBuilder: Sendable {
    /// OAEP parameters: the configured hash for both the label hash and MGF1, empty label.
    let oaep: OAEPParameters

    init(hash: RelaySandboxConfiguration.OAEPHash) {
        switch hash {
        case .sha256: oaep = OAEPParameters(hash: .sha256)
        case .sha1: oaep = OAEPParameters(hash: .sha1)
        }
    }

    /// The plaintext: methodology `[{"method":"facial_age_estimation","result":…}]` for `age_*` claim types, with
    /// at most `methodologyLimit` entries; no `methodology` member for other claim types (§13.8).
    static func plaintext(claimType: String, result: RelayStatus, methodologyLimit: Int = .max) -> [UInt8] {
        let resultText = result == .passed ? "passed" : "failed"
        var json = "{\"claim_type\":" + quoted(claimType) + ",\"claim_result\":" + quoted(resultText)
        if claimType.hasPrefix("age_") {
            let methods = methodologyLimit >= 1
                ? ["{\"method\":\"facial_age_estimation\",\"result\":" + quoted(resultText) + "}"] : []
            json += ",\"methodology\":[" + methods.joined(separator: ",") + "]"
        }
        return Array((json + "}").utf8)
    }

    /// The `claim-payload` string: the plaintext, or its OAEP ciphertext in base64 when `encryptionKey` is set;
    /// methodology entries are dropped until the plaintext fits (§6).
    func payload(claimType: String, result: RelayStatus, encryptionKey: RSAPublicKey?) throws -> String {
        guard let encryptionKey else {
            return String(decoding: Self.plaintext(claimType: claimType, result: result), as: UTF8.self)
        }
        var lastError: RSAError?
        for limit in [Int.max, 0] {
            let plaintext = Self.plaintext(claimType: claimType, result: result, methodologyLimit: limit)
            do {
                return RelayBase64.encode(try RSAESOAEP.encrypt(plaintext, with: encryptionKey, parameters: oaep))
            } catch {
                lastError = error
                guard error.code == .messageTooLong else { break }
            }
        }
        throw SandboxError(500, "the claim payload cannot be encrypted: \(lastError?.code.description ?? "no result")")
    }

    private static func quoted(_ text: String) -> String {
        String(decoding: JSONValue.string(text).serialized(), as: UTF8.self)
    }
}
