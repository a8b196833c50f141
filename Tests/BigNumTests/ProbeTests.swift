import Testing
import BigInt
import Foundation
import CGMP
@testable import BigNum

@Test func probeTiming() throws {
    var rng = SystemRandomNumberGenerator()
    let m = BigUInt.randomInteger(withExactWidth: 4096, using: &rng) | 1
    let b = BigUInt.randomInteger(withExactWidth: 4096, using: &rng)
    let e = BigUInt.randomInteger(withExactWidth: 4096, using: &rng)
    let clock = ContinuousClock()
    var r = BigUInt(0)
    let t1 = clock.measure { r = b.power(e, modulus: m) }
    print("BigUInt 4096 powm", t1)
    let t2 = clock.measure { r = b.power(BigUInt(65537), modulus: m) }
    print("BigUInt 4096^65537", t2)
    let t3 = clock.measure { r = b.greatestCommonDivisor(with: m) }
    print("BigUInt gcd 4096", t3)
    let t4 = clock.measure { _ = b.inverse(m) }
    print("BigUInt inverse 4096", t4)
    let t5 = clock.measure { _ = (b * e) % m }
    print("BigUInt mulmod 4096", t5)
    let p = BigUInt.randomInteger(withExactWidth: 512, using: &rng) | 1
    let t6 = clock.measure { _ = p.isPrime() }
    print("BigUInt isPrime 512", t6)
    let z = BigNum(bigEndianBytes: [1,2,3])
    print(z.storage.value.pointee._mp_alloc, __gmpn_sec_powm_itch(1, 64, 1))
    _ = r
}
