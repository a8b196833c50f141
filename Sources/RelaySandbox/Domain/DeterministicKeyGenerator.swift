import BigNum
import Crypto
import RSA
import Synchronization

/// Token keys derived from the configuration's deterministic seed (relay-protocol.md §9), so that sandboxes with one
/// seed issue the same keys; generated keys are cached per process, which also keeps repeated test set-ups fast.
///
/// The candidates for p and q come from an HMAC-SHA256 stream over the seed and a label naming the key slot; each
/// candidate gets its top two bits and its low bit set and is tested with ``BigNum/isProbablePrime(rounds:)``.
/// This is for the sandbox only: a key derived from a known seed is not a secret.
enum DeterministicKeyGenerator {
    private static let cache = Mutex<[[UInt8]: RSAPrivateKey]>([:])

    /// The key for `label` under `seed`, with a `bits`-bit modulus and e = 65537.
    static func key(bits: Int, seed: [UInt8], label: String) throws -> RSAPrivateKey {
        var cacheKey = Array(SHA256.hash(data: seed))
        cacheKey += Array("\(bits)/\(label)".utf8)
        if let cached = cache.withLock({ $0[cacheKey] }) { return cached }
        let key = try generate(bits: bits, seed: seed, label: label)
        cache.withLock { $0[cacheKey] = key }
        return key
    }

    private static func generate(bits: Int, seed: [UInt8], label: String) throws -> RSAPrivateKey {
        var stream = ByteStream(seed: seed, label: label)
        let e = BigNum(65537)
        let primeBits = bits / 2
        let rounds = BigNum.millerRabinRounds(forBits: primeBits)
        func nextPrime() throws -> BigNum {
            while true {
                var bytes = stream.next(primeBits / 8)
                bytes[0] |= 0xC0
                bytes[bytes.count - 1] |= 0x01
                let candidate = BigNum(bigEndianBytes: bytes)
                guard candidate.isProbablePrime(rounds: rounds) else { continue }
                let pMinusOne = try candidate - BigNum(1)
                if pMinusOne.greatestCommonDivisor(with: e) == BigNum(1) { return candidate }
            }
        }
        while true {
            let p = try nextPrime()
            let q = try nextPrime()
            guard p != q else { continue }
            let pMinusOne = try p - BigNum(1)
            let qMinusOne = try q - BigNum(1)
            let gcd = pMinusOne.greatestCommonDivisor(with: qMinusOne)
            let lambda = try (pMinusOne * qMinusOne).quotientAndRemainder(dividingBy: gcd).quotient
            guard let d = e.inverse(modulo: lambda) else { continue }
            let (larger, smaller) = p < q ? (q, p) : (p, q)
            if let key = try? RSAPrivateKey(
                modulus: p * q, publicExponent: e, privateExponent: d, prime1: larger, prime2: smaller)
            {
                return key
            }
        }
    }

    /// HMAC-SHA256(seed, label ‖ counter) blocks, concatenated.
    private struct ByteStream {
        let key: SymmetricKey
        let label: [UInt8]
        var counter: UInt64 = 0

        init(seed: [UInt8], label: String) {
            key = SymmetricKey(data: seed)
            self.label = Array("persona-relay-sandbox/key/\(label)".utf8)
        }

        mutating func next(_ count: Int) -> [UInt8] {
            var output: [UInt8] = []
            while output.count < count {
                var block = label
                withUnsafeBytes(of: counter.bigEndian) { block += $0 }
                counter += 1
                output += Array(HMAC<SHA256>.authenticationCode(for: block, using: key))
            }
            return Array(output.prefix(count))
        }
    }
}
