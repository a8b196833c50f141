@testable import PrivacyPass
import Testing

/// `Authorization: PrivateToken token=…` (RFC 9577 §2.2.2), parsed with the RFC 9110 §11 syntax.
@Suite("Authorization PrivateToken credentials")
struct AuthorizationHeaderTests {
    typealias Header = PrivateTokenAuthorizationHeader
    typealias Support = HeaderTestSupport

    /// A type 0x0002 Token is 354 bytes (RFC 9578 §6): padded base64url has no `=`. 355 bytes end in `==`.
    static let token354: [UInt8] = [0x00, 0x02] + (0..<352).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ 3) }
    static let token355: [UInt8] = token354 + [0xFE]
    static let t = Support.b64(token355)
    static let tNoPad = Support.b64NoPad(token355)

    static func code(_ header: String) -> PrivateTokenHeaderError.Code? {
        Support.code { () throws(PrivateTokenHeaderError) in try Header.parse(header) }
    }

    @Test("Format: PrivateToken token=\"…\", quoted, padded; parse round-trips")
    func formatAndRoundTrip() throws {
        for token in [Self.token354, Self.token355, [], [0xFB, 0xFF]] {
            let header = Header(token: token)
            #expect(header.headerValue == "PrivateToken token=\"\(Support.b64(token))\"")
            #expect(try Header.parse(header.headerValue) == header)
        }
        #expect(Header(token: [0xFB, 0xFF]).headerValue == "PrivateToken token=\"-_8=\"")
        #expect(Header(token: Self.token355).headerValue.hasSuffix("==\""))
    }

    @Test("Syntax variants: case, token or quoted-string, padding, whitespace, unknown parameters",
        arguments: [
            "PrivateToken token=\"\(t)\"",
            "privatetoken TOKEN=\"\(t)\"",
            "PRIVATETOKEN Token=\(t)",
            "PrivateToken token=\(tNoPad)",
            "PrivateToken token=\"\(tNoPad)\"",
            "  PrivateToken   token = \"\(t)\"  ",
            "PrivateToken\ttoken\t=\t\(tNoPad)\t,",
            "PrivateToken realm=\"x\", token=\"\(t)\", future=1, other=\"a, b\"",
            "PrivateToken ,, token=\"\(t)\",,",
        ])
    func variants(header: String) throws {
        #expect(try Header.parse(header) == Header(token: Self.token355))
    }

    @Test("Refused with the expected code",
        arguments: [
            ("", PrivateTokenHeaderError.Code.noPrivateToken),
            ("Basic dXNlcjpwYXNz", .noPrivateToken),
            ("Bearer token=\"\(t)\"", .noPrivateToken),
            ("Basic abc, PrivateToken token=\"\(t)\"", .noPrivateToken),
            ("PrivateToken", .missingParameter),
            ("PrivateToken challenge=\"\(t)\"", .missingParameter),
            ("PrivateToken token=\"\(t)\", token=\"\(t)\"", .duplicateParameter),
            ("PrivateToken token=\"\(t)\", TOKEN=\"\(t)\"", .duplicateParameter),
            ("PrivateToken token=\"\(t)\", PrivateToken token=\"\(t)\"", .malformedSyntax),
            ("PrivateToken token=\"\(t)\", Basic abc", .malformedSyntax),
            ("PrivateToken \(t)", .malformedSyntax),
            ("PrivateToken token=", .malformedSyntax),
            ("PrivateToken token \"\(t)\"", .malformedSyntax),
            ("PrivateToken=\"\(t)\"", .malformedSyntax),
            ("PrivateToken token=\"\(t)", .unterminatedQuotedString),
            ("PrivateToken token=\"\(t)\\", .unterminatedQuotedString),
            ("PrivateToken token=\"\(t.replacingOccurrences(of: "_", with: "/"))\"", .invalidBase64URL),
            ("PrivateToken token=\"\(t)=\"", .invalidBase64URL),
            ("PrivateToken token=\"Zh==\"", .invalidBase64URL),
            ("PrivateToken token=\"\(t)\u{1}\"", .malformedSyntax),
        ])
    func refused(header: String, code: PrivateTokenHeaderError.Code) {
        #expect(Self.code(header) == code, "\(header.prefix(60))")
    }
}
