import BigNum
import Foundation
@testable import RSA
import SwiftASN1
import Testing

/// Key import limits (``RSAKeyComponentLimits``): crafted SPKI, PKCS #1 and PKCS #8 keys with oversized or
/// lopsided components are typed errors, and each is rejected from its lengths, well under a second, before any
/// big-number arithmetic runs.
@Suite("Key import limits")
struct KeyImportLimitTests {
    // MARK: - Crafted DER

    /// Hand-built DER for the three key containers, so that any component can be any size.
    enum CraftedDER {
        /// rsaEncryption, 1.2.840.113549.1.1.1 (RFC 8017 A.1).
        static let rsaEncryption: ASN1ObjectIdentifier = [1, 2, 840, 113549, 1, 1, 1]

        /// The bytes written by `body` into a fresh DER serializer.
        static func serialize(_ body: (inout DER.Serializer) throws -> Void) throws -> [UInt8] {
            var serializer = DER.Serializer()
            try body(&serializer)
            return serializer.serializedBytes
        }

        /// AlgorithmIdentifier { rsaEncryption, NULL }.
        static func appendAlgorithm(_ coder: inout DER.Serializer) throws {
            try coder.appendConstructedNode(identifier: .sequence) { algorithm in
                try algorithm.serialize(rsaEncryption)
                try algorithm.serialize(ASN1Null())
            }
        }

        /// PKCS #1 RSAPublicKey { n, e } from big-endian magnitudes.
        static func pkcs1Public(n: [UInt8], e: [UInt8]) throws -> [UInt8] {
            try serialize { coder in
                try coder.appendConstructedNode(identifier: .sequence) { key in
                    try key.serialize(n[...])
                    try key.serialize(e[...])
                }
            }
        }

        /// SubjectPublicKeyInfo { rsaEncryption, BIT STRING { RSAPublicKey { n, e } } }.
        static func spki(n: [UInt8], e: [UInt8]) throws -> [UInt8] {
            let inner = try pkcs1Public(n: n, e: e)
            return try serialize { coder in
                try coder.appendConstructedNode(identifier: .sequence) { info in
                    try appendAlgorithm(&info)
                    try info.serialize(ASN1BitString(bytes: inner[...]))
                }
            }
        }

        /// PKCS #1 RSAPrivateKey { 0, n, e, d, p, q, dP, dQ, qInv } from big-endian magnitudes.
        static func pkcs1Private(_ c: ByteComponents) throws -> [UInt8] {
            try serialize { coder in
                try coder.appendConstructedNode(identifier: .sequence) { key in
                    try key.serialize(0)
                    for integer in [c.n, c.e, c.d, c.p, c.q, c.dP, c.dQ, c.qInv] {
                        try key.serialize(integer[...])
                    }
                }
            }
        }

        /// PKCS #8 PrivateKeyInfo { 0, rsaEncryption, OCTET STRING { RSAPrivateKey } }.
        static func pkcs8(_ c: ByteComponents) throws -> [UInt8] {
            let inner = try pkcs1Private(c)
            return try serialize { coder in
                try coder.appendConstructedNode(identifier: .sequence) { info in
                    try info.serialize(0)
                    try appendAlgorithm(&info)
                    try info.serialize(ASN1OctetString(contentBytes: inner[...]))
                }
            }
        }
    }

    /// The eight PKCS #1 components as minimal big-endian magnitudes.
    struct ByteComponents {
        var n, e, d, p, q, dP, dQ, qInv: [UInt8]

        /// The components of `c`.
        init(_ c: KeyValidationTests.Components) {
            (n, e, d, p, q) = (c.n.bigEndianBytes, c.e.bigEndianBytes, c.d.bigEndianBytes, c.p.bigEndianBytes, c.q.bigEndianBytes)
            (dP, dQ, qInv) = (c.dP.bigEndianBytes, c.dQ.bigEndianBytes, c.qInv.bigEndianBytes)
        }

        /// Explicit components.
        init(n: [UInt8], e: [UInt8], d: [UInt8], p: [UInt8], q: [UInt8], dP: [UInt8], dQ: [UInt8], qInv: [UInt8]) {
            (self.n, self.e, self.d, self.p, self.q, self.dP, self.dQ, self.qInv) = (n, e, d, p, q, dP, dQ, qInv)
        }
    }

