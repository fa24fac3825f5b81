/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The monitor's side of fuzz_pipeline, callable from a file that uses the
 * tool's headers, so that the monitor's (seL4's ABI, the fake's headers)
 * stay out of it: with the monitor's host build and the recording fake of
 * seL4, a whole boot.
 */
#ifndef FUZZ_MONITOR_CHECK_H
#define FUZZ_MONITOR_CHECK_H

#include <stddef.h>
#include <stdint.h>

struct fuzz_untyped {
    uint64_t paddr;
    unsigned bits;
    int device;
};

/*
 * Runs the monitor's boot (boot_run) on the blob against the fake kernel,
 * whose boot info lists `uts` (at most monitor_max_untypeds()). Returns
 * boot_run's result; *console is what the monitor printed.
 */
int monitor_boot(const void *blob, size_t size, const struct fuzz_untyped *uts, unsigned n,
                 const char **console);

/* How many untypeds the boot info can list. */
unsigned monitor_max_untypeds(void);

/*
 * After monitor_boot(): the physical address the fake kernel gave spec
 * object `index` (0), or -1 when it was not created.
 */
int monitor_object_paddr(uint32_t index, uint64_t *paddr);

#endif /* FUZZ_MONITOR_CHECK_H */
