/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A PD's function symbols, which the tool puts in the boot spec (struct
 * bs_symbol, sorted by address per PD): the lookup shared by fault reports
 * (fault.c, backtrace.c) and the sampling profiler (profile.c).
 */
#ifndef MONITOR_SYMBOL_H
#define MONITOR_SYMBOL_H

#include <stdint.h>

#include <sdk/bootspec.h>

/*
 * The index (0 .. n-1) of the function among `syms` (sorted by address)
 * that contains `addr`; a symbol of size 0 extends to the next one. -1 when
 * none does.
 */
int32_t symbol_index(const struct bs_symbol *syms, uint32_t n, uint64_t addr);

#endif /* MONITOR_SYMBOL_H */
