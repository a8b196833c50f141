import ArgumentParser
import BigNum
import PrivacyPass
import RSA

/// `privacy-pass token …`: the Privacy Pass type 0x0002 flow (RFC 9577, RFC 9578) step by step — an origin's
/// challenge, the client's request, the issuer's response, the client's token, the origin's check — and `explain`.
struct TokenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token",
        abstract: "Privacy Pass type 0x0002 tokens (RFC 9577, RFC 9578): challenge, request, issue, finalize, verify.",
        subcommands: [
            TokenChallengeCommand.self, TokenRequestCommand.self, TokenIssueCommand.self, TokenFinalizeCommand.self,
            TokenVerifyCommand.self, TokenExplainCommand.self,
        ]
    )
}

/// `privacy-pass token challenge --issuer NAME [--origin O]... [--redemption-context-hex HEX] --key PUB`: the
/// `WWW-Authenticate` header value of an RFC 9577 challenge for the key (no `max-age`).
struct TokenChallengeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "challenge",
        abstract: "An RFC 9577 TokenChallenge (type 0x0002) for the key; prints the WWW-Authenticate header value."
    )

    @Option(help: "The issuer's server name (issuer_name).")
    var issuer: String

    @Option(name: .customLong("origin"), help: "An origin name for origin_info; repeat for several (comma-joined).")
    var origins: [String] = []

    @Option(name: .customLong("redemption-context-hex"), help: "The redemption context, 0 or 32 bytes as hex.")
    var redemptionContextHex: String?

    @Option(help: "The issuer's public key (PEM; a private key file gives its public half).")
    var key: String

    func run() throws {
        let tokenKey = try TokenArguments.tokenKey(at: key)
        let context = try redemptionContextHex.map { try KeyFiles.hex($0, option: "--redemption-context-hex") } ?? []
        do {
            let challenge = try TokenChallenge(
                tokenType: .privateToken, issuerName: issuer, redemptionContext: context, originNames: origins)
            let header = try PrivateTokenChallengeHeader(challenge: challenge.bytes, tokenKey: tokenKey.spki)
            print(header.headerValue)
        } catch {
            throw CLIError("\(error)")
        }
    }
}

/// `privacy-pass token request --challenge B64 --key PUB`: the client's TokenRequest (RFC 9578 §6.1) and the
/// state `finalize` needs.
struct TokenRequestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "request",
        abstract: "Client: a TokenRequest for the challenge; prints {\"token_request\",\"state\"} (hex)."
    )

    @Option(help: "The TokenChallenge, base64url (with or without padding).")
    var challenge: String

    @Option(help: "The issuer's public key (PEM).")
    var key: String

    func run() throws {
        let tokenKey = try TokenArguments.tokenKey(at: key)
        let challenge = try TokenArguments.challenge(base64URL: challenge, option: "--challenge")
        do {
            let (request, state) = try TokenClient().request(for: challenge, tokenKey: tokenKey)
            print(JSONLine.object([
                ("token_request", Hex.encode(request.bytes)),
                ("state", Hex.encode(state.rawRepresentation)),
            ]))
        } catch {
            throw CLIError("\(error)")
        }
    }
}

/// `privacy-pass token issue --key KEY --request-hex HEX`: the issuer's TokenResponse (RFC 9578 §6.2).
struct TokenIssueCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "issue", abstract: "Issuer: signs a TokenRequest; prints {\"token_response\"} (hex)."
    )

    @Option(help: "The issuer's private key (PEM).")
    var key: String

    @Option(name: .customLong("request-hex"), help: "The TokenRequest, as hex.")
    var requestHex: String

    func run() throws {
        let privateKey = try KeyFiles.privateKey(at: key)
        let requestBytes = try KeyFiles.hex(requestHex, option: "--request-hex")
        do {
            let issuer = try Issuer(privateKeys: [BlindSigning.PrivateKey(privateKey)])
            let response = try issuer.issue(requestBytes: requestBytes)
            print(JSONLine.object([("token_response", Hex.encode(response.bytes))]))
        } catch {
            throw CLIError("\(error)")
        }
    }
}

/// `privacy-pass token finalize --key PUB --state HEX --response-hex HEX`: the client's Token (RFC 9578 §6.3),
/// after verifying the issuer's signature.
struct TokenFinalizeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "finalize",
        abstract: "Client: verifies the TokenResponse and builds the Token; prints {\"token\"} (base64url)."
    )

    @Option(help: "The issuer's public key (PEM).")
    var key: String

    @Option(help: "The state printed by `token request`, as hex.")
    var state: String

    @Option(name: .customLong("response-hex"), help: "The TokenResponse, as hex.")
    var responseHex: String

    func run() throws {
        let tokenKey = try TokenArguments.tokenKey(at: key)
        let stateBytes = try KeyFiles.hex(state, option: "--state")
        let responseBytes = try KeyFiles.hex(responseHex, option: "--response-hex")
        let pending: PendingToken
        do {
            pending = try PendingToken(rawRepresentation: stateBytes)
        } catch {
            throw CLIError("--state: \(error)")
        }
        guard pending.tokenKey == tokenKey else {
            throw CLIError("--state was made for another token key than --key")
        }
        do {
            let response = try TokenResponse(bytes: responseBytes, tokenType: tokenKey.tokenType)
            let token = try TokenClient().finalize(response, state: pending)
            print(JSONLine.object([("token", TokenArguments.base64URL(token.bytes))]))
        } catch {
            throw CLIError("\(error)")
        }
    }
}

/// `privacy-pass token verify --key PUB --challenge B64 --token B64`: the origin's check (RFC 9577 §2.2, RFC 9578
/// §6.4) — token type, challenge digest, key ID, authenticator. Exit 0 when valid; 1 with one line on standard
/// error when invalid or malformed. No spent-token store: each run checks the token alone.
struct TokenVerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Origin: checks a Token against the challenge and the key; exit 0 when valid, 1 when not."
    )

    @Option(help: "The issuer's public key (PEM).")
    var key: String

    @Option(help: "The TokenChallenge the token answers, base64url.")
    var challenge: String

    @Option(help: "The Token, base64url.")
    var token: String

    func run() throws {
        let tokenKey = try TokenArguments.tokenKey(at: key)
        let challenge = try TokenArguments.challenge(base64URL: challenge, option: "--challenge")
        let token = try TokenArguments.token(base64URL: token, option: "--token")
        do {
            let origin = try Origin(issuerName: challenge.issuerName, trustedKeys: [tokenKey])
            try origin.check(token, for: challenge)
        } catch {
            StandardStreams.writeErrorLine("invalid token: \(error)")
            throw ExitCode(1)
        }
    }
}
