import BigNum
import Foundation
import PrivacyPassCLI
@testable import RSA
import Testing

/// RSASSA-PSS verification against the Wycheproof files in `Vectors/rsa-pss`.
@Suite("PSS vectors")
struct PSSVectorTests {
    struct Expected: Sendable {
        var total: Int
        var valid: Int
        var invalid: Int
        var saltLength: Int
    }

    static let expected: [String: Expected] = [
        "wycheproof-rsa-pss-2048-sha256-mgf1-sha256-salt0.json": Expected(
            total: 103, valid: 61, invalid: 42, saltLength: 0),
        "wycheproof-rsa-pss-2048-sha256-mgf1-sha256-salt32.json": Expected(
            total: 108, valid: 63, invalid: 45, saltLength: 32),
    ]

    @Test("Vectors/rsa-pss holds exactly the expected files")
    func folderHoldsExpectedFiles() throws {
        #expect(try VectorFiles.fileNames(in: "rsa-pss") == Self.expected.keys.sorted())
    }

    @Test("Valid signatures verify and invalid ones do not (RSASSAPSS.isValidSignature)",
        arguments: expected.keys.sorted())
    func verifiesEveryCase(fileName: String) throws {
        let expected = try #require(Self.expected[fileName])
        let file = try VectorFiles.pss(fileName)
        #expect(file.cases.count == expected.total)
        #expect(file.cases.filter { $0.result == "valid" }.count == expected.valid)
        #expect(file.cases.filter { $0.result == "invalid" }.count == expected.invalid)

        var keys: [String: RSAPublicKey] = [:]
        var validPassed = 0
        var invalidRejected = 0
        var acceptable = 0
        for testCase in file.cases {
            let key: RSAPublicKey
            if let cached = keys[testCase.key] {
                key = cached
            } else {
                let vectorKey = try file.key(testCase.key)
                // A 2048-bit key: the default (non-`unsafe`) initializer must accept it.
                key = try RSAPublicKey(
                    modulus: BigNum(hexString: vectorKey.n), publicExponent: BigNum(hexString: vectorKey.e))
                keys[testCase.key] = key
            }
            #expect(testCase.salt_len == expected.saltLength)
            let parameters = PSSParameters(
                hash: try vectorDigest(testCase.hash),
                mgf1Hash: try vectorDigest(testCase.mgf1_hash),
                saltLength: testCase.salt_len
            )
            let signature = try vectorBytes(testCase.sig)
            let message = try vectorBytes(testCase.msg)
            let verdict = RSASSAPSS.isValidSignature(signature, for: message, with: key, parameters: parameters)
            switch testCase.result {
            case "valid":
                #expect(verdict, "\(fileName) \(testCase.id): \(testCase.comment?.value ?? "")")
                // The throwing form agrees.
                #expect(throws: Never.self) {
                    try RSASSAPSS.verify(signature, for: message, with: key, parameters: parameters)
                }
                if verdict { validPassed += 1 }
            case "invalid":
                #expect(!verdict, "\(fileName) \(testCase.id): \(testCase.comment?.value ?? "")")
                expectRSAError(.invalidSignature) {
                    try RSASSAPSS.verify(signature, for: message, with: key, parameters: parameters)
                }
                if !verdict { invalidRejected += 1 }
            case "acceptable":
                acceptable += 1
            default:
                Issue.record("\(fileName) \(testCase.id): unknown result \(testCase.result)")
            }
        }
        #expect(validPassed == expected.valid)
        #expect(invalidRejected == expected.invalid)
        #expect(validPassed + invalidRejected + acceptable == expected.total)
    }
}
