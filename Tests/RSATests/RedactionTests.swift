import BigNum
import Foundation
@testable import RSA
import SwiftASN1
import Testing

/// Secret-bearing types print no secret: not through interpolation, `String(describing:)`, `String(reflecting:)`,
/// `dump`, a mirror, nor as a field of another value or an element of a collection.
///
/// The secrets to look for are taken from the vector files (the key's d, p, q, dP, dQ, qInv and a known inverse),
/// not from the types' own accessors; every rendering of them — lowercase and uppercase hex, decimal — is cut into
/// 16-character windows, and no window may appear in the printed text.
@Suite("Redaction: secrets never printed")
struct RedactionTests {
    typealias Support = BlindSigningTestSupport

    /// Characters per window: a leak of 16 consecutive digits of a secret is caught; a chance match of 16 digits
    /// of a public value (the modulus) against a secret is about 2^−64 per pair of positions.
    static let windowLength = 16

    /// The renderings of the secret values, from their hex spellings in a vector file.
    struct Secrets {
        let windows: Set<[UInt8]>
        let names: [String]

        init(hex values: [String: String]) throws {
            var windows = Set<[UInt8]>()
            for hex in values.values {
                let value = try BigNum(hexString: hex)
                let trimmed = String(hex.lowercased().drop { $0 == "0" })
                for rendering in [trimmed, trimmed.uppercased(), value.string(radix: 10)] {
                    let bytes = Array(rendering.utf8)
                    guard bytes.count >= RedactionTests.windowLength else { continue }
                    for start in 0...(bytes.count - RedactionTests.windowLength) {
                        windows.insert(Array(bytes[start..<(start + RedactionTests.windowLength)]))
                    }
                }
            }
            self.windows = windows
            names = values.keys.sorted()
        }

        /// Whether `text` contains 16 consecutive characters of a rendering of a secret.
        func leak(in text: String) -> Bool {
            let bytes = Array(text.utf8)
            guard bytes.count >= RedactionTests.windowLength else { return false }
            for start in 0...(bytes.count - RedactionTests.windowLength)
            where windows.contains(Array(bytes[start..<(start + RedactionTests.windowLength)])) {
                return true
            }
            return false
        }
    }

    /// A value that is not itself redacted, holding a secret-bearing one (as a log context or a request might).
    struct Holder<Value> {
        let name = "holder"
        let value: Value
    }

    /// Every way of printing `value`, with what it printed.
    static func renderings<T>(of value: T) -> [(path: String, text: String)] {
        var dumped = ""
        dump(value, to: &dumped)
        var dumpedHolder = ""
        dump(Holder(value: value), to: &dumpedHolder)
        var mirrored = ""
        for child in Mirror(reflecting: value).children {
            mirrored += "\(child.label ?? "_"): \(String(reflecting: child.value))\n"
            dump(child.value, to: &mirrored)
        }
        return [
            ("interpolation", "\(value)"),
            ("String(describing:)", String(describing: value)),
            ("String(reflecting:)", String(reflecting: value)),
            ("dump(_:to:)", dumped),
            ("Mirror(reflecting:).children", mirrored),
            ("as a field (describing)", String(describing: Holder(value: value))),
            ("as a field (reflecting)", String(reflecting: Holder(value: value))),
            ("as a field (dump)", dumpedHolder),
            ("in an array", "\([value])"),
            ("in an optional", String(describing: Optional(value))),
            ("in a dictionary", "\(["key": value])"),
        ]
    }

