/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The on-target profile's output (profile.c, sample.c). A benchmark kernel
 * does not print (no KernelPrinting), so the report is written to the
 * board's PL011 directly: prof_out_map() creates the UART's page from the
 * monitor's device untyped at the physical address the tool patched in
 * (monitor_profile_uart) and maps it in the scratch window's last small
 * page, clear of the page that fault backtraces map frames at.
 */
#ifndef MONITOR_PROF_OUT_H
#define MONITOR_PROF_OUT_H

#include <stdint.h>

struct boot;

/* 0, or -1 when the page cannot be made or mapped (nothing is printed then). */
int prof_out_map(struct boot *b, uint64_t uart_paddr);

void prof_puts(const char *s);
void prof_putu(uint64_t v);

/* Tenths of a percent of `part` in `whole`, as "P.P%" (0.0% for a whole of 0). */
void prof_putpct(uint64_t part, uint64_t whole);

#endif /* MONITOR_PROF_OUT_H */
