import BigNum
import PrivacyPass
import RSA

/// Reading the `privacy-pass token` arguments (token keys, base64url and hex structures), with one-line errors.
enum TokenArguments {
    /// The type-0x0002 token key (RSABSSA-SHA384-PSS-Deterministic, the id-RSASSA-PSS SPKI of RFC 9578 §6.5) of the
    /// RSA public key in a PEM file; a private key file gives its public half.
    ///
    /// - Throws: ``CLIError`` for an unreadable file, a key whose id-RSASSA-PSS parameters contradict the variant,
    ///   or a key that is not a valid token key (not 2048 bits).
    static func tokenKey(at path: String) throws -> TokenKey {
        let key = try KeyFiles.blindSigningKey(at: path, variant: .RSABSSA_SHA384_PSS_Deterministic)
        do {
            return try TokenKey(key.key, variant: .RSABSSA_SHA384_PSS_Deterministic)
        } catch {
            throw CLIError("\(path): \(error)")
        }
    }

    /// The bytes of a base64url argument (RFC 4648 §5), with or without `=` padding.
    ///
    /// - Throws: ``CLIError`` naming `option` for anything that is not a canonical base64url encoding.
    static func base64URL(_ value: String, option: String) throws -> [UInt8] {
        do {
            return try HeaderBase64URL.decode(value)
        } catch {
            throw CLIError("\(option): \(error)")
        }
    }

    /// The base64url encoding (RFC 4648 §5, with `=` padding as RFC 9577 §2.2.2 writes tokens).
    static func base64URL(_ bytes: [UInt8]) -> String {
        HeaderBase64URL.encode(bytes)
    }

    /// A TokenChallenge from its base64url encoding.
    ///
    /// - Throws: ``CLIError`` naming `option` for bad base64url or a malformed TokenChallenge.
    static func challenge(base64URL value: String, option: String) throws -> TokenChallenge {
        let bytes = try base64URL(value, option: option)
        do {
            return try TokenChallenge(bytes: bytes)
        } catch {
            throw CLIError("\(option): \(error)")
        }
    }

    /// A Token from its base64url encoding.
    ///
    /// - Throws: ``CLIError`` naming `option` for bad base64url or a malformed or unsupported Token.
    static func token(base64URL value: String, option: String) throws -> Token {
        let bytes = try base64URL(value, option: option)
        do {
            return try Token(bytes: bytes)
        } catch {
            throw CLIError("\(option): \(error)")
        }
    }
}
