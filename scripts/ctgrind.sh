#!/usr/bin/env bash
# The constant-time check (the ctgrind method): runs the ctgrind-harness executable under valgrind's memcheck.
#
# The harness marks every secret it hands to the library as undefined memory (VALGRIND_MAKE_MEM_UNDEFINED), and the
# library's ConstantTimeAudit hooks do the same where secrets are born and the reverse where they are declassified.
# Memcheck then reports every conditional jump, memory address or system-call argument computed from a secret: a
# timing leak. The harness counts the reports per operation, runs a canary (a deliberate variable-time gcd/inverse
# of a secret prime) that must be reported, and exits 0 only when no operation leaked and the canary was seen.
#
# Usage: scripts/ctgrind.sh [harness arguments, e.g. --bits 2048]
# Exit status: the harness's (0 clean, 1 leaks or canary missed, 2 not under valgrind), or the failing step's.
# Environment: CTGRIND_LOG (memcheck's log; default .build-ctgrind/memcheck.log).
set -euo pipefail
cd "$(dirname "$0")/.."

# valgrind (with its client-request headers, which the CTGrindHooks target includes when present).
if ! command -v valgrind >/dev/null 2>&1 || [ ! -f /usr/include/valgrind/memcheck.h ]; then
    export DEBIAN_FRONTEND=noninteractive
    SUDO=""
    if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
    $SUDO apt-get update -qq
    $SUDO apt-get install -y -qq valgrind
    # CTGrindHooks picks up <valgrind/memcheck.h> at compile time (__has_include), and a header that was missing
    # is not a dependency of an earlier build: make sure the hooks are recompiled now that it exists.
    touch Sources/CTGrindHooks/ctgrind_hooks.c
fi

# The harness, optimised as shipped code is (the compiler's choices are what must be constant-time).
swift build -c release --product ctgrind-harness
BIN_DIR="$(swift build -c release --product ctgrind-harness --show-bin-path)"

WORK_DIR=".build-ctgrind"
mkdir -p "$WORK_DIR"
LOG="${CTGRIND_LOG:-$WORK_DIR/memcheck.log}"
OUT="$WORK_DIR/harness.out"

# Debian's valgrind 3.19 rejects the DWARF 5 debug info of a Swift 6.3 binary ("Possibly corrupted debuginfo
# file") and then cannot run it. A copy stripped of debug info (strip -g keeps the symbol table, so the reports
# still name the functions, as mangled Swift symbols demangled below) runs.
cp "$BIN_DIR/ctgrind-harness" "$WORK_DIR/ctgrind-harness"
strip -g "$WORK_DIR/ctgrind-harness"

# --track-origins=yes: each report says which marking the secret came from (the harness's or the library's).
# --error-limit=no: keep counting and reporting past memcheck's default cap (the harness counts every error).
# --num-callers=30: enough frames to reach from GMP through BigNum and RSA to the harness's operation.
# No suppressions and no --smc-check are needed: with nothing marked, the Swift runtime, libdispatch, glibc and
# GMP produce no memcheck errors here (keygen, which today marks nothing, runs with 0 errors; the harness prints
# any error that happens before its first operation, so such noise would show).
START=$(date +%s)
set +e
valgrind --tool=memcheck --track-origins=yes --error-limit=no --num-callers=30 --log-file="$LOG" \
    "$WORK_DIR/ctgrind-harness" "$@" >"$OUT" 2>&1
STATUS=$?
set -e
END=$(date +%s)

cat "$OUT"
echo "ctgrind.sh: valgrind run took $((END - START)) s; memcheck log: $LOG"

if [ "$STATUS" -ne 0 ] && grep -q '^ctgrind: .* leaks' "$OUT" && ! grep -q '^ctgrind: .*, 0 leaks,' "$OUT"; then
    # The leak sites: memcheck's distinct reports grouped by their top frame and the first frame inside the
    # library (module RSA or BigNum), with the number of distinct reports and the operation each was first seen in
    # (the harness writes "ctgrind-op: NAME" into the log before each operation). Valgrind cannot unwind out of
    # GMP's assembly (no CFI): such reports show "???" frames — random stack words, so each is a new context — and
    # are listed as "(no RSA/BigNum frame)" with their operation; below a GMP top frame, the RSA/BigNum frame
    # may be a stale return address, so trust the operation more than that frame.
    echo "ctgrind.sh: leak sites (reports: distinct memcheck contexts; top frame <- first RSA/BigNum frame; first operation):"
    awk '
        /\*\*[0-9]+\*\* ctgrind-op: / { sub(/.*ctgrind-op: /, ""); operation = $0; next }
        /^==[0-9]+== (Conditional jump|Use of uninitialised|Syscall param)/ {
            inReport = 1; top = ""; library = ""; next
        }
        inReport && /^==[0-9]+==    (at|by) 0x/ {
            frame = $0
            sub(/^==[0-9]+==    (at|by) 0x[0-9A-Fa-f]+: /, "", frame)
            sub(/ \((in|[^()]*:[0-9]+)\)?.*$/, "", frame)
            if (top == "") top = frame
            if (library == "" && frame ~ /^\$s(3RSA|6BigNum)/) library = frame
            next
        }
        inReport {
            inReport = 0
            if (operation == "canary") next
            key = top " <- " (library == "" ? "(no RSA/BigNum frame)" : library)
            if (!(key in count)) first[key] = operation
            count[key]++
        }
        END { for (key in count) printf "%6d  [%s]  %s\n", count[key], first[key], key }
    ' "$LOG" | sort -rn | head -n 60 | {
        if command -v swift >/dev/null 2>&1; then swift demangle --simplified; else cat; fi
    }
fi
exit "$STATUS"
