import Crypto

#if canImport(FoundationEssentials)
import protocol FoundationEssentials.ContiguousBytes
#else
import protocol Foundation.ContiguousBytes
#endif

/// MGF1, the mask generation function of RFC 8017 Appendix B.2.1.
enum MGF1 {
    /// `MGF1(mgfSeed, maskLen)` with `hash`.
    ///
    /// - Throws: ``RSAError/Code/encodingError`` ("mask too long") when `maskLength > 2^32 · hLen`.
    static func mask(seed: ArraySlice<UInt8>, length maskLength: Int, hash: DigestAlgorithm) throws(RSAError) -> [UInt8] {
        // 1. If maskLen > 2^32 hLen, output "mask too long" and stop (before anything is allocated).
        guard maskLength >= 0, UInt64(maskLength) <= (UInt64(1) << 32) * UInt64(hash.digestByteCount) else {
            throw RSAError(.encodingError, "mask too long")
        }
        // The mask is MGF1's output XORed into zeros.
        var t = [UInt8](repeating: 0, count: maskLength)[...]
        try applyMask(to: &t, seed: seed, hash: hash)
        return Array(t)
    }

    /// XORs `MGF1(seed, target.count)` into `target` in place, one digest at a time (no copy of the mask).
    ///
    /// The running time depends on the lengths only, not on the seed or the target's contents (OAEP decoding
    /// runs it on secret data).
    ///
    /// - Throws: ``RSAError/Code/encodingError`` ("mask too long") when `target.count > 2^32 · hLen`.
    static func applyMask(to target: inout ArraySlice<UInt8>, seed: ArraySlice<UInt8>, hash: DigestAlgorithm) throws(RSAError) {
        let hLen = hash.digestByteCount
        // 1. If maskLen > 2^32 hLen, output "mask too long" and stop.
        guard UInt64(target.count) <= (UInt64(1) << 32) * UInt64(hLen) else {
            throw RSAError(.encodingError, "mask too long")
        }
        seed.withUnsafeBytes { seedBytes in
            target.withUnsafeMutableBufferPointer { targetBytes in
                applyMask(to: targetBytes, seed: seedBytes, hash: hash)
            }
        }
    }

    /// XORs `MGF1(seed, target.count)` into `target`, for callers that keep seed and target in one buffer they
    /// wipe (OAEP). The lengths must already be within MGF1's limit (they are, for any RSA modulus).
    static func applyMask(
        to target: UnsafeMutableBufferPointer<UInt8>, seed: UnsafeRawBufferPointer, hash: DigestAlgorithm
    ) {
        hash.withHashFunction(MaskXOR(seed: seed, target: target))
    }

    /// Steps 2–4 as a ``HashFunctionBody``.
    private struct MaskXOR: HashFunctionBody {
        let seed: UnsafeRawBufferPointer
        let target: UnsafeMutableBufferPointer<UInt8>

        func run<H: HashFunction>(_ hash: H.Type) {
            MGF1.xorMask(hash, seed: seed, into: target)
        }
    }

    /// Steps 2–4 with `H`: for counter = 0, 1, …, XOR Hash(mgfSeed || I2OSP(counter, 4)) into the next hLen octets
    /// of `target` (the last digest only in part).
    private static func xorMask<H: HashFunction>(
        _: H.Type, seed: UnsafeRawBufferPointer, into target: UnsafeMutableBufferPointer<UInt8>
    ) {
        var counter: UInt32 = 0
        var offset = 0
        while offset < target.count {
            var hasher = H()
            hasher.update(bufferPointer: seed)
            // I2OSP(counter, 4): big-endian.
            withUnsafeBytes(of: counter.bigEndian) { hasher.update(bufferPointer: $0) }
            let digest = hasher.finalize()
            digest.withUnsafeBytes { digestBytes in
                let count = min(digestBytes.count, target.count - offset)
                for index in 0..<count {
                    target[offset + index] ^= digestBytes[index]
                }
                offset += count
            }
            counter &+= 1
        }
    }
}
