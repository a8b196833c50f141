import BigNum
import Crypto
import Foundation
@testable import RSA
import Testing

/// RSAES-OAEP against every file in `Vectors/rsa-oaep` (RFC 8017/RSA Labs, pyca/cryptography, Wycheproof).
@Suite("OAEP vectors")
struct OAEPVectorTests {
    /// What each file must contain: total cases, valid, invalid, cases with a seed, and cases using SHA-224.
    struct Expected: Sendable, CustomStringConvertible {
        var total: Int
        var valid: Int
        var invalid: Int
        var seeded: Int
        var sha224: Int
        var description: String { "\(total) cases" }
    }

    /// Every file of `Vectors/rsa-oaep`, with the counts Vectors/README.md gives for it.
    static let expected: [String: Expected] = {
        var table: [String: Expected] = [
            "rfc8017-oaep-vect.json": Expected(total: 60, valid: 60, invalid: 0, seeded: 60, sha224: 0),
            "rfc8017-oaep-int.json": Expected(total: 1, valid: 1, invalid: 0, seeded: 1, sha224: 0),
            "pyca-oaep-label.json": Expected(total: 1, valid: 1, invalid: 0, seeded: 0, sha224: 0),
            "wycheproof-rsa-oaep-2048-sha1-mgf1-sha1.json": Expected(
                total: 36, valid: 17, invalid: 19, seeded: 0, sha224: 0),
            "wycheproof-rsa-oaep-2048-sha256-mgf1-sha256.json": Expected(
                total: 37, valid: 18, invalid: 19, seeded: 0, sha224: 0),
        ]
        let hashes = ["sha1", "sha224", "sha256", "sha384", "sha512"]
        for hash in hashes {
            for mgf1 in hashes where !(hash == "sha1" && mgf1 == "sha1") {
                let usesSHA224 = hash == "sha224" || mgf1 == "sha224"
                table["pyca-oaep-\(hash)-mgf1-\(mgf1).json"] = Expected(
                    total: 60, valid: 60, invalid: 0, seeded: 0, sha224: usesSHA224 ? 60 : 0)
            }
        }
        return table
    }()

    static var fileNames: [String] { expected.keys.sorted() }

    @Test("Vectors/rsa-oaep holds exactly the 29 expected files")
    func folderHoldsExpectedFiles() throws {
        #expect(Self.expected.count == 29)
        #expect(try VectorFiles.fileNames(in: "rsa-oaep") == Self.fileNames)
        // Vectors/README.md: 9 of the 24 pyca files use SHA-224 somewhere, 540 cases in all.
        #expect(Self.expected.values.filter { $0.sha224 > 0 }.count == 9)
        #expect(Self.expected.values.reduce(0) { $0 + $1.sha224 } == 540)
        #expect(Self.expected.values.reduce(0) { $0 + $1.total } == 1_575)
    }

