import BigNum
import Foundation
import RSA

/// Runs vector files: the project's own schema (`rsa-oaep`, `rsa-pss`, `rsabssa`) and Wycheproof JSON files
/// (`rsaes_oaep_decrypt_schema`, `rsassa_pss_verify_schema`, `rsassa_pss_with_parameters_verify_schema`).
public enum VectorSuite {
    /// The vector files named by `paths`: files as given, folders as every `.json` file below them, sorted.
    public static func expand(_ paths: [String]) -> [String] {
        var files: [String] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
                let base = URL(fileURLWithPath: path)
                let enumerator = FileManager.default.enumerator(atPath: path)
                var found: [String] = []
                while let relative = enumerator?.nextObject() as? String {
                    if relative.hasSuffix(".json") {
                        found.append(base.appendingPathComponent(relative).relativePath)
                    }
                }
                files.append(contentsOf: found.sorted())
            } else {
                files.append(path)
            }
        }
        return files
    }

    /// Runs one file.
    ///
    /// - Throws: ``VectorFileError`` when the file cannot be read or is not a known vector format.
    public static func run(fileAt path: String) throws(VectorFileError) -> VectorFileReport {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw VectorFileError(path: path, reason: "cannot read the file")
        }
        var report = VectorFileReport(path: path)
        do {
            let decoder = JSONDecoder()
            if let header = try? ProjectVectorSchema.decode(ProjectVectorHeader.self, from: data) {
                try runProjectFile(header, data: data, into: &report)
            } else if let header = try? decoder.decode(WycheproofHeader.self, from: data), header.testGroups != nil {
                try runWycheproofFile(schema: header.schema, data: data, into: &report)
            } else {
                throw VectorFileError(path: path, reason: "not a vector file this tool knows")
            }
        } catch let error as VectorFileError {
            throw error
        } catch {
            throw VectorFileError(path: path, reason: "malformed vector file: \(error)")
        }
        return report
    }

    // MARK: - The project's schema

    private static func runProjectFile(_ header: ProjectVectorHeader, data: Data, into report: inout VectorFileReport) throws {
        guard header.version == 1 else {
            throw VectorFileError(path: report.path, reason: "unsupported schema version \(header.version)")
        }
        switch header.schema {
        case "rsa-oaep":
            let file = try ProjectVectorSchema.decode(OAEPVectorFile.self, from: data)
            var keys: [String: RSAPrivateKey] = [:]
            for vector in file.cases {
                guard let key = try cachedKey(vector.key, in: file.keys, cache: &keys, VectorCaseChecks.privateKey)
                else {
                    report.record(.failed("\(vector.id): key \(vector.key) is missing or invalid"))
                    continue
                }
                report.record(
                    VectorCaseChecks.oaep(
                        id: vector.id, key: key, hash: vector.hash, mgf1Hash: vector.mgf1_hash, label: vector.label,
                        message: vector.msg, ciphertext: vector.ct, result: vector.result, seed: vector.seed,
                        encodedMessage: vector.intermediate?.em
                    )
                )
            }
        case "rsa-pss":
            let file = try ProjectVectorSchema.decode(PSSVectorFile.self, from: data)
            var keys: [String: RSAPublicKey] = [:]
            for vector in file.cases {
                guard let key = try cachedKey(vector.key, in: file.keys, cache: &keys, VectorCaseChecks.publicKey)
                else {
                    report.record(.failed("\(vector.id): key \(vector.key) is missing or invalid"))
                    continue
                }
                report.record(
                    VectorCaseChecks.pss(
                        id: vector.id, key: key, hash: vector.hash, mgf1Hash: vector.mgf1_hash,
                        saltLength: vector.salt_len, message: vector.msg, signature: vector.sig, result: vector.result
                    )
                )
            }
        case "rsabssa":
            let file = try ProjectVectorSchema.decode(RSABSSAVectorFile.self, from: data)
            var keys: [String: RSAPrivateKey] = [:]
            for vector in file.cases {
                guard let key = try cachedKey(vector.key, in: file.keys, cache: &keys, VectorCaseChecks.privateKey)
                else {
                    report.record(.failed("\(vector.id): key \(vector.key) is missing or invalid"))
                    continue
                }
                report.record(VectorCaseChecks.rsabssa(vector, key: key))
            }
        case "privacypass-type2-issuance":
            typealias Checks = PrivacyPassVectorChecks
            let file = try ProjectVectorSchema.decode(Checks.File<Checks.IssuanceCase>.self, from: data)
            var keys: [String: RSAPrivateKey] = [:]
            for vector in file.cases {
                guard let key = try cachedKey(vector.key, in: file.keys, cache: &keys, VectorCaseChecks.privateKey)
                else {
                    report.record(.failed("\(vector.id): key \(vector.key) is missing or invalid"))
                    continue
                }
                report.record(Checks.issuance(vector, key: key))
            }
        case "privacypass-token-authenticator-input":
            typealias Checks = PrivacyPassVectorChecks
            let file = try ProjectVectorSchema.decode(Checks.File<Checks.AuthenticatorInputCase>.self, from: data)
            for vector in file.cases {
                report.record(Checks.authenticatorInput(vector))
            }
        case "privacypass-www-authenticate":
            typealias Checks = PrivacyPassVectorChecks
            let file = try ProjectVectorSchema.decode(Checks.File<Checks.HeaderCase>.self, from: data)
            for vector in file.cases {
                report.record(Checks.header(vector))
            }
        default:
            throw VectorFileError(path: report.path, reason: "unknown schema \"\(header.schema)\"")
        }
    }

    private static func cachedKey<Key>(
        _ id: String, in keys: [String: VectorKey], cache: inout [String: Key], _ make: (VectorKey) throws -> Key
    ) throws -> Key? {
        if let cached = cache[id] { return cached }
        guard let description = keys[id], let key = try? make(description) else { return nil }
        cache[id] = key
        return key
    }

    // MARK: - Wycheproof

    private static func runWycheproofFile(schema: String, data: Data, into report: inout VectorFileReport) throws {
        let decoder = JSONDecoder()
        if schema.hasPrefix("rsaes_oaep_decrypt_schema") {
            let file = try decoder.decode(WycheproofOAEPFile.self, from: data)
            for group in file.testGroups {
                let key = try? wycheproofPrivateKey(group.privateKey)
                for test in group.tests {
                    guard let key else {
                        report.record(.failed("tcId \(test.tcId): the group's key is invalid"))
                        continue
                    }
                    report.record(
                        VectorCaseChecks.oaep(
                            id: "tcId \(test.tcId)", key: key, hash: group.sha, mgf1Hash: group.mgfSha,
                            label: test.label, message: test.msg, ciphertext: test.ct, result: test.result, seed: nil,
                            encodedMessage: nil
                        )
                    )
                }
            }
        } else if schema.hasPrefix("rsassa_pss_verify_schema") || schema.hasPrefix("rsassa_pss_with_parameters_verify_schema") {
            let file = try decoder.decode(WycheproofPSSFile.self, from: data)
            for group in file.testGroups {
                let key = try? wycheproofPublicKey(group)
                for test in group.tests {
                    guard let key, let sha = group.sha, let mgfSha = group.mgfSha, let sLen = group.sLen else {
                        report.record(.failed("tcId \(test.tcId): the group's key or parameters are missing"))
                        continue
                    }
                    report.record(
                        VectorCaseChecks.pss(
                            id: "tcId \(test.tcId)", key: key, hash: sha, mgf1Hash: mgfSha, saltLength: sLen,
                            message: test.msg, signature: test.sig, result: test.result
                        )
                    )
                }
            }
        } else {
            throw VectorFileError(path: report.path, reason: "unsupported Wycheproof schema \"\(schema)\"")
        }
    }

    private static func wycheproofPrivateKey(_ key: WycheproofOAEPFile.Group.PrivateKey) throws -> RSAPrivateKey {
        try RSAPrivateKey(
            unsafeModulus: BigNum(hexString: key.modulus), publicExponent: BigNum(hexString: key.publicExponent),
            privateExponent: BigNum(hexString: key.privateExponent), prime1: BigNum(hexString: key.prime1),
            prime2: BigNum(hexString: key.prime2), exponent1: BigNum(hexString: key.exponent1),
            exponent2: BigNum(hexString: key.exponent2), coefficient: BigNum(hexString: key.coefficient)
        )
    }

    private static func wycheproofPublicKey(_ group: WycheproofPSSFile.Group) throws -> RSAPublicKey {
        guard let modulus = group.publicKey?.modulus ?? group.n, let exponent = group.publicKey?.publicExponent ?? group.e
        else {
            throw CLIError("no public key")
        }
        return try RSAPublicKey(unsafeModulus: BigNum(hexString: modulus), publicExponent: BigNum(hexString: exponent))
    }
}