    /// A big-endian magnitude of exactly `bits` bits, all ones (so odd).
    static func magnitude(bits: Int) -> [UInt8] {
        let byteCount = (bits + 7) / 8
        let topBits = bits - (byteCount - 1) * 8
        return [UInt8(truncatingIfNeeded: (1 << topBits) - 1)] + [UInt8](repeating: 0xFF, count: byteCount - 1)
    }

    /// A magnitude one byte longer than `value` (top byte 0x01, then `value.count` bytes of 0xFF).
    static func longer(than value: [UInt8]) -> [UInt8] {
        [0x01] + [UInt8](repeating: 0xFF, count: value.count)
    }

    // MARK: - Timing

    /// Requires `body` to throw `code` and to do so in under a second (a regression to seconds of arithmetic on
    /// an oversized component would exceed it; this is not a benchmark). Prints the time for the record.
    @discardableResult
    static func expectFastRejection(
        _ name: String, _ code: RSAError.Code, reasonContains fragment: String? = nil,
        sourceLocation: SourceLocation = #_sourceLocation,
        _ body: () throws -> Void
    ) -> Duration {
        var error: RSAError?
        let elapsed = ContinuousClock().measure {
            error = expectRSAError(code, "\(name)", sourceLocation: sourceLocation) { try body() }
        }
        #expect(elapsed < .seconds(1), "\(name) took \(elapsed)", sourceLocation: sourceLocation)
        if let fragment, let error {
            #expect(error.reason.contains(fragment), "\(name): \(error)", sourceLocation: sourceLocation)
        }
        print("key import limit: \(name): \(error.map { "\($0)" } ?? "no error") in \(elapsed)")
        return elapsed
    }

    /// Every decoder a crafted private key can reach: PKCS #1 and PKCS #8, DER and PEM, both size policies.
    static func expectPrivateKeyRejected(
        _ name: String, _ c: ByteComponents, _ code: RSAError.Code, reasonContains fragment: String? = nil,
        policies: [KeyEncoding.SizePolicy] = [.standard, .unsafe], sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let pkcs1 = try CraftedDER.pkcs1Private(c)
        let pkcs8 = try CraftedDER.pkcs8(c)
        for policy in policies {
            let label = policy == .standard ? "default" : "unsafe"
            for (format, der) in [("PKCS#1", pkcs1), ("PKCS#8", pkcs8)] {
                expectFastRejection("\(name), \(format), \(label)", code, reasonContains: fragment,
                    sourceLocation: sourceLocation) {
                    switch policy {
                    case .standard: _ = try RSAPrivateKey(derRepresentation: der)
                    case .unsafe: _ = try RSAPrivateKey(unsafeDERRepresentation: der)
                    }
                }
            }
        }
        expectFastRejection("\(name), PKCS#8 BlindSigning.PrivateKey", code, sourceLocation: sourceLocation) {
            _ = try BlindSigning.PrivateKey(derRepresentation: pkcs8)
        }
        expectFastRejection("\(name), PEM", code, sourceLocation: sourceLocation) {
            _ = try RSAPrivateKey(unsafePEMRepresentation: PEMDocument(type: "RSA PRIVATE KEY", derBytes: pkcs1).pemString)
        }
    }

    /// Every decoder a crafted public key can reach: SPKI and PKCS #1, plain, RSASubjectPublicKeyInfo and blind
    /// signing, both size policies.
    static func expectPublicKeyRejected(
        _ name: String, n: [UInt8], e: [UInt8], _ code: RSAError.Code, reasonContains fragment: String? = nil,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let spki = try CraftedDER.spki(n: n, e: e)
        let pkcs1 = try CraftedDER.pkcs1Public(n: n, e: e)
        for (format, der) in [("SPKI", spki), ("PKCS#1 public", pkcs1)] {
            expectFastRejection("\(name), \(format), default", code, reasonContains: fragment,
                sourceLocation: sourceLocation) { _ = try RSAPublicKey(derRepresentation: der) }
            expectFastRejection("\(name), \(format), unsafe", code, reasonContains: fragment,
                sourceLocation: sourceLocation) { _ = try RSAPublicKey(unsafeDERRepresentation: der) }
            expectFastRejection("\(name), \(format), blind signing", code, sourceLocation: sourceLocation) {
                _ = try BlindSigning.PublicKey(derRepresentation: der, variant: .RSABSSA_SHA384_PSS_Randomized)
            }
        }
        expectFastRejection("\(name), RSASubjectPublicKeyInfo", code, sourceLocation: sourceLocation) {
            _ = try RSASubjectPublicKeyInfo(unsafeDERRepresentation: spki)
        }
    }

