import BigNum
import Foundation
import RSA
import Testing

/// The RFC 9474 flow through the tool: blind, blind-sign, finalize, verify.
@Suite("privacy-pass: blind signatures")
struct CLIBlindSignatureTests {
    static let variants = BlindSigning.Variant.allCases.map(\.name)

    static func string(_ object: [String: Any], _ key: String, sourceLocation: SourceLocation = #_sourceLocation)
        throws -> String
    {
        let value = try #require(object[key] as? String, "no string \(key) in \(object)", sourceLocation: sourceLocation)
        #expect(CLI.isLowercaseHex(value), "\(key) is not lowercase hex: \(value)", sourceLocation: sourceLocation)
        return value
    }

    /// `hex` with the lowest bit of its last byte flipped.
    static func flippingLastBit(_ hex: String) throws -> String {
        var bytes = try Hex.decode(hex)
        bytes[bytes.count - 1] ^= 0x01
        return Hex.encode(bytes)
    }

    @Test("blind → blind-sign → finalize → verify", arguments: variants)
    func fullFlow(variantName: String) throws {
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        let paths = try CLIKeys.write(into: scratch)
        let variant = try #require(BlindSigning.Variant(name: variantName))
        let message = Array("a message for \(variantName)".utf8)
        let messageHex = Hex.encode(message)

        // blind: {"prepared_msg","blinded_msg","inv"}
        let blind = try CLI.jsonObject(
            CLI.succeed(["blind", "--key", paths.publicKey, "--variant", variantName, "--message-hex", messageHex])
        )
        #expect(Set(blind.keys) == ["prepared_msg", "blinded_msg", "inv"])
        let prepared = try Self.string(blind, "prepared_msg")
        let blinded = try Self.string(blind, "blinded_msg")
        let inverse = try Self.string(blind, "inv")
        #expect(prepared.hasSuffix(messageHex))
        #expect(prepared.count == messageHex.count + (variant.isRandomized ? 64 : 0))
        #expect(blinded.count == 512 && inverse.count == 512, "k = 256 bytes")

        // blind-sign: {"blind_sig"}
        let blindSign = try CLI.jsonObject(
            CLI.succeed(["blind-sign", "--key", paths.privateKey, "--blinded-hex", blinded])
        )
        #expect(Set(blindSign.keys) == ["blind_sig"])
        let blindSignature = try Self.string(blindSign, "blind_sig")
        #expect(blindSignature.count == 512)

        // finalize: {"sig"}
        let finalizeArguments = [
            "finalize", "--key", paths.publicKey, "--variant", variantName, "--message-hex", prepared,
        ]
        let finalize = try CLI.jsonObject(
            CLI.succeed(finalizeArguments + ["--blind-sig-hex", blindSignature, "--inv-hex", inverse])
        )
        #expect(Set(finalize.keys) == ["sig"])
        let signature = try Self.string(finalize, "sig")
        #expect(signature.count == 512)

        // verify: exit 0 for the signature, 1 with one byte changed.
        let verifyArguments = ["verify", "--key", paths.publicKey, "--variant", variantName, "--message-hex", prepared]
        let valid = try CLI.run(verifyArguments + ["--sig-hex", signature])
        #expect(valid.status == 0, "\(valid)")
        #expect(valid.stdout.isEmpty)
        let flipped = try CLI.run(verifyArguments + ["--sig-hex", Self.flippingLastBit(signature)])
        #expect(flipped.status == 1, "\(flipped)")
        #expect(flipped.stdout.isEmpty)
        // verify over msg instead of prepared_msg: invalid for the randomized variants.
        if variant.isRandomized {
            let overMessage = try CLI.run(
                ["verify", "--key", paths.publicKey, "--variant", variantName, "--message-hex", messageHex,
                    "--sig-hex", signature]
            )
            #expect(overMessage.status == 1, "\(overMessage)")
        }

        // finalize with a tampered blind signature fails.
        let tampered = try CLI.run(
            finalizeArguments + ["--blind-sig-hex", Self.flippingLastBit(blindSignature), "--inv-hex", inverse]
        )
        CLI.expectOneLineFailure(tampered, "finalize with a tampered blind signature")

        // The signature verifies in-process too.
        let publicKey = BlindSigning.PublicKey(
            try RSAPublicKey(pemRepresentation: CLIKeys.shared.get().publicPEM), variant: variant
        )
        #expect(
            publicKey.isValidSignature(
                try Hex.decode(signature),
                for: BlindSigning.PreparedMessage(rawRepresentation: try Hex.decode(prepared))))
    }

    @Test("An unknown variant fails with a one-line error", arguments: ["blind", "finalize", "verify"])
    func unknownVariant(command: String) throws {
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        let paths = try CLIKeys.write(into: scratch)
        let zeros = String(repeating: "00", count: 256)
        var arguments = [command, "--key", paths.publicKey, "--variant", "RSABSSA-SHA512-PSS-Randomized",
            "--message-hex", "00"]
        switch command {
        case "finalize": arguments += ["--blind-sig-hex", zeros, "--inv-hex", zeros]
        case "verify": arguments += ["--sig-hex", zeros]
        default: break
        }
        CLI.expectOneLineFailure(try CLI.run(arguments), "\(command) with an unknown variant")
    }

    @Test("An spki-pss (SHA-384, salt 48) key is accepted for PSS variants and refused for PSSZERO variants")
    func pssKeyRestrictions() throws {
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        let paths = try CLIKeys.write(into: scratch)
        let pssPEM = try CLI.succeed(["public-key", "--in", paths.privateKey, "--format", "spki-pss"]).stdoutText
        let pssPath = try scratch.write(pssPEM, to: "pss.pem")
        for variant in BlindSigning.Variant.allCases {
            let output = try CLI.run(["blind", "--key", pssPath, "--variant", variant.name, "--message-hex", "abcd"])
            if variant.pssParameters.saltLength == 48 {
                #expect(output.status == 0, "\(variant): \(output)")
            } else {
                CLI.expectOneLineFailure(output, "\(variant) with an spki-pss key")
            }
        }
    }

    @Test("blind-sign rejects a blinded message of the wrong size")
    func blindSignRejectsWrongSize() throws {
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        let paths = try CLIKeys.write(into: scratch)
        for hex in ["", "00", String(repeating: "01", count: 257), String(repeating: "ff", count: 256), "zz"] {
            CLI.expectOneLineFailure(
                try CLI.run(["blind-sign", "--key", paths.privateKey, "--blinded-hex", hex]),
                "blind-sign of \(hex.count / 2) bytes"
            )
        }
    }
}
