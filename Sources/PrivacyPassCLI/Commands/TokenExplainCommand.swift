import ArgumentParser
import BigNum
import Foundation
import PrivacyPass

/// `privacy-pass token explain VALUE`: decodes a Token, TokenChallenge, TokenRequest, TokenResponse, or a
/// `WWW-Authenticate` / `Authorization` `PrivateToken` header value, and prints every field by name.
///
/// Output: a first line naming what VALUE is (`token`, `challenge`, `token request`, `token response`,
/// `WWW-Authenticate header`, `Authorization header`), then one `name: value` line per field — bytes as lowercase
/// hex, the token type as `0x0002`, names as text.
///
/// Detection, in this fixed order:
/// 1. A header: VALUE starts with `WWW-Authenticate:` or `Authorization:` (case-insensitive), or contains a space
///    or tab (an auth-scheme followed by its parameters). Without a field name, it is parsed as a
///    `WWW-Authenticate` value first, then as an `Authorization` value.
/// 2. Otherwise the bytes: VALUE as hex if it is valid hex, then as base64url (padded or not). For each decoding,
///    the structures are tried in the order TokenChallenge (its length prefixes must account for every byte),
///    Token (354 bytes for type 0x0002), TokenRequest (259 bytes), TokenResponse (256 bytes); the first that parses
///    wins.
struct TokenExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Decodes a token, challenge, request, response or PrivateToken header; prints its fields.",
        discussion: """
            Detection order: a header (a `WWW-Authenticate:`/`Authorization:` prefix, or a space after the scheme; \
            WWW-Authenticate tried before Authorization), else hex, then base64url, each tried as TokenChallenge, \
            Token (354 bytes), TokenRequest (259 bytes), TokenResponse (256 bytes), in that order.
            """
    )

    @Argument(help: "The value: hex, base64url, or a header value.")
    var value: String

    func run() throws {
        print(try Self.explain(value).joined(separator: "\n"))
    }

    /// The lines describing `value`: what it is, then its fields.
    ///
    /// - Throws: ``CLIError`` when `value` is none of the structures or headers.
    static func explain(_ value: String) throws -> [String] {
        let text = value.trimmingCharacters(in: .whitespacesAndNewlines)
        if let rest = strippingFieldName("WWW-Authenticate:", from: text) {
            return try challengeHeader(rest)
        }
        if let rest = strippingFieldName("Authorization:", from: text) {
            return try authorizationHeader(rest)
        }
        if text.contains(" ") || text.contains("\t") {
            do {
                return try challengeHeader(text)
            } catch let challengeError {
                do {
                    return try authorizationHeader(text)
                } catch let authorizationError {
                    throw CLIError(
                        "not a PrivateToken WWW-Authenticate value (\(challengeError)) nor an Authorization value "
                            + "(\(authorizationError))")
                }
            }
        }
        var decodings: [[UInt8]] = []
        if let bytes = try? Hex.decode(text), !bytes.isEmpty {
            decodings.append(bytes)
        }
        if let bytes = try? HeaderBase64URL.decode(text), !bytes.isEmpty {
            decodings.append(bytes)
        }
        guard !decodings.isEmpty else {
            throw CLIError("the value is not a header, hex or base64url")
        }
        for bytes in decodings {
            if let lines = structure(bytes) {
                return lines
            }
        }
        let lengths = decodings.map { String($0.count) }.joined(separator: " or ")
        throw CLIError(
            "the value (\(lengths) bytes) is not a TokenChallenge, a Token (354 bytes), a TokenRequest (259 bytes) "
                + "or a TokenResponse (256 bytes)")
    }

    /// The rest of `text` after a case-insensitive field name, trimmed; `nil` when `text` does not start with it.
    private static func strippingFieldName(_ name: String, from text: String) -> String? {
        guard text.lowercased().hasPrefix(name.lowercased()) else { return nil }
        return String(text.dropFirst(name.count)).trimmingCharacters(in: .whitespaces)
    }

    /// The first structure `bytes` parses as, in the documented order, or `nil`.
    private static func structure(_ bytes: [UInt8]) -> [String]? {
        if let challenge = try? TokenChallenge(bytes: bytes) {
            return ["challenge"] + fields(of: challenge)
        }
        if let token = try? Token(bytes: bytes) {
            return ["token"] + fields(of: token)
        }
        if let request = try? TokenRequest(bytes: bytes) {
            return [
                "token request",
                "token_type: \(request.tokenType)",
                "truncated_token_key_id: \(Hex.encode([request.truncatedTokenKeyID]))",
                "blinded_msg: \(Hex.encode(request.blindedMessage))",
            ]
        }
        if let response = try? TokenResponse(bytes: bytes) {
            return ["token response", "blind_sig: \(Hex.encode(response.blindSignature))"]
        }
        return nil
    }

    /// The fields of a TokenChallenge (RFC 9577 §2.1).
    private static func fields(of challenge: TokenChallenge) -> [String] {
        [
            "token_type: \(challenge.tokenType)",
            "issuer_name: \(challenge.issuerName)",
            "redemption_context: \(Hex.encode(challenge.redemptionContext))",
            "origin_info: \(challenge.originInfo)",
        ]
    }

    /// The fields of a Token (RFC 9577 §2.2).
    private static func fields(of token: Token) -> [String] {
        [
            "token_type: \(token.tokenType)",
            "nonce: \(Hex.encode(token.nonce))",
            "challenge_digest: \(Hex.encode(token.challengeDigest))",
            "token_key_id: \(Hex.encode(token.tokenKeyID))",
            "authenticator: \(Hex.encode(token.authenticator))",
        ]
    }

    /// A `WWW-Authenticate` value: for each `PrivateToken` challenge, `challenge` (hex) and its TokenChallenge
    /// fields, `token-key` (hex) and, for a type-0x0002 key, its `token_key_id`, then `max-age`; the optional
    /// parameters only when present.
    private static func challengeHeader(_ text: String) throws -> [String] {
        let headers: [PrivateTokenChallengeHeader]
        do {
            headers = try PrivateTokenChallengeHeader.parse(text)
        } catch {
            throw CLIError("WWW-Authenticate: \(error)")
        }
        var lines = ["WWW-Authenticate header"]
        for header in headers {
            let challenge: TokenChallenge
            do {
                challenge = try TokenChallenge(bytes: header.challenge)
            } catch {
                throw CLIError("WWW-Authenticate, challenge: \(error)")
            }
            lines.append("challenge: \(Hex.encode(header.challenge))")
            lines += fields(of: challenge)
            if let keyBytes = header.tokenKey {
                lines.append("token-key: \(Hex.encode(keyBytes))")
                if let tokenKey = try? TokenKey(spki: keyBytes) {
                    lines.append("token_key_id: \(Hex.encode(tokenKey.tokenKeyID))")
                }
            }
            if let maxAge = header.maxAge {
                lines.append("max-age: \(maxAge)")
            }
        }
        return lines
    }

    /// An `Authorization` value: `token` (hex) and the Token's fields.
    private static func authorizationHeader(_ text: String) throws -> [String] {
        let header: PrivateTokenAuthorizationHeader
        do {
            header = try PrivateTokenAuthorizationHeader.parse(text)
        } catch {
            throw CLIError("Authorization: \(error)")
        }
        let token: Token
        do {
            token = try Token(bytes: header.token)
        } catch {
            throw CLIError("Authorization, token: \(error)")
        }
        return ["Authorization header", "token: \(Hex.encode(header.token))"] + fields(of: token)
    }
}
