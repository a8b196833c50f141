import _CryptoExtras
import Crypto
import Foundation
import PersonaRelay
import RSA
import RelayProtocol
import Testing

/// relay-protocol.md §6: decrypting and decoding the claim payload.
@Suite("Claim payload")
struct ClaimPayloadTests {
    static let plaintext = #"{"claim_type":"age_over18_germany","claim_result":"passed","methodology":[{"method":"facial_age_estimation","result":"passed"}]}"#

    static func ours(_ hash: DigestAlgorithm) throws -> String {
        let key = try TestKeys.encryptionKey()
        let ciphertext = try RSAESOAEP.encrypt(
            Array(plaintext.utf8), with: key.publicKey, parameters: OAEPParameters(hash: hash))
        return RelayBase64.encode(ciphertext)
    }

    static func theirs(_ padding: _RSA.Encryption.Padding) throws -> String {
        let key = try TestKeys.encryptionKey()
        let theirKey = try _RSA.Encryption.PublicKey(pemRepresentation: key.publicKey.pemRepresentation)
        return try theirKey.encrypt(Data(plaintext.utf8), padding: padding).base64EncodedString()
    }

    @Test("SHA-256, SHA-1 and auto, encrypted with this project's OAEP and with swift-crypto's")
    func decrypt() throws {
        let key = try TestKeys.encryptionKey()
        let sha256 = [try Self.ours(.sha256), try Self.theirs(.PKCS1_OAEP_SHA256)]
        let sha1 = [try Self.ours(.sha1), try Self.theirs(.PKCS1_OAEP)]
        for payload in sha256 {
            #expect(try Persona.decryptClaimPayload(payload, privateKey: key) == Self.plaintext)
            #expect(try Persona.decryptClaimPayload(payload, privateKey: key, hash: .auto) == Self.plaintext)
            let error = try expectSyncError { try Persona.decryptClaimPayload(payload, privateKey: key, hash: .sha1) }
            #expect(error.kind == .protocol && error.title == "Failed to decrypt claim payload" && error.details == nil)
        }
        for payload in sha1 {
            #expect(try Persona.decryptClaimPayload(payload, privateKey: key, hash: .sha1) == Self.plaintext)
            #expect(try Persona.decryptClaimPayload(payload, privateKey: key, hash: .auto) == Self.plaintext)
            let error = try expectSyncError { try Persona.decryptClaimPayload(payload, privateKey: key) }
            #expect(error.kind == .protocol && error.title == "Failed to decrypt claim payload" && error.details == nil)
        }
    }

    @Test("either base64 alphabet, padded or not")
    func alphabets() throws {
        let key = try TestKeys.encryptionKey()
        let standard = try Self.ours(.sha256)
        let url = standard.replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
        let unpadded = url.replacingOccurrences(of: "=", with: "")
        for payload in [standard, url, unpadded, standard.replacingOccurrences(of: "=", with: "")] {
            #expect(try Persona.decryptClaimPayload(payload, privateKey: key) == Self.plaintext)
        }
    }

    @Test("not base64, wrong key, wrong length, tampered: one protocol error each, no trap")
    func failures() throws {
        let key = try TestKeys.encryptionKey()
        let other = try TestKeys.otherKey()
        let good = try RelayBase64.decode(try Self.ours(.sha256))
        var tampered = good
        tampered[100] ^= 0x01
        let notBase64 = try expectSyncError { try Persona.decryptClaimPayload("%%%", privateKey: key) }
        #expect(notBase64.kind == .protocol && notBase64.title == "Failed to decode claim payload")
        for ciphertext in [tampered, Array(good.dropFirst()), [], [UInt8](repeating: 0xFF, count: 256)] {
            for hash in [ClaimPayloadHash.sha256, .sha1, .auto] {
                let error = try expectSyncError {
                    try Persona.decryptClaimPayload(RelayBase64.encode(ciphertext), privateKey: key, hash: hash)
                }
                #expect(error.kind == .protocol && error.title == "Failed to decrypt claim payload")
            }
        }
        let wrongKey = try expectSyncError {
            try Persona.decryptClaimPayload(RelayBase64.encode(good), privateKey: other, hash: .auto)
        }
        #expect(wrongKey.title == "Failed to decrypt claim payload" && wrongKey.details == nil)
    }

    @Test("decodeClaimPayload reads claim_type, claim_result, methodology; tolerates unknown members")
    func decode() throws {
        let payload = try Persona.decodeClaimPayload(Self.plaintext)
        #expect(payload.claimType == "age_over18_germany" && payload.claimResult == "passed")
        #expect(payload.methodology?.first?.method == "facial_age_estimation")
        let extra = try Persona.decodeClaimPayload(#"{"claim_type":"c","claim_result":"failed","new":1}"#)
        #expect(extra.claimResult == "failed" && extra.methodology == nil)
        for bad in ["", "[]", "{", #"{"claim_type":"c"}"#, #"{"claim_type":1,"claim_result":"passed"}"#] {
            let error = try expectSyncError { _ = try Persona.decodeClaimPayload(bad) }
            #expect(error.kind == .protocol && error.title == "Failed to parse claim payload")
        }
    }

    @Test("generateEncryptionKeyPair: an SPKI PEM whose key encrypts to the private key; bad sizes fail")
    func keyPair() throws {
        let pair = try Persona.generateEncryptionKeyPair()
        #expect(pair.publicKeyPEM.hasPrefix("-----BEGIN PUBLIC KEY-----"))
        let theirKey = try _RSA.Encryption.PublicKey(pemRepresentation: pair.publicKeyPEM)
        let ciphertext = try theirKey.encrypt(Data(Self.plaintext.utf8), padding: .PKCS1_OAEP_SHA256)
        #expect(try Persona.decryptClaimPayload(ciphertext.base64EncodedString(), privateKey: pair.privateKey) == Self.plaintext)
        let error = try expectSyncError { _ = try Persona.generateEncryptionKeyPair(bits: 1000) }
        #expect(error.kind == .protocol)
    }

    private func expectSyncError<T>(_ body: () throws -> T) throws -> PersonaError {
        do {
            _ = try body()
        } catch let error as PersonaError {
            return error
        }
        throw TestFailure("expected a PersonaError")
    }
}
