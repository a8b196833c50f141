/// The result of ``Relays/generateClaim(privacyPassToken:relayToken:relaySecret:idempotencyKey:)``
/// (relay-protocol.md §2.5, §6).
public struct RelayClaim: Sendable, Hashable {
    /// The claim: compact JSON text for a relay created without an encryption key, otherwise base64 of the
    /// RSAES-OAEP ciphertext (see ``Persona/decryptClaimPayload(_:privateKey:hash:)``).
    public var claimPayload: String
    /// Whether the pass was spent; `false` means the claim did not pass and the pass was refunded (reusable).
    public var tokenConsumed: Bool
    /// The response's `Request-Id`.
    public var requestID: String?

    /// A claim from its parts.
    public init(claimPayload: String, tokenConsumed: Bool, requestID: String? = nil) {
        self.claimPayload = claimPayload
        self.tokenConsumed = tokenConsumed
        self.requestID = requestID
    }
}
