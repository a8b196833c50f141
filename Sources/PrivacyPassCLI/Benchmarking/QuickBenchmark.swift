import RSA

/// A quick single-process timing of every operation the library has, for `privacy-pass bench`.
///
/// Each operation runs repeatedly for a time budget (at least once) and is reported as operations per second.
/// For comparisons against swift-crypto use the `Benchmarks/` package, which measures both in the same run.
public struct QuickBenchmark: Sendable {
    /// The operation names, in report order (the contract's JSON keys).
    public static let operations = [
        "keygen", "blind", "blind-sign", "blind-sign-2core", "finalize", "verify", "pss-sign", "oaep-encrypt",
        "oaep-decrypt",
    ]

    /// The modulus size.
    public let bits: Int
    /// The time budget per operation, in seconds.
    public let seconds: Double

    /// A benchmark of `bits`-bit keys with `seconds` per operation.
    public init(bits: Int, seconds: Double) {
        self.bits = bits
        self.seconds = seconds
    }

    /// Runs every operation; returns operations per second by name.
    public func run() throws -> [String: Double] {
        var results: [String: Double] = [:]
        results["keygen"] = try measure { _ = try RSAPrivateKey.generate(bits: bits) }

        let key = try RSAPrivateKey.generate(bits: bits)
        let variant = BlindSigning.Variant.RSABSSA_SHA384_PSS_Randomized
        let publicKey = BlindSigning.PublicKey(key.publicKey, variant: variant)
        let signer = BlindSigning.PrivateKey(key)
        let message = Array("privacy-pass benchmark message".utf8)
        let prepared = publicKey.prepare(message)
        let blinded = try publicKey.blind(prepared)
        let blindSignature = try signer.blindSign(blinded.blindedMessage)
        let signature = try publicKey.finalize(blindSignature, for: prepared, inverse: blinded.inverse)
        let oaep = OAEPParameters.sha256
        let ciphertext = try RSAESOAEP.encrypt(message, with: key.publicKey, parameters: oaep)

        results["blind"] = try measure { _ = try publicKey.blind(publicKey.prepare(message)) }
        results["blind-sign"] = try measure { _ = try signer.blindSign(blinded.blindedMessage) }
        results["blind-sign-2core"] = try measure { _ = try signer.blindSignUsingTwoCores(blinded.blindedMessage) }
        results["finalize"] = try measure {
            _ = try publicKey.finalize(blindSignature, for: prepared, inverse: blinded.inverse)
        }
        results["verify"] = try measure { try publicKey.verify(signature, for: prepared) }
        results["pss-sign"] = try measure { _ = try RSASSAPSS.sign(message, with: key, parameters: .sha384) }
        results["oaep-encrypt"] = try measure { _ = try RSAESOAEP.encrypt(message, with: key.publicKey, parameters: oaep) }
        results["oaep-decrypt"] = try measure { _ = try RSAESOAEP.decrypt(ciphertext, with: key, parameters: oaep) }
        return results
    }

    /// Operations per second of `body` within the time budget.
    private func measure(_ body: () throws -> Void) throws -> Double {
        let clock = ContinuousClock()
        let budget = Duration.nanoseconds(Int64(max(seconds, 0.001) * 1e9))
        let start = clock.now
        var iterations = 0
        repeat {
            try body()
            iterations += 1
        } while clock.now - start < budget
        let elapsed = clock.now - start
        let elapsedSeconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return Double(iterations) / elapsedSeconds
    }
}
