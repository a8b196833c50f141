// The C boundary of BigNum: GMP's header plus `static inline` wrappers for the parts of GMP's API that are
// macros (Swift imports only real functions). Nothing here is public API of the package.
#ifndef CGMP_SHIM_H
#define CGMP_SHIM_H

#define __STDC_WANT_LIB_EXT1__ 1
#if !defined(__APPLE__) && !defined(_DEFAULT_SOURCE)
#define _DEFAULT_SOURCE 1
#endif
#include <string.h>
#include <gmp.h>
#if defined(__linux__)
#include <sys/random.h>
#include <errno.h>
#elif defined(__APPLE__)
#include <stdlib.h>
#endif

/// GMP's Montgomery reduction (`mpn_redc_1`, exported by libgmp, declared in its internal header only): reduces
/// the 2n limbs at `up` (destroyed) modulo the odd n-limb `mp` with `invm` = −mp^−1 mod 2^64, writes n limbs to
/// `rp` and returns the carry out. It is the reduction `mpn_sec_powm` itself uses: no data-dependent branch.
extern mp_limb_t __gmpn_redc_1(mp_ptr rp, mp_ptr up, mp_srcptr mp, mp_size_t n, mp_limb_t invm);

/// Returns `x` unchanged through an empty assembly statement the optimizer cannot see into, so that it cannot
/// infer that a mask is all ones or all zeros and turn arithmetic on it back into a branch (BoringSSL's
/// `value_barrier_w`).
static inline mp_limb_t cgmp_value_barrier(mp_limb_t x) {
#if defined(__GNUC__) || defined(__clang__)
    __asm__("" : "+r"(x) : :);
#endif
    return x;
}

/// `mpz_sgn`: -1, 0 or 1.
static inline int cgmp_mpz_sgn(const __mpz_struct *x) { return mpz_sgn(x); }

/// `mpz_odd_p`: 1 when x is odd.
static inline int cgmp_mpz_odd_p(const __mpz_struct *x) { return mpz_odd_p(x); }

/// `mpz_even_p`: 1 when x is even.
static inline int cgmp_mpz_even_p(const __mpz_struct *x) { return mpz_even_p(x); }

/// Number of limbs in use (`mpz_size`, also a macro in some GMP builds).
static inline size_t cgmp_mpz_size(const __mpz_struct *x) { return (size_t)(x->_mp_size < 0 ? -x->_mp_size : x->_mp_size); }

/// Number of limbs allocated.
static inline size_t cgmp_mpz_alloc(const __mpz_struct *x) { return (size_t)x->_mp_alloc; }

/// Pointer to the limb array (read-only view).
static inline const mp_limb_t *cgmp_mpz_limbs(const __mpz_struct *x) { return x->_mp_d; }

/// Pointer to the whole allocated limb array, for wiping before release.
static inline mp_limb_t *cgmp_mpz_limbs_all(__mpz_struct *x) { return x->_mp_d; }

/// Bits per limb in this GMP build.
static inline int cgmp_limb_bits(void) { return GMP_NUMB_BITS; }

/// Overwrites `count` bytes with zeros in a way the compiler may not elide (`explicit_bzero` / `memset_s`).
static inline void cgmp_wipe(void *p, size_t count) {
    if (p == NULL || count == 0) { return; }
#if defined(__APPLE__)
    memset_s(p, count, 0, count);
#else
    explicit_bzero(p, count);
#endif
}

/// Fills `count` bytes from the operating system's CSPRNG (getrandom(2) on Linux, arc4random_buf on Darwin).
/// Returns 0 on success, -1 when the system generator is unavailable.
static inline int cgmp_system_random(void *buffer, size_t count) {
#if defined(__linux__)
    unsigned char *bytes = (unsigned char *)buffer;
    while (count > 0) {
        ssize_t got = getrandom(bytes, count, 0);
        if (got < 0) {
            if (errno == EINTR) { continue; }
            return -1;
        }
        bytes += got;
        count -= (size_t)got;
    }
    return 0;
#elif defined(__APPLE__)
    arc4random_buf(buffer, count);
    return 0;
#else
    (void)buffer; (void)count;
    return -1;
#endif
}

/// A spin-wait hint to the processor (`pause` on x86, `yield` on ARM), for short busy-waits.
static inline void cgmp_spin_pause(void) {
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#elif defined(__aarch64__) || defined(__arm__)
    __asm__ __volatile__("yield");
#endif
}

#endif
