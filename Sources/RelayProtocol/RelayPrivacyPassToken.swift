/// A Persona Privacy Pass token (relay-protocol.md §4.6): the unpadded base64url of a compact JSON object with the
/// members `token_nonce`, `signature`, `key_id` and `challenge` (the decoded challenge as an object).
public struct RelayPrivacyPassToken: Sendable, Hashable {
    /// The nonce: 64 lowercase hexadecimal characters, hashed as text into the token input (§4.1).
    public let nonceHex: String
    /// The unblinded RSASSA-PSS signature (k bytes).
    public let signature: [UInt8]
    /// The token key id, as the challenge endpoint returned it.
    public let keyID: String
    /// The challenge the token answers.
    public let challenge: RelayChallenge

    /// A token from its parts.
    public init(nonceHex: String, signature: [UInt8], keyID: String, challenge: RelayChallenge) {
        self.nonceHex = nonceHex
        self.signature = signature
        self.keyID = keyID
        self.challenge = challenge
    }

    /// Reads a token: base64url (padded or not) of a JSON object, members in any order, unknown members ignored.
    ///
    /// - Throws: ``RelayProtocolError/Code/malformedToken`` unless `token_nonce` and `key_id` are strings,
    ///   `signature` is a base64url string and `challenge` is an object with a non-empty string `mac`.
    public init(encoded: String) throws(RelayProtocolError) {
        let bytes: [UInt8]
        let value: JSONValue
        do {
            bytes = try RelayBase64URL.decode(encoded)
            value = try JSONValue.parse(bytes)
        } catch {
            throw RelayProtocolError(.malformedToken, "the token is not base64url of JSON")
        }
        guard case .object(let members) = value else {
            throw RelayProtocolError(.malformedToken, "the token is not a JSON object")
        }
        guard let nonceHex = members["token_nonce"]?.stringValue else {
            throw RelayProtocolError(.malformedToken, "the token has no string token_nonce")
        }
        guard let signatureText = members["signature"]?.stringValue else {
            throw RelayProtocolError(.malformedToken, "the token has no string signature")
        }
        guard let keyID = members["key_id"]?.stringValue else {
            throw RelayProtocolError(.malformedToken, "the token has no string key_id")
        }
        guard let challengeValue = members["challenge"], case .object = challengeValue else {
            throw RelayProtocolError(.malformedToken, "the token has no challenge object")
        }
        do {
            self.signature = try RelayBase64URL.decode(signatureText)
            self.challenge = try RelayChallenge(object: challengeValue)
        } catch {
            throw RelayProtocolError(.malformedToken, "the token's \(error.code == .malformedBase64 ? "signature is not base64url" : "challenge has no mac")")
        }
        self.nonceHex = nonceHex
        self.keyID = keyID
    }

    /// The token's wire form: unpadded base64url of
    /// `{"token_nonce":…,"signature":…,"key_id":…,"challenge":<the challenge's bytes verbatim>}`.
    public var encoded: String {
        var json = Array("{\"token_nonce\":".utf8)
        JSONWriter.writeString(nonceHex, into: &json)
        json += Array(",\"signature\":".utf8)
        JSONWriter.writeString(RelayBase64URL.encode(signature), into: &json)
        json += Array(",\"key_id\":".utf8)
        JSONWriter.writeString(keyID, into: &json)
        json += Array(",\"challenge\":".utf8)
        json += challenge.jsonBytes
        json.append(UInt8(ascii: "}"))
        return RelayBase64URL.encode(json)
    }

    /// The 98-byte message the token's signature covers (§4.2).
    public var tokenInput: [UInt8] {
        RelayTokenInput.make(nonceHex: nonceHex, mac: challenge.mac, keyID: keyID)
    }

    /// A fresh nonce (§4.1): 32 bytes from the system CSPRNG as 64 lowercase hexadecimal characters.
    public static func randomNonceHex() -> String {
        var generator = SystemRandomNumberGenerator()
        return Hex.lowercase((0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
    }
}

extension RelayPrivacyPassToken: CustomStringConvertible {
    /// A description that names the key id but not the nonce or signature (a token is a bearer credential).
    public var description: String { "RelayPrivacyPassToken(key_id: \(keyID), <redacted>)" }
}

extension RelayPrivacyPassToken {
    /// A presented token read only as far as its shape (relay-protocol.md §5.2 step 5): the members have the right
    /// JSON types, nothing more. A server checks the challenge (step 6) and decodes the signature (step 11) later,
    /// in the protocol's order, so that each failure gets its own status and code.
    public struct Presented: Sendable, Hashable {
        /// `token_nonce`.
        public let nonceHex: String
        /// `signature`, still base64url text.
        public let signatureText: String
        /// `key_id`.
        public let keyID: String
        /// `challenge`, as an object.
        public let challenge: JSONValue

        /// Reads the shape of a presented token: base64url (padded or not) of a JSON object with string
        /// `token_nonce`, `signature` and `key_id` and an object `challenge`.
        ///
        /// - Throws: ``RelayProtocolError/Code/malformedToken`` for anything else.
        public init(encoded: String) throws(RelayProtocolError) {
            let value: JSONValue
            do {
                value = try JSONValue.parse(RelayBase64URL.decode(encoded))
            } catch {
                throw RelayProtocolError(.malformedToken, "the token is not base64url of JSON")
            }
            guard let nonceHex = value["token_nonce"]?.stringValue, let signatureText = value["signature"]?.stringValue,
                let keyID = value["key_id"]?.stringValue, let challenge = value["challenge"], challenge.objectValue != nil
            else {
                throw RelayProtocolError(
                    .malformedToken, "the token needs string token_nonce, signature and key_id and an object challenge")
            }
            self.nonceHex = nonceHex
            self.signatureText = signatureText
            self.keyID = keyID
            self.challenge = challenge
        }

        /// The challenge, when it has a non-empty string `mac` (§5.2 step 6 refuses it otherwise).
        public var parsedChallenge: RelayChallenge? { try? RelayChallenge(object: challenge) }

        /// The signature bytes, when `signature` is base64url (§5.2 step 11 refuses it otherwise).
        public var signature: [UInt8]? { try? RelayBase64URL.decode(signatureText) }
    }
}
