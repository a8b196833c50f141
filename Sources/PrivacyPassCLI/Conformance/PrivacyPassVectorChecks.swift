import BigNum
import Foundation
import PrivacyPass
import RSA

/// The checks of the Privacy Pass vector files (`Vectors/privacypass/`): RFC 9578 §8.2 type-0x0002 issuance,
/// RFC 9577 A.1 token authenticator inputs, RFC 9577 A.2 `WWW-Authenticate` headers.
enum PrivacyPassVectorChecks {
    /// A Privacy Pass vector file: its keys (the issuer's, in the project's key schema) and its cases.
    struct File<Case: Decodable>: Decodable {
        let keys: [String: VectorKey]
        let cases: [Case]
    }

    /// `privacypass-type2-issuance`: one issuance case.
    struct IssuanceCase: Decodable {
        let id, key: String
        let token_type: Int
        let token_key, token_key_id, token_challenge, nonce, blind, salt, token_request, token_response, token: String
    }

    /// `privacypass-token-authenticator-input`: one case (the grease case has only the type and the input).
    struct AuthenticatorInputCase: Decodable {
        let id: String
        let token_type: Int
        let nonce, token_key_id, token_challenge: String?
        let token_authenticator_input: String
    }

    /// `privacypass-www-authenticate`: one header and the challenges it must give.
    struct HeaderCase: Decodable {
        struct Challenge: Decodable {
            let token_type: Int
            let challenge, token_key: String
            let max_age: Int?
        }
        let id, header: String
        let challenges: [Challenge]
    }

    /// Reproduces the token key and its id, the challenge, the token request (with the vector's nonce, salt and
    /// r), the issuer's response, and the client's token, byte for byte; the origin accepts the token once.
    static func issuance(_ vector: IssuanceCase, key: RSAPrivateKey) -> VectorCaseOutcome {
        do {
            let tokenKey = try TokenKey(key.publicKey)
            guard tokenKey.spki == (try Hex.decode(vector.token_key)),
                tokenKey.tokenKeyID == (try Hex.decode(vector.token_key_id))
            else {
                return .failed("\(vector.id): token key or token_key_id differs")
            }
            let challenge = try TokenChallenge(bytes: try Hex.decode(vector.token_challenge))
            let r = BigNum(bigEndianBytes: try Hex.decode(vector.blind))
            let salt = try Hex.decode(vector.salt)
            let (request, _) = try TokenClient().request(
                for: challenge, tokenKey: tokenKey, nonce: try Hex.decode(vector.nonce)
            ) { (prepared) throws(RSAError) in
                try tokenKey.publicKey.blind(prepared, salt: salt, r: r)
            }
            guard request.bytes == (try Hex.decode(vector.token_request)) else {
                return .failed("\(vector.id): token_request differs")
            }
            let response = try Issuer(privateKeys: [BlindSigning.PrivateKey(key)]).issue(requestBytes: request.bytes)
            guard response.bytes == (try Hex.decode(vector.token_response)) else {
                return .failed("\(vector.id): token_response differs")
            }
            // blind is r itself: the client's inverse is r^-1 mod n.
            guard let inverse = r.inverse(modulo: key.publicKey.modulus) else {
                return .failed("\(vector.id): blind is not invertible")
            }
            let state = PendingToken(
                tokenKey: tokenKey, tokenInput: try tokenInput(vector, challenge, tokenKey),
                inverse: try BlindSigning.BlindingInverse(
                    rawRepresentation: try inverse.bigEndianBytes(count: key.modulusByteCount), for: key.publicKey))
            let token = try TokenClient().finalize(response, state: state)
            guard token.bytes == (try Hex.decode(vector.token)) else {
                return .failed("\(vector.id): token differs")
            }
            return .passed
        } catch {
            return .failed("\(vector.id): \(error)")
        }
    }

    private static func tokenInput(_ vector: IssuanceCase, _ challenge: TokenChallenge, _ key: TokenKey) throws
        -> [UInt8]
    {
        Token.authenticatorInput(
            tokenType: key.tokenType, nonce: try Hex.decode(vector.nonce), challengeDigest: challenge.digest,
            tokenKeyID: key.tokenKeyID)
    }

    /// The token authenticator input from the raw fields; a type the library does not know (GREASE) is refused as
    /// a token but its input is still computed from the raw bytes.
    static func authenticatorInput(_ vector: AuthenticatorInputCase) -> VectorCaseOutcome {
        do {
            let expected = try Hex.decode(vector.token_authenticator_input)
            let type = TokenType(rawValue: UInt16(vector.token_type))
            if let nonce = vector.nonce, let keyID = vector.token_key_id, let challengeHex = vector.token_challenge {
                let challenge = try TokenChallenge(bytes: try Hex.decode(challengeHex))
                let input = Token.authenticatorInput(
                    tokenType: type, nonce: try Hex.decode(nonce), challengeDigest: challenge.digest,
                    tokenKeyID: try Hex.decode(keyID))
                return input == expected ? .passed : .failed("\(vector.id): authenticator input differs")
            }
            guard !type.isKnown, (try? Token(bytes: expected)) == nil,
                try Token.authenticatorInput(ofRawToken: expected).input == Array(expected.prefix(98))
            else {
                return .failed("\(vector.id): an unknown token type was accepted")
            }
            return .passed
        } catch {
            return .failed("\(vector.id): \(error)")
        }
    }

    /// The header parses into exactly the expected challenges, and formats back to an equivalent header.
    static func header(_ vector: HeaderCase) -> VectorCaseOutcome {
        do {
            let parsed = try PrivateTokenChallengeHeader.parse(vector.header)
            let expected = try vector.challenges.map { challenge in
                try PrivateTokenChallengeHeader(
                    challenge: try Hex.decode(challenge.challenge), tokenKey: try Hex.decode(challenge.token_key),
                    maxAge: challenge.max_age)
            }
            guard parsed == expected,
                try PrivateTokenChallengeHeader.parse(PrivateTokenChallengeHeader.headerValue(parsed)) == expected
            else {
                return .failed("\(vector.id): challenges differ")
            }
            return .passed
        } catch {
            return .failed("\(vector.id): \(error)")
        }
    }
}
