import BigInt
import Testing

@testable import BigNum

/// The Montgomery arithmetic for secret moduli (constants from branch-free code, a fixed-window ladder) against
/// the oracle, and the fixed-width secret operations built on it.
@Suite("Montgomery domain of a secret modulus")
struct MontgomeryDomainTests {
    /// Odd moduli of one limb, a limb boundary, and RSA prime sizes; inputs up to three times as wide.
    static let moduliBits = [64, 65, 127, 512, 1024, 1025]

    static func domain(_ m: BigUInt, inputLimbs: Int) throws -> MontgomeryDomain {
        let limbs = (m.bitWidth + 63) / 64
        return try MontgomeryDomain(
            modulus: SecretModulus(secret: SecretInteger(m.bigNum, limbCount: limbs)), maximumInputLimbs: inputLimbs)
    }

    @Test("Montgomery form, ordinary value, product, difference and both powers match the oracle", arguments: moduliBits)
    func matchesOracle(bits: Int) throws {
        var g = OperandGenerator()
        let m = g.value(bits: bits) | (BigUInt(1) << (bits - 1)) | 1
        let limbs = (bits + 63) / 64
        let d = try Self.domain(m, inputLimbs: 3 * limbs)
        let r = (BigUInt(1) << (64 * limbs)) % m
        for _ in 0..<8 {
            let x = g.value(bits: 3 * limbs * 64 - 3)
            let a = g.value(bits: bits) % m
            let b = g.value(bits: bits) % m
            let e = g.value(bits: bits)
            let xm = d.montgomeryForm(try SecretInteger(x.bigNum, limbCount: 3 * limbs))
            #expect(xm.declassified().oracle == x * r % m, "seed \(g.seed): montgomeryForm")
            #expect(d.ordinaryValue(xm).declassified().oracle == x % m, "seed \(g.seed): ordinaryValue")
            let am = d.montgomeryForm(try SecretInteger(a.bigNum, limbCount: limbs))
            let bm = d.montgomeryForm(try SecretInteger(b.bigNum, limbCount: limbs))
            #expect(d.ordinaryValue(d.multiply(am, bm)).declassified().oracle == a * b % m, "seed \(g.seed): product")
            #expect(
                d.ordinaryValue(d.subtract(am, bm)).declassified().oracle == (a + m - b) % m, "seed \(g.seed): difference")
            let secretPower = d.power(am, secretExponent: try SecretInteger(e.bigNum, limbCount: limbs))
            #expect(d.ordinaryValue(secretPower).declassified().oracle == a.power(e, modulus: m), "seed \(g.seed): a^e")
            let publicPower = d.power(am, publicExponent: 65537)
            #expect(d.ordinaryValue(publicPower).declassified().oracle == a.power(65537, modulus: m), "seed \(g.seed)")
        }
        // Zero base, exponent zero, exponent one.
        let zero = d.montgomeryForm(SecretInteger(zeroLimbs: limbs))
        #expect(d.power(zero, secretExponent: try SecretInteger(BigNum(5), limbCount: limbs)).declassified().isZero)
        let one = d.montgomeryForm(try SecretInteger(BigNum(1), limbCount: limbs))
        #expect(d.ordinaryValue(d.power(one, publicExponent: 0)).declassified() == 1)
    }

    @Test("The bitwise reduction modulo a secret modulus matches the oracle, even moduli included")
    func bitwiseReduction() throws {
        var g = OperandGenerator()
        for bits in [63, 64, 65, 1023, 1024] {
            let m = g.value(bits: bits) | (BigUInt(1) << (bits - 1))
            let limbs = (bits + 63) / 64
            let modulus = try SecretModulus(secret: SecretInteger(m.bigNum, limbCount: limbs))
            for width in [1, limbs, 2 * limbs + 1] {
                let x = g.value(bits: width * 64)
                let reduced = try SecretInteger(x.bigNum, limbCount: width).reduced(modulo: modulus)
                #expect(reduced.declassified().oracle == x % m, "seed \(g.seed), \(bits)-bit modulus, \(width) limbs")
            }
        }
    }
}