    /// Requires that no rendering of `value` leaks `secrets`, and that the secrets are found in a control text
    /// (so the check itself is known to work).
    static func expectRedacted<T>(
        _ value: T, _ secrets: Secrets, what: String, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        for (path, text) in renderings(of: value) {
            #expect(!secrets.leak(in: text), "\(what) leaks a secret through \(path): \(text.prefix(400))",
                sourceLocation: sourceLocation)
        }
    }

    // MARK: - Fixtures

    /// The RFC 9474 key (4096 bits) and its secret components, in hex as in the vector file.
    static func rfc9474Key() throws -> (key: RSAPrivateKey, secrets: [String: String]) {
        (try TestKeys.rfc9474.get(), try TestKeys.rfc9474Description.get().secretComponents(id: "rfc9474"))
    }

    /// The 2048-bit key of `rfc8017-oaep-vect.json` and its secret components.
    static func oaep2048Key() throws -> (key: RSAPrivateKey, secrets: [String: String]) {
        for entry in try TestKeys.oaepVect.get() where entry.key.modulusBitWidth == 2048 {
            return (entry.key, try entry.description.secretComponents(id: entry.id))
        }
        throw Support.SupportError("no 2048-bit private key in rfc8017-oaep-vect.json")
    }

    static func keys() throws -> [(key: RSAPrivateKey, secrets: [String: String])] {
        [try rfc9474Key(), try oaep2048Key()]
    }

    // MARK: - The check itself

    @Test("The leak check finds the secrets in the components' own printed forms")
    func leakCheckWorks() throws {
        for (_, secretHex) in try Self.keys() {
            let secrets = try Secrets(hex: secretHex)
            for (name, hex) in secretHex {
                let value = try BigNum(hexString: hex)
                #expect(secrets.leak(in: "x \(value) y"), "decimal \(name) not detected")
                #expect(secrets.leak(in: String(reflecting: value)), "BigNum(0x…) of \(name) not detected")
                #expect(secrets.leak(in: hex.uppercased()), "uppercase hex of \(name) not detected")
            }
            #expect(!secrets.leak(in: "RSAPrivateKey(2048-bit, <redacted>)"))
        }
    }

    // MARK: - RSAPrivateKey

    @Test("RSAPrivateKey prints its size and <redacted>, never d, p, q, dP, dQ or qInv")
    func rsaPrivateKey() throws {
        for (key, secretHex) in try Self.keys() {
            let secrets = try Secrets(hex: secretHex)
            let bits = key.modulusBitWidth
            #expect("\(key)" == "RSAPrivateKey(\(bits)-bit, <redacted>)")
            #expect(String(reflecting: key) == "RSAPrivateKey(\(bits)-bit, <redacted>)")
            Self.expectRedacted(key, secrets, what: "RSAPrivateKey(\(bits))")
            let labels = Mirror(reflecting: key).children.compactMap(\.label)
            #expect(Set(labels).isSubset(of: ["modulusBitWidth", "publicKey"]), "mirror children: \(labels)")
            // The public key is still visible, so that a dump says which key it is.
            var dumped = ""
            dump(key, to: &dumped)
            #expect(dumped.contains(String(reflecting: key.publicKey.modulus)))
        }
    }

    // MARK: - BlindSigning

    @Test("BlindSigning.PrivateKey prints its size and <redacted>, never the key's secrets")
    func blindSigningPrivateKey() throws {
        for (key, secretHex) in try Self.keys() {
            let signer = BlindSigning.PrivateKey(key)
            let bits = key.modulusBitWidth
            #expect("\(signer)" == "BlindSigning.PrivateKey(\(bits)-bit, <redacted>)")
            #expect(String(reflecting: signer) == "BlindSigning.PrivateKey(\(bits)-bit, <redacted>)")
            Self.expectRedacted(signer, try Secrets(hex: secretHex), what: "BlindSigning.PrivateKey(\(bits))")
            let labels = Mirror(reflecting: signer).children.compactMap(\.label)
            #expect(Set(labels).isSubset(of: ["modulusBitWidth", "publicKey"]), "mirror children: \(labels)")
        }
    }

    /// The inverse of the first RFC 9474 case, with the case's blinded message, and the key's public half.
    static func rfc9474Inverse() throws
        -> (inverse: BlindSigning.BlindingInverse, blinded: BlindSigning.BlindedMessage, hex: String)
    {
        let file = try Support.loadRFC9474Vectors()
        let vectorCase = try #require(file.cases.first)
        let key = try rfc9474Key().key
        let inverse = try BlindSigning.BlindingInverse(rawRepresentation: try Hex.decode(vectorCase.inv), for: key.publicKey)
        return (
            inverse, BlindSigning.BlindedMessage(rawRepresentation: try Hex.decode(vectorCase.blinded_msg)),
            vectorCase.inv
        )
    }

    @Test("BlindSigning.BlindingInverse prints <redacted> and has no mirror children")
    func blindingInverse() throws {
        let (inverse, _, invHex) = try Self.rfc9474Inverse()
        let secrets = try Secrets(hex: ["inv": invHex])
        #expect("\(inverse)" == "BlindSigning.BlindingInverse(<redacted>)")
        #expect(String(reflecting: inverse) == "BlindSigning.BlindingInverse(<redacted>)")
        Self.expectRedacted(inverse, secrets, what: "BlindingInverse")
        #expect(Mirror(reflecting: inverse).children.isEmpty)
    }

    @Test("BlindSigning.BlindingResult shows the blinded message's length, never the inverse")
    func blindingResult() throws {
        let (inverse, blinded, invHex) = try Self.rfc9474Inverse()
        let result = BlindSigning.BlindingResult(blindedMessage: blinded, inverse: inverse)
        let secrets = try Secrets(hex: ["inv": invHex])
        let expected =
            "BlindSigning.BlindingResult(blindedMessage: \(blinded.rawRepresentation.count) bytes, inverse: <redacted>)"
        #expect("\(result)" == expected)
        #expect(String(reflecting: result) == expected)
        Self.expectRedacted(result, secrets, what: "BlindingResult")
        let labels = Mirror(reflecting: result).children.compactMap(\.label)
        #expect(labels == ["blindedMessage"])
    }

    @Test("A BlindingResult from blind() prints no digit of its own inverse")
    func blindingResultFromBlind() throws {
        let key = try Self.oaep2048Key().key
        let publicKey = BlindSigning.PublicKey(key.publicKey, variant: .RSABSSA_SHA384_PSS_Randomized)
        let prepared = publicKey.prepare(Array("redaction".utf8))
        let result = try publicKey.blind(prepared)
        // Here the only way to learn the random inverse is its encoding.
        let invHex = Hex.encode(result.inverse.rawRepresentation)
        Self.expectRedacted(result, try Secrets(hex: ["inv": invHex]), what: "BlindingResult from blind()")
        Self.expectRedacted(result.inverse, try Secrets(hex: ["inv": invHex]), what: "inverse from blind()")
    }

    // MARK: - DER structures

    @Test("The private-key DER structures print <redacted> and have no mirror children")
    func derStructures() throws {
        let (key, secretHex) = try Self.rfc9474Key()
        let secrets = try Secrets(hex: secretHex)
        let pkcs1 = try PKCS1PrivateKey(derEncoded: KeyEncoding.encodePKCS1PrivateKey(key))
        let pkcs8 = try PrivateKeyInfoASN1(derEncoded: key.pkcs8DERRepresentation)
        #expect("\(pkcs1)" == "PKCS1PrivateKey(<redacted>)")
        #expect("\(pkcs8)" == "PrivateKeyInfoASN1(<redacted>)")
        #expect(Mirror(reflecting: pkcs1).children.isEmpty)
        #expect(Mirror(reflecting: pkcs8).children.isEmpty)
        // Their fields are byte slices, which print as decimal bytes: the whole dump must be the one line.
        var dumped = ""
        dump(pkcs1, to: &dumped)
        #expect(dumped == "- PKCS1PrivateKey(<redacted>)\n")
        dumped = ""
        dump(pkcs8, to: &dumped)
        #expect(dumped == "- PrivateKeyInfoASN1(<redacted>)\n")
        Self.expectRedacted(pkcs1, secrets, what: "PKCS1PrivateKey")
        Self.expectRedacted(pkcs8, secrets, what: "PrivateKeyInfoASN1")
    }
}
