import RSA
import RelayProtocol

/// The client side of Privacy Pass issuance (relay-protocol.md §4) from a challenge offer: decode and check the
/// challenge, read the token key, build the 98-byte token input, blind it (RFC 9474 RSABSSA-SHA384-PSS-Deterministic
/// with this project's implementation), have it signed (§2.4), finalize — which verifies — and encode the token.
///
/// The error titles and statuses are the Go SDK's (`relays.go`); none of these local failures is retried.
struct BlindIssuance: Sendable {
    let transport: PersonaTransport
    let apiKey: String

    func issue(_ offer: ChallengeOffer) async throws(PersonaError) -> PrivacyPassIssuance {
        // §3: decode the challenge; a JSON object with a non-empty string `mac`, kept verbatim.
        let challengeBytes: [UInt8]
        do {
            challengeBytes = try RelayBase64URL.decode(offer.challenge)
        } catch {
            throw .protocolError("Failed to decode challenge", "the challenge is not base64url")
        }
        guard (try? JSONValue.parse(challengeBytes))?.objectValue != nil else {
            throw .protocolError("Failed to parse challenge", "the challenge is not a JSON object")
        }
        let challenge: RelayChallenge
        do {
            challenge = try RelayChallenge(jsonBytes: challengeBytes)
        } catch {
            throw .protocolError("Challenge missing mac", "challenge response did not include a string mac")
        }

        // §4.4: the token key, a DER SPKI (rsaEncryption or id-RSASSA-PSS), 2048–4096 bits.
        let publicKey: BlindSigning.PublicKey
        do {
            publicKey = try RelayTokenKey.publicKey(spki: RelayBase64URL.decode(offer.tokenKey))
        } catch {
            throw .protocolError("Failed to import public key", error.message)
        }

        // §4.1–4.3: nonce, token input, Prepare (the identity for the Deterministic variant) and Blind.
        let nonceHex = RelayPrivacyPassToken.randomNonceHex()
        let tokenInput = RelayTokenInput.make(nonceHex: nonceHex, mac: challenge.mac, keyID: offer.tokenKeyID)
        let prepared = publicKey.prepare(tokenInput)
        let blinding: BlindSigning.BlindingResult
        do {
            blinding = try publicKey.blind(prepared)
        } catch {
            throw .protocolError(status: 500, "Failed to blind token", error.description)
        }

        // §2.4: one Idempotency-Key for this issuance, reused by every retry of the call.
        let body: [String: JSONValue] = [
            "blinded-token": .string(RelayBase64URL.encode(blinding.blindedMessage.rawRepresentation)),
            "key-id": .string(offer.tokenKeyID),
        ]
        let response = try await transport.post(
            .privacyPasses, body: JSONValue.object(body).serialized(),
            headers: [
                (name: "Authorization", value: "Bearer " + apiKey),
                (name: RelayHeaders.idempotencyKey, value: IdempotencyKey.generate()),
            ])
        let encodedBlindSignature = try ResponseObject(response).string("blind-sig")

        // §4.3: s = blind_sig · r⁻¹ mod n, verified as RSASSA-PSS over the token input before use.
        let blindSignature: [UInt8]
        do {
            blindSignature = try RelayBase64URL.decode(encodedBlindSignature)
        } catch {
            throw PersonaError(
                kind: .protocol, statusCode: 502, title: "Failed to decode blind signature",
                details: "blind-sig is not base64url", requestID: response.requestID)
        }
        let signature: [UInt8]
        do {
            signature = try publicKey.finalize(
                BlindSigning.BlindSignature(rawRepresentation: blindSignature), for: prepared,
                blindingInverse: blinding.inverse)
        } catch {
            throw PersonaError(
                kind: .protocol, statusCode: 500, title: "Failed to finalize signature", details: error.description,
                requestID: response.requestID)
        }

        // §4.6: the token.
        let token = RelayPrivacyPassToken(
            nonceHex: nonceHex, signature: signature, keyID: offer.tokenKeyID, challenge: challenge)
        return PrivacyPassIssuance(privacyPassToken: token.encoded, requestID: response.requestID)
    }
}
