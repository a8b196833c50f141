// The blind-signing types that hold secrets print none of them: the signer's private key (d, p, q and the CRT
// values) and the client's inverse r^−1 mod n (which would link a blinded message to its final signature).
// `description`, `debugDescription` and the mirror show only public parts.

extension BlindSigning.PrivateKey: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// `BlindSigning.PrivateKey(2048-bit, <redacted>)`: the modulus size only.
    public var description: String {
        "BlindSigning.PrivateKey(\(key.modulusBitWidth)-bit, <redacted>)"
    }

    /// The same as ``description``.
    public var debugDescription: String { description }

    /// A mirror with only the public parts, `modulusBitWidth` and `publicKey` (the RSA public key).
    public var customMirror: Mirror {
        Mirror(
            self,
            children: ["modulusBitWidth": key.modulusBitWidth, "publicKey": key.publicKey],
            displayStyle: .struct
        )
    }
}

extension BlindSigning.BlindingInverse: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// `BlindSigning.BlindingInverse(<redacted>)`: nothing of the value.
    public var description: String { "BlindSigning.BlindingInverse(<redacted>)" }

    /// The same as ``description``.
    public var debugDescription: String { description }

    /// A mirror without children: reflection never reaches the inverse.
    public var customMirror: Mirror {
        Mirror(self, children: [], displayStyle: .struct)
    }
}

extension BlindSigning.BlindingResult: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// `BlindSigning.BlindingResult(blindedMessage: 256 bytes, inverse: <redacted>)`.
    public var description: String {
        "BlindSigning.BlindingResult(blindedMessage: \(blindedMessage.rawRepresentation.count) bytes, inverse: <redacted>)"
    }

    /// The same as ``description``.
    public var debugDescription: String { description }

    /// A mirror with only the public part, `blindedMessage` (what the client sends to the signer); the inverse is
    /// left out.
    public var customMirror: Mirror {
        Mirror(self, children: ["blindedMessage": blindedMessage], displayStyle: .struct)
    }
}