    // MARK: - Crafted keys shared by the tests

    /// A key of 2048 bits whose factors are a 64-bit p and a 1984-bit q, internally consistent (d, dP, dQ, qInv
    /// all correct), so only the balance limit can reject it.
    static let unbalancedKey: Result<KeyValidationTests.Components, any Error> = Result {
        try consistentKey(pBits: 64, qBits: 1984)
    }

    /// A consistent key with n = 3·q for a 2046-bit q (p = 3): the smallest possible factor.
    static let timesThreeKey: Result<KeyValidationTests.Components, any Error> = Result {
        let e: BigNum = 65537
        let q = try BigNum.randomPrime(bits: 2046) { candidate in
            ((try? candidate.subtracting(1)).map { $0.greatestCommonDivisor(with: e) == 1 }) ?? false
        }
        return try components(p: 3, q: q, e: e)
    }

    /// A consistent two-prime key with primes of the given sizes and e = 65537.
    static func consistentKey(pBits: Int, qBits: Int) throws -> KeyValidationTests.Components {
        let e: BigNum = 65537
        let coprimeToE: (BigNum) -> Bool = { candidate in
            ((try? candidate.subtracting(1)).map { $0.greatestCommonDivisor(with: e) == 1 }) ?? false
        }
        let p = try BigNum.randomPrime(bits: pBits, where: coprimeToE)
        let q = try BigNum.randomPrime(bits: qBits, where: coprimeToE)
        return try components(p: p, q: q, e: e)
    }

    /// All eight components from p, q and e (d = e⁻¹ mod λ(n)).
    static func components(p: BigNum, q: BigNum, e: BigNum) throws -> KeyValidationTests.Components {
        let pMinusOne = try p.subtracting(1)
        let qMinusOne = try q.subtracting(1)
        let lambda = try (pMinusOne * qMinusOne).quotientAndRemainder(
            dividingBy: pMinusOne.greatestCommonDivisor(with: qMinusOne)).quotient
        let d = try #require(e.inverse(modulo: lambda))
        return (
            n: p * q, e: e, d: d, p: p, q: q,
            dP: try d.reduced(modulo: pMinusOne), dQ: try d.reduced(modulo: qMinusOne),
            qInv: try #require(q.inverse(modulo: p))
        )
    }

    // MARK: - Modulus

    @Test("A 65,537-bit and a 16,385-bit modulus: .unsupportedKeySize from every decoder, in under a second")
    func oversizedModulus() throws {
        let e: [UInt8] = [0x01, 0x00, 0x01]
        for bits in [65537, 16385] {
            let n = Self.magnitude(bits: bits)
            #expect(RSAKeyComponentLimits.bitLength(ofMagnitude: n[...]) == bits)
            try Self.expectPublicKeyRejected("\(bits)-bit n", n: n, e: e, .unsupportedKeySize)
            // Private: the other components sized as for a real key of that size.
            let half = Self.magnitude(bits: bits / 2)
            let c = ByteComponents(n: n, e: e, d: n, p: half, q: half, dP: half, dQ: half, qInv: half)
            try Self.expectPrivateKeyRejected("\(bits)-bit n", c, .unsupportedKeySize)
            // The BigNum initializers.
            let big = BigNum(bigEndianBytes: n)
            let halfBig = BigNum(bigEndianBytes: half)
            Self.expectFastRejection("\(bits)-bit n, RSAPublicKey(unsafeModulus:)", .unsupportedKeySize) {
                _ = try RSAPublicKey(unsafeModulus: big, publicExponent: 65537)
            }
            Self.expectFastRejection("\(bits)-bit n, RSAPrivateKey(unsafeModulus:) eight", .unsupportedKeySize) {
                _ = try RSAPrivateKey(
                    unsafeModulus: big, publicExponent: 65537, privateExponent: big, prime1: halfBig, prime2: halfBig,
                    exponent1: halfBig, exponent2: halfBig, coefficient: halfBig)
            }
            Self.expectFastRejection("\(bits)-bit n, RSAPrivateKey(unsafeModulus:) five", .unsupportedKeySize) {
                _ = try RSAPrivateKey(
                    unsafeModulus: big, publicExponent: 65537, privateExponent: big, prime1: halfBig, prime2: halfBig)
            }
        }
    }

