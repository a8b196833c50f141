// Printing a private key never shows its secret components (d, p, q, dP, dQ, qInv): `description`,
// `debugDescription` (string interpolation, `print`, `String(describing:)`, `String(reflecting:)`, logger
// metadata) and the mirror (`dump`, `Mirror(reflecting:)`, reflection-based serializers) show only the modulus
// size and the public key.

extension RSAPrivateKey: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// `RSAPrivateKey(2048-bit, <redacted>)`: the modulus size only, never a secret component.
    public var description: String {
        "RSAPrivateKey(\(modulusBitWidth)-bit, <redacted>)"
    }

    /// The same as ``description``: the secret components are not shown in debug output either.
    public var debugDescription: String { description }

    /// A mirror with only the public parts, `modulusBitWidth` and `publicKey`, so that `dump` and reflection
    /// never reach the secret components.
    public var customMirror: Mirror {
        Mirror(
            self,
            children: ["modulusBitWidth": modulusBitWidth, "publicKey": publicKey],
            displayStyle: .struct
        )
    }
}