    @Test("Every case decrypts (valid) or fails with exactly .decryptionError (invalid); SHA-224 cases are the only skips",
        arguments: fileNames)
    func decryptsEveryCase(fileName: String) throws {
        let expected = try #require(Self.expected[fileName])
        let file = try VectorFiles.oaep(fileName)
        #expect(file.cases.count == expected.total, "case count")
        #expect(file.cases.filter { $0.result == "valid" }.count == expected.valid)
        #expect(file.cases.filter { $0.result == "invalid" }.count == expected.invalid)
        #expect(file.cases.filter { $0.seed != nil }.count == expected.seeded)

        var keys: [String: RSAPrivateKey] = [:]
        var passed = 0
        var skipped = 0
        let sha224Cases = file.cases.filter { $0.hash == "sha224" || $0.mgf1_hash == "sha224" }.count
        for testCase in file.cases {
            guard let hash = DigestAlgorithm(name: testCase.hash),
                let mgf1Hash = DigestAlgorithm(name: testCase.mgf1_hash)
            else {
                skipped += 1
                continue
            }
            let key: RSAPrivateKey
            if let cached = keys[testCase.key] {
                key = cached
            } else {
                key = try file.key(testCase.key).privateKey(id: testCase.key)
                keys[testCase.key] = key
            }
            let parameters = OAEPParameters(hash: hash, mgf1Hash: mgf1Hash, label: try vectorBytes(testCase.label))
            let ciphertext = try vectorBytes(testCase.ct)
            switch testCase.result {
            case "valid":
                let message = try RSAESOAEP.decrypt(ciphertext, with: key, parameters: parameters)
                #expect(message == (try vectorBytes(testCase.msg)), "\(fileName) \(testCase.id)")
                passed += 1
            case "invalid":
                expectRSAError(.decryptionError, "\(fileName) \(testCase.id)") {
                    try RSAESOAEP.decrypt(ciphertext, with: key, parameters: parameters)
                }
                passed += 1
            case "acceptable":
                // Either outcome is allowed, but a failure must still be the one decryption error.
                do throws(RSAError) {
                    _ = try RSAESOAEP.decrypt(ciphertext, with: key, parameters: parameters)
                } catch {
                    #expect(error.code == .decryptionError, "\(fileName) \(testCase.id)")
                }
                passed += 1
            default:
                Issue.record("\(fileName) \(testCase.id): unknown result \(testCase.result)")
            }
        }
        // The skip can hide nothing but the SHA-224 cases.
        #expect(skipped == sha224Cases, "skipped \(skipped), SHA-224 cases \(sha224Cases)")
        #expect(skipped == expected.sha224)
        #expect(passed + skipped == expected.total)
    }

