import BigNum
import CGMP
import CTGrindHooks

/// A deliberate leak, to prove that the check detects one: a prime marked secret is fed to GMP's variable-time
/// gcd and inversion, both through BigNum's variable-time API and directly (`mpz_gcd`, `mpz_invert`), so that the
/// canary keeps working whatever BigNum's wrappers become. Memcheck must report it; if it does not, the harness's
/// "0 leaks" means nothing.
///
/// A second part checks the path the library's own markings take: a word marked through
/// `ConstantTimeAudit.markSecret` must be reported when branched on, and the same word after
/// `ConstantTimeAudit.declassify` must not (otherwise the hooks are not installed and the library's markings would
/// be silently lost).
enum Canary {
    /// Runs the deliberate leaks on a copy of `primeBytes` (big-endian) marked secret.
    static func run(primeBytes: [UInt8]) {
        var secret = primeBytes
        secret.withUnsafeMutableBytes { ctgrind_mark_secret($0.baseAddress, $0.count) }

        // Through BigNum: a public modulus 2^521 − 1 (a Mersenne prime, so the inverse exists).
        let modulus = (try? BigNum(1).shiftedLeft(by: 521).subtracting(1)) ?? BigNum(65537)
        let p = BigNum(bigEndianBytes: secret)
        let inverse = p.inverse(modulo: modulus)
        let gcd = p.greatestCommonDivisor(with: modulus)
        // Use the results so that the calls are not optimised away (this branch is a leak too).
        if inverse == nil || gcd != 1 {
            print("canary: unexpected result (the prime is not a unit modulo 2^521 − 1)")
        }

        // Directly through GMP.
        let z = UnsafeMutablePointer<__mpz_struct>.allocate(capacity: 4)
        defer { z.deallocate() }
        for index in 0..<4 { __gmpz_init(z + index) }
        defer { for index in 0..<4 { __gmpz_clear(z + index) } }
        let (value, publicModulus, g, inv) = (z, z + 1, z + 2, z + 3)
        secret.withUnsafeBytes { bytes in
            __gmpz_import(value, bytes.count, 1, 1, 0, 0, bytes.baseAddress)
        }
        __gmpz_ui_pow_ui(publicModulus, 2, 521)
        __gmpz_sub_ui(publicModulus, publicModulus, 1)
        __gmpz_gcd(g, value, publicModulus)
        let invertible = __gmpz_invert(inv, value, publicModulus)
        if invertible == 0 {
            print("canary: mpz_invert found no inverse")
        }
        secret.withUnsafeMutableBytes { buffer in
            for index in buffer.indices { buffer[index] = 0 }
        }
    }

    /// Branches on a word marked secret through the library's hook (memcheck must report it).
    static func branchOnHookMarkedWord() {
        let word = ConstantTimeAudit.markSecret(UInt(CommandLine.arguments.count) | 1)
        if word & 1 == 1 {
            print("canary: branch on the hook-marked word taken")
        }
    }

    /// Branches on a word marked secret and then declassified through the library's hooks (memcheck must be
    /// silent).
    static func branchOnDeclassifiedWord() {
        let word = ConstantTimeAudit.declassify(ConstantTimeAudit.markSecret(UInt(CommandLine.arguments.count) | 1))
        if word & 1 == 1 {
            print("canary: branch on the declassified word taken")
        }
    }
}
