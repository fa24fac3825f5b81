/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * What every PD of the example prints first on its turn: its name and its
 * core (microkit_cpu()), and, in a debug build, the kernel's own list of
 * the threads on that core (seL4_DebugDumpScheduler prints the current
 * core's threads, each with the core seL4 runs it on), which the boot test
 * reads to check that the PD really is on the core it was given.
 */
#ifndef MULTICORE_CORE_H
#define MULTICORE_CORE_H

#include <microkit.h>

static inline void say(const char *what)
{
    microkit_dbg_puts(microkit_name);
    microkit_dbg_puts(": core ");
    microkit_dbg_put32(microkit_cpu());
    microkit_dbg_puts(", ");
    microkit_dbg_puts(what);
    microkit_dbg_puts("\n");
}

/* Once per PD, on its first turn. */
static inline void show_core_once(void)
{
    static int shown;
    if (shown) {
        return;
    }
    shown = 1;
#if defined(CONFIG_DEBUG_BUILD) && defined(CONFIG_PRINTING) && !defined(CONFIG_PLAT_MICROKIT_HOST)
    seL4_DebugDumpScheduler();
#endif
}

#endif /* MULTICORE_CORE_H */
