// The DER structures that carry private-key bytes print none of them, should one ever be interpolated into an
// error or a log line inside the module.

extension PKCS1PrivateKey: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// `PKCS1PrivateKey(<redacted>)`.
    var description: String { "PKCS1PrivateKey(<redacted>)" }

    /// The same as ``description``.
    var debugDescription: String { description }

    /// A mirror without children.
    var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
}

extension PrivateKeyInfoASN1: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// `PrivateKeyInfoASN1(<redacted>)`.
    var description: String { "PrivateKeyInfoASN1(<redacted>)" }

    /// The same as ``description``.
    var debugDescription: String { description }

    /// A mirror without children (the algorithm identifier is public, but the private key octets are not).
    var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
}
