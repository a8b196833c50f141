import BigInt
import Testing

@testable import BigNum

/// A CRT private exponent prints nothing of p, q, dP, dQ or qInv: not through interpolation,
/// `String(describing:)`, `String(reflecting:)`, `dump`, its mirror, nor as a field of another value.
@Suite("CRT private exponent: redaction")
struct CRTPrivateExponentRedactionTests {
    /// A value that is not itself redacted, holding the exponent.
    struct Holder {
        let exponent: CRTPrivateExponent
    }

    /// 16-character windows of the secrets' hex (both cases) and decimal spellings, computed with BigUInt.
    static func windows(_ key: CRTPrivateExponentTests.Key) -> Set<[UInt8]> {
        var windows = Set<[UInt8]>()
        for value in [key.p, key.q, key.d, key.dP, key.dQ, key.qInv] {
            let hex = String(value, radix: 16)
            for rendering in [hex, hex.uppercased(), String(value)] {
                let bytes = Array(rendering.utf8)
                guard bytes.count >= 16 else { continue }
                for start in 0...(bytes.count - 16) {
                    windows.insert(Array(bytes[start..<(start + 16)]))
                }
            }
        }
        return windows
    }

    static func leaks(_ text: String, _ windows: Set<[UInt8]>) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count >= 16 else { return false }
        return (0...(bytes.count - 16)).contains { windows.contains(Array(bytes[$0..<($0 + 16)])) }
    }

    @Test("CRTPrivateExponent prints <redacted> and has no mirror children")
    func redacted() throws {
        let key = try CRTPrivateExponentTests.Key.generate(bits: 512, 512)
        let exponent = try key.exponent()
        let windows = Self.windows(key)
        // The check works: the primes' own printed forms are caught.
        #expect(Self.leaks(String(reflecting: key.p.bigNum), windows))
        #expect(Self.leaks("\(key.qInv.bigNum)", windows))

        var dumped = ""
        dump(exponent, to: &dumped)
        var dumpedHolder = ""
        dump(Holder(exponent: exponent), to: &dumpedHolder)
        let renderings: [(String, String)] = [
            ("interpolation", "\(exponent)"),
            ("String(describing:)", String(describing: exponent)),
            ("String(reflecting:)", String(reflecting: exponent)),
            ("dump(_:to:)", dumped),
            ("as a field (describing)", String(describing: Holder(exponent: exponent))),
            ("as a field (dump)", dumpedHolder),
            ("in an array", "\([exponent])"),
        ]
        for (path, text) in renderings {
            #expect(!Self.leaks(text, windows), "a secret leaks through \(path): \(text.prefix(400))")
        }
        #expect("\(exponent)" == "CRTPrivateExponent(<redacted>)")
        #expect(String(reflecting: exponent) == "CRTPrivateExponent(<redacted>)")
        #expect(Mirror(reflecting: exponent).children.isEmpty)
        // One line: the redacted description, no children.
        #expect(dumped.split(separator: "\n").count == 1 && dumped.contains("CRTPrivateExponent(<redacted>)"),
            "dump: \(dumped)")
    }
}
