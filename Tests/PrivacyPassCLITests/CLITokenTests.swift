import BigNum
import Foundation
import RSA
import Testing

/// The Privacy Pass type 0x0002 flow through the tool: `token challenge`, `request`, `issue`, `finalize`, `verify`,
/// and `explain`.
@Suite("privacy-pass: token")
struct CLITokenTests {
    // MARK: - Helpers

    /// Base64url with `=` padding (RFC 4648 §5).
    static func base64URL(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
    }

    /// The bytes of base64url text, padded or not.
    static func bytes(base64URL text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> [UInt8] {
        var standard = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while standard.count % 4 != 0 { standard += "=" }
        let data = try #require(Data(base64Encoded: standard), "not base64url: \(text)", sourceLocation: sourceLocation)
        return Array(data)
    }

    /// The value of the quoted parameter `name` in a header value.
    static func parameter(_ name: String, in header: String, sourceLocation: SourceLocation = #_sourceLocation)
        throws -> String
    {
        let start = try #require(
            header.range(of: "\(name)=\""), "no \(name) in \(header)", sourceLocation: sourceLocation)
        let rest = header[start.upperBound...]
        let end = try #require(rest.firstIndex(of: "\""), "unterminated \(name)", sourceLocation: sourceLocation)
        return String(rest[..<end])
    }

    /// A string value of a JSON output object.
    static func string(_ object: [String: Any], _ key: String, sourceLocation: SourceLocation = #_sourceLocation)
        throws -> String
    {
        try #require(object[key] as? String, "no string \(key) in \(object)", sourceLocation: sourceLocation)
    }

    /// The `name: value` lines of `explain` output, after its first line, as a dictionary (last one wins).
    static func fields(_ output: CLI.Output) -> [String: String] {
        var fields: [String: String] = [:]
        for line in output.stdoutLines.dropFirst() {
            guard let separator = line.range(of: ": ") else { continue }
            fields[String(line[..<separator.lowerBound])] = String(line[separator.upperBound...])
        }
        return fields
    }

    /// The challenge header for the shared key, with an origin and a redemption context.
    static func challengeHeader(publicKey: String, origins: [String], context: String? = nil) throws -> String {
        var arguments = ["token", "challenge", "--issuer", "issuer.example", "--key", publicKey]
        for origin in origins { arguments += ["--origin", origin] }
        if let context { arguments += ["--redemption-context-hex", context] }
        let output = try CLI.succeed(arguments)
        #expect(output.stdoutLines.count == 1, "\(output)")
        return output.stdoutLines.first ?? ""
    }

    /// One full issuance for `challenge` (base64url): request → issue → finalize. Returns every intermediate value.
    static func issue(challenge: String, privateKey: String, publicKey: String) throws -> (
        request: String, state: String, response: String, token: String
    ) {
        let request = try CLI.jsonObject(
            CLI.succeed(["token", "request", "--challenge", challenge, "--key", publicKey]))
        #expect(Set(request.keys) == ["token_request", "state"])
        let tokenRequest = try string(request, "token_request")
        let state = try string(request, "state")
        #expect(CLI.isLowercaseHex(tokenRequest) && tokenRequest.count == 2 * 259)
        #expect(CLI.isLowercaseHex(state))

        let issued = try CLI.jsonObject(
            CLI.succeed(["token", "issue", "--key", privateKey, "--request-hex", tokenRequest]))
        #expect(Set(issued.keys) == ["token_response"])
        let response = try string(issued, "token_response")
        #expect(CLI.isLowercaseHex(response) && response.count == 2 * 256)

        let finalized = try CLI.jsonObject(
            CLI.succeed(["token", "finalize", "--key", publicKey, "--state", state, "--response-hex", response]))
        #expect(Set(finalized.keys) == ["token"])
        let token = try string(finalized, "token")
        #expect(try bytes(base64URL: token).count == 354)
        return (tokenRequest, state, response, token)
    }

    // MARK: - The flow

    @Test("challenge → request → issue → finalize → verify; tampered and foreign tokens exit 1")
    func fullFlow() throws {
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        let paths = try CLIKeys.write(into: scratch)
        let context = String(repeating: "ab", count: 32)
        let header = try Self.challengeHeader(
            publicKey: paths.publicKey, origins: ["origin.example", "other.example"], context: context)
        #expect(header.hasPrefix("PrivateToken challenge=\""), "\(header)")
        #expect(!header.contains("max-age"))
        let challenge = try Self.parameter("challenge", in: header)
        let tokenKey = try Self.parameter("token-key", in: header)
        // The token key is the id-RSASSA-PSS SPKI (`public-key --format spki-pss`).
        let pss = try CLI.succeed(["public-key", "--in", paths.privateKey, "--format", "spki-pss"]).stdoutText
        let pssBody = pss.split(separator: "\n").filter { !$0.hasPrefix("-----") }.joined()
        #expect(try Self.bytes(base64URL: tokenKey) == Array(try #require(Data(base64Encoded: pssBody))))

        let issued = try Self.issue(challenge: challenge, privateKey: paths.privateKey, publicKey: paths.publicKey)
        let verifyArguments = ["token", "verify", "--key", paths.publicKey, "--challenge", challenge]
        let valid = try CLI.run(verifyArguments + ["--token", issued.token])
        #expect(valid.status == 0, "\(valid)")
        #expect(valid.stdout.isEmpty && valid.stderr.isEmpty, "\(valid)")
        // Unpadded challenge and the private key file as PUB work too.
        let unpadded = challenge.replacingOccurrences(of: "=", with: "")
        let viaPrivate = try CLI.run(
            ["token", "verify", "--key", paths.privateKey, "--challenge", unpadded, "--token", issued.token])
        #expect(viaPrivate.status == 0, "\(viaPrivate)")

        // A changed authenticator, and a changed nonce: the signature no longer verifies.
        var tokenBytes = try Self.bytes(base64URL: issued.token)
        tokenBytes[tokenBytes.count - 1] ^= 0x01
        let tampered = try CLI.run(verifyArguments + ["--token", Self.base64URL(tokenBytes)])
        let tamperedLine = CLI.expectOneLineFailure(tampered, status: 1, "tampered authenticator")
        #expect(tamperedLine?.contains("invalid signature") == true, "\(tampered)")
        tokenBytes = try Self.bytes(base64URL: issued.token)
        tokenBytes[5] ^= 0x80
        CLI.expectOneLineFailure(
            try CLI.run(verifyArguments + ["--token", Self.base64URL(tokenBytes)]), status: 1, "tampered nonce")

        // The token against another challenge (another origin): challenge mismatch.
        let otherHeader = try Self.challengeHeader(publicKey: paths.publicKey, origins: ["elsewhere.example"])
        let otherChallenge = try Self.parameter("challenge", in: otherHeader)
        let foreign = try CLI.run(
            ["token", "verify", "--key", paths.publicKey, "--challenge", otherChallenge, "--token", issued.token])
        let foreignLine = CLI.expectOneLineFailure(foreign, status: 1, "token for another challenge")
        #expect(foreignLine?.contains("challenge mismatch") == true, "\(foreign)")

        // The token against another key: unknown key.
        let otherKey = try scratch.write(
            try CLI.succeed(["public-key", "--in", Self.vectorKeyFile(in: scratch), "--format", "spki"]).stdoutText,
            to: "other.pem")
        CLI.expectOneLineFailure(
            try CLI.run(["token", "verify", "--key", otherKey, "--challenge", challenge, "--token", issued.token]),
            status: 1, "token for another key")
        // finalize with another key than the state's is refused.
        CLI.expectOneLineFailure(
            try CLI.run([
                "token", "finalize", "--key", otherKey, "--state", issued.state, "--response-hex", issued.response,
            ]), status: 1, "finalize with another key")
    }

    // MARK: - explain

    @Test("explain names every field of each kind")
    func explain() throws {
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        let paths = try CLIKeys.write(into: scratch)
        let header = try Self.challengeHeader(publicKey: paths.publicKey, origins: ["origin.example"])
        let challenge = try Self.parameter("challenge", in: header)
        let issued = try Self.issue(challenge: challenge, privateKey: paths.privateKey, publicKey: paths.publicKey)
        let challengeFields = ["token_type", "issuer_name", "redemption_context", "origin_info"]
        let tokenFields = ["token_type", "nonce", "challenge_digest", "token_key_id", "authenticator"]

        let cases: [(value: String, kind: String, fields: [String])] = [
            (issued.token, "token", tokenFields),
            (Hex.encode(try Self.bytes(base64URL: issued.token)), "token", tokenFields),
            (challenge, "challenge", challengeFields),
            (Hex.encode(try Self.bytes(base64URL: challenge)), "challenge", challengeFields),
            (issued.request, "token request", ["token_type", "truncated_token_key_id", "blinded_msg"]),
            (issued.response, "token response", ["blind_sig"]),
            (header, "WWW-Authenticate header", ["challenge", "token-key", "token_key_id"] + challengeFields),
            ("WWW-Authenticate: " + header, "WWW-Authenticate header", ["challenge", "token-key"] + challengeFields),
            ("PrivateToken token=\"\(issued.token)\"", "Authorization header", ["token"] + tokenFields),
        ]
        for (value, kind, names) in cases {
            let output = try CLI.succeed(["token", "explain", value])
            #expect(output.stdoutLines.first == kind, "\(kind): \(output)")
            let fields = Self.fields(output)
            for name in names {
                #expect(fields[name] != nil, "\(kind): no \(name) in \(output)")
            }
            if let type = fields["token_type"] {
                #expect(type == "0x0002", "\(kind): \(output)")
            }
        }
        let challengeOutput = Self.fields(try CLI.succeed(["token", "explain", challenge]))
        #expect(challengeOutput["issuer_name"] == "issuer.example")
        #expect(challengeOutput["origin_info"] == "origin.example")
        #expect(challengeOutput["redemption_context"] == "")
    }

    // MARK: - Malformed input

    @Test("bad base64url, hex and structures exit 1 with one line on stderr")
    func malformedInput() throws {
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        let paths = try CLIKeys.write(into: scratch)
        let header = try Self.challengeHeader(publicKey: paths.publicKey, origins: [])
        let challenge = try Self.parameter("challenge", in: header)
        let issued = try Self.issue(challenge: challenge, privateKey: paths.privateKey, publicKey: paths.publicKey)

        let failures: [(arguments: [String], what: String)] = [
            (["token", "request", "--challenge", "AA+/", "--key", paths.publicKey], "standard-alphabet base64"),
            (["token", "request", "--challenge", "AAIA!", "--key", paths.publicKey], "bad base64url character"),
            (["token", "request", "--challenge", "AAAA", "--key", paths.publicKey], "truncated challenge"),
            (["token", "verify", "--key", paths.publicKey, "--challenge", challenge, "--token", "A"], "1 mod 4"),
            (["token", "verify", "--key", paths.publicKey, "--challenge", challenge, "--token", challenge],
                "a challenge as a token"),
            (["token", "verify", "--key", paths.publicKey, "--challenge", "***", "--token", issued.token],
                "bad challenge"),
            (["token", "issue", "--key", paths.privateKey, "--request-hex", "zz"], "bad request hex"),
            (["token", "issue", "--key", paths.privateKey, "--request-hex", "000201"], "short request"),
            (["token", "finalize", "--key", paths.publicKey, "--state", "0g", "--response-hex", issued.response],
                "bad state hex"),
            (["token", "finalize", "--key", paths.publicKey, "--state", "01", "--response-hex", issued.response],
                "truncated state"),
            (["token", "finalize", "--key", paths.publicKey, "--state", issued.state, "--response-hex", "abc"],
                "odd response hex"),
            (["token", "finalize", "--key", paths.publicKey, "--state", issued.state,
                "--response-hex", String(repeating: "00", count: 255)], "short response"),
            (["token", "challenge", "--issuer", "issuer.example", "--redemption-context-hex", "00",
                "--key", paths.publicKey], "a 1-byte redemption context"),
            (["token", "explain", "%%%"], "explain: neither hex nor base64url"),
            (["token", "explain", "0002"], "explain: no structure"),
            (["token", "explain", "Basic realm=\"x\""], "explain: another scheme"),
        ]
        for (arguments, what) in failures {
            CLI.expectOneLineFailure(try CLI.run(arguments), status: 1, what)
        }
    }

    // MARK: - RFC 9578 vector

    /// The issuer key of `Vectors/privacypass/rfc9578-type2-issuance.json` (the project's key schema), written to
    /// `directory` as PKCS#8 PEM; returns its path.
    static func vectorKeyFile(in directory: TemporaryDirectory) throws -> String {
        let file = try vectorFile()
        let keys = try #require(file["keys"] as? [String: Any])
        let key = try #require(keys["rfc9578"] as? [String: String])
        func integer(_ name: String) throws -> BigNum { try BigNum(hexString: try #require(key[name], "no \(name)")) }
        let privateKey = try RSAPrivateKey(
            unsafeModulus: integer("n"), publicExponent: integer("e"), privateExponent: integer("d"),
            prime1: integer("p"), prime2: integer("q"), exponent1: integer("dp"), exponent2: integer("dq"),
            coefficient: integer("qinv"))
        return try directory.write(privateKey.pkcs8PEMRepresentation, to: "rfc9578.pem")
    }

    static func vectorFile() throws -> [String: Any] {
        let url = CLI.vectorsDirectory.appendingPathComponent("privacypass/rfc9578-type2-issuance.json")
        return try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
    }

    @Test("RFC 9578 §8.2: issue gives the vector's token_response; challenge, verify and explain agree")
    func rfc9578Vector() throws {
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        let keyPath = try Self.vectorKeyFile(in: scratch)
        let cases = try #require(try Self.vectorFile()["cases"] as? [[String: Any]])
        try #require(!cases.isEmpty)
        for vector in cases {
            let id = vector["id"] as? String ?? "?"
            func field(_ name: String) throws -> String { try #require(vector[name] as? String, "\(id): no \(name)") }

            let issued = try CLI.jsonObject(
                CLI.succeed(["token", "issue", "--key", keyPath, "--request-hex", try field("token_request")]))
            #expect(issued["token_response"] as? String == (try field("token_response")), "\(id)")

            // `challenge` rebuilds the vector's TokenChallenge and token key from its fields.
            var arguments = ["token", "challenge", "--key", keyPath]
            arguments += ["--issuer", String(decoding: try Hex.decode(try field("issuer_name")), as: UTF8.self)]
            let originInfo = String(decoding: try Hex.decode(try field("origin_info")), as: UTF8.self)
            for origin in originInfo.split(separator: ",") { arguments += ["--origin", String(origin)] }
            let context = try field("redemption_context")
            if !context.isEmpty { arguments += ["--redemption-context-hex", context] }
            let header = try CLI.succeed(arguments).stdoutText
            #expect(
                Hex.encode(try Self.bytes(base64URL: try Self.parameter("challenge", in: header)))
                    == (try field("token_challenge")), "\(id)")
            #expect(
                Hex.encode(try Self.bytes(base64URL: try Self.parameter("token-key", in: header)))
                    == (try field("token_key")), "\(id)")

            // The vector's token verifies against its challenge.
            let challenge = Self.base64URL(try Hex.decode(try field("token_challenge")))
            let token = Self.base64URL(try Hex.decode(try field("token")))
            let verified = try CLI.run(
                ["token", "verify", "--key", keyPath, "--challenge", challenge, "--token", token])
            #expect(verified.status == 0, "\(id): \(verified)")

            let explained = Self.fields(try CLI.succeed(["token", "explain", try field("token")]))
            #expect(explained["nonce"] == (try field("nonce")), "\(id)")
            #expect(explained["token_key_id"] == (try field("token_key_id")), "\(id)")
        }
    }
}
