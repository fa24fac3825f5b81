/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The monitor's boot spec check (monitor/src/spec.c spec_open), callable
 * from a target that also uses the tool's headers (both have a spec.h).
 */
#ifndef FUZZ_MONITOR_CHECK_H
#define FUZZ_MONITOR_CHECK_H

#include <stddef.h>

/* 0 when the monitor accepts the blob (8-byte aligned), else -1 with *why set. */
int monitor_spec_check(const void *blob, size_t size, const char **why);

#endif /* FUZZ_MONITOR_CHECK_H */