    @Test("Encryption with the published seed reproduces the published ciphertext byte for byte",
        arguments: ["rfc8017-oaep-vect.json", "rfc8017-oaep-int.json"])
    func seededEncryptionReproducesCiphertext(fileName: String) throws {
        let file = try VectorFiles.oaep(fileName)
        var keys: [String: RSAPublicKey] = [:]
        var checked = 0
        for testCase in file.cases {
            let seed = try vectorBytes(try #require(testCase.seed, "\(testCase.id) has no seed"))
            let key: RSAPublicKey
            if let cached = keys[testCase.key] {
                key = cached
            } else {
                key = try file.key(testCase.key).publicKey()
                keys[testCase.key] = key
            }
            let parameters = OAEPParameters(
                hash: try vectorDigest(testCase.hash),
                mgf1Hash: try vectorDigest(testCase.mgf1_hash),
                label: try vectorBytes(testCase.label)
            )
            let ciphertext = try RSAESOAEP.encrypt(try vectorBytes(testCase.msg), with: key, parameters: parameters, seed: seed)
            #expect(ciphertext == (try vectorBytes(testCase.ct)), "\(testCase.id)")
            #expect(ciphertext.count == key.modulusByteCount)
            checked += 1
        }
        #expect(checked == (fileName == "rfc8017-oaep-vect.json" ? 60 : 1))
    }

    @Test("oaep-vect keys are 1024…1031, 1536 and 2048 bits (non-byte-aligned moduli are exercised)")
    func oaepVectKeySizes() throws {
        let keys = try TestKeys.oaepVectKeys.get()
        #expect(keys.map(\.modulusBitWidth) == [1024, 1025, 1026, 1027, 1028, 1029, 1030, 1031, 1536, 2048])
    }

    @Test("oaep-int: RSADP output is the published EM, and lHash, DB and the MGF1 masks match the intermediates")
    func oaepIntIntermediateValues() throws {
        let file = try VectorFiles.oaep("rfc8017-oaep-int.json")
        let testCase = try #require(file.cases.first)
        let intermediate = try #require(testCase.intermediate)
        let values = (
            em: try #require(intermediate.em), lHash: try #require(intermediate.l_hash?.value),
            db: try #require(intermediate.db?.value), dbMask: try #require(intermediate.db_mask?.value),
            maskedDb: try #require(intermediate.masked_db?.value), seedMask: try #require(intermediate.seed_mask?.value),
            maskedSeed: try #require(intermediate.masked_seed?.value)
        )
        let key = try file.key(testCase.key).privateKey(id: testCase.key)
        #expect(key.publicKey.publicExponent == 17)
        let k = key.modulusByteCount
        let hLen = 20

        // EM = I2OSP(RSADP(K, OS2IP(C)), k).
        let m = try RSAPrimitives.decrypt(BigNum(bigEndianBytes: try vectorBytes(testCase.ct)), with: key)
        let em = try m.bigEndianBytes(count: k)
        #expect(em == (try vectorBytes(values.em)))
        #expect(em.count == k && em[0] == 0)
        // And the public direction: RSAEP(EM) = C.
        let c = try RSAPrimitives.encrypt(BigNum(bigEndianBytes: try vectorBytes(values.em)), with: key.publicKey)
        #expect(try c.bigEndianBytes(count: k) == (try vectorBytes(testCase.ct)))

        // lHash = SHA-1(empty label); DB = lHash || PS || 01 || M.
        #expect(DigestAlgorithm.sha1.hash([]) == (try vectorBytes(values.lHash)))
        let db = try vectorBytes(values.db)
        #expect(db.count == k - hLen - 1)
        #expect(Array(db.prefix(hLen)) == (try vectorBytes(values.lHash)))
        #expect(Array(db.suffix(testCase.msg.count / 2 + 1)) == [0x01] + (try vectorBytes(testCase.msg)))

        // dbMask = MGF1(seed, k − hLen − 1); seedMask = MGF1(maskedDB, hLen).
        let seed = try vectorBytes(#require(testCase.seed))
        #expect(try MGF1.mask(seed: seed[...], length: k - hLen - 1, hash: .sha1) == (try vectorBytes(values.dbMask)))
        let maskedDB = try vectorBytes(values.maskedDb)
        #expect(zip(db, try vectorBytes(values.dbMask)).map { $0 ^ $1 } == maskedDB)
        #expect(try MGF1.mask(seed: maskedDB[...], length: hLen, hash: .sha1) == (try vectorBytes(values.seedMask)))
        #expect(zip(seed, try vectorBytes(values.seedMask)).map { $0 ^ $1 } == (try vectorBytes(values.maskedSeed)))
        #expect(em == [0x00] + (try vectorBytes(values.maskedSeed)) + maskedDB)

        // The decoder recovers M from this EM.
        let parameters = OAEPParameters(hash: .sha1)
        var decoded = em
        #expect(RSAESOAEP.decode(&decoded, parameters: parameters) == (try vectorBytes(testCase.msg)))
    }

    @Test("Wycheproof invalid OAEP cases fail with one indistinguishable error")
    func wycheproofInvalidCasesShareOneError() throws {
        var descriptions: Set<String> = []
        var count = 0
        for fileName in ["wycheproof-rsa-oaep-2048-sha1-mgf1-sha1.json", "wycheproof-rsa-oaep-2048-sha256-mgf1-sha256.json"] {
            let file = try VectorFiles.oaep(fileName)
            let key = try file.key("group-1").privateKey(id: "group-1")
            for testCase in file.cases where testCase.result == "invalid" {
                let parameters = OAEPParameters(
                    hash: try vectorDigest(testCase.hash),
                    mgf1Hash: try vectorDigest(testCase.mgf1_hash),
                    label: try vectorBytes(testCase.label)
                )
                let ciphertext = try vectorBytes(testCase.ct)
                do throws(RSAError) {
                    _ = try RSAESOAEP.decrypt(ciphertext, with: key, parameters: parameters)
                    Issue.record("\(fileName) \(testCase.id) decrypted")
                } catch {
                    #expect(error.code == .decryptionError)
                    descriptions.insert(error.description)
                    descriptions.insert(String(describing: error))
                    count += 1
                }
            }
        }
        #expect(count == 38)
        #expect(descriptions.count == 1, "\(descriptions)")
    }
}
