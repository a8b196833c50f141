/// RSA blind signatures (RFC 9474): the RSABSSA-SHA384 variants, from both sides.
///
/// ```
/// // [Client]                                          // [Signer]
/// let prepared = publicKey.prepare(message)
/// let blinded = try publicKey.blind(prepared)
///                          --- blinded.blindedMessage --->
///                                                      let blindSignature = try privateKey.blindSignature(
///                                                          for: blindedMessage)
///                          <------ blindSignature -------
/// let signature = try publicKey.finalize(blindSignature, for: prepared, blindingInverse: blinded.inverse)
/// // [Anyone]
/// try publicKey.verify(signature, for: prepared)
/// ```
/// The signature is an ordinary RSASSA-PSS signature (SHA-384, MGF1-SHA-384) over the *prepared* message.
///
/// - Seealso: [RFC 9474](https://www.rfc-editor.org/rfc/rfc9474.html)
public enum BlindSigning {}

extension BlindSigning {
    /// One of the four RSABSSA-SHA384 variants of RFC 9474 §5 — a closed set, named as in the RFC.
    public struct Variant: Hashable, Sendable, CustomStringConvertible {
        enum Backing: Hashable, Sendable, CaseIterable {
            case pssRandomized, psszeroRandomized, pssDeterministic, psszeroDeterministic
        }

        let backing: Backing

        /// RSABSSA-SHA384-PSS-Randomized: 48-byte salt, 32-byte random message prefix (RFC 9474's recommendation).
        public static let RSABSSA_SHA384_PSS_Randomized = Variant(backing: .pssRandomized)
        /// RSABSSA-SHA384-PSSZERO-Randomized: no salt, 32-byte random message prefix.
        public static let RSABSSA_SHA384_PSSZERO_Randomized = Variant(backing: .psszeroRandomized)
        /// RSABSSA-SHA384-PSS-Deterministic: 48-byte salt, the message is signed as is (RFC 9578 type 2 tokens).
        public static let RSABSSA_SHA384_PSS_Deterministic = Variant(backing: .pssDeterministic)
        /// RSABSSA-SHA384-PSSZERO-Deterministic: no salt and no prefix: signatures are deterministic.
        public static let RSABSSA_SHA384_PSSZERO_Deterministic = Variant(backing: .psszeroDeterministic)

        /// All four variants, in RFC order.
        public static let allCases: [Variant] = Backing.allCases.map(Variant.init(backing:))

        /// The variant with the RFC name `name` (e.g. "RSABSSA-SHA384-PSS-Randomized"), or `nil`.
        public init?(name: String) {
            guard let match = Variant.allCases.first(where: { $0.name == name }) else { return nil }
            self = match
        }

        init(backing: Backing) {
            self.backing = backing
        }

        /// The RFC 9474 name.
        public var name: String {
            switch backing {
            case .pssRandomized: return "RSABSSA-SHA384-PSS-Randomized"
            case .psszeroRandomized: return "RSABSSA-SHA384-PSSZERO-Randomized"
            case .pssDeterministic: return "RSABSSA-SHA384-PSS-Deterministic"
            case .psszeroDeterministic: return "RSABSSA-SHA384-PSSZERO-Deterministic"
            }
        }

        public var description: String { name }

        /// The PSS parameters: SHA-384, MGF1-SHA-384, salt 48 (PSS) or 0 (PSSZERO).
        public var pssParameters: PSSParameters {
            switch backing {
            case .pssRandomized, .pssDeterministic: return PSSParameters(hash: .sha384, saltLength: 48)
            case .psszeroRandomized, .psszeroDeterministic: return PSSParameters(hash: .sha384, saltLength: 0)
            }
        }

        /// Whether Prepare adds a 32-byte random prefix (PrepareRandomize) rather than the identity.
        public var isRandomized: Bool {
            backing == .pssRandomized || backing == .psszeroRandomized
        }

        /// The length of the random message prefix Prepare adds (32 or 0).
        public var messagePrefixLength: Int { isRandomized ? 32 : 0 }
    }
}
