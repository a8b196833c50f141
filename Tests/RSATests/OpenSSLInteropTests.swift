import BigNum
import Crypto
import Foundation
@testable import RSA
import Testing

/// The `openssl` command-line tool, found on PATH, run through Foundation's `Process`.
enum OpenSSL {
    static let executable: URL? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        for directory in path.split(separator: ":") where !directory.isEmpty {
            let candidate = URL(fileURLWithPath: String(directory), isDirectory: true).appendingPathComponent("openssl")
            if FileManager.default.isExecutableFile(atPath: candidate.path) {
                return candidate
            }
        }
        return nil
    }()

    static var isAvailable: Bool { executable != nil }

    struct Output {
        var status: Int32
        var standardOutput: Data
        var standardError: String
        var text: String { String(decoding: standardOutput, as: UTF8.self) }
    }

    struct Failure: Error, CustomStringConvertible {
        var arguments: [String]
        var output: Output
        var description: String {
            "openssl \(arguments.joined(separator: " ")) exited with \(output.status): \(output.standardError)"
        }
    }

    /// Runs `openssl arguments` in `directory` and returns its exit status and output.
    static func run(_ arguments: [String], in directory: URL) throws -> Output {
        guard let executable else { throw CocoaError(.fileNoSuchFile) }
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.standardInput = FileHandle.nullDevice
        let standardOutput = Pipe()
        let standardError = Pipe()
        process.standardOutput = standardOutput
        process.standardError = standardError
        try process.run()
        let out = standardOutput.fileHandleForReading.readDataToEndOfFile()
        let err = standardError.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Output(status: process.terminationStatus, standardOutput: out, standardError: String(decoding: err, as: UTF8.self))
    }

    /// Runs `openssl arguments`, requiring exit status 0.
    @discardableResult
    static func succeed(_ arguments: [String], in directory: URL) throws -> Output {
        let output = try run(arguments, in: directory)
        guard output.status == 0 else { throw Failure(arguments: arguments, output: output) }
        return output
    }
}

/// A fresh temporary directory, removed when the body returns.
fileprivate func withTemporaryDirectory<R>(_ body: (URL) throws -> R) throws -> R {
    let directory = FileManager.default.temporaryDirectory
        .appendingPathComponent("RSATests-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    return try body(directory)
}

fileprivate extension URL {
    func write(_ name: String, _ bytes: [UInt8]) throws {
        try Data(bytes).write(to: appendingPathComponent(name))
    }

    func write(_ name: String, _ text: String) throws {
        try Data(text.utf8).write(to: appendingPathComponent(name))
    }

    func read(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: appendingPathComponent(name)))
    }

    func readText(_ name: String) throws -> String {
        String(decoding: try read(name), as: UTF8.self)
    }
}

@Suite("OpenSSL interoperability", .enabled(if: OpenSSL.isAvailable, "the openssl command is not on PATH"))
struct OpenSSLInteropTests {
    // MARK: - Our keys in OpenSSL

