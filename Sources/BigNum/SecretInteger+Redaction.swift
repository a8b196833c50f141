// Fixed-width secrets print none of their limbs: `description`, `debugDescription` and the mirror (which `dump`
// walks) show the width only, a public fact.

extension SecretInteger: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// `SecretInteger(32 limbs, <redacted>)`.
    package var description: String { "SecretInteger(\(limbCount) limbs, <redacted>)" }

    /// The same as ``description``.
    package var debugDescription: String { description }

    /// A mirror with only the public width, `limbCount`.
    package var customMirror: Mirror {
        Mirror(self, children: ["limbCount": limbCount], displayStyle: .struct)
    }
}

extension SecretModulus: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// `SecretModulus(16 limbs, <redacted>)`: a secret modulus is a prime of the key; a public one (n) is
    /// redacted too, since the type does not record which it holds.
    package var description: String { "SecretModulus(\(limbCount) limbs, <redacted>)" }

    /// The same as ``description``.
    package var debugDescription: String { description }

    /// A mirror with only the public width, `limbCount`.
    package var customMirror: Mirror {
        Mirror(self, children: ["limbCount": limbCount], displayStyle: .struct)
    }
}

extension MontgomeryDomain: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// `MontgomeryDomain(16 limbs, <redacted>)`: the modulus and its constants are secret.
    package var description: String { "MontgomeryDomain(\(limbCount) limbs, <redacted>)" }

    /// The same as ``description``.
    package var debugDescription: String { description }

    /// A mirror with only the public width, `limbCount`.
    package var customMirror: Mirror {
        Mirror(self, children: ["limbCount": limbCount], displayStyle: .class)
    }
}
