/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The function an address of a PD's program is in, from the symbols the
 * boot spec carries for each PD (the fault report's pc, each frame of a
 * backtrace).
 */
#include "runner.h"

const struct bs_symbol *runner_func_at(const struct runner *r, int pd, uint64_t addr)
{
    const struct bs_pd *p = &r->spec.pds[pd];
    const struct bs_symbol *syms = r->spec.symbols + p->first_symbol;
    size_t lo = 0, hi = p->num_symbols;
    while (lo < hi) { /* the first function starting above addr */
        size_t mid = (lo + hi) / 2;
        if (syms[mid].addr <= addr) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    const struct bs_symbol *fn = lo > 0 ? &syms[lo - 1] : NULL;
    return fn && addr < fn->addr + fn->size ? fn : NULL;
}
