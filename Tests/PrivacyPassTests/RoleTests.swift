import _CryptoExtras
import BigNum
import Crypto
import Foundation
@testable import PrivacyPass
@testable import RSA
import Testing

@Suite("Client, issuer and origin; token keys; the issuer directory")
struct RoleTests {
    static func fixture() throws -> (BlindSigning.PrivateKey, TokenKey, Issuer) {
        let key = try #require(PrivacyPassVectors.issuerKey)
        let signer = BlindSigning.PrivateKey(key)
        return (signer, try TokenKey(key.publicKey), try Issuer(privateKeys: [signer]))
    }

    /// One token end to end with fresh randomness.
    static func freshToken(origin: Origin, context: [UInt8] = []) throws -> (Token, TokenChallenge) {
        let (_, tokenKey, issuer) = try fixture()
        let challenge = try origin.challenge(redemptionContext: context)
        let (request, state) = try TokenClient().request(for: challenge, tokenKey: tokenKey)
        let response = try issuer.issue(TokenRequest(bytes: request.bytes))
        return (try TokenClient().finalize(TokenResponse(bytes: response.bytes), state: state), challenge)
    }

    @Test("Fresh issuance: the token verifies, then is spent; a second token with the same challenge also redeems")
    func freshIssuance() async throws {
        let (_, tokenKey, _) = try Self.fixture()
        let origin = try Origin(issuerName: "issuer.example", originNames: ["origin.example"], trustedKeys: [tokenKey])
        let (token, challenge) = try Self.freshToken(origin: origin, context: [UInt8](repeating: 9, count: 32))
        try await origin.verify(token, for: challenge)
        await #expect(throws: PrivacyPassError(.spentToken, "")) { try await origin.verify(token, for: challenge) }
        let (second, _) = try Self.freshToken(origin: origin, context: [UInt8](repeating: 9, count: 32))
        #expect(second.nonce != token.nonce)
        try await origin.verify(second, for: challenge)
    }

    @Test("100 concurrent redemptions of one token: exactly one succeeds, 99 are spentToken")
    func concurrentRedemption() async throws {
        let (_, tokenKey, _) = try Self.fixture()
        let store = InMemorySpentTokenStore()
        let origin = try Origin(issuerName: "issuer.example", trustedKeys: [tokenKey], spentTokens: store)
        let (token, challenge) = try Self.freshToken(origin: origin)
        let outcomes = await withTaskGroup(of: PrivacyPassError.Code?.self) { group in
            for _ in 0..<100 {
                group.addTask {
                    do {
                        try await origin.verify(token, for: challenge)
                        return nil
                    } catch let error as PrivacyPassError {
                        return error.code
                    } catch {
                        return .malformed  // not a PrivacyPassError: counted as a failure below
                    }
                }
            }
            var all: [PrivacyPassError.Code?] = []
            for await outcome in group { all.append(outcome) }
            return all
        }
        #expect(outcomes.count == 100)
        #expect(outcomes.filter { $0 == nil }.count == 1)
        #expect(outcomes.filter { $0 == PrivacyPassError.Code.spentToken }.count == 99)
        #expect(await store.count == 1)
    }