    @Test("openssl reads every key encoding we write (PKCS #8, PKCS #1, SPKI, SPKI-PSS, PKCS #1 public; PEM and DER)")
    func opensslReadsOurKeys() throws {
        let key = try TestKeys.primary()
        let modulusHex = key.publicKey.modulus.hexString.uppercased()
        try withTemporaryDirectory { dir in
            try dir.write("pkcs8.pem", key.pkcs8PEMRepresentation)
            try dir.write("pkcs8.der", key.pkcs8DERRepresentation)
            try dir.write("pkcs1.pem", key.pemRepresentation)
            try dir.write("pkcs1.der", key.derRepresentation)
            try dir.write("spki.pem", key.publicKey.pemRepresentation)
            try dir.write("spki.der", key.publicKey.derRepresentation)
            try dir.write("pkcs1pub.pem", key.publicKey.pkcs1PEMRepresentation)
            try dir.write("pkcs1pub.der", key.publicKey.pkcs1DERRepresentation)

            // Private keys: parsed, and the RSA consistency check passes.
            for (file, form) in [("pkcs8.pem", "PEM"), ("pkcs8.der", "DER"), ("pkcs1.pem", "PEM"), ("pkcs1.der", "DER")] {
                try OpenSSL.succeed(["pkey", "-inform", form, "-in", file, "-noout"], in: dir)
                let check = try OpenSSL.succeed(["rsa", "-inform", form, "-in", file, "-check", "-noout"], in: dir)
                #expect(check.text.contains("RSA key ok"), "\(file)")
                let modulus = try OpenSSL.succeed(["rsa", "-inform", form, "-in", file, "-noout", "-modulus"], in: dir)
                #expect(modulus.text.trimmingCharacters(in: .whitespacesAndNewlines) == "Modulus=\(modulusHex)")
            }
            // OpenSSL re-encodes them byte for byte as we do. (`pkey -outform DER` writes PKCS #1 for RSA keys in
            // OpenSSL 3.0, so PKCS #8 DER comes from `pkcs8 -topk8`.)
            let pkcs8 = try OpenSSL.succeed(["pkcs8", "-topk8", "-nocrypt", "-in", "pkcs8.pem", "-outform", "DER"], in: dir)
            #expect(Array(pkcs8.standardOutput) == key.pkcs8DERRepresentation)
            let pkcs1 = try OpenSSL.succeed(["rsa", "-in", "pkcs8.pem", "-traditional", "-outform", "DER"], in: dir)
            #expect(Array(pkcs1.standardOutput) == key.derRepresentation)

            // SPKI.
            for (file, form) in [("spki.pem", "PEM"), ("spki.der", "DER")] {
                try OpenSSL.succeed(["pkey", "-pubin", "-inform", form, "-in", file, "-noout"], in: dir)
                let modulus = try OpenSSL.succeed(["rsa", "-pubin", "-inform", form, "-in", file, "-noout", "-modulus"], in: dir)
                #expect(modulus.text.trimmingCharacters(in: .whitespacesAndNewlines) == "Modulus=\(modulusHex)")
            }
            let spki = try OpenSSL.succeed(["pkey", "-pubin", "-in", "spki.pem", "-outform", "DER"], in: dir)
            #expect(Array(spki.standardOutput) == key.publicKey.derRepresentation)

            // PKCS #1 RSAPublicKey.
            for (file, form) in [("pkcs1pub.pem", "PEM"), ("pkcs1pub.der", "DER")] {
                let modulus = try OpenSSL.succeed(
                    ["rsa", "-RSAPublicKey_in", "-inform", form, "-in", file, "-noout", "-modulus"], in: dir)
                #expect(modulus.text.trimmingCharacters(in: .whitespacesAndNewlines) == "Modulus=\(modulusHex)")
            }
            let pkcs1Public = try OpenSSL.succeed(
                ["rsa", "-RSAPublicKey_in", "-in", "pkcs1pub.pem", "-RSAPublicKey_out", "-outform", "DER"], in: dir)
            #expect(Array(pkcs1Public.standardOutput) == key.publicKey.pkcs1DERRepresentation)
        }
    }

    @Test("openssl reads our SPKI-PSS keys and sees their restrictions (SHA-256/384/512)")
    func opensslReadsOurPSSKeys() throws {
        let key = try TestKeys.primary().publicKey
        let expectations: [(PSSParameters, String, String)] = [
            (.sha256, "SHA2-256", "32"), (.sha384, "SHA2-384", "48"), (.sha512, "SHA2-512", "64"),
        ]
        try withTemporaryDirectory { dir in
            for (parameters, hashName, saltLength) in expectations {
                try dir.write("pss.pem", key.pssPEMRepresentation(parameters: parameters))
                try dir.write("pss.der", key.pssDERRepresentation(parameters: parameters))
                try OpenSSL.succeed(["pkey", "-pubin", "-in", "pss.pem", "-noout"], in: dir)
                try OpenSSL.succeed(["pkey", "-pubin", "-inform", "DER", "-in", "pss.der", "-noout"], in: dir)
                let text = try OpenSSL.succeed(["pkey", "-pubin", "-in", "pss.pem", "-noout", "-text"], in: dir).text
                #expect(text.contains("PSS parameter restrictions"), "\(text)")
                #expect(text.contains("Hash Algorithm: \(hashName)"), "\(text)")
                #expect(text.contains("Mask Algorithm: MGF1 with \(hashName)"), "\(text)")
                #expect(text.contains("Salt Length: \(saltLength)"), "\(text)")
            }
        }
    }

