// Interleaved timing of each operation, ours against swift-crypto (BoringSSL), on the same key.
//
// A shared 2-core virtual machine changes speed by up to 2x within seconds, which makes separate p50s of two
// benchmarks disagree from run to run. Here every round times one call of ours and one of theirs back to back
// (alternating which goes first), so both see the same machine speed; the report gives the median of the
// per-round ratios and the ratio of the fastest calls.
//
//   swift run -c release PairedComparison [rounds] [filter]
//
// With a filter, only the operations whose name contains it are timed (for example "RSA-2048 blindSign").

import BenchmarkKeys
import BigNum
import Crypto
import Dispatch
import Foundation
import PrivacyPass
import RSA
import _CryptoExtras

let rounds = CommandLine.arguments.dropFirst().first.flatMap(Int.init) ?? 300
let filter = CommandLine.arguments.dropFirst(2).first
let clock = ContinuousClock()

func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

func elapsed(_ body: () throws -> Void) rethrows -> Double {
    let start = clock.now
    try body()
    return seconds(clock.now - start)
}

struct Row {
    let name: String
    let target: String
    let ours: [Double]
    let theirs: [Double]

    var medianRatio: Double {
        let ratios = zip(ours, theirs).map { $0 / $1 }.sorted()
        return ratios[ratios.count / 2]
    }

    var minimumRatio: Double { ours.min()! / theirs.min()! }

    func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }
}

func compare(_ name: String, target: String, rounds: Int, ours: () throws -> Void, theirs: () throws -> Void) rethrows -> Row? {
    if let filter, !name.contains(filter) {
        return nil
    }
    for _ in 0..<3 {
        try ours()
        try theirs()
    }
    var oursTimes: [Double] = []
    var theirTimes: [Double] = []
    for round in 0..<rounds {
        if round % 2 == 0 {
            oursTimes.append(try elapsed(ours))
            theirTimes.append(try elapsed(theirs))
        } else {
            theirTimes.append(try elapsed(theirs))
            oursTimes.append(try elapsed(ours))
        }
    }
    return Row(name: name, target: target, ours: oursTimes, theirs: theirTimes)
}

func microseconds(_ value: Double) -> String { String(format: "%.0f µs", value * 1e6) }

