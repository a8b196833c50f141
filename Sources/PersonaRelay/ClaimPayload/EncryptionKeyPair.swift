public import RSA

/// An RSA key pair for encrypted claim payloads: give ``publicKeyPEM`` to
/// ``Relays/create(claimType:encryptionKeyPEM:sandbox:)`` and keep ``privateKey`` for
/// ``Persona/decryptClaimPayload(_:privateKey:hash:)``.
public struct EncryptionKeyPair: Sendable {
    /// The private key (its description is redacted by the RSA module).
    public var privateKey: RSAPrivateKey
    /// The public key as an SPKI PEM (`-----BEGIN PUBLIC KEY-----`).
    public var publicKeyPEM: String

    /// A pair from a private key; the PEM is derived from it.
    public init(privateKey: RSAPrivateKey) {
        self.privateKey = privateKey
        self.publicKeyPEM = privateKey.publicKey.pemRepresentation
    }
}
