// See ctgrind_hooks.h. The client requests are a few no-op instructions that valgrind recognises; outside
// valgrind they cost nothing and do nothing.

#include "ctgrind_hooks.h"

#include <stdio.h>

#if defined(__has_include)
#if __has_include(<valgrind/memcheck.h>)
#include <valgrind/memcheck.h>
#define CTGRIND_HAVE_VALGRIND 1
#endif
#endif

#ifdef CTGRIND_HAVE_VALGRIND

void ctgrind_mark_secret(const void *address, long length) {
    if (address != 0 && length > 0) {
        (void)VALGRIND_MAKE_MEM_UNDEFINED(address, (unsigned long)length);
    }
}

void ctgrind_mark_public(const void *address, long length) {
    if (address != 0 && length > 0) {
        (void)VALGRIND_MAKE_MEM_DEFINED(address, (unsigned long)length);
    }
}

long ctgrind_error_count(void) { return (long)VALGRIND_COUNT_ERRORS; }

int ctgrind_running_on_valgrind(void) { return RUNNING_ON_VALGRIND ? 1 : 0; }

int ctgrind_has_client_requests(void) { return 1; }

void ctgrind_log(const char *text) {
    if (text != 0) {
        (void)VALGRIND_PRINTF("%s\n", text);
    }
}

#else

void ctgrind_mark_secret(const void *address, long length) {
    (void)address;
    (void)length;
}

void ctgrind_mark_public(const void *address, long length) {
    (void)address;
    (void)length;
}

long ctgrind_error_count(void) { return 0; }

int ctgrind_running_on_valgrind(void) { return 0; }

int ctgrind_has_client_requests(void) { return 0; }

void ctgrind_log(const char *text) { (void)text; }

#endif

void ctgrind_line_buffered_stdout(void) { setvbuf(stdout, 0, _IOLBF, 0); }
