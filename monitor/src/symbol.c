/* SPDX-License-Identifier: BSD-2-Clause */
/* Function lookup by address (symbol.h). */
#include "symbol.h"

int32_t symbol_index(const struct bs_symbol *syms, uint32_t n, uint64_t addr)
{
    for (uint32_t i = 0; i < n; i++) {
        uint64_t end = syms[i].addr + syms[i].size;
        if (syms[i].size == 0) {
            end = i + 1 < n ? syms[i + 1].addr : syms[i].addr;
        }
        if (addr >= syms[i].addr && addr < end) {
            return (int32_t)i;
        }
    }
    return -1;
}
