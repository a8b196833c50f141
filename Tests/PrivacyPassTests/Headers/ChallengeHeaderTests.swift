import Foundation
@testable import PrivacyPass
import Testing

/// `WWW-Authenticate: PrivateToken …` (RFC 9577 §2.1.2), parsed with the RFC 9110 §11 syntax.
@Suite("WWW-Authenticate PrivateToken challenges")
struct ChallengeHeaderTests {
    typealias Header = PrivateTokenChallengeHeader
    typealias Support = HeaderTestSupport

    /// 41 bytes: padded base64url ends in one `=`.
    static let challengeBytes: [UInt8] = [0x00, 0x02, 0x00, 0x0E] + Array("issuer.example".utf8) + Array(0...22)
    /// 49 bytes: padded base64url ends in `==`.
    static let keyBytes: [UInt8] = (0..<49).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 251) }
    static let c = Support.b64(challengeBytes)
    static let k = Support.b64(keyBytes)
    static let cNoPad = Support.b64NoPad(challengeBytes)
    static let kNoPad = Support.b64NoPad(keyBytes)

    static func expected(maxAge: Int? = 10, key: Bool = true) throws -> Header {
        try Header(challenge: challengeBytes, tokenKey: key ? keyBytes : nil, maxAge: maxAge)
    }

    static func code(_ header: String) -> PrivateTokenHeaderError.Code? {
        Support.code { () throws(PrivateTokenHeaderError) in try Header.parse(header) }
    }

    // MARK: - RFC 9577 Appendix A.2

    @Test("RFC 9577 A.2: every header gives exactly its challenges (token type, challenge, token-key, max-age)")
    func rfc9577Vectors() throws {
        let file = try Support.wwwAuthenticateVectors()
        #expect(file.schema == "privacypass-www-authenticate")
        #expect(file.version == 1)
        #expect(!file.source.isEmpty)
        #expect(file.cases.map(\.id) == ["RFC 9577 A.2 header 1", "RFC 9577 A.2 header 2", "RFC 9577 A.2 header 3"])
        #expect(file.cases.map(\.challenges.count) == [1, 2, 2])
        for testCase in file.cases {
            let expected = try testCase.challenges.map { vector in
                try Header(
                    challenge: Support.bytes(hex: vector.challenge), tokenKey: Support.bytes(hex: vector.token_key),
                    maxAge: vector.max_age)
            }
            let parsed = try Header.parse(testCase.header)
            #expect(parsed == expected, "\(testCase.id)")
            for (challenge, vector) in zip(parsed, testCase.challenges) {
                // The TokenChallenge begins with its 2-octet token type (RFC 9577 §2.1.1).
                #expect(challenge.challenge.count >= 2)
                #expect(Int(challenge.challenge[0]) << 8 | Int(challenge.challenge[1]) == vector.token_type)
            }
            // Formatting round-trips.
            #expect(try Header.parse(Header.headerValue(parsed)) == parsed, "\(testCase.id)")
            for challenge in parsed {
                #expect(try Header.parse(challenge.headerValue) == [challenge])
            }
        }
        // The grease challenge of header 3 has no max-age.
        #expect(try Header.parse(file.cases[2].header).map(\.maxAge) == [nil, 10])
    }

    @Test("RFC 9577 A.2 headers 1 and 2 without the unknown attribute are exactly the formatter's output")
    func formatMatchesAppendixA2() throws {
        let file = try Support.wwwAuthenticateVectors()
        for testCase in file.cases.prefix(2) {
            let canonical = testCase.header.replacingOccurrences(
                of: ",unknownChallengeAttribute=\"ignore-me\"", with: "")
            #expect(canonical != testCase.header)
            #expect(Header.headerValue(try Header.parse(testCase.header)) == canonical)
        }
    }

    // MARK: - Syntax variants that parse

    @Test("Scheme and parameter names are case-insensitive (RFC 9110 §11.1, §11.2)",
        arguments: [
            "privatetoken challenge=\"\(c)\", token-key=\"\(k)\", max-age=\"10\"",
            "PRIVATETOKEN CHALLENGE=\"\(c)\", TOKEN-KEY=\"\(k)\", MAX-AGE=\"10\"",
            "pRiVaTeToKeN Challenge=\"\(c)\", Token-Key=\"\(k)\", Max-Age=10",
        ])
    func caseInsensitive(header: String) throws {
        #expect(try Header.parse(header) == [Self.expected()])
    }

    @Test("Values as tokens or quoted-strings, with or without padding, with backslash escapes",
        arguments: [
            "PrivateToken challenge=\(cNoPad), token-key=\(kNoPad), max-age=10",
            "PrivateToken challenge=\"\(cNoPad)\", token-key=\"\(kNoPad)\", max-age=\"10\"",
            "PrivateToken challenge=\"\(c)\", token-key=\"\(kNoPad)\", max-age=10",
            // An unquoted value ending in `=` padding: accepted although `=` is not a tchar.
            "PrivateToken challenge=\(c), token-key=\(k), max-age=10",
            // quoted-pair: `\A` is `A` (RFC 9110 §5.6.4).
            "PrivateToken challenge=\"\(escapeEveryCharacter(c))\", token-key=\"\(k)\", max-age=\"1\\0\"",
        ])
    func valueForms(header: String) throws {
        #expect(try Header.parse(header) == [Self.expected()])
    }

    @Test("Whitespace around '=' and ',' (BWS, OWS), tabs, and empty list elements (RFC 9110 §5.6.1, §11.2)",
        arguments: [
            "  PrivateToken challenge = \"\(c)\" , token-key =\"\(k)\",max-age= 10  ",
            "PrivateToken\tchallenge\t=\t\"\(c)\"\t,\ttoken-key=\"\(k)\"\t,\tmax-age=\"10\"\t",
            ", ,PrivateToken challenge=\"\(c)\",, , token-key=\"\(k)\",,max-age=\"10\",  ,",
            "PrivateToken    challenge=\"\(c)\",token-key=\"\(k)\",max-age=\"10\"",
        ])
    func whitespace(header: String) throws {
        #expect(try Header.parse(header) == [Self.expected()])
    }

    @Test("Unknown parameters and realm are ignored, quoted commas included (RFC 9577 §2.1.2)",
        arguments: [
            "PrivateToken realm=\"x\", challenge=\"\(c)\", foo=bar, token-key=\"\(k)\", max-age=\"10\", z=\"\"",
            "PrivateToken challenge=\"\(c)\", note=\"a, PrivateToken challenge=\\\"AAAA\\\"\", "
                + "token-key=\"\(k)\", max-age=10",
            "PrivateToken x-future=\"\\\"quoted\\\\\", challenge=\"\(c)\", token-key=\"\(k)\", max-age=10, "
                + "y=\"é\"",
        ])
    func unknownParameters(header: String) throws {
        #expect(try Header.parse(header) == [Self.expected()])
    }

    @Test("Challenges of other schemes before, between and after are skipped (RFC 9110 §11.6.1)",
        arguments: [
            "Basic realm=\"x\", PrivateToken challenge=\"\(c)\", token-key=\"\(k)\", max-age=\"10\"",
            "PrivateToken challenge=\"\(c)\", token-key=\"\(k)\", max-age=\"10\", Basic realm=\"x\"",
            "Bearer abc.def==, PrivateToken challenge=\"\(c)\", token-key=\"\(k)\", max-age=10, Negotiate",
            "Negotiate, PrivateToken challenge=\(c), token-key=\(k), max-age=10, Bearer realm=\"a\", error=\"b\"",
            "Newauth realm=\"apps\", type=1, title=\"Login to \\\"apps\\\"\", Basic realm=\"simple\", "
                + "PrivateToken challenge=\"\(c)\", token-key=\"\(k)\", max-age=\"10\", Bearer a/b+c~",
            "Basic realm=\"x\", realm=\"x\", PrivateToken challenge=\"\(c)\", token-key=\"\(k)\", max-age=\"10\"",
        ])
    func otherSchemes(header: String) throws {
        #expect(try Header.parse(header) == [Self.expected()])
    }

    @Test("Several PrivateToken challenges, in order; token-key and max-age optional")
    func severalChallenges() throws {
        let first = try Self.expected()
        let second = try Header(challenge: [0, 1, 2, 3], tokenKey: nil, maxAge: nil)
        let third = try Header(challenge: [], tokenKey: [0xFF], maxAge: 0)
        let header = "PrivateToken challenge=\"\(Self.c)\", token-key=\"\(Self.k)\", max-age=\"10\", "
            + "Basic realm=\"between\", PrivateToken challenge=AAECAw, privatetoken challenge=\"\", token-key=_w, "
            + "max-age=0"
        #expect(try Header.parse(header) == [first, second, third])
        #expect(Header.headerValue([first, second, third])
            == "PrivateToken challenge=\"\(Self.c)\", token-key=\"\(Self.k)\", max-age=\"10\", "
            + "PrivateToken challenge=\"AAECAw==\", PrivateToken challenge=\"\", token-key=\"_w==\", max-age=\"0\"")
        #expect(try Header.parse(Header.headerValue([first, second, third])) == [first, second, third])
        #expect(second.headerValue == "PrivateToken challenge=\"AAECAw==\"")
        #expect(Header.headerValue([]) == "")
    }

    @Test("max-age: non-negative decimal integers up to Int.max")
    func maxAgeValues() throws {
        for (text, value) in [("0", 0), ("10", 10), ("0010", 10), ("\(Int.max)", Int.max)] {
            let parsed = try Header.parse("PrivateToken challenge=\(Self.c), max-age=\"\(text)\"")
            #expect(parsed.map(\.maxAge) == [value])
        }
    }

    // MARK: - Refused

    @Test("Malformed headers give a typed error with the expected code",
        arguments: [
            // Unterminated quoted-strings.
            ("PrivateToken challenge=\"\(c)", PrivateTokenHeaderError.Code.unterminatedQuotedString),
            ("PrivateToken challenge=\"\(c)\", token-key=\"\(k)\\\"", .unterminatedQuotedString),
            ("Basic realm=\"x, PrivateToken challenge=\"\(c)\"", .malformedSyntax),
            ("PrivateToken challenge=\"\(c)\\", .unterminatedQuotedString),
            // Bad base64url.
            ("PrivateToken challenge=\"AAIA+A==\"", .invalidBase64URL),
            ("PrivateToken challenge=\"AAEC/w==\"", .invalidBase64URL),
            ("PrivateToken challenge=\"AA EC\"", .invalidBase64URL),
            ("PrivateToken challenge=\"AAECAw=\"", .invalidBase64URL),
            ("PrivateToken challenge=\"AAECA\"", .invalidBase64URL),
            ("PrivateToken challenge=\"\(c)\", token-key=\"\(k)!\"", .invalidBase64URL),
            ("PrivateToken challenge=\"\(c)\", token-key=\"é\"", .invalidBase64URL),
            // Duplicate parameters, names compared case-insensitively.
            ("PrivateToken challenge=\"\(c)\", challenge=\"\(c)\"", .duplicateParameter),
            ("PrivateToken challenge=\"\(c)\", token-key=\"\(k)\", Token-Key=\"\(k)\"", .duplicateParameter),
            ("PrivateToken challenge=\"\(c)\", max-age=1, MAX-AGE=1", .duplicateParameter),
            ("PrivateToken challenge=\"\(c)\", foo=1, foo=2", .duplicateParameter),
            // Missing challenge.
            ("PrivateToken token-key=\"\(k)\", max-age=\"10\"", .missingParameter),
            ("PrivateToken", .missingParameter),
            ("Basic realm=\"x\", PrivateToken, Bearer", .missingParameter),
            ("PrivateToken challenge=\"\(c)\", PrivateToken token-key=\"\(k)\"", .missingParameter),
            // max-age.
            ("PrivateToken challenge=\"\(c)\", max-age=\"-1\"", .invalidMaxAge),
            ("PrivateToken challenge=\"\(c)\", max-age=\"1.5\"", .invalidMaxAge),
            ("PrivateToken challenge=\"\(c)\", max-age=\"\"", .invalidMaxAge),
            ("PrivateToken challenge=\"\(c)\", max-age=\" 10\"", .invalidMaxAge),
            ("PrivateToken challenge=\"\(c)\", max-age=+1", .invalidMaxAge),
            ("PrivateToken challenge=\"\(c)\", max-age=ten", .invalidMaxAge),
            ("PrivateToken challenge=\"\(c)\", max-age=99999999999999999999", .invalidMaxAge),
            ("PrivateToken challenge=\"\(c)\", max-age=\"9223372036854775808\"", .invalidMaxAge),
            // No PrivateToken challenge.
            ("", .noPrivateToken),
            ("   ", .noPrivateToken),
            (", ,", .noPrivateToken),
            ("Basic realm=\"x\"", .noPrivateToken),
            ("PrivateTokens challenge=\"\(c)\"", .noPrivateToken),
            ("Private-Token challenge=\"\(c)\"", .noPrivateToken),
            ("Bearer \(c)", .noPrivateToken),
            // Garbage and grammar errors.
            ("=====", .malformedSyntax),
            ("\"PrivateToken\" challenge=\"\(c)\"", .malformedSyntax),
            ("PrivateToken challenge", .malformedSyntax),
            ("PrivateToken challenge=", .malformedSyntax),
            ("PrivateToken challenge=\"\(c)\" token-key=\"\(k)\"", .malformedSyntax),
            ("PrivateToken challenge=\"\(c)\"; token-key=\"\(k)\"", .malformedSyntax),
            ("PrivateToken=\(c)", .malformedSyntax),
            ("PrivateToken\(c)", .malformedSyntax),
            ("PrivateToken \(c)", .malformedSyntax),
            ("PrivateToken challenge==\(c)", .malformedSyntax),
            ("PrivateToken challenge=\"\(c)\", token-key \"\(k)\"", .malformedSyntax),
            ("PrivateToken challenge=\"\(c)\", token-key=\"\(k)\", =x", .malformedSyntax),
            ("PrivateToken challenge=\"\(c)\u{7}\"", .malformedSyntax),
            ("PrivateToken challenge=\"\(c)\"\u{0}", .malformedSyntax),
            ("PrivateToken challenge=\"\(c)\"\r\n token-key=\"\(k)\"", .malformedSyntax),
            ("PrivateToken challenge=\"\(c)\", Basic realm=\"x\" extra", .malformedSyntax),
            ("PrivateToken chäl=\"\(c)\"", .malformedSyntax),
        ])
    func refused(header: String, code: PrivateTokenHeaderError.Code) {
        #expect(Self.code(header) == code, "\(header.prefix(80))")
    }

    @Test("A negative max-age is refused by the initializer; the error names its code")
    func negativeMaxAgeInit() {
        #expect(Support.code { () throws(PrivateTokenHeaderError) in
            try Header(challenge: [0], tokenKey: nil, maxAge: -1)
        } == .invalidMaxAge)
        do {
            _ = try Header.parse("PrivateToken challenge=\"\(Self.c)\", challenge=x")
            Issue.record("a duplicate parameter was accepted")
        } catch {
            #expect(error.code == .duplicateParameter)
            #expect(error.description.hasPrefix("duplicate parameter: "))
            #expect(error.reason.contains("challenge"))
        }
    }
}

/// `text` with a backslash before every character (quoted-pairs that unescape to `text`).
private func escapeEveryCharacter(_ text: String) -> String {
    text.map { "\\\($0)" }.joined()
}
