import PrivacyPass
import RSA
import RelayProtocol

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension SandboxService {
    /// `POST /api/privacy/v1/relays/{relay-token}/generate-claim` (relay-protocol.md §2.3, §2.5) with the checks of
    /// §5.2 in order; the relay and secret check (step 3) runs before the idempotency replay (step 2), §13.3.
    /// Requests for one relay are handled one at a time.
    func generateClaim(_ request: SandboxRequest, relayToken: String) async throws -> SandboxReply {
        // 3. Relay exists and Persona-Relay-Secret matches (constant time) → else 404.
        let relay = try await database.relay(token: relayToken)
        let presented = Array((request.value("persona-relay-secret") ?? "").utf8)
        let secretMatches = ConstantTimeComparison.equal(Array((relay?.secret ?? "\u{0}").utf8), presented)
        guard let relay, secretMatches else {
            throw SandboxError(404, "relay not found")
        }
        // 2. Idempotency replay (§5.4).
        let idempotency = try idempotencyRequest(
            request, route: "generate-claim", scope: relay.token, relayToken: relay.token)
        return try await withIdempotency(idempotency, lockKey: "relay/\(relay.token)", inflection: request.inflection) { [self] in
            try await redeem(request, relay: relay)
        }
    }

    /// Steps 4–14 of §5.2.
    private func redeem(_ request: SandboxRequest, relay: RelayRecord) async throws -> SandboxReply {
        _ = try request.jsonBody()
        // 4. Authorization: PrivateToken token=… → else 401 privacy_pass_required + challenge (§2.3).
        guard let encoded = RequestCredentials.privateToken(in: request.values("authorization")) else {
            throw try await unauthorized(relay, code: "privacy_pass_required", "a Privacy Pass token is required")
        }
        // 5. The token decodes to an object with string token_nonce, signature, key_id and object challenge → else
        //    400 invalid_privacy_pass. Nothing more is checked here: the challenge and the signature have their
        //    own steps (6, 11) and statuses.
        let token: RelayPrivacyPassToken.Presented
        do {
            token = try RelayPrivacyPassToken.Presented(encoded: encoded)
        } catch {
            throw SandboxError(400, code: "invalid_privacy_pass", "the Privacy Pass token is malformed")
        }
        // 6. token_type = 2 and the MAC recomputes (a challenge without a string mac fails here) → else 401
        //    invalid_challenge.
        guard let challenge = token.parsedChallenge, challenge.tokenType == 2,
            challenge.hasValidMAC(key: secrets.macKey), let expiry = challenge.expiryDate
        else {
            throw try await unauthorized(relay, code: "invalid_challenge", "the token's challenge is not valid")
        }
        // 7. now < expires_at + L → else 401 privacy_pass_expired.
        let now = clock.now()
        guard now < expiry.addingTimeInterval(configuration.passLifetime) else {
            throw try await unauthorized(relay, code: "privacy_pass_expired", "the Privacy Pass has expired")
        }
        // 8. origin_info → else 401 invalid_origin.
        guard challenge.originInfo == RelayChallenge.documentedOriginInfo else {
            throw try await unauthorized(relay, code: "invalid_origin", "the token is not valid for this origin")
        }
        // 9. key_id names a retained key → else 401 unknown_token_key.
        guard let key = try await keyRing.retainedKey(keyID: token.keyID, now: now) else {
            throw try await unauthorized(relay, code: "unknown_token_key", "the token key is unknown or retired")
        }
        // 10. Claim type and environment bindings → else 422.
        guard key.claimType == relay.claimType else {
            throw SandboxError(422, code: "claim_type_mismatch", "the pass was issued for another claim type")
        }
        guard key.environment == relay.environment else {
            throw SandboxError(422, code: "environment_mismatch", "the pass was issued for another environment")
        }
        // 11. RSASSA-PSS over the recomputed 98-byte input → else 401 invalid_signature.
        let publicKey = key.publicKey
        let tokenInput = RelayTokenInput.make(nonceHex: token.nonceHex, mac: challenge.mac, keyID: token.keyID)
        guard let signature = token.signature, publicKey.isValidSignature(signature, for: publicKey.prepare(tokenInput))
        else {
            throw try await unauthorized(relay, code: "invalid_signature", "the token's signature is not valid")
        }
        // 12. The pass spent already: by this relay → the stored 200, by another → 409 (never saying which).
        let keyBytes = Array(token.keyID.utf8)
        let nonceBytes = Array(token.nonceHex.utf8)
        if let spent = try await redemptions.record(tokenKeyID: keyBytes, nonce: nonceBytes) {
            return try Self.answer(for: spent, relayToken: relay.token, inflection: request.inflection)
        }
        // 13. The relay's state as step 3 read it (requests for one relay are serialised): pending → 403, not stored.
        let current = relay
        let builder = ClaimPayloadBuilder(hash: configuration.oaepHash)
        let encryptionKey = try current.encryptionKeySPKI.map { try RSAPublicKey(derRepresentation: $0) }
        func body(_ status: RelayStatus) throws -> [UInt8] {
            let payload = try builder.payload(claimType: current.claimType, result: status, encryptionKey: encryptionKey)
            return JSONValue.object([
                "claim-payload": .string(payload), "token-consumed": .bool(status == .passed),
            ]).serialized()
        }
        switch current.status {
        case .pending:
            throw SandboxError(403, code: "relay_not_completed", "the relay has not been completed yet")
        case .failed:
            // 14. Failed: 200 token-consumed false, the nonce not recorded (a refund).
            return Self.respelled(try body(.failed), inflection: request.inflection)
        case .passed:
            // 14. Passed: the nonce recorded with the response in one atomic step; a concurrent redemption of the
            //     same pass sees that record (same relay → the same reply, another relay → 409).
            let record = RedemptionRecord(redeemer: relay.token, response: try body(.passed))
            switch try await redemptions.redeem(tokenKeyID: keyBytes, nonce: nonceBytes, record: record) {
            case .recorded(let stored), .replayed(let stored):
                return Self.respelled(stored.response, inflection: request.inflection)
            case .spentByOther:
                throw SandboxError(409, code: "privacy_pass_already_redeemed", "the Privacy Pass was already redeemed")
            }
        }
    }

    /// §5.2 step 12 for a pass found spent: the stored reply for the relay that spent it, 409 for any other.
    private static func answer(
        for spent: RedemptionRecord, relayToken: String, inflection: KeyInflection
    ) throws -> SandboxReply {
        guard ConstantTimeComparison.equal(Array(spent.redeemer.utf8), Array(relayToken.utf8)) else {
            throw SandboxError(409, code: "privacy_pass_already_redeemed", "the Privacy Pass was already redeemed")
        }
        return respelled(spent.response, inflection: inflection)
    }

    /// A 401 with a fresh `WWW-Authenticate` challenge for the relay (§5.2, RFC 9577).
    private func unauthorized(_ relay: RelayRecord, code: String, _ details: String) async throws -> SandboxError {
        SandboxError(401, code: code, details).adding(
            header: "WWW-Authenticate", try await authenticateHeader(for: relay))
    }

    /// A stored kebab-case body with its top-level keys spelled by `inflection`.
    private static func respelled(_ body: [UInt8], inflection: KeyInflection) -> SandboxReply {
        guard case .object(let members)? = try? JSONValue.parse(body) else {
            return SandboxReply(status: 200, headers: [("Content-Type", "application/json")], body: body)
        }
        return .json(members, inflection: inflection)
    }
}