    // MARK: - OpenSSL's keys here

    @Test("We read openssl genpkey RSA keys: PKCS #8 PEM/DER, -pubout SPKI, -traditional PKCS #1, -RSAPublicKey_out")
    func weReadOpenSSLRSAKeys() throws {
        try withTemporaryDirectory { dir in
            try OpenSSL.succeed(
                ["genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", "key.pem"], in: dir)
            try OpenSSL.succeed(
                ["pkcs8", "-topk8", "-nocrypt", "-in", "key.pem", "-outform", "DER", "-out", "key.der"], in: dir)
            try OpenSSL.succeed(["pkey", "-in", "key.pem", "-pubout", "-out", "pub.pem"], in: dir)
            try OpenSSL.succeed(["pkey", "-in", "key.pem", "-pubout", "-outform", "DER", "-out", "pub.der"], in: dir)
            try OpenSSL.succeed(["rsa", "-in", "key.pem", "-traditional", "-out", "trad.pem"], in: dir)
            try OpenSSL.succeed(["rsa", "-in", "key.pem", "-RSAPublicKey_out", "-out", "rsapub.pem"], in: dir)

            let keyPEM = try dir.readText("key.pem")
            #expect(keyPEM.hasPrefix("-----BEGIN PRIVATE KEY-----"))
            let key = try RSAPrivateKey(pemRepresentation: keyPEM)
            #expect(key.modulusBitWidth == 2048)
            let der = try dir.read("key.der")
            let fromDER = try RSAPrivateKey(derRepresentation: der)
            #expect(fromDER.algorithm == .rsaEncryption)
            #expect(fromDER.derRepresentation == key.derRepresentation)
            #expect(key.pkcs8DERRepresentation == der, "our re-encoding equals OpenSSL's")

            let traditional = try dir.readText("trad.pem")
            #expect(traditional.hasPrefix("-----BEGIN RSA PRIVATE KEY-----"))
            let fromTraditional = try RSAPrivateKey(pemRepresentation: traditional)
            #expect(fromTraditional.derRepresentation == key.derRepresentation)

            let publicKey = try RSAPublicKey(pemRepresentation: try dir.readText("pub.pem"))
            #expect(publicKey == key.publicKey)
            #expect(try RSAPublicKey(derRepresentation: try dir.read("pub.der")) == key.publicKey)
            #expect(try RSASubjectPublicKeyInfo(derRepresentation: try dir.read("pub.der")).algorithm == .rsaEncryption)
            #expect(key.publicKey.derRepresentation == (try dir.read("pub.der")))

            let rsaPublic = try dir.readText("rsapub.pem")
            #expect(rsaPublic.hasPrefix("-----BEGIN RSA PUBLIC KEY-----"))
            #expect(try RSAPublicKey(pemRepresentation: rsaPublic) == key.publicKey)

            // The key is usable.
            let message: [UInt8] = Array("openssl key".utf8)
            let signature = try RSASSAPSS.sign(message, with: key, parameters: .sha256)
            #expect(RSASSAPSS.isValidSignature(signature, for: message, with: publicKey, parameters: .sha256))
        }
    }

