// The constant-time check (the ctgrind method): runs every secret-handling operation of the library under
// valgrind's memcheck with its secrets marked undefined, and counts memcheck's reports per operation. A report is a
// conditional jump, a memory address or a system-call argument computed from a secret that was not declassified:
// a timing leak. Run it through scripts/ctgrind.sh.
//
// Usage: ctgrind-harness [--bits 2048,2049,3072]

import BigNum
import CTGrindHooks
import RSA

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

ctgrind_line_buffered_stdout()

guard ctgrind_running_on_valgrind() != 0 else {
    print("ctgrind-harness: not running under valgrind; run scripts/ctgrind.sh (valgrind --tool=memcheck ...)")
    exit(2)
}
guard ctgrind_has_client_requests() != 0 else {
    print("ctgrind-harness: built without <valgrind/memcheck.h>; install valgrind's headers and rebuild")
    exit(2)
}

var sizes = [2048, 2049, 3072]
var arguments = CommandLine.arguments.dropFirst()
while let argument = arguments.popFirst() {
    if argument == "--bits", let list = arguments.popFirst() {
        sizes = list.split(separator: ",").compactMap { Int($0) }
    } else {
        print("usage: ctgrind-harness [--bits 2048,2049,3072]")
        exit(2)
    }
}

// The library's own markSecret/declassify points report to memcheck from here on.
ConstantTimeAudit.secretHook = { pointer, count in ctgrind_mark_secret(pointer, count) }
ConstantTimeAudit.publicHook = { pointer, count in ctgrind_mark_public(pointer, count) }

let audit = Audit()
for bits in sizes {
    runOperations(bits: bits, audit: audit)
}
audit.runCanary("variable-time gcd/inverse", expectReports: true) {
    // The prime p of the 2048-bit fixture, marked secret inside the canary.
    guard let material = try? KeyMaterial(fixtureBits: 2048) else { return }
    Canary.run(primeBytes: material.prime1Bytes)
}
audit.runCanary("hook-marked word", expectReports: true) { Canary.branchOnHookMarkedWord() }
audit.runCanary("hook-declassified word", expectReports: false) { Canary.branchOnDeclassifiedWord() }
exit(audit.finish())