    @Test("Origin rejections: other challenge, unknown key, bad authenticator, wrong type")
    func originRejections() async throws {
        let (_, tokenKey, _) = try Self.fixture()
        let origin = try Origin(issuerName: "issuer.example", trustedKeys: [tokenKey])
        let (token, challenge) = try Self.freshToken(origin: origin)
        let other = try origin.challenge(redemptionContext: [UInt8](repeating: 1, count: 32))
        #expect(privacyPassError { try origin.check(token, for: other) }?.code == .challengeMismatch)
        let untrusting = try Origin(issuerName: "issuer.example", trustedKeys: [])
        #expect(privacyPassError { try untrusting.check(token, for: challenge) }?.code == .unknownKey)
        var authenticator = token.authenticator
        authenticator[100] ^= 1
        let forged = try Token(
            tokenType: token.tokenType, nonce: token.nonce, challengeDigest: token.challengeDigest,
            tokenKeyID: token.tokenKeyID, authenticator: authenticator)
        await #expect(throws: PrivacyPassError(.invalidSignature, "")) { try await origin.verify(forged, for: challenge) }
        // A forged nonce breaks the signature too.
        var nonce = token.nonce
        nonce[0] ^= 0x80
        let renonced = try Token(
            tokenType: token.tokenType, nonce: nonce, challengeDigest: token.challengeDigest,
            tokenKeyID: token.tokenKeyID, authenticator: token.authenticator)
        #expect(privacyPassError { try origin.check(renonced, for: challenge) }?.code == .invalidSignature)
        let greaseChallenge = try TokenChallenge(tokenType: TokenType(rawValue: 0x0a0a), issuerName: "issuer.example")
        #expect(privacyPassError { try origin.check(token, for: greaseChallenge) }?.code == .unsupportedTokenType)
        // The rejected tokens were not recorded: the genuine one still redeems.
        try await origin.verify(token, for: challenge)
    }

    @Test("Issuer rejections: unknown truncated key ID, bad blinded_msg, duplicate truncated IDs, no keys")
    func issuerRejections() throws {
        let (signer, tokenKey, issuer) = try Self.fixture()
        let request = try TokenRequest(
            truncatedTokenKeyID: tokenKey.truncatedTokenKeyID &+ 1, blindedMessage: [UInt8](repeating: 1, count: 256))
        #expect(privacyPassError { _ = try issuer.issue(request) }?.code == .unknownKey)
        let tooLarge = try TokenRequest(
            truncatedTokenKeyID: tokenKey.truncatedTokenKeyID, blindedMessage: [UInt8](repeating: 0xff, count: 256))
        #expect(privacyPassError { _ = try issuer.issue(tooLarge) }?.code == .issuanceFailure)
        #expect(privacyPassError { _ = try issuer.issue(requestBytes: [0, 2, tokenKey.truncatedTokenKeyID]) }?.code == .invalidLength)
        #expect(privacyPassError { _ = try issuer.issue(requestBytes: [0, 1, 0] + [UInt8](repeating: 0, count: 256)) }?.code == .unsupportedTokenType)
        #expect(privacyPassError { _ = try Issuer(privateKeys: [signer, signer]) }?.code == .invalidKey)
        #expect(privacyPassError { _ = try Issuer(privateKeys: []) }?.code == .invalidKey)
        #expect(privacyPassError { _ = try Issuer(privateKeys: [signer], variant: .RSABSSA_SHA384_PSS_Randomized) }?.code == .invalidKey)
    }

    @Test("A response for another request does not finalize; a challenge for another type is refused by the client")
    func clientRejections() throws {
        let (_, tokenKey, issuer) = try Self.fixture()
        let challenge = try TokenChallenge(issuerName: "issuer.example")
        let (first, _) = try TokenClient().request(for: challenge, tokenKey: tokenKey)
        let (_, secondState) = try TokenClient().request(for: challenge, tokenKey: tokenKey)
        let response = try issuer.issue(first)
        #expect(privacyPassError { _ = try TokenClient().finalize(response, state: secondState) }?.code == .invalidSignature)
        let other = try TokenChallenge(tokenType: TokenType(rawValue: 1), issuerName: "issuer.example")
        #expect(privacyPassError { _ = try TokenClient().request(for: other, tokenKey: tokenKey) }?.code == .unsupportedTokenType)
        #expect("\(secondState)".contains("<redacted>"))
        #expect(!String(reflecting: secondState).contains(secondState.inverse.rawRepresentation.hex))
    }

