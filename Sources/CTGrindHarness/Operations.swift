import BigNum
import CTGrindHooks
import RSA

/// Marks the bytes of `bytes` public (declassified): for values that leave the secret's owner (a ciphertext, a
/// signature, a blinded message on the wire, a plaintext the harness checks against what it encrypted).
func declassify(_ bytes: [UInt8]) {
    bytes.withUnsafeBytes { ctgrind_mark_public($0.baseAddress, $0.count) }
}

/// Runs every operation at one modulus size:
/// - keygen (2048 and 3072 only: the generator offers 2048/3072/4096);
/// - key import of the fixture key: the library marks each secret INTEGER's contents secret once the DER parser has
///   found it (its length — the DER's — is public) and its limbs as they are made; every later operation at this
///   size runs on the imported key, so the key's limbs are undefined for memcheck throughout;
/// - OAEP encryption (the library marks the seed and DB secret) and OAEP decryption (RSADP and decoding) of a valid
///   ciphertext and of one ciphertext per kind of bad padding;
/// - PSS signing (RSASP1);
/// - RFC 9474: client Blind (the library marks r, t and the inverse secret), BlindSign serial, two-core and batch
///   (the blinded message is public: it is sent to the signer), client Finalize.
///
/// Everything the harness prepares from public data (ciphertexts) is made outside the operations; outputs that
/// leave their owner are declassified by the harness before it checks them.
func runOperations(bits: Int, audit: Audit) {
    if RSAPrivateKey.generatableModulusBits.contains(bits) {
        audit.run("\(bits) keygen") {
            let key = try Library.generateKey(bits: bits)
            guard key.modulusBitWidth == bits else { throw HarnessError("a \(key.modulusBitWidth)-bit key") }
        }
    }

    let material: KeyMaterial
    do {
        material = try KeyMaterial(fixtureBits: bits)
    } catch {
        audit.run("\(bits) fixture") { throw error }
        return
    }
    var importedKey: RSAPrivateKey?
    audit.run("\(bits) key-import (DER PKCS#1)") {
        let key = try Library.importKey(der: material.der)
        guard key.modulusBitWidth == bits else { throw HarnessError("a \(key.modulusBitWidth)-bit key") }
        importedKey = key
    }
    guard let key = importedKey else { return }
    let publicKey = Library.publicKey(of: key)

    audit.run("\(bits) oaep-encrypt") {
        // The seed, DB (with the plaintext) and EM are secret inside; the ciphertext is declassified.
        let ciphertext = try Library.oaepEncrypt(Array("ctgrind: an OAEP plaintext".utf8), with: publicKey)
        guard ciphertext.count == (bits + 7) / 8 else { throw HarnessError("a \(ciphertext.count)-byte ciphertext") }
    }

    // OAEP: the valid ciphertext and one per padding defect, all made from public data.
    let plaintext = Array("ctgrind: the OAEP plaintext".utf8)
    var ciphertexts: [(name: String, ciphertext: [UInt8]?, valid: Bool)] = []
    ciphertexts.append(("valid", try? Library.oaepEncrypt(plaintext, with: publicKey), true))
    for defect in OAEPCrafting.Defect.allCases {
        let ciphertext = try? OAEPCrafting.ciphertext(
            defect: defect, message: plaintext, key: publicKey, parameters: Library.oaepParameters)
        ciphertexts.append((defect.description, ciphertext, false))
    }
    for (name, ciphertext, valid) in ciphertexts {
        audit.run("\(bits) oaep-decrypt \(name)") {
            guard let ciphertext else { throw HarnessError("could not make the ciphertext") }
            let decrypted: [UInt8]
            do {
                decrypted = try Library.oaepDecrypt(ciphertext, with: key)
            } catch {
                guard !valid else { throw HarnessError("a valid ciphertext was rejected: \(error)") }
                return
            }
            declassify(decrypted)
            guard valid, decrypted == plaintext else {
                throw HarnessError(valid ? "wrong plaintext" : "an invalid ciphertext was accepted")
            }
        }
    }

    audit.run("\(bits) pss-sign") {
        let message = Array("ctgrind: the PSS message".utf8)
        let signature = try Library.pssSign(message, with: key)
        declassify(signature)
        guard Library.pssIsValid(signature, for: message, with: publicKey) else {
            throw HarnessError("the signature does not verify")
        }
    }

    // RFC 9474, client and server.
    let signer = Library.blindSigner(key)
    let client = Library.blindClient(publicKey)
    let prepared = Library.prepare(Array("ctgrind: the blind-signed message".utf8), client: client)
    var blinded: (blindedMessage: [UInt8], inverse: BlindingSecret)?
    audit.run("\(bits) blind (client)") {
        let result = try Library.blind(prepared, client: client)
        // The blinded message is sent to the signer: public from here on.
        declassify(result.blindedMessage)
        blinded = result
    }
    guard let blinded else { return }

    var blindSignature: [UInt8]?
    audit.run("\(bits) blind-sign serial") {
        let signature = try Library.blindSign(blinded.blindedMessage, signer: signer)
        declassify(signature)
        blindSignature = signature
    }
    audit.run("\(bits) blind-sign two-cores") {
        let signature = try Library.blindSignUsingTwoCores(blinded.blindedMessage, signer: signer)
        declassify(signature)
        guard signature == blindSignature else { throw HarnessError("differs from the serial blind signature") }
    }
    audit.run("\(bits) blind-sign batch") {
        let signatures = try Library.blindSign(batch: [blinded.blindedMessage, blinded.blindedMessage], signer: signer)
        signatures.forEach(declassify)
        guard signatures.allSatisfy({ $0 == blindSignature }) else {
            throw HarnessError("differs from the serial blind signature")
        }
    }

    audit.run("\(bits) finalize (client)") {
        guard let blindSignature else { throw HarnessError("no blind signature to finalize") }
        let signature = try Library.finalize(
            blindSignature, for: prepared, inverse: blinded.inverse, client: client)
        declassify(signature)
        guard Library.blindSignatureIsValid(signature, for: prepared, client: client) else {
            throw HarnessError("the final signature does not verify")
        }
    }
}
