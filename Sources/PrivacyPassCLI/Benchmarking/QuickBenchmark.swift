import PrivacyPass
import RSA

/// A quick single-process timing of every operation the library has, for `privacy-pass bench`.
///
/// Each operation is warmed up, then timed call by call (in batches of at least 50 µs) for a time budget, and
/// reported as operations per second: the reciprocal of the median time per call, the estimator `Benchmarks/`
/// uses. For comparisons against swift-crypto use the `Benchmarks/` package, which measures both in the same run.
public struct QuickBenchmark: Sendable {
    /// The operation names, in report order (the contract's JSON keys).
    public static let operations = [
        "keygen", "blind", "blind-sign", "blind-sign-2core", "finalize", "verify", "pss-sign", "oaep-encrypt",
        "oaep-decrypt", "token-issuance",
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
        let blindSignature = try signer.blindSignature(for: blinded.blindedMessage)
        let signature = try publicKey.finalize(blindSignature, for: prepared, blindingInverse: blinded.inverse)
        let twoCoreSigner = BlindSigning.TwoCoreSigner(signer)
        defer { twoCoreSigner.shutdown() }
        let oaep = OAEPParameters.sha256
        let ciphertext = try RSAESOAEP.encrypt(message, with: key.publicKey, parameters: oaep)

        results["blind"] = try measure { _ = try publicKey.blind(publicKey.prepare(message)) }
        results["blind-sign"] = try measure { _ = try signer.blindSignature(for: blinded.blindedMessage) }
        results["blind-sign-2core"] = try measure { _ = try twoCoreSigner.blindSignature(for: blinded.blindedMessage) }
        results["finalize"] = try measure {
            _ = try publicKey.finalize(blindSignature, for: prepared, blindingInverse: blinded.inverse)
        }
        results["verify"] = try measure { try publicKey.verify(signature, for: prepared) }
        results["pss-sign"] = try measure { _ = try RSASSAPSS.sign(message, with: key, parameters: .sha384) }
        results["oaep-encrypt"] = try measure { _ = try RSAESOAEP.encrypt(message, with: key.publicKey, parameters: oaep) }
        results["oaep-decrypt"] = try measure { _ = try RSAESOAEP.decrypt(ciphertext, with: key, parameters: oaep) }
        // RFC 9578 type-2 issuance: the client's request, the issuer's response, the client's (verified) token.
        let tokenKey = try TokenKey(key.publicKey)
        let issuer = try Issuer(privateKeys: [signer])
        let challenge = try TokenChallenge(
            tokenType: .privateToken, issuerName: "issuer.example", redemptionContext: [], originNames: ["origin.example"])
        let client = TokenClient()
        results["token-issuance"] = try measure {
            let (request, state) = try client.request(for: challenge, tokenKey: tokenKey)
            _ = try client.finalize(try issuer.issue(request), state: state)
        }
        return results
    }

    /// Operations per second of `body`, as the reciprocal of the **median** time per call, measured the way
    /// `Benchmarks/`' `PairedComparison` measures: a warm-up (a tenth of the budget), then calls timed in batches
    /// of at least 50 µs each until the budget is spent.
    ///
    /// A median, not the mean of the whole budget: on a shared or virtual machine a few calls are delayed by an
    /// order of magnitude (another tenant, a page fault, the scheduler), and a mean lets those few set the figure.
    /// That was why this command's throughput for the fast public-key operations (verify, OAEP encrypt) came out
    /// 15–25% below the medians `Benchmarks/` reports for the same code.
    private func measure(_ body: () throws -> Void) throws -> Double {
        let clock = ContinuousClock()
        let budget = max(seconds, 0.001)
        // Warm-up: caches, lazily initialised tables, the CPU's frequency.
        let warmUpEnd = clock.now + Self.duration(budget / 10)
        var calls = 0
        repeat {
            try body()
            calls += 1
        } while clock.now < warmUpEnd
        // Batch size: enough calls for 50 µs, so that reading the clock costs nothing measurable.
        let probeStart = clock.now
        try body()
        let single = max(Self.seconds(clock.now - probeStart), 1e-9)
        let batch = max(1, Int((50e-6 / single).rounded(.up)))
        var perCall: [Double] = []
        let end = clock.now + Self.duration(budget)
        repeat {
            let start = clock.now
            for _ in 0..<batch {
                try body()
            }
            perCall.append(Self.seconds(clock.now - start) / Double(batch))
        } while clock.now < end
        perCall.sort()
        return 1 / perCall[perCall.count / 2]
    }

    private static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    private static func duration(_ seconds: Double) -> Duration {
        .nanoseconds(Int64(seconds * 1e9))
    }
}
