import BigNum
import Crypto
import Foundation
@testable import PrivacyPass
@testable import RSA
import Testing

@Suite("RFC 9578 §8.2 type-0x0002 issuance and RFC 9577 A.1 authenticator-input vectors")
struct VectorTests {
    @Test("All five RFC 9578 issuance vectors reproduce byte for byte", arguments: 0..<5)
    func issuanceVector(index: Int) async throws {
        let file = try PrivacyPassVectors.issuance()
        try #require(file.cases.count == 5)
        let vector = file.cases[index]
        let privateKey = try #require(PrivacyPassVectors.issuerKey)

        // Token key: encoding (pkS) and token_key_id.
        let tokenKey = try TokenKey(privateKey.publicKey)
        #expect(tokenKey.spki == (try bytes(vector.token_key)), "\(vector.id): token key encoding")
        #expect(tokenKey.tokenKeyID == (try bytes(vector.token_key_id)), "\(vector.id): token_key_id")
        let parsedKey = try TokenKey(spki: try bytes(vector.token_key))
        #expect(parsedKey == tokenKey)
        #expect(parsedKey.publicKey.variant == .RSABSSA_SHA384_PSS_Deterministic)

        // TokenChallenge: parse, re-encode, and build from the fields.
        let challengeBytes = try bytes(vector.token_challenge)
        let challenge = try TokenChallenge(bytes: challengeBytes)
        #expect(challenge.bytes == challengeBytes)
        let built = try TokenChallenge(
            tokenType: TokenType(rawValue: UInt16(vector.token_type)),
            issuerName: String(decoding: try bytes(vector.issuer_name), as: UTF8.self),
            redemptionContext: try bytes(vector.redemption_context),
            originNames: challenge.originNames)
        #expect(built.bytes == challengeBytes, "\(vector.id): challenge from fields")

        // [Client] token_request with the vector's nonce, salt and r.
        let r = BigNum(bigEndianBytes: try bytes(vector.blind))
        let salt = try bytes(vector.salt)
        let (request, state) = try TokenClient().request(
            for: challenge, tokenKey: tokenKey, nonce: try bytes(vector.nonce)
        ) { (prepared) throws(RSAError) in
            try tokenKey.publicKey.blind(prepared, salt: salt, r: r)
        }
        #expect(request.bytes == (try bytes(vector.token_request)), "\(vector.id): token_request")
        #expect(try TokenRequest(bytes: request.bytes) == request)

        // [Issuer] BlindSign is deterministic: token_response.
        let issuer = try Issuer(privateKeys: [BlindSigning.PrivateKey(privateKey)])
        let response = try issuer.issue(requestBytes: try bytes(vector.token_request))
        #expect(response.bytes == (try bytes(vector.token_response)), "\(vector.id): token_response")

        // [Client] finalize with a state restored from r^-1 computed here (a stateless client's path).
        let inverse = try #require(r.inverse(modulo: privateKey.publicKey.modulus))
        let restored = PendingToken(
            tokenKey: tokenKey, tokenInput: state.tokenInput,
            inverse: try BlindSigning.BlindingInverse(
                rawRepresentation: try inverse.bigEndianBytes(count: 256), for: privateKey.publicKey))
        let stored = try PendingToken(rawRepresentation: restored.rawRepresentation)
        let token = try TokenClient().finalize(try TokenResponse(bytes: try bytes(vector.token_response)), state: stored)
        #expect(token.bytes == (try bytes(vector.token)), "\(vector.id): token")
        #expect(try Token(bytes: try bytes(vector.token)) == token)
        // The state from request(...) finalizes to the same token.
        #expect(try TokenClient().finalize(response, state: state) == token)

        // [Origin] the token redeems once.
        let origin = try Origin(
            issuerName: challenge.issuerName, originNames: challenge.originNames, trustedKeys: [parsedKey])
        try await origin.verify(token, for: challenge)
        await #expect(throws: PrivacyPassError(.spentToken, "")) { try await origin.verify(token, for: challenge) }
    }

    @Test("RFC 9577 A.1: the five type-0x0002 authenticator inputs reproduce; the GREASE token is an unknown type")
    func authenticatorInputVectors() throws {
        let file = try PrivacyPassVectors.authenticatorInput()
        try #require(file.cases.count == 6)
        var typeTwo = 0
        var grease = 0
        for vector in file.cases {
            let expected = try bytes(vector.token_authenticator_input)
            let type = TokenType(rawValue: UInt16(vector.token_type))
            if let nonce = vector.nonce, let keyID = vector.token_key_id, let challengeHex = vector.token_challenge,
                let issuer = vector.issuer_name, let context = vector.redemption_context, let origin = vector.origin_info
            {
                let challenge = try TokenChallenge(bytes: try bytes(challengeHex))
                #expect(Array(challenge.issuerName.utf8) == (try bytes(issuer)))
                #expect(challenge.redemptionContext == (try bytes(context)))
                #expect(Array(challenge.originInfo.utf8) == (try bytes(origin)))
                let input = Token.authenticatorInput(
                    tokenType: type, nonce: try bytes(nonce), challengeDigest: challenge.digest,
                    tokenKeyID: try bytes(keyID))
                #expect(input == expected, "\(vector.id)")
                #expect(challenge.digest == Array(SHA256.hash(data: try bytes(challengeHex))))
                // A type-0x0002 token built from these fields gives the same input.
                let token = try Token(
                    tokenType: type, nonce: try bytes(nonce), challengeDigest: challenge.digest,
                    tokenKeyID: try bytes(keyID), authenticator: [UInt8](repeating: 7, count: 256))
                #expect(token.authenticatorInput == expected)
                typeTwo += 1
            } else {
                // GREASE (0x0000): not a type this library knows.
                #expect(type == TokenType(rawValue: 0) && !type.isKnown)
                #expect(privacyPassError { _ = try Token(bytes: expected) }?.code == .unsupportedTokenType)
                // The authenticator input is still computable from the raw fields.
                let raw = try Token.authenticatorInput(ofRawToken: expected)
                #expect(raw.tokenType == type)
                #expect(raw.input == Array(expected.prefix(98)))
                #expect(
                    Token.authenticatorInput(
                        tokenType: type, nonce: Array(expected[2..<34]), challengeDigest: Array(expected[34..<66]),
                        tokenKeyID: Array(expected[66..<98])) == raw.input)
                grease += 1
            }
        }
        #expect(typeTwo == 5 && grease == 1)
    }
}
