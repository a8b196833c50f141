/// The OAEP hash of an encrypted claim payload (relay-protocol.md §6: undocumented by Persona; the sandbox uses
/// SHA-256 by default and SHA-1 optionally).
public enum ClaimPayloadHash: Sendable {
    /// RSAES-OAEP with SHA-256 and MGF1-SHA-256, empty label.
    case sha256
    /// RSAES-OAEP with SHA-1 and MGF1-SHA-1, empty label (Node's `privateDecrypt` default).
    case sha1
    /// SHA-256, then SHA-1 if that fails.
    case auto
}