    @Test("PSSZERO-Deterministic token keys: salt-0 SPKI, issuance and verification")
    func psszeroKey() async throws {
        let key = try #require(PrivacyPassVectors.issuerKey)
        let issuer = try Issuer(privateKeys: [BlindSigning.PrivateKey(key)], variant: .RSABSSA_SHA384_PSSZERO_Deterministic)
        let tokenKey = try #require(issuer.tokenKeys.first)
        #expect(tokenKey.spki == key.publicKey.pssDERRepresentation(parameters: PSSParameters(hash: .sha384, saltLength: 0)))
        let parsed = try TokenKey(spki: tokenKey.spki)
        #expect(parsed.publicKey.variant == .RSABSSA_SHA384_PSSZERO_Deterministic)
        let origin = try Origin(issuerName: "issuer.example", trustedKeys: [parsed])
        let challenge = try origin.challenge()
        let (request, state) = try TokenClient().request(for: challenge, tokenKey: parsed)
        let token = try TokenClient().finalize(try issuer.issue(request), state: state)
        try await origin.verify(token, for: challenge)
    }

    @Test("TokenKey(spki:) rejects rsaEncryption, other PSS parameters, absent parameters and other key sizes")
    func tokenKeyRejections() throws {
        let key = try #require(PrivacyPassVectors.issuerKey)
        let publicKey = key.publicKey
        #expect(privacyPassError { _ = try TokenKey(spki: publicKey.derRepresentation) }?.code == .invalidKey)
        #expect(privacyPassError { _ = try TokenKey(spki: publicKey.pssDERRepresentation(parameters: .sha256)) }?.code == .invalidKey)
        #expect(privacyPassError { _ = try TokenKey(spki: publicKey.pssDERRepresentation(parameters: PSSParameters(hash: .sha384, saltLength: 32))) }?.code == .invalidKey)
        let absent = KeyEncoding.encodeSubjectPublicKeyInfo(publicKey, algorithm: .rsassaPSS(nil))
        #expect(privacyPassError { _ = try TokenKey(spki: absent) }?.code == .invalidKey)
        #expect(privacyPassError { _ = try TokenKey(spki: publicKey.pkcs1DERRepresentation) }?.code == .invalidKey)
        #expect(privacyPassError { _ = try TokenKey(publicKey, variant: .RSABSSA_SHA384_PSS_Randomized) }?.code == .invalidKey)
        let big = try RSAPrivateKey.generate(bits: 3072).publicKey
        #expect(privacyPassError { _ = try TokenKey(big) }?.code == .invalidKey)
        #expect(privacyPassError { _ = try TokenKey(spki: big.pssDERRepresentation(parameters: .sha384)) }?.code == .invalidKey)
    }

