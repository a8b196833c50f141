import BigInt
import Testing

@testable import BigNum

/// The constant-time prime generation of key generation: the sieve, its Barrett reductions, the Miller–Rabin
/// bases, and the primes it returns, against the oracle.
@Suite("Secret primes")
struct SecretPrimeTests {
    @Test("Barrett reduction by a small modulus equals %, on edge and random words")
    func barrett() {
        var g = OperandGenerator()
        for d in [3, 5, 1021, 65537, (1 << 32) - 5] as [UInt] {
            let modulus = SmallModulus(d)
            let edges: [UInt] = [0, 1, d - 1, d, d + 1, UInt.max, UInt.max - 1, UInt.max / d * d]
            let randoms: [UInt] = (0..<200).map { _ in UInt(g.next()) }
            for x in edges + randoms {
                #expect(modulus.reduce(x) == x % d, "seed \(g.seed): \(x) mod \(d)")
            }
        }
    }

    @Test("The sieve flags exactly the values with an odd prime factor below 2^10")
    func sieve() throws {
        var g = OperandGenerator()
        let smallPrimes = BigNum.smallPrimes.filter { $0 < 1 << 10 }.map { BigUInt($0) }
        var flagged = 0
        for index in 0..<300 {
            var x = g.value(bits: 1024) | 1 | (BigUInt(1) << 1023)
            if index % 3 == 0 {
                // A multiple of a chosen small prime (kept odd).
                let prime = smallPrimes[index % smallPrimes.count]
                x = x - x % prime + prime
                if x % 2 == 0 { x += prime }
            }
            let expected = smallPrimes.contains { x % $0 == 0 }
            let mask = try SecretInteger(x.bigNum, limbCount: 17).hasSmallFactorMask
            #expect(mask == (expected ? ~0 : 0), "seed \(g.seed): \(x)")
            flagged += expected ? 1 : 0
        }
        #expect(flagged >= 100, "the multiples were flagged")
    }

    @Test("Random primes: exact size, two top bits, ≡ 3 mod 4, prime by the oracle's test; bases in [2, w − 2]")
    func primes() throws {
        for bits in [256, 512, 1024] {
            let prime = try SecretInteger.randomPrime(bits: bits).declassified()
            #expect(prime.bitWidth == bits)
            #expect(prime.testBit(bits - 2))
            #expect(try prime.reduced(modulo: 4) == 3)
            #expect(prime.isProbablePrime(rounds: 20))
            #expect(prime.oracle.isPrime())
        }
        // Miller–Rabin's bases, drawn in Montgomery form, are never 0, 1 or w − 1 and vary.
        let w = try SecretInteger.randomPrime(bits: 256)
        let domain = try MontgomeryDomain(modulus: SecretModulus(secret: w), maximumInputLimbs: 0)
        let wValue = w.declassified().oracle
        var seen: Set<BigUInt> = []
        for _ in 0..<50 {
            let b = domain.ordinaryValue(try domain.randomNontrivialMontgomeryForm()).declassified().oracle
            #expect(b >= 2 && b <= wValue - 2)
            seen.insert(b)
        }
        #expect(seen.count == 50)
        // A composite ≡ 3 (mod 4) with no small factor is rejected (p·q of two 128-bit primes).
        var composite = BigNum()
        repeat {
            composite = try BigNum.randomPrime(bits: 128) * BigNum.randomPrime(bits: 128)
        } while try composite.reduced(modulo: 4) != 3
        #expect(try !SecretInteger(composite, limbCount: 4).passesMillerRabin(rounds: 5))
    }
}
