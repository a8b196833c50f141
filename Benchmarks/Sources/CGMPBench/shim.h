// Raw GMP for the reference benchmarks: the functions are called directly as `__gmpz_*` / `__gmpn_sec_*`.
#ifndef CGMPBENCH_SHIM_H
#define CGMPBENCH_SHIM_H

#include <gmp.h>

#endif