var rows: [Row?] = []
for bits in [2048, 4096] {
    let pem = BenchmarkKeys.pem(bits: bits)
    let scale = bits == 2048 ? 1 : 4
    let n = max(rounds / scale, 30)
    let ours = try RSAPrivateKey(pemRepresentation: pem)
    let message = Array("paired comparison message".utf8)
    let messageData = Data(message)

    // RSA core: PSS (SHA-256, salt 32) and OAEP (SHA-256).
    let theirSigning = try _RSA.Signing.PrivateKey(pemRepresentation: pem)
    let theirEncryption = try _RSA.Encryption.PrivateKey(pemRepresentation: pem)
    let ourSignature = try RSASSAPSS.sign(message, with: ours, parameters: .sha256)
    let theirSignature = try theirSigning.signature(for: SHA256.hash(data: messageData), padding: .PSS)
    let ourCiphertext = try RSAESOAEP.encrypt(message, with: ours.publicKey, parameters: .sha256)
    let theirCiphertext = try theirEncryption.publicKey.encrypt(messageData, padding: .PKCS1_OAEP_SHA256)
    let tag = "RSA-\(bits)"
    rows.append(try compare("\(tag) PSS sign", target: bits == 2048 ? "≤ 1.15" : "", rounds: n) {
        _ = try RSASSAPSS.sign(message, with: ours, parameters: .sha256)
    } theirs: {
        _ = try theirSigning.signature(for: SHA256.hash(data: messageData), padding: .PSS)
    })
    rows.append(compare("\(tag) PSS verify", target: bits == 2048 ? "≤ 1.3" : "", rounds: n * 4) {
        _ = RSASSAPSS.isValidSignature(ourSignature, for: message, with: ours.publicKey, parameters: .sha256)
    } theirs: {
        _ = theirSigning.publicKey.isValidSignature(theirSignature, for: SHA256.hash(data: messageData), padding: .PSS)
    })
    rows.append(try compare("\(tag) OAEP encrypt", target: bits == 2048 ? "≤ 1.3" : "", rounds: n * 4) {
        _ = try RSAESOAEP.encrypt(message, with: ours.publicKey, parameters: .sha256)
    } theirs: {
        _ = try theirEncryption.publicKey.encrypt(messageData, padding: .PKCS1_OAEP_SHA256)
    })
    rows.append(try compare("\(tag) OAEP decrypt", target: bits == 2048 ? "≤ 1.15" : "", rounds: n) {
        _ = try RSAESOAEP.decrypt(ourCiphertext, with: ours, parameters: .sha256)
    } theirs: {
        _ = try theirEncryption.decrypt(theirCiphertext, padding: .PKCS1_OAEP_SHA256)
    })

    // RFC 9474, RSABSSA-SHA384-PSS-Randomized.
    let ourSigner = BlindSigning.PrivateKey(ours)
    let ourPublic = ourSigner.publicKey(variant: .RSABSSA_SHA384_PSS_Randomized)
    let theirSigner = try _RSA.BlindSigning.PrivateKey<SHA384>(
        pemRepresentation: pem, parameters: .RSABSSA_SHA384_PSS_Randomized
    )
    let theirPublic = theirSigner.publicKey
    let ourPrepared = ourPublic.prepare(message)
    let ourBlinded = try ourPublic.blind(ourPrepared)
    let ourBlindSignature = try ourSigner.blindSignature(for: ourBlinded.blindedMessage)
    let ourFinal = try ourPublic.finalize(ourBlindSignature, for: ourPrepared, blindingInverse: ourBlinded.inverse)
    // The two-core signer owns its helper thread; it is stopped when this function returns.
    let ourTwoCoreSigner = BlindSigning.TwoCoreSigner(ourSigner)
    defer { ourTwoCoreSigner.shutdown() }
    let theirPrepared = theirPublic.prepare(messageData)
    let theirBlinded = try theirPublic.blind(theirPrepared)
    let theirBlindSignature = try theirSigner.blindSignature(for: theirBlinded.blindedMessage)
    let theirFinal = try theirPublic.finalize(theirBlindSignature, for: theirPrepared, blindingInverse: theirBlinded.inverse)
    rows.append(try compare("\(tag) prepare+blind", target: bits == 2048 ? "≤ 0.15" : "", rounds: n) {
        _ = try ourPublic.blind(ourPublic.prepare(message))
    } theirs: {
        _ = try theirPublic.blind(theirPublic.prepare(messageData))
    })
    rows.append(try compare("\(tag) blindSign serial", target: bits == 2048 ? "≤ 1.15" : "", rounds: n) {
        _ = try ourSigner.blindSignature(for: ourBlinded.blindedMessage)
    } theirs: {
        _ = try theirSigner.blindSignature(for: theirBlinded.blindedMessage)
    })
    // The floor under every private-key operation of ours: the two half-size constant-time exponentiations alone
    // (GMP's mpn_sec_powm through BigNum.secretPower, random odd modulus and full-length exponent), against
    // swift-crypto's whole blind signature.
    let halfModulus = try BigNum.random(in: (BigNum(1).shiftedLeft(by: bits / 2 - 1))..<(BigNum(1).shiftedLeft(by: bits / 2))) + 1
    let oddHalfModulus = halfModulus.isOdd ? halfModulus : halfModulus + 1
    let halfExponent = try BigNum.random(in: 1..<oddHalfModulus)
    let halfBase = try BigNum.random(in: 1..<oddHalfModulus)
    rows.append(try compare("\(tag) floor: 2 × mpn_sec_powm \(bits / 2)-bit (vs their blindSign)", target: "", rounds: n) {
        _ = try halfBase.secretPower(halfExponent, modulus: oddHalfModulus)
        _ = try halfBase.secretPower(halfExponent, modulus: oddHalfModulus)
    } theirs: {
        _ = try theirSigner.blindSignature(for: theirBlinded.blindedMessage)
    })
    rows.append(try compare("\(tag) blindSign two-core (vs their serial)", target: bits == 2048 ? "≤ 0.75" : "", rounds: n) {
        _ = try ourTwoCoreSigner.blindSignature(for: ourBlinded.blindedMessage)
    } theirs: {
        _ = try theirSigner.blindSignature(for: theirBlinded.blindedMessage)
    })
    rows.append(try compare("\(tag) finalize", target: bits == 2048 ? "≤ 1.1" : "", rounds: n * 4) {
        _ = try ourPublic.finalize(ourBlindSignature, for: ourPrepared, blindingInverse: ourBlinded.inverse)
    } theirs: {
        _ = try theirPublic.finalize(theirBlindSignature, for: theirPrepared, blindingInverse: theirBlinded.inverse)
    })
    rows.append(compare("\(tag) verify", target: bits == 2048 ? "≤ 1.3" : "", rounds: n * 4) {
        _ = ourPublic.isValidSignature(ourFinal, for: ourPrepared)
    } theirs: {
        _ = theirPublic.isValidSignature(theirFinal, for: theirPrepared)
    })
    // Batch throughput: ours on all cores against ours serial (the "theirs" column is our serial loop here).
    let batch = (0..<32).map { _ in ourBlinded.blindedMessage }
    rows.append(compare("\(tag) 32 × blindSignatures(for:) vs 32 × serial (ours)", target: bits == 2048 ? "≤ 0.556 (≥ 1.8×)" : "", rounds: max(n / 20, 10)) {
        _ = ourSigner.blindSignatures(for: batch)
    } theirs: {
        for message in batch { _ = try? ourSigner.blindSignature(for: message) }
    })
    if bits == 2048 {
        // RFC 9578 type-2 issuance end to end (client request, issuer, client finalize with its verification),
        // ours against the same flow composed from swift-crypto's RFC 9474 primitives with PSS-Deterministic; and
        // the origin's verification of a token.
        let tokenKey = try TokenKey(ours.publicKey)
        let issuer = try Issuer(privateKeys: [ourSigner])
        let client = TokenClient()
        let challenge = try TokenChallenge(
            tokenType: .privateToken, issuerName: "issuer.example", redemptionContext: [], originNames: ["origin.example"])
        let theirTokenSigner = try _RSA.BlindSigning.PrivateKey<SHA384>(
            pemRepresentation: pem, parameters: .RSABSSA_SHA384_PSS_Deterministic)
        let theirTokenPublic = theirTokenSigner.publicKey
        let challengeDigest = Array(SHA256.hash(data: challenge.bytes))
        func theirTokenInput() -> [UInt8] {
            var nonce = [UInt8](repeating: 0, count: 32)
            var generator = SystemRandomNumberGenerator()
            for index in nonce.indices { nonce[index] = UInt8.random(in: 0...255, using: &generator) }
            return [0x00, 0x02] + nonce + challengeDigest + tokenKey.tokenKeyID
        }
        func theirIssuance() throws {
            let input = theirTokenInput()
            let prepared = theirTokenPublic.prepare(Data(input))
            let blinded = try theirTokenPublic.blind(prepared)
            let blindSignature = try theirTokenSigner.blindSignature(for: blinded.blindedMessage)
            _ = try theirTokenPublic.finalize(blindSignature, for: prepared, blindingInverse: blinded.inverse)
        }
        rows.append(try compare("RSA-2048 token issuance (type 2, serial signing)", target: "≤ 0.65", rounds: n) {
            let (request, state) = try client.request(for: challenge, tokenKey: tokenKey)
            _ = try client.finalize(try issuer.issue(request), state: state)
        } theirs: {
            try theirIssuance()
        })
        rows.append(try compare("RSA-2048 token issuance (type 2, two-core signing)", target: "≤ 0.45", rounds: n) {
            let (request, state) = try client.request(for: challenge, tokenKey: tokenKey)
            let blindSignature = try ourTwoCoreSigner.blindSignature(
                for: BlindSigning.BlindedMessage(rawRepresentation: request.blindedMessage))
            _ = try client.finalize(
                try TokenResponse(blindSignature: blindSignature.rawRepresentation), state: state)
        } theirs: {
            try theirIssuance()
        })
        let (request, state) = try client.request(for: challenge, tokenKey: tokenKey)
        let token = try client.finalize(try issuer.issue(request), state: state)
        let origin = try Origin(issuerName: "issuer.example", originNames: ["origin.example"], trustedKeys: [tokenKey])
        let theirInput = theirTokenInput()
        let theirTokenPrepared = theirTokenPublic.prepare(Data(theirInput))
        let theirBlinded2 = try theirTokenPublic.blind(theirTokenPrepared)
        let theirAuthenticator = try theirTokenPublic.finalize(
            try theirTokenSigner.blindSignature(for: theirBlinded2.blindedMessage), for: theirTokenPrepared,
            blindingInverse: theirBlinded2.inverse)
        rows.append(try compare("RSA-2048 origin token verification", target: "≤ 1.3", rounds: n * 4) {
            try origin.check(token, for: challenge)
        } theirs: {
            // The same checks composed: the challenge digest and key id, then the signature.
            guard Array(theirInput[2 + 32..<2 + 64]) == Array(SHA256.hash(data: challenge.bytes)),
                Array(theirInput[66..<98]) == tokenKey.tokenKeyID,
                theirTokenPublic.isValidSignature(theirAuthenticator, for: theirTokenPrepared)
            else { throw CancellationError() }
        })
        rows.append(try compare("RSA-2048 keygen", target: "≤ 0.8", rounds: 40) {
            _ = try RSAPrivateKey.generate(bits: 2048)
        } theirs: {
            _ = try _RSA.Signing.PrivateKey(keySize: .bits2048)
        })
    }
}

print("| operation | ours (median) | swift-crypto (median) | median of paired ratios | ratio of fastest | target |")
print("|---|---:|---:|---:|---:|---|")
for row in rows.compactMap({ $0 }) {
    print(
        "| \(row.name) | \(microseconds(row.median(row.ours))) | \(microseconds(row.median(row.theirs))) | "
            + String(format: "%.2f | %.2f", row.medianRatio, row.minimumRatio) + " | \(row.target) |"
    )
}
