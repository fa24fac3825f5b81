/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Console output of the monitor through seL4_DebugPutChar. Configurations
 * without kernel printing (release, benchmark) compile every call to
 * nothing. No format strings: messages are built from these pieces.
 */
#ifndef MONITOR_PRINT_H
#define MONITOR_PRINT_H

#include <stdint.h>

void mon_putc(char c);
void mon_puts(const char *s);
/* 0x followed by exactly 16 hex digits. */
void mon_puthex64(uint64_t v);
/* 0x followed by the hex digits without leading zeros. */
void mon_puthex(uint64_t v);
void mon_putdec(uint64_t v);

/* "MON|ERROR: " + s (no newline) */
void mon_error(const char *s);
/* "MON|INFO: " + s (no newline) */
void mon_info(const char *s);

#endif /* MONITOR_PRINT_H */
