@testable import PrivacyPass
import Testing

/// Random and mutated header values: each parser returns a value or a typed error, never traps, and whatever it
/// accepts survives format → parse unchanged.
@Suite("Header parsers under random input")
struct HeaderFuzzTests {
    typealias Support = HeaderTestSupport

    /// Characters that matter to the grammar, and some that must be refused.
    static let alphabet: [String] = [
        "\"", "\\", "=", "==", ",", ", ", " ", "\t", "-", "_", "+", "/", ".", "~", ";", "A", "Z", "a", "z", "0", "9",
        "é", "\u{0}", "\u{7F}", "\r\n", "PrivateToken ", "privatetoken ", "challenge=", "token-key=", "max-age=",
        "token=", "Basic ", "realm=\"x\"", "AAIA", "ZQ==", "-1", "10",
    ]

    static func seeds() throws -> [String] {
        var seeds = try Support.wwwAuthenticateVectors().cases.map(\.header)
        seeds.append("PrivateToken token=\"\(Support.b64(Array(0..<100)))\"")
        seeds.append("privatetoken TOKEN=\(Support.b64NoPad(Array(0..<65))), realm=\"r\"")
        seeds.append("Basic realm=\"x\", PrivateToken challenge=AAECAw, token-key=_w, max-age=7, Bearer a==")
        return seeds
    }

    static func mutate(_ text: String, using generator: inout HeaderTestSupport.SeededGenerator) -> String {
        var characters = Array(text)
        for _ in 0..<Int.random(in: 1...4, using: &generator) {
            let count = characters.count
            let position = count == 0 ? 0 : Int.random(in: 0..<count, using: &generator)
            let length = count == 0 ? 0 : Int.random(in: 0...min(8, count - position), using: &generator)
            switch Int.random(in: 0..<7, using: &generator) {
            case 0: characters.removeSubrange(position..<position + length)
            case 1:
                characters.insert(
                    contentsOf: alphabet.randomElement(using: &generator) ?? "", at: position)
            case 2:
                if position < count {
                    characters.replaceSubrange(
                        position...position, with: Array(alphabet.randomElement(using: &generator) ?? "x"))
                }
            case 3: characters.insert(contentsOf: characters[position..<position + length], at: position)
            case 4:
                let swapped = String(characters[position..<position + length])
                characters.replaceSubrange(
                    position..<position + length,
                    with: Bool.random(using: &generator) ? swapped.uppercased() : swapped.lowercased())
            case 5: characters.removeSubrange(position..<count)
            default:
                let byte = UInt8.random(in: 0...255, using: &generator)
                characters.insert(Character(Unicode.Scalar(byte)), at: position)
            }
        }
        return String(characters)
    }

    static func random(using generator: inout HeaderTestSupport.SeededGenerator) -> String {
        (0..<Int.random(in: 0...24, using: &generator)).map { _ in
            alphabet.randomElement(using: &generator) ?? ""
        }.joined()
    }

    @Test("≥ 10,000 random and mutated values to each parser: a value or a typed error; accepted ones round-trip")
    func randomInput() throws {
        let seeds = try Self.seeds()
        var generator = HeaderTestSupport.SeededGenerator(state: 9577)
        var inputs = 0
        var challengesAccepted = 0
        var authorizationsAccepted = 0
        var codes: Set<PrivateTokenHeaderError.Code> = []
        for iteration in 0..<12_000 {
            let input: String
            if iteration % 6 == 5 {
                input = Self.random(using: &generator)
            } else {
                input = Self.mutate(seeds[iteration % seeds.count], using: &generator)
            }
            inputs += 1
            do {
                let challenges = try PrivateTokenChallengeHeader.parse(input)
                challengesAccepted += 1
                #expect(!challenges.isEmpty)
                #expect(try PrivateTokenChallengeHeader.parse(PrivateTokenChallengeHeader.headerValue(challenges))
                    == challenges, "\(input)")
            } catch {
                codes.insert(error.code)
            }
            do {
                let credentials = try PrivateTokenAuthorizationHeader.parse(input)
                authorizationsAccepted += 1
                #expect(try PrivateTokenAuthorizationHeader.parse(credentials.headerValue) == credentials, "\(input)")
            } catch {
                codes.insert(error.code)
            }
        }
        #expect(inputs >= 10_000)
        // The mutations keep enough values valid to exercise the accepting paths, and reach every error code.
        #expect(challengesAccepted > 500, "\(challengesAccepted) challenge headers accepted")
        #expect(authorizationsAccepted > 200, "\(authorizationsAccepted) authorization headers accepted")
        #expect(codes == [
            .malformedSyntax, .unterminatedQuotedString, .missingParameter, .duplicateParameter, .invalidBase64URL,
            .invalidMaxAge, .noPrivateToken,
        ])
    }

    @Test("Random bytes to base64url: a value or .invalidBase64URL; accepted text is canonical")
    func randomBase64URL() {
        var generator = HeaderTestSupport.SeededGenerator(state: 4648)
        let characters = Array("AZaz09-_+/=. é".utf8)
        var accepted = 0
        for _ in 0..<10_000 {
            let text = (0..<Int.random(in: 0...12, using: &generator)).map { _ in
                characters.randomElement(using: &generator) ?? 0x41
            }
            do {
                let bytes = try HeaderBase64URL.decode(bytes: text)
                accepted += 1
                let padded = HeaderBase64URL.encode(bytes)
                let unpadded = HeaderBase64URL.encode(bytes, padding: false)
                #expect(text == Array(padded.utf8) || text == Array(unpadded.utf8))
            } catch {
                #expect(error.code == .invalidBase64URL)
            }
        }
        #expect(accepted > 100)
    }
}