    // MARK: - Public exponent

    @Test("A 4096-bit e, e = 2^33 + 1 are .invalidKey; e = 2^33 − 1 is accepted")
    func publicExponentLimit() throws {
        // A 4096-bit e below a 4096-bit n: odd and < n, so only the 33-bit limit rejects it.
        let n4096 = Self.magnitude(bits: 4096)
        let e4096 = try BigNum(bigEndianBytes: n4096).subtracting(2).bigEndianBytes
        #expect(e4096.count == 512)
        try Self.expectPublicKeyRejected("4096-bit e", n: n4096, e: e4096, .invalidKey, reasonContains: "33-bit")
        Self.expectFastRejection("4096-bit e, RSAPublicKey(modulus:)", .invalidKey) {
            _ = try RSAPublicKey(modulus: BigNum(bigEndianBytes: n4096), publicExponent: BigNum(bigEndianBytes: e4096))
        }

        let key = try TestKeys.primary()
        let n = key.publicKey.modulus.bigEndianBytes
        let twoTo33: BigNum = BigNum(1).shiftedLeft(by: 33)
        let tooLarge = (twoTo33 + 1).bigEndianBytes
        try Self.expectPublicKeyRejected("e = 2^33 + 1", n: n, e: tooLarge, .invalidKey, reasonContains: "34-bit")
        // In a private key, with the other components of a valid key.
        var c = ByteComponents(key.components)
        c.e = tooLarge
        try Self.expectPrivateKeyRejected("e = 2^33 + 1", c, .invalidKey, reasonContains: "34-bit")
        c.e = e4096
        try Self.expectPrivateKeyRejected("4096-bit e", c, .invalidKey, reasonContains: "33-bit")

        // 2^33 − 1 is odd, 33 bits: within the limit, so a public key with it loads.
        let largest = try twoTo33.subtracting(1)
        #expect(largest.bitWidth == 33)
        let spki = try CraftedDER.spki(n: n, e: largest.bigEndianBytes)
        #expect(try RSAPublicKey(derRepresentation: spki).publicExponent == largest)
        #expect(try RSAPublicKey(derRepresentation: CraftedDER.pkcs1Public(n: n, e: largest.bigEndianBytes))
            .publicExponent == largest)
        #expect(try RSAPublicKey(modulus: key.publicKey.modulus, publicExponent: largest).publicExponent == largest)
    }

    // MARK: - Primes

    @Test("Unbalanced primes (64-bit p, 1984-bit q, n = p·q, otherwise consistent) are .invalidKey")
    func unbalancedPrimes() throws {
        let c = try Self.unbalancedKey.get()
        #expect(c.p.bitWidth == 64 && c.q.bitWidth == 1984 && c.n.bitWidth == 2048)
        try Self.expectPrivateKeyRejected("64/1984-bit primes", ByteComponents(c), .invalidKey, reasonContains: "half")
        // p and q swapped (qInv recomputed): still unbalanced.
        var swapped = c
        (swapped.p, swapped.q, swapped.dP, swapped.dQ) = (c.q, c.p, c.dQ, c.dP)
        swapped.qInv = try #require(c.p.inverse(modulo: c.q))
        try Self.expectPrivateKeyRejected("1984/64-bit primes", ByteComponents(swapped), .invalidKey, reasonContains: "half")
        try Self.expectBigNumInitializersReject("64/1984-bit primes", c)
    }

    @Test("n = 3·q (p = 3, otherwise consistent) is .invalidKey")
    func tinyFactor() throws {
        let c = try Self.timesThreeKey.get()
        #expect(c.p == 3 && c.n.bitWidth == 2048)
        try Self.expectPrivateKeyRejected("n = 3·q", ByteComponents(c), .invalidKey, reasonContains: "half")
        var swapped = c
        (swapped.p, swapped.q, swapped.dP, swapped.dQ) = (c.q, c.p, c.dQ, c.dP)
        swapped.qInv = try #require(c.p.inverse(modulo: c.q))
        try Self.expectPrivateKeyRejected("n = q·3", ByteComponents(swapped), .invalidKey, reasonContains: "half")
        try Self.expectBigNumInitializersReject("n = 3·q", c)
    }

    /// The four public BigNum initializers of ``RSAPrivateKey`` reject `c` with `.invalidKey`, fast.
    static func expectBigNumInitializersReject(
        _ name: String, _ c: KeyValidationTests.Components, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        expectFastRejection("\(name), RSAPrivateKey(modulus:) eight", .invalidKey, sourceLocation: sourceLocation) {
            _ = try KeyValidationTests.build(c)
        }
        expectFastRejection("\(name), RSAPrivateKey(modulus:) five", .invalidKey, sourceLocation: sourceLocation) {
            _ = try KeyValidationTests.buildFromFive(c)
        }
        expectFastRejection("\(name), RSAPrivateKey(unsafeModulus:) eight", .invalidKey, sourceLocation: sourceLocation) {
            _ = try RSAPrivateKey(
                unsafeModulus: c.n, publicExponent: c.e, privateExponent: c.d, prime1: c.p, prime2: c.q,
                exponent1: c.dP, exponent2: c.dQ, coefficient: c.qInv)
        }
        expectFastRejection("\(name), RSAPrivateKey(unsafeModulus:) five", .invalidKey, sourceLocation: sourceLocation) {
            _ = try RSAPrivateKey(unsafeModulus: c.n, publicExponent: c.e, privateExponent: c.d, prime1: c.p, prime2: c.q)
        }
    }

    // MARK: - Private exponent and CRT values

    @Test("d, dP, dQ or qInv one byte longer than n, p, q, p: .invalidKey from every decoder and initializer")
    func oversizedPrivateComponents() throws {
        let key = try TestKeys.primary()
        let valid = ByteComponents(key.components)
        var cases: [(String, ByteComponents)] = []
        var d = valid
        d.d = Self.longer(than: valid.n)
        cases.append(("d longer than n", d))
        var dP = valid
        dP.dP = Self.longer(than: valid.p)
        cases.append(("dP longer than p", dP))
        var dQ = valid
        dQ.dQ = Self.longer(than: valid.q)
        cases.append(("dQ longer than q", dQ))
        var qInv = valid
        qInv.qInv = Self.longer(than: valid.p)
        cases.append(("qInv longer than p", qInv))
        // A 65,537-bit d: far beyond n, yet cheap to reject.
        var hugeD = valid
        hugeD.d = Self.magnitude(bits: 65537)
        cases.append(("65537-bit d", hugeD))

        for (name, c) in cases {
            try Self.expectPrivateKeyRejected(name, c, .invalidKey, reasonContains: "longer than")
            let big = key.components
            let components: KeyValidationTests.Components = (
                big.n, big.e, BigNum(bigEndianBytes: c.d), big.p, big.q,
                BigNum(bigEndianBytes: c.dP), BigNum(bigEndianBytes: c.dQ), BigNum(bigEndianBytes: c.qInv)
            )
            Self.expectFastRejection("\(name), RSAPrivateKey(modulus:) eight", .invalidKey, reasonContains: "longer than") {
                _ = try KeyValidationTests.build(components)
            }
        }
        // The five-component form: only d is given.
        Self.expectFastRejection("65537-bit d, RSAPrivateKey(modulus:) five", .invalidKey, reasonContains: "longer than") {
            var c = key.components
            c.d = BigNum(bigEndianBytes: Self.magnitude(bits: 65537))
            _ = try KeyValidationTests.buildFromFive(c)
        }
    }

    // MARK: - The pure function

    @Test("bitLength(ofMagnitude:) ignores leading zero bytes")
    func bitLengths() {
        let cases: [([UInt8], Int)] = [
            ([], 0), ([0], 0), ([0, 0, 0], 0), ([1], 1), ([0, 1], 1), ([0x80], 8), ([0, 0x80], 8), ([1, 0], 9),
            ([0xFF, 0xFF], 16), ([0, 0, 0x7F, 0], 15),
        ]
        for (bytes, bits) in cases {
            #expect(RSAKeyComponentLimits.bitLength(ofMagnitude: bytes[...]) == bits, "\(bytes)")
        }
        // A slice that does not start at index 0.
        let array: [UInt8] = [0xFF, 0x00, 0x03]
        #expect(RSAKeyComponentLimits.bitLength(ofMagnitude: array[1...]) == 2)
    }

    @Test("Limits at their boundaries: modulus range, e parity and 33 bits, prime balance ±8 bits, lengths")
    func boundaries() {
        typealias Limits = RSAKeyComponentLimits
        func widths(
            n: Int, e: Int = 17, eOdd: Bool = true, d: Int? = nil, p: Int? = nil, q: Int? = nil,
            dP: Int? = nil, dQ: Int? = nil, qInv: Int? = nil
        ) -> Limits.Widths {
            Limits.Widths(
                modulusBits: n, publicExponentBits: e, publicExponentIsOdd: eOdd, privateExponentBits: d,
                prime1Bits: p, prime2Bits: q, exponent1Bits: dP, exponent2Bits: dQ, coefficientBits: qInv)
        }
        func check(_ w: Limits.Widths, _ range: ClosedRange<Int> = RSAPublicKey.unsafeModulusBitRange) throws(RSAError) {
            try Limits.check(w, allowedModulusBits: range)
        }
        // Modulus.
        #expect(throws: Never.self) { try check(widths(n: 16384)) }
        #expect(throws: Never.self) { try check(widths(n: 512)) }
        expectRSAError(.unsupportedKeySize) { try check(widths(n: 16385)) }
        expectRSAError(.unsupportedKeySize) { try check(widths(n: 511)) }
        expectRSAError(.unsupportedKeySize) { try check(widths(n: 0)) }
        #expect(throws: Never.self) { try check(widths(n: 2048), RSAPublicKey.defaultModulusBitRange) }
        #expect(throws: Never.self) { try check(widths(n: 4096), RSAPublicKey.defaultModulusBitRange) }
        expectRSAError(.unsupportedKeySize) { try check(widths(n: 2047), RSAPublicKey.defaultModulusBitRange) }
        expectRSAError(.unsupportedKeySize) { try check(widths(n: 4097), RSAPublicKey.defaultModulusBitRange) }
        // The absolute cap holds even for a wider range.
        expectRSAError(.unsupportedKeySize) { try check(widths(n: 16385), 512...65536) }
        // Public exponent: 3 … 2^33 − 1, odd.
        #expect(throws: Never.self) { try check(widths(n: 2048, e: 2)) }  // e = 3
        #expect(throws: Never.self) { try check(widths(n: 2048, e: 33)) }  // e = 2^33 − 1
        expectRSAError(.invalidKey) { try check(widths(n: 2048, e: 34)) }  // e = 2^33 + 1
        expectRSAError(.invalidKey) { try check(widths(n: 2048, e: 1)) }  // e = 1
        expectRSAError(.invalidKey) { try check(widths(n: 2048, e: 0, eOdd: false)) }  // e = 0
        expectRSAError(.invalidKey) { try check(widths(n: 2048, e: 17, eOdd: false)) }  // even
        // The byte form of the same e values.
        let n2048 = Self.magnitude(bits: 2048)[...]
        for (e, accepted) in [
            ([0x01, 0xFF, 0xFF, 0xFF, 0xFF] as [UInt8], true), ([0x02, 0x00, 0x00, 0x00, 0x01], false),
            ([0x00, 0x01, 0xFF, 0xFF, 0xFF, 0xFF], true), ([0x03], true), ([0x01], false), ([0x00], false), ([], false),
            ([0x01, 0x00, 0x00], false),
        ] {
            let result = Result { () throws(RSAError) in
                try Limits.check(modulus: n2048, publicExponent: e[...], policy: .standard)
            }
            switch result {
            case .success: #expect(accepted, "e = \(e) accepted")
            case .failure(let error): #expect(!accepted && error.code == .invalidKey, "e = \(e): \(error)")
            }
        }
        // Prime balance: for a 2048-bit n, 1016 … 1032 bits; for odd n, exact in integers.
        #expect(throws: Never.self) { try check(widths(n: 2048, p: 1024, q: 1024)) }
        #expect(throws: Never.self) { try check(widths(n: 2048, p: 1032, q: 1016)) }
        #expect(throws: Never.self) { try check(widths(n: 2048, p: 1017, q: 1032)) }
        expectRSAError(.invalidKey) { try check(widths(n: 2048, p: 1033, q: 1015)) }
        expectRSAError(.invalidKey) { try check(widths(n: 2048, p: 1015, q: 1034)) }
        expectRSAError(.invalidKey) { try check(widths(n: 2048, p: 2, q: 2047)) }  // n = 3·q
        expectRSAError(.invalidKey) { try check(widths(n: 2048, p: 64, q: 1984)) }
        #expect(throws: Never.self) { try check(widths(n: 1031, p: 516, q: 516)) }
        #expect(throws: Never.self) { try check(widths(n: 1031, p: 523, q: 508)) }
        expectRSAError(.invalidKey) { try check(widths(n: 1031, p: 524, q: 508)) }
        // Bit lengths that cannot multiply to n.
        expectRSAError(.invalidKey) { try check(widths(n: 2048, p: 1024, q: 1020)) }
        expectRSAError(.invalidKey) { try check(widths(n: 2048, p: 1030, q: 1030)) }
        // Only one prime; CRT values without primes.
        expectRSAError(.invalidKey) { try check(widths(n: 2048, p: 1024)) }
        expectRSAError(.invalidKey) { try check(widths(n: 2048, dP: 1024)) }
        // d, dP, dQ, qInv: byte lengths up to their modulus's.
        #expect(throws: Never.self) {
            try check(widths(n: 2048, d: 2048, p: 1024, q: 1024, dP: 1024, dQ: 1024, qInv: 1024))
        }
        #expect(throws: Never.self) {  // shorter is always fine
            try check(widths(n: 2048, d: 1, p: 1024, q: 1024, dP: 0, dQ: 7, qInv: 0))
        }
        expectRSAError(.invalidKey) { try check(widths(n: 2048, d: 2049, p: 1024, q: 1024)) }
        expectRSAError(.invalidKey) { try check(widths(n: 2048, p: 1024, q: 1024, dP: 1025)) }
        expectRSAError(.invalidKey) { try check(widths(n: 2048, p: 1024, q: 1024, dQ: 1025)) }
        expectRSAError(.invalidKey) { try check(widths(n: 2048, p: 1024, q: 1024, qInv: 1025)) }
        // qInv is bounded by p, not q.
        expectRSAError(.invalidKey) { try check(widths(n: 2048, p: 1016, q: 1032, qInv: 1030)) }
    }

    // MARK: - Published keys

    @Test("Every published vector key and every generated key passes the limits and loads from DER")
    func publishedKeysPass() throws {
        var checked = Set<String>()
        for folder in ["rsa-oaep", "rsa-pss", "rsabssa"] {
            for name in try VectorFiles.fileNames(in: folder) {
                let keys = try VectorFiles.keys(folder, name)
                // Many files share keys: load each distinct key once.
                for (id, key) in keys.sorted(by: { $0.key < $1.key }) where checked.insert(key.n + key.e).inserted {
                    if key.isPrivate {
                        let privateKey = try key.privateKey(id: id)
                        let der = privateKey.derRepresentation
                        let reloaded = try RSAPrivateKey(unsafeDERRepresentation: der)
                        #expect(reloaded.derRepresentation == der, "\(name) \(id)")
                        #expect(try RSAPrivateKey(unsafeDERRepresentation: privateKey.pkcs8DERRepresentation)
                            .derRepresentation == der, "\(name) \(id) PKCS#8")
                    } else {
                        let publicKey = try key.publicKey()
                        #expect(try RSAPublicKey(unsafeDERRepresentation: publicKey.derRepresentation) == publicKey)
                    }
                }
            }
        }
        #expect(checked.count >= 14, "\(checked.count) distinct keys")
        for key in try TestKeys.rsa2048() {
            #expect(try RSAPrivateKey(derRepresentation: key.pkcs8DERRepresentation).derRepresentation
                == key.derRepresentation)
        }
    }
}
