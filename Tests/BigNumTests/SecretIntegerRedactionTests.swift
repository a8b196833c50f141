import BigInt
import Testing

@testable import BigNum

/// Fixed-width secrets print nothing of their value: not through interpolation, `String(describing:)`,
/// `String(reflecting:)`, `dump`, their mirror, nor as a field of another value.
@Suite("SecretInteger and SecretModulus: redaction")
struct SecretIntegerRedactionTests {
    /// A value that is not itself redacted, holding a secret.
    struct Holder<Value> {
        let value: Value
    }

    /// 16-character windows of the hex (both cases) and decimal spellings of `value`, computed with BigUInt.
    static func windows(_ value: BigUInt) -> Set<[UInt8]> {
        var windows = Set<[UInt8]>()
        let hex = String(value, radix: 16)
        for rendering in [hex, hex.uppercased(), String(value)] {
            let bytes = Array(rendering.utf8)
            guard bytes.count >= 16 else { continue }
            for start in 0...(bytes.count - 16) {
                windows.insert(Array(bytes[start..<(start + 16)]))
            }
        }
        return windows
    }

    static func leaks(_ text: String, _ windows: Set<[UInt8]>) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count >= 16 else { return false }
        return (0...(bytes.count - 16)).contains { windows.contains(Array(bytes[$0..<($0 + 16)])) }
    }

    static func renderings<T>(of value: T) -> [(String, String)] {
        var dumped = ""
        dump(value, to: &dumped)
        var dumpedHolder = ""
        dump(Holder(value: value), to: &dumpedHolder)
        var mirrored = ""
        for child in Mirror(reflecting: value).children {
            mirrored += "\(child.label ?? "_"): \(String(reflecting: child.value))\n"
        }
        return [
            ("interpolation", "\(value)"),
            ("String(describing:)", String(describing: value)),
            ("String(reflecting:)", String(reflecting: value)),
            ("dump(_:to:)", dumped),
            ("Mirror(reflecting:).children", mirrored),
            ("as a field (describing)", String(describing: Holder(value: value))),
            ("as a field (dump)", dumpedHolder),
            ("in an array", "\([value])"),
        ]
    }

    @Test("SecretInteger and a secret SecretModulus print their width and <redacted> only")
    func redacted() throws {
        let prime = try BigNum.randomPrime(bits: 1024).oracle
        let windows = Self.windows(prime)
        #expect(Self.leaks(String(reflecting: prime.bigNum), windows), "the check does not find the value itself")

        let secret = try SecretInteger(prime.bigNum, limbCount: 16)
        let modulus = try SecretModulus(secret: secret)
        for (path, text) in Self.renderings(of: secret) + Self.renderings(of: modulus) {
            #expect(!Self.leaks(text, windows), "a secret leaks through \(path): \(text.prefix(400))")
        }
        #expect("\(secret)" == "SecretInteger(16 limbs, <redacted>)")
        #expect(String(reflecting: secret) == "SecretInteger(16 limbs, <redacted>)")
        #expect("\(modulus)" == "SecretModulus(16 limbs, <redacted>)")
        #expect(Mirror(reflecting: secret).children.map(\.label) == ["limbCount"])
        #expect(Mirror(reflecting: modulus).children.map(\.label) == ["limbCount"])
    }
}
