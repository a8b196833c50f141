// The C side of the constant-time check (the ctgrind method): marks memory as secret or public for valgrind's
// memcheck, and reads memcheck's error count. Only the CTGrindHarness executable depends on this target; the
// library targets never include valgrind's headers.
//
// Built without <valgrind/memcheck.h> (a machine without valgrind's headers), every function is a no-op and
// `ctgrind_running_on_valgrind()` returns 0, so the package still builds everywhere.

#ifndef CTGRIND_HOOKS_H
#define CTGRIND_HOOKS_H

/// Marks `length` bytes at `address` as secret: memcheck's "undefined", so that every conditional jump, memory
/// address or system call argument computed from them is reported.
void ctgrind_mark_secret(const void *address, long length);

/// Marks `length` bytes at `address` as public (declassified): memcheck's "defined".
void ctgrind_mark_public(const void *address, long length);

/// The number of errors memcheck has found so far (VALGRIND_COUNT_ERRORS); 0 when not running under valgrind.
long ctgrind_error_count(void);

/// Non-zero when the process runs under valgrind (RUNNING_ON_VALGRIND).
int ctgrind_running_on_valgrind(void);

/// Non-zero when this target was compiled with valgrind's client-request headers (otherwise the functions above
/// are no-ops).
int ctgrind_has_client_requests(void);

/// Writes `text` and a newline into valgrind's log (VALGRIND_PRINTF), so that scripts/ctgrind.sh can tell which
/// operation each report first appeared in.
void ctgrind_log(const char *text);

/// Makes standard output line-buffered, so that the harness's lines interleave with valgrind's in real time.
void ctgrind_line_buffered_stdout(void);

#endif
