import BigNum
import Foundation
import RSA

/// Reading keys and hex arguments for the commands, with one-line errors.
enum KeyFiles {
    /// The text of a key file.
    static func read(_ path: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CLIError("cannot read key file \(path)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw CLIError("key file \(path) is not PEM text")
        }
        return text
    }

    /// A private key from a PEM file ("PRIVATE KEY" or "RSA PRIVATE KEY").
    static func privateKey(at path: String) throws -> RSAPrivateKey {
        let pem = try read(path)
        do {
            return try RSAPrivateKey(pemRepresentation: pem)
        } catch {
            throw CLIError("\(path): \(error)")
        }
    }

    /// A public key from a PEM file: "PUBLIC KEY", "RSA PUBLIC KEY", or the public half of a private key file.
    static func publicKey(at path: String) throws -> RSAPublicKey {
        let pem = try read(path)
        if pem.contains("PRIVATE KEY-----") {
            return try privateKey(at: path).publicKey
        }
        do {
            return try RSAPublicKey(pemRepresentation: pem)
        } catch {
            throw CLIError("\(path): \(error)")
        }
    }

    /// A public key for RSAES-OAEP: as ``publicKey(at:)``, but an id-RSASSA-PSS key is refused, since RFC 4055
    /// restricts such a key to RSASSA-PSS signatures.
    static func encryptionKey(at path: String) throws -> RSAPublicKey {
        let pem = try read(path)
        if let info = try? RSASubjectPublicKeyInfo(pemRepresentation: pem), case .rsassaPSS = info.algorithm {
            throw CLIError("\(path): the key is an id-RSASSA-PSS key, for PSS signatures only, not for encryption")
        }
        return try publicKey(at: path)
    }

    /// The blind-signing public key for `variant` from a PEM file, rejecting PSS restrictions that contradict it.
    static func blindSigningKey(at path: String, variant: BlindSigning.Variant) throws -> BlindSigning.PublicKey {
        let pem = try read(path)
        if pem.contains("PRIVATE KEY-----") {
            return BlindSigning.PublicKey(try privateKey(at: path).publicKey, variant: variant)
        }
        do {
            return try BlindSigning.PublicKey(pemRepresentation: pem, variant: variant)
        } catch {
            throw CLIError("\(path): \(error)")
        }
    }

    /// A variant from its RFC 9474 name.
    static func variant(_ name: String) throws -> BlindSigning.Variant {
        guard let variant = BlindSigning.Variant(name: name) else {
            let names = BlindSigning.Variant.allCases.map(\.name).joined(separator: ", ")
            throw CLIError("unknown variant \"\(name)\" (expected one of \(names))")
        }
        return variant
    }

    /// The bytes of a hex argument.
    static func hex(_ value: String, option: String) throws -> [UInt8] {
        do {
            return try Hex.decode(value)
        } catch {
            throw CLIError("\(option): \(error.reason)")
        }
    }

    /// A digest algorithm from its CLI name.
    static func digest(_ name: String) throws -> DigestAlgorithm {
        guard let digest = DigestAlgorithm(name: name) else {
            throw CLIError("unknown hash \"\(name)\" (expected sha1, sha256, sha384 or sha512)")
        }
        return digest
    }
}

/// Compact JSON objects with string values in a fixed key order (the CLI's output lines).
enum JSONLine {
    static func object(_ pairs: [(String, String)]) -> String {
        "{" + pairs.map { "\"\($0.0)\":\"\($0.1)\"" }.joined(separator: ",") + "}"
    }
}
