/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * What a fault report adds after the fault's details (docs/debugging.md):
 * the map covering a VM fault's address with its permissions, and the
 * faulting PD's backtrace, walked along its frame records (AArch64: x29
 * points at {previous x29, return address}) in its own memory, which the
 * monitor maps read-only at its scratch window one frame at a time.
 */
#ifndef MONITOR_BACKTRACE_H
#define MONITOR_BACKTRACE_H

#include <stdint.h>

#include <sel4/sel4.h>

#include "boot.h"

/* "MON|ERROR:   <access> to '<object>' mapped perms=...", for the map of
 * PD `pd` covering `addr`; nothing when no map covers it. */
void fault_map_info(const struct bs_spec *s, uint32_t pd, uint64_t addr, int write, int exec);

/* "MON|ERROR:   backtrace:" and a line per frame, from pc and the frame
 * pointer in `regs`. */
void fault_backtrace(const struct boot *b, uint32_t pd, const seL4_UserContext *regs);

/* Two words of PD `pd`'s memory at `addr` (8-byte aligned, not crossing a
 * page), read through the scratch window as the backtrace's are (the
 * sampling profiler reads the instruction at a pc); 0, or -1 when no
 * frame map covers `addr`. */
int backtrace_peek(const struct boot *b, uint32_t pd, uint64_t addr, uint64_t out[2]);

#endif /* MONITOR_BACKTRACE_H */