    @Test("Issuer directory: RFC 9578 §4 JSON round trip, unknown members ignored, base64url with and without padding")
    func issuerDirectory() throws {
        let (_, tokenKey, _) = try Self.fixture()
        let directory = IssuerDirectory(
            issuerRequestURI: "https://issuer.example.net/request",
            tokenKeys: [.init(tokenKey, notBefore: 1_686_913_811), .init(tokenType: TokenType(rawValue: 0x1234), tokenKeyBytes: [1, 2, 3])])
        let json = directory.jsonBytes
        let text = String(decoding: json, as: UTF8.self)
        #expect(text.contains("\"issuer-request-uri\":\"https://issuer.example.net/request\""))
        #expect(text.contains("\"token-type\":2") && text.contains("\"not-before\":1686913811"))
        #expect(text.contains("\"token-key\":\"AQID\""))
        let decoded = try IssuerDirectory(jsonBytes: json)
        #expect(decoded == directory)
        #expect(try decoded.tokenKeys[0].tokenKey() == tokenKey)
        #expect(privacyPassError { _ = try decoded.tokenKeys[1].tokenKey() }?.code == .unsupportedTokenType)
        // The RFC's shape with extra members, unpadded base64url, and no not-before.
        let encoded = Base64URL.encode(tokenKey.spki)
        #expect(encoded.hasSuffix("=") || encoded.count % 4 == 0)
        let unpadded = encoded.filter { $0 != "=" }
        let foreign = """
            {"issuer-request-uri": "/request", "extra": {"a": [1, 2]},
             "token-keys": [{"token-type": 2, "token-key": "\(unpadded)", "future": true}]}
            """
        let parsed = try IssuerDirectory(jsonBytes: Array(foreign.utf8))
        #expect(parsed.tokenKeys.count == 1 && parsed.tokenKeys[0].notBefore == nil)
        #expect(try parsed.tokenKeys[0].tokenKey().tokenKeyID == tokenKey.tokenKeyID)
        for bad in [
            "{}", "[]", "{\"issuer-request-uri\": 1, \"token-keys\": []}",
            "{\"issuer-request-uri\": \"u\", \"token-keys\": [{\"token-type\": 70000, \"token-key\": \"AQID\"}]}",
            "{\"issuer-request-uri\": \"u\", \"token-keys\": [{\"token-type\": 2, \"token-key\": \"AQ+D\"}]}",
            "{\"issuer-request-uri\": \"u\", \"token-keys\": [{\"token-type\": 2, \"token-key\": \"AQID=\"}]}",
            "{\"issuer-request-uri\": \"u\", \"token-keys\": [{\"token-type\": 2, \"token-key\": \"AQID\", \"not-before\": -1}]}",
        ] {
            #expect(privacyPassError { _ = try IssuerDirectory(jsonBytes: Array(bad.utf8)) }?.code == .malformed, "\(bad)")
        }
    }

    @Test("swift-crypto: a token's authenticator is an ordinary RSASSA-PSS (SHA-384, MGF1-SHA-384, salt 48) signature")
    func cryptoExtrasInterop() throws {
        let file = try PrivacyPassVectors.issuance()
        let key = try #require(PrivacyPassVectors.issuerKey)
        let theirs = try _RSA.Signing.PublicKey(derRepresentation: key.publicKey.derRepresentation)
        for vector in file.cases {
            let token = try Token(bytes: try bytes(vector.token))
            let signature = _RSA.Signing.RSASignature(rawRepresentation: token.authenticator)
            #expect(theirs.isValidSignature(signature, for: SHA384.hash(data: token.authenticatorInput), padding: .PSS), "\(vector.id)")
            #expect(!theirs.isValidSignature(signature, for: SHA384.hash(data: token.authenticatorInput + [0]), padding: .PSS))
        }
    }

    @Test("openssl reads the token key as RSASSA-PSS with SHA-384, MGF1 with SHA-384, salt length 48",
        .enabled(if: OpenSSLTool.path != nil, "openssl is not on PATH"))
    func opensslReadsTokenKey() throws {
        let (_, tokenKey, _) = try Self.fixture()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("PrivacyPassTests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("token-key.der")
        try Data(tokenKey.spki).write(to: file)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(OpenSSLTool.path))
        process.arguments = ["pkey", "-pubin", "-inform", "DER", "-in", file.path, "-text", "-noout"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        // OpenSSL 1.1 prints "sha384" and "0x30", OpenSSL 3 "SHA2-384" and "48".
        let lower = text.lowercased()
        #expect(lower.contains("pss parameter restrictions"), "\(text)")
        #expect(lower.contains("hash algorithm: sha384") || lower.contains("hash algorithm: sha2-384"), "\(text)")
        #expect(lower.contains("mgf1 with sha384") || lower.contains("mgf1 with sha2-384"), "\(text)")
        #expect(lower.contains("salt length: 48") || lower.contains("salt length: 0x30"), "\(text)")
    }
}

/// The `openssl` executable on PATH, if any (the pattern of Tests/RSATests/OpenSSLInteropTests.swift).
enum OpenSSLTool {
    static let path: String? = {
        for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
            let candidate = "\(directory)/openssl"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }()
}
