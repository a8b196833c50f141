import BigNum
import RSA

/// Ciphertexts whose OAEP decoding fails in one chosen way, made with the public key from hand-built encoded
/// messages (RFC 8017 §7.1.1 step 2 with one field spoiled, then RSAEP), to drive every failure path of the
/// decoder.
enum OAEPCrafting {
    /// How the encoded message EM = Y || maskedSeed || maskedDB is spoiled.
    enum Defect: CaseIterable, CustomStringConvertible {
        /// lHash' is the hash of another label.
        case wrongLabelHash
        /// Y is 0x01 instead of 0x00.
        case nonzeroY
        /// DB = lHash || zeros: no 0x01 separator.
        case noSeparator
        /// A 0x02 byte in the middle of PS.
        case nonzeroPaddingByte

        /// A short name for the harness's report.
        var description: String {
            switch self {
            case .wrongLabelHash: return "wrong-lhash"
            case .nonzeroY: return "nonzero-y"
            case .noSeparator: return "no-separator"
            case .nonzeroPaddingByte: return "nonzero-ps"
            }
        }
    }

    /// A k-byte ciphertext under `key` whose OAEP decoding with `parameters` fails with `defect`.
    ///
    /// For a modulus whose top byte is small (e.g. 2049 bits), an EM with a non-zero Y may exceed n: fresh seeds
    /// are drawn until it does not.
    static func ciphertext(
        defect: Defect, message: [UInt8], key: RSAPublicKey, parameters: OAEPParameters
    ) throws -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<256 {
            let seed = (0..<parameters.hash.digestByteCount).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let em = encodedMessage(
                defect: defect, message: message, k: key.modulusByteCount, parameters: parameters, seed: seed)
            let m = BigNum(bigEndianBytes: em)
            guard m < key.modulus else { continue }
            return try RSAPrimitives.encrypt(m, with: key).bigEndianBytes(count: key.modulusByteCount)
        }
        throw HarnessError("no encoded message with defect \(defect) below n in 256 tries")
    }

    /// EM for `message` with `defect` (RFC 8017 §7.1.1 steps 2.a–2.i, one field spoiled).
    static func encodedMessage(
        defect: Defect, message: [UInt8], k: Int, parameters: OAEPParameters, seed: [UInt8]
    ) -> [UInt8] {
        let hLen = parameters.hash.digestByteCount
        let label = defect == .wrongLabelHash ? Array("ctgrind: not the label".utf8) : parameters.label
        var db = parameters.hash.hash(label)
        let paddingLength = k - message.count - 2 * hLen - 2
        if defect == .noSeparator {
            db += [UInt8](repeating: 0, count: k - 2 * hLen - 1)
        } else {
            var padding = [UInt8](repeating: 0, count: paddingLength)
            if defect == .nonzeroPaddingByte, !padding.isEmpty {
                padding[padding.count / 2] = 0x02
            }
            db += padding + [0x01] + message
        }
        let maskedDB = xor(db, mgf1(seed, length: db.count, hash: parameters.mgf1Hash))
        let maskedSeed = xor(seed, mgf1(maskedDB, length: hLen, hash: parameters.mgf1Hash))
        return [defect == .nonzeroY ? 0x01 : 0x00] + maskedSeed + maskedDB
    }

    /// MGF1 (RFC 8017 Appendix B.2.1) over the package's public hash API.
    static func mgf1(_ seed: [UInt8], length: Int, hash: DigestAlgorithm) -> [UInt8] {
        var output: [UInt8] = []
        var counter: UInt32 = 0
        while output.count < length {
            let counterBytes: [UInt8] = [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: counter >> $0) }
            output += hash.hash(seed, counterBytes)
            counter += 1
        }
        return Array(output.prefix(length))
    }

    private static func xor(_ lhs: [UInt8], _ rhs: [UInt8]) -> [UInt8] {
        zip(lhs, rhs).map { $0 ^ $1 }
    }
}
