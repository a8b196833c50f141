import _CryptoExtras
import Crypto
import Foundation
import PersonaRelay
import RSA
import RelayProtocol
import Testing

/// relay-protocol.md §2.2, §2.4, §3, §4: issuance against a scripted issuer, and every malformed response.
@Suite("Privacy Pass issuance")
struct IssuanceTests {
    static let apiKey = "persona_sandbox_SECRETKEY"

    @Test("challenge then issuance: request shapes, a token that verifies, the challenge echoed verbatim")
    func issuance() async throws {
        let issuer = TestIssuer(key: try TestKeys.signingKey())
        try await withScriptedServer([{ _ in issuer.challengeReply }, issuer.signReply]) { baseURL, script in
            try await withPersona(baseURL, apiKey: Self.apiKey) { persona in
                let issuance = try await persona.relays.issuePrivacyPass(claimType: "age_over18_germany", sandbox: true)
                #expect(issuance.requestID == "req_test")
                let token = try RelayPrivacyPassToken(encoded: issuance.privacyPassToken)
                #expect(tokenEchoesChallenge(issuance.privacyPassToken, issuer.challengeJSON))
                #expect(token.challenge.mac == "abc123")
                #expect(token.keyID == issuer.keyID)
                #expect(token.nonceHex.count == 64 && token.nonceHex.allSatisfy { "0123456789abcdef".contains($0) })
                #expect(token.tokenInput.count == 98)
                #expect(token.signature.count == 256)
                let verifier = BlindSigning.PublicKey(issuer.key.publicKey, variant: RelayTokenKey.variant)
                #expect(verifier.isValidSignature(token.signature, for: verifier.prepare(token.tokenInput)))
                // The token is unpadded base64url.
                #expect(!issuance.privacyPassToken.contains("=") && !issuance.privacyPassToken.contains("+"))
            }
            let requests = script.requests
            try #require(requests.count == 2)
            #expect(requests[0].path == "/api/privacy/v1/relays/challenge")
            #expect(requests[0].json == ["claim-type": "age_over18_germany", "sandbox": true])
            #expect(requests[0].header("Authorization") == nil)
            #expect(requests[1].path == "/api/v1/privacy-passes")
            #expect(requests[1].header("Authorization") == "Bearer " + Self.apiKey)
            #expect(requests[1].header("Persona-Relay-Secret") == nil)
            #expect(requests[1].header("Idempotency-Key") != nil)
            let body = try #require(requests[1].json)
            #expect(Set(body.keys) == ["blinded-token", "key-id"])
            #expect(body["key-id"]?.stringValue == issuer.keyID)
            let blinded = try RelayBase64URL.decode(try #require(body["blinded-token"]?.stringValue))
            #expect(blinded.count == 256)
            #expect(body["blinded-token"]?.stringValue?.contains("=") == false)
        }
    }

    @Test("differential: the finalized signature verifies with swift-crypto's RSABSSA-SHA384-PSS-Deterministic key")
    func differentialOracle() async throws {
        let key = try TestKeys.signingKey()
        // The scripted issuer signs with swift-crypto's blind signer (the oracle), not with ours.
        let theirSigner = try _RSA.BlindSigning.PrivateKey(
            pemRepresentation: key.pkcs8PEMRepresentation, parameters: .RSABSSA_SHA384_PSS_Deterministic)
        let issuer = TestIssuer(key: key)
        let sign: Responder = { request in
            guard let encoded = request.json?["blinded-token"]?.stringValue,
                let blinded = try? RelayBase64URL.decode(encoded),
                let signature = Result(catching: { try theirSigner.blindSignature(for: blinded) }) as Result?
            else { return .error(422, title: "bad request") }
            guard case .success(let signature) = signature else {
                return .error(422, title: "oracle failed: \(signature)")
            }
            return .json(["blind-sig": .string(RelayBase64URL.encode(Array(signature.rawRepresentation)))])
        }
        try await withScriptedServer([issuer.responder(sign: sign)]) { baseURL, script in
            try await withPersona(baseURL, apiKey: Self.apiKey) { persona in
                for _ in 0..<3 {
                    let issuance = try await persona.relays.issuePrivacyPass(claimType: "c")
                    let token = try RelayPrivacyPassToken(encoded: issuance.privacyPassToken)
                    let theirKey = try _RSA.BlindSigning.PublicKey(
                        derRepresentation: issuer.spki, parameters: .RSABSSA_SHA384_PSS_Deterministic)
                    let prepared = theirKey.prepare(token.tokenInput)
                    #expect(theirKey.isValidSignature(
                        _RSA.Signing.RSASignature(rawRepresentation: token.signature), for: prepared))
                }
            }
            #expect(script.requests.count == 6)
        }
    }

    @Test("an id-RSASSA-PSS token key is accepted too")
    func pssTokenKey() async throws {
        let issuer = TestIssuer(key: try TestKeys.signingKey())
        let pssSPKI = issuer.key.publicKey.pssDERRepresentation(parameters: RelayTokenKey.variant.pssParameters)
        let challenge = Reply.json([
            "challenge": .string(RelayBase64URL.encode(issuer.challengeJSON)),
            "token-key": .string(RelayBase64URL.encode(pssSPKI)), "token-key-id": "opaque-id",
        ])
        try await withScriptedServer([{ _ in challenge }, issuer.signReply]) { baseURL, script in
            try await withPersona(baseURL, apiKey: Self.apiKey) { persona in
                let issuance = try await persona.relays.issuePrivacyPass(claimType: "c")
                #expect(try RelayPrivacyPassToken(encoded: issuance.privacyPassToken).keyID == "opaque-id")
            }
            #expect(script.requests.last?.json?["key-id"] == "opaque-id")
        }
    }

    @Test("the issuance POST is retried with one Idempotency-Key")
    func issuanceRetrySameKey() async throws {
        let issuer = TestIssuer(key: try TestKeys.signingKey())
        let busy = Reply.error(503, title: "busy")
        try await withScriptedServer([{ _ in issuer.challengeReply }, { _ in busy }, { _ in busy }, issuer.signReply]) {
            baseURL, script in
            try await withPersona(baseURL, apiKey: Self.apiKey) { persona in
                _ = try await persona.relays.issuePrivacyPass(claimType: "c")
            }
            let keys = script.requests.dropFirst().compactMap { $0.header("Idempotency-Key") }
            #expect(keys.count == 3 && Set(keys).count == 1)
            #expect(script.requests[0].header("Idempotency-Key") == nil)
        }
    }

    @Test("no API key: unauthorized, nothing sent")
    func noAPIKey() async throws {
        try await withScriptedServer([{ _ in .error(500, title: "unexpected") }]) { baseURL, script in
            try await withPersona(baseURL, apiKey: nil) { persona in
                let error = try await expectPersonaError { _ = try await persona.relays.issuePrivacyPass(claimType: "c") }
                #expect(error.kind == .unauthorized && error.statusCode == 401)
            }
            #expect(script.requests.isEmpty)
        }
    }

    @Test("an issuance error from Persona passes through (401, 403, 404, 422)", arguments: [401, 403, 404, 422])
    func issuanceErrors(status: Int) async throws {
        let issuer = TestIssuer(key: try TestKeys.signingKey())
        try await withScriptedServer([{ _ in issuer.challengeReply }, { _ in .error(status, title: "Nope", code: "x") }]) {
            baseURL, script in
            try await withPersona(baseURL, apiKey: Self.apiKey) { persona in
                let error = try await expectPersonaError { _ = try await persona.relays.issuePrivacyPass(claimType: "c") }
                #expect(error.statusCode == status && error.title == "Nope" && error.code == "x")
                #expect(error.kind == PersonaError.Kind(statusCode: status))
            }
            #expect(script.requests.count == 2)
        }
    }

    // MARK: - Malformed challenge responses (never a trap; kind protocol; never retried)

    static func challenge(_ challenge: String, tokenKey: String? = nil, keyID: String = "kid") throws -> Reply {
        let spki = RelayTokenKey.spki(try TestKeys.signingKey().publicKey)
        return .json([
            "challenge": .string(challenge), "token-key": .string(tokenKey ?? RelayBase64URL.encode(spki)),
            "token-key-id": .string(keyID),
        ])
    }

    static func b64(_ text: String) -> String { RelayBase64URL.encode(Array(text.utf8)) }

    @Test("malformed challenge responses", arguments: [
        ("not base64url", "!!!", 502, "Failed to decode challenge"),
        ("not JSON", b64("not json"), 502, "Failed to parse challenge"),
        ("not an object", b64("[1,2,3]"), 502, "Failed to parse challenge"),
        ("missing mac", b64(#"{"token_type":2}"#), 502, "Challenge missing mac"),
        ("empty mac", b64(#"{"token_type":2,"mac":""}"#), 502, "Challenge missing mac"),
        ("mac not a string", b64(#"{"token_type":2,"mac":5}"#), 502, "Challenge missing mac"),
    ])
    func malformedChallenge(name: String, challenge: String, status: Int, title: String) async throws {
        let reply = try Self.challenge(challenge)
        try await withScriptedServer([{ _ in reply }]) { baseURL, script in
            try await withPersona(baseURL, apiKey: Self.apiKey) { persona in
                let error = try await expectPersonaError { _ = try await persona.relays.issuePrivacyPass(claimType: "c") }
                #expect(error.kind == .protocol, "\(name)")
                #expect(error.statusCode == status && error.title == title, "\(name)")
            }
            #expect(script.requests.count == 1)
        }
    }

    @Test("malformed token keys", arguments: [
        ("not base64url", "***"), ("not DER", b64("hello")), ("empty", ""),
    ])
    func malformedTokenKey(name: String, tokenKey: String) async throws {
        let reply = try Self.challenge(Self.b64(#"{"mac":"m"}"#), tokenKey: tokenKey)
        try await withScriptedServer([{ _ in reply }]) { baseURL, script in
            try await withPersona(baseURL, apiKey: Self.apiKey) { persona in
                let error = try await expectPersonaError { _ = try await persona.relays.issuePrivacyPass(claimType: "c") }
                #expect(error.kind == .protocol && error.statusCode == 502 && error.title == "Failed to import public key")
            }
            #expect(script.requests.count == 1)
        }
    }

    @Test("a 1024-bit token key is refused")
    func smallTokenKey() async throws {
        let small = try RSAPublicKey(unsafePEMRepresentation: Self.rsa1024PEM)
        let reply = try Self.challenge(Self.b64(#"{"mac":"m"}"#), tokenKey: RelayBase64URL.encode(RelayTokenKey.spki(small)))
        try await withScriptedServer([{ _ in reply }]) { baseURL, _ in
            try await withPersona(baseURL, apiKey: Self.apiKey) { persona in
                let error = try await expectPersonaError { _ = try await persona.relays.issuePrivacyPass(claimType: "c") }
                #expect(error.kind == .protocol && error.title == "Failed to import public key")
            }
        }
    }

    @Test("malformed challenge response bodies (§13.9)", arguments: [
        "not json", #"{"challenge":"x","token-key":"y"}"#, #"{"challenge":1,"token-key":"y","token-key-id":"z"}"#,
    ])
    func malformedChallengeBody(body: String) async throws {
        try await withScriptedServer([{ _ in .raw(200, body) }]) { baseURL, _ in
            try await withPersona(baseURL, apiKey: Self.apiKey) { persona in
                let error = try await expectPersonaError { _ = try await persona.relays.issuePrivacyPass(claimType: "c") }
                #expect(error.kind == .protocol && error.statusCode == 200)
                #expect(error.title == "Failed to decode Persona response")
            }
        }
    }

    static func signatureCases() throws -> [(String, Responder, Int, String)] {
        let other = TestIssuer(key: try TestKeys.otherKey())
        return [
            ("bad base64url", { _ in .json(["blind-sig": "@@@"]) }, 502, "Failed to decode blind signature"),
            ("wrong length", { _ in .json(["blind-sig": .string(RelayBase64URL.encode([UInt8](repeating: 1, count: 255)))]) },
             500, "Failed to finalize signature"),
            ("all 0xFF (≥ n)", { _ in .json(["blind-sig": .string(RelayBase64URL.encode([UInt8](repeating: 0xFF, count: 256)))]) },
             500, "Failed to finalize signature"),
            ("random bytes that do not verify", { _ in
                .json(["blind-sig": .string(RelayBase64URL.encode([0x01] + [UInt8](repeating: 0x42, count: 255)))]) },
             500, "Failed to finalize signature"),
            ("signed with another key", other.signReply, 500, "Failed to finalize signature"),
            ("missing blind-sig", { _ in .json(["signature": "x"]) }, 200, "Failed to decode Persona response"),
            ("not JSON", { _ in .raw(200, "{") }, 200, "Failed to decode Persona response"),
        ]
    }

    @Test("malformed or invalid blind signatures are protocol errors, not retried")
    func badBlindSignatures() async throws {
        let issuer = TestIssuer(key: try TestKeys.signingKey())
        for (name, responder, status, title) in try Self.signatureCases() {
            try await withScriptedServer([{ _ in issuer.challengeReply }, responder]) { baseURL, script in
                try await withPersona(baseURL, apiKey: Self.apiKey) { persona in
                    let error = try await expectPersonaError {
                        _ = try await persona.relays.issuePrivacyPass(claimType: "c")
                    }
                    #expect(error.kind == .protocol, "\(name)")
                    #expect(error.statusCode == status, "\(name)")
                    #expect(error.title == title, "\(name)")
                }
                #expect(script.requests.count == 2, "\(name)")
            }
        }
    }

    /// A 1024-bit RSA public key (too small for a token key), SPKI.
    static let rsa1024PEM = """
        -----BEGIN PUBLIC KEY-----
        MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQCrc2Uw8cJK4E2NhEWZr0Vyq/jQ
        0ixuK6hS3KR+kxh/seD83gQXYL131FLdgEBVtaTW6wodY9E8fpZ9YD9OeNXoMTVS
        XAkCdR67FOySRMrd+7608j+aoD9FrybAz2IFXkJbDqNnpOUXJzcr5PM9bPHZG6IA
        4YCJeOyiX/SjNIYVMwIDAQAB
        -----END PUBLIC KEY-----
        """
}
