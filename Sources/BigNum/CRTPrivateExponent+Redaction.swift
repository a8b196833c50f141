// A CRT private exponent prints none of its limb images or primes: `description`, `debugDescription` and the
// mirror (which `dump` walks) show nothing of the key.

extension CRTPrivateExponent: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// `CRTPrivateExponent(<redacted>)`.
    public var description: String { "CRTPrivateExponent(<redacted>)" }

    /// The same as ``description``.
    public var debugDescription: String { description }

    /// A mirror without children: reflection never reaches p, q, dP, dQ or qInv.
    public var customMirror: Mirror {
        Mirror(self, children: [], displayStyle: .class)
    }
}
