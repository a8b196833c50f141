import Foundation
import RSA
import RelayProtocol

/// Test keys, generated once per process.
enum TestKeys {
    private static let signing = Result { () throws(RSAError) -> RSAPrivateKey in try RSAPrivateKey.generate(bits: 2048) }
    private static let other = Result { () throws(RSAError) -> RSAPrivateKey in try RSAPrivateKey.generate(bits: 2048) }
    private static let encryption = Result { () throws(RSAError) -> RSAPrivateKey in try RSAPrivateKey.generate(bits: 2048) }

    static func signingKey() throws -> RSAPrivateKey { try signing.get() }
    static func otherKey() throws -> RSAPrivateKey { try other.get() }
    static func encryptionKey() throws -> RSAPrivateKey { try encryption.get() }
}

/// The server side of issuance for scripted tests: a challenge offer and a blind signer (this project's RSA).
struct TestIssuer: Sendable {
    let key: RSAPrivateKey
    /// The decoded challenge JSON, with an extra member that must be echoed verbatim.
    let challengeJSON: [UInt8]

    init(key: RSAPrivateKey, challengeJSON: [UInt8]? = nil) {
        self.key = key
        self.challengeJSON = challengeJSON ?? Array(
            #"{"token_type":2,"issuer_name":"persona","origin_info":"https://withpersona.com","expires_at":"2030-01-01T00:00:00Z","mac":"abc123","extra":{"x":[1,2]}}"#.utf8)
    }

    var spki: [UInt8] { RelayTokenKey.spki(key.publicKey) }
    var keyID: String { RelayTokenKey.keyID(spki: spki) }

    /// The §2.2 challenge response.
    var challengeReply: Reply {
        .json([
            "challenge": .string(RelayBase64URL.encode(challengeJSON)),
            "token-key": .string(RelayBase64URL.encode(spki)),
            "token-key-id": .string(keyID),
        ])
    }

    /// Routes by path: the challenge endpoint gets ``challengeReply``, the issuance endpoint `sign`.
    func responder(sign: @escaping Responder) -> Responder {
        let challenge = challengeReply
        return { request in request.path == RelayPaths.challenge ? challenge : sign(request) }
    }

    /// The §2.4 response: the blind signature of the request's `blinded-token`.
    ///
    /// When this issuer's key is not the one the client blinded for, the blinded value may exceed this modulus
    /// (half of the time); the issuer then signs a fixed small value instead, which is still a k-byte signature by
    /// the wrong key, so that "signed with another key" does not depend on the draw.
    func signReply(_ request: RecordedRequest) -> Reply {
        let signer = BlindSigning.PrivateKey(key)
        guard let encoded = request.json?["blinded-token"]?.stringValue,
            let blinded = try? RelayBase64URL.decode(encoded),
            let signature = (try? signer.blindSignature(for: blinded))
                ?? (try? signer.blindSignature(for: [UInt8](repeating: 0, count: max(0, blinded.count - 1)) + [2]))
        else { return .error(422, title: "Unprocessable entity") }
        return .json(["blind-sig": .string(RelayBase64URL.encode(signature.rawRepresentation))])
    }
}

/// Whether the encoded token's JSON carries `challengeJSON` verbatim as its `challenge` member (§3, §4.6).
func tokenEchoesChallenge(_ encodedToken: String, _ challengeJSON: [UInt8]) -> Bool {
    guard let json = try? RelayBase64URL.decode(encodedToken) else { return false }
    let needle = Array("\"challenge\":".utf8) + challengeJSON
    guard json.count >= needle.count else { return false }
    return (0...(json.count - needle.count)).contains { Array(json[$0..<($0 + needle.count)]) == needle }
}