    @Test("We read openssl genpkey RSA-PSS keys, without parameters and restricted to SHA-384/MGF1-SHA-384/salt 48")
    func weReadOpenSSLPSSKeys() throws {
        try withTemporaryDirectory { dir in
            // No parameters: PKCS #8 with the bare id-RSASSA-PSS OID.
            try OpenSSL.succeed(
                ["genpkey", "-algorithm", "RSA-PSS", "-pkeyopt", "rsa_keygen_bits:2048", "-out", "pss.pem"], in: dir)
            try OpenSSL.succeed(["pkey", "-in", "pss.pem", "-outform", "DER", "-out", "pss.der"], in: dir)
            try OpenSSL.succeed(["pkey", "-in", "pss.pem", "-pubout", "-out", "psspub.pem"], in: dir)
            let plainDER = try dir.read("pss.der")
            let plainKey = try RSAPrivateKey(derRepresentation: plainDER)
            #expect(plainKey.algorithm == .rsassaPSS(nil))
            #expect(try RSAPrivateKey(pemRepresentation: try dir.readText("pss.pem")).derRepresentation
                == plainKey.derRepresentation)
            let plainInfo = try RSASubjectPublicKeyInfo(pemRepresentation: try dir.readText("psspub.pem"))
            #expect(plainInfo.algorithm == .rsassaPSS(nil))
            #expect(plainInfo.publicKey == plainKey.publicKey)
            #expect(try RSAPublicKey(pemRepresentation: try dir.readText("psspub.pem")) == plainKey.publicKey)

            // SHA-384, MGF1-SHA-384, salt 48: the RFC 9578 token-key parameters.
            try OpenSSL.succeed(
                [
                    "genpkey", "-algorithm", "RSA-PSS", "-pkeyopt", "rsa_keygen_bits:2048",
                    "-pkeyopt", "rsa_pss_keygen_md:sha384", "-pkeyopt", "rsa_pss_keygen_mgf1_md:sha384",
                    "-pkeyopt", "rsa_pss_keygen_saltlen:48", "-out", "pss384.pem",
                ], in: dir)
            try OpenSSL.succeed(["pkey", "-in", "pss384.pem", "-outform", "DER", "-out", "pss384.der"], in: dir)
            try OpenSSL.succeed(["pkey", "-in", "pss384.pem", "-pubout", "-out", "pss384pub.pem"], in: dir)
            try OpenSSL.succeed(["pkey", "-in", "pss384.pem", "-pubout", "-outform", "DER", "-out", "pss384pub.der"], in: dir)
            let restrictedDER = try dir.read("pss384.der")
            #expect(try RSAPrivateKey(derRepresentation: restrictedDER).algorithm == .rsassaPSS(PSSParameters.sha384))
            let restrictedKey = try RSAPrivateKey(pemRepresentation: try dir.readText("pss384.pem"))
            #expect(restrictedKey.algorithm == .rsassaPSS(PSSParameters.sha384))
            let restrictedInfo = try RSASubjectPublicKeyInfo(pemRepresentation: try dir.readText("pss384pub.pem"))
            #expect(restrictedInfo.algorithm == .rsassaPSS(.sha384))
            #expect(restrictedInfo.publicKey == restrictedKey.publicKey)
            // OpenSSL writes the hash identifiers with NULL parameters; we write them without (RFC 9578's form),
            // so the encodings differ while the meaning is the same.
            let opensslSPKI = try dir.read("pss384pub.der")
            #expect(try RSASubjectPublicKeyInfo(derRepresentation: opensslSPKI) == restrictedInfo)
            let ours = restrictedKey.publicKey.pssDERRepresentation(parameters: .sha384)
            #expect(Array(ours.prefix(KeyEncodingTests.rfc9578Prefix.count)) == KeyEncodingTests.rfc9578Prefix)
            #expect(try RSASubjectPublicKeyInfo(derRepresentation: ours) == restrictedInfo)

            // A signature with those parameters verifies in OpenSSL against its own SPKI.
            let message: [UInt8] = Array("token".utf8)
            let signature = try RSASSAPSS.sign(message, with: restrictedKey, parameters: .sha384)
            try dir.write("digest.bin", Array(SHA384.hash(data: message)))
            try dir.write("sig.bin", signature)
            let verify = try OpenSSL.run(
                [
                    "pkeyutl", "-verify", "-pubin", "-inkey", "pss384pub.pem", "-in", "digest.bin", "-sigfile", "sig.bin",
                    "-pkeyopt", "digest:sha384", "-pkeyopt", "rsa_padding_mode:pss", "-pkeyopt", "rsa_pss_saltlen:48",
                ], in: dir)
            #expect(verify.status == 0, "\(verify.standardError)")
        }
    }

    @Test("Non-RSA keys from openssl (EC P-256, Ed25519) are .unsupportedAlgorithm")
    func opensslNonRSAKeys() throws {
        try withTemporaryDirectory { dir in
            try OpenSSL.succeed(
                ["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "ec.pem"], in: dir)
            try OpenSSL.succeed(["pkey", "-in", "ec.pem", "-pubout", "-out", "ecpub.pem"], in: dir)
            try OpenSSL.succeed(["genpkey", "-algorithm", "ED25519", "-out", "ed.pem"], in: dir)
            try OpenSSL.succeed(["pkey", "-in", "ed.pem", "-pubout", "-out", "edpub.pem"], in: dir)
            for file in ["ec.pem", "ed.pem"] {
                let pem = try dir.readText(file)
                expectRSAError(.unsupportedAlgorithm, "\(file)") { try RSAPrivateKey(pemRepresentation: pem) }
                expectRSAError(.unsupportedAlgorithm, "\(file)") { try RSAPrivateKey(unsafePEMRepresentation: pem) }
            }
            for file in ["ecpub.pem", "edpub.pem"] {
                let pem = try dir.readText(file)
                expectRSAError(.unsupportedAlgorithm, "\(file)") { try RSAPublicKey(pemRepresentation: pem) }
                expectRSAError(.unsupportedAlgorithm, "\(file)") { try RSASubjectPublicKeyInfo(pemRepresentation: pem) }
            }
        }
    }

    // MARK: - Signatures and ciphertexts

    static let pssVerifyOptions = [
        "-pkeyopt", "digest:sha256", "-pkeyopt", "rsa_padding_mode:pss", "-pkeyopt", "rsa_pss_saltlen:32",
    ]

    @Test("Our PSS signatures (SHA-256, salt 32) verify with openssl pkeyutl; openssl's verify here")
    func pssSignaturesBothWays() throws {
        let key = try TestKeys.primary()
        try withTemporaryDirectory { dir in
            try dir.write("pub.pem", key.publicKey.pemRepresentation)
            try dir.write("key.pem", key.pkcs8PEMRepresentation)
            for (index, message) in [[], Array("hello".utf8), [UInt8](repeating: 0xAB, count: 1000)].enumerated() {
                try dir.write("digest.bin", Array(SHA256.hash(data: message)))
                let signature = try RSASSAPSS.sign(message, with: key, parameters: .sha256)
                try dir.write("sig.bin", signature)
                let verify = try OpenSSL.run(
                    ["pkeyutl", "-verify", "-pubin", "-inkey", "pub.pem", "-in", "digest.bin", "-sigfile", "sig.bin"]
                        + Self.pssVerifyOptions, in: dir)
                #expect(verify.status == 0, "case \(index): \(verify.standardError)")
                #expect(verify.text.contains("Signature Verified Successfully"))

                // The check is not vacuous: a corrupted signature fails there.
                var corrupted = signature
                corrupted[100] ^= 1
                try dir.write("bad.bin", corrupted)
                let rejected = try OpenSSL.run(
                    ["pkeyutl", "-verify", "-pubin", "-inkey", "pub.pem", "-in", "digest.bin", "-sigfile", "bad.bin"]
                        + Self.pssVerifyOptions, in: dir)
                #expect(rejected.status != 0)

                // OpenSSL signs, we verify.
                try OpenSSL.succeed(
                    ["pkeyutl", "-sign", "-inkey", "key.pem", "-in", "digest.bin", "-out", "theirs.bin"]
                        + Self.pssVerifyOptions, in: dir)
                let theirs = try dir.read("theirs.bin")
                #expect(RSASSAPSS.isValidSignature(theirs, for: message, with: key.publicKey, parameters: .sha256))
            }
        }
    }

    @Test("PSS on 1025- and 1031-bit keys verifies with openssl (emLen = k − 1 and a non-byte-aligned modulus)")
    func pssOnOddSizedKeysInOpenSSL() throws {
        for bits in [1025, 1031] {
            let key = try TestKeys.oaepVectKey(bits: bits)
            try withTemporaryDirectory { dir in
                try dir.write("pub.pem", key.publicKey.pemRepresentation)
                try dir.write("key.pem", key.pkcs8PEMRepresentation)
                let message: [UInt8] = Array("odd sizes".utf8)
                try dir.write("digest.bin", Array(SHA256.hash(data: message)))
                try dir.write("sig.bin", try RSASSAPSS.sign(message, with: key, parameters: .sha256))
                let verify = try OpenSSL.run(
                    ["pkeyutl", "-verify", "-pubin", "-inkey", "pub.pem", "-in", "digest.bin", "-sigfile", "sig.bin"]
                        + Self.pssVerifyOptions, in: dir)
                #expect(verify.status == 0, "\(bits) bits: \(verify.standardError)")
                try OpenSSL.succeed(
                    ["pkeyutl", "-sign", "-inkey", "key.pem", "-in", "digest.bin", "-out", "theirs.bin"]
                        + Self.pssVerifyOptions, in: dir)
                #expect(
                    RSASSAPSS.isValidSignature(try dir.read("theirs.bin"), for: message, with: key.publicKey, parameters: .sha256),
                    "\(bits) bits")
            }
        }
    }

    @Test("OAEP ciphertexts from openssl pkeyutl (SHA-256, SHA-1, with a label) decrypt here, and ours decrypt there")
    func oaepBothWays() throws {
        let key = try TestKeys.primary()
        let variants: [(OAEPParameters, [String])] = [
            (.sha256, ["-pkeyopt", "rsa_padding_mode:oaep", "-pkeyopt", "rsa_oaep_md:sha256", "-pkeyopt", "rsa_mgf1_md:sha256"]),
            (OAEPParameters(hash: .sha1), ["-pkeyopt", "rsa_padding_mode:oaep"]),
            (
                OAEPParameters(hash: .sha256, mgf1Hash: .sha1, label: [0xDE, 0xAD, 0xBE, 0xEF]),
                [
                    "-pkeyopt", "rsa_padding_mode:oaep", "-pkeyopt", "rsa_oaep_md:sha256", "-pkeyopt", "rsa_mgf1_md:sha1",
                    "-pkeyopt", "rsa_oaep_label:deadbeef",
                ]
            ),
        ]
        try withTemporaryDirectory { dir in
            try dir.write("pub.pem", key.publicKey.pemRepresentation)
            try dir.write("key.pem", key.pkcs8PEMRepresentation)
            for (parameters, options) in variants {
                let maximum = key.modulusByteCount - 2 * parameters.hash.digestByteCount - 2
                for message in [[], Array("secret".utf8), [UInt8](repeating: 0x5A, count: maximum)] {
                    try dir.write("msg.bin", message)
                    try OpenSSL.succeed(
                        ["pkeyutl", "-encrypt", "-pubin", "-inkey", "pub.pem", "-in", "msg.bin", "-out", "ct.bin"] + options,
                        in: dir)
                    let theirs = try dir.read("ct.bin")
                    #expect(theirs.count == key.modulusByteCount)
                    #expect(
                        try RSAESOAEP.decrypt(theirs, with: key, parameters: parameters) == message,
                        "\(parameters.hash)/\(parameters.mgf1Hash), \(message.count) bytes")

                    let ours = try RSAESOAEP.encrypt(message, with: key.publicKey, parameters: parameters)
                    try dir.write("ours.bin", ours)
                    let decrypted = try OpenSSL.succeed(
                        ["pkeyutl", "-decrypt", "-inkey", "key.pem", "-in", "ours.bin"] + options, in: dir)
                    #expect(Array(decrypted.standardOutput) == message)
                }
            }
        }
    }
}
