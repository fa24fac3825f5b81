/* SPDX-License-Identifier: BSD-2-Clause */
#include "monitor_check.h"

#include <stdlib.h>

#include "../../monitor/src/boot.h"
#include "../unit/monitor/fake_sel4.h"
#include "../unit/monitor/monitor_test.h"

#define WINDOW (4u << 20) /* the monitor's scratch window: 4 KiB and 2 MiB frames */

unsigned monitor_max_untypeds(void)
{
    return CONFIG_MAX_NUM_BOOTINFO_UNTYPED_CAPS;
}

int monitor_boot(const void *blob, size_t size, const struct fuzz_untyped *uts, unsigned n,
                 const char **console)
{
    static struct bs_spec spec;
    static struct boot boot;
    static seL4_BootInfo bi;
    static struct fake_untyped fake[CONFIG_MAX_NUM_BOOTINFO_UNTYPED_CAPS];
    static uint8_t *window;
    const char *why;
    if (!window) {
        window = aligned_alloc(2u << 20, WINDOW);
    }
    if (n > CONFIG_MAX_NUM_BOOTINFO_UNTYPED_CAPS || bs_open(&spec, blob, size, &why) != 0) {
        abort();
    }
    for (unsigned i = 0; i < n; i++) {
        fake[i].paddr = uts[i].paddr;
        fake[i].bits = uts[i].bits;
        fake[i].device = uts[i].device;
    }
    make_bootinfo(&bi, fake, n);
    fake_reset(window);
    int rc = boot_run(&boot, &spec, &bi, window);
    *console = fake_console();
    return rc;
}

int monitor_object_paddr(uint32_t index, uint64_t *paddr)
{
    return fake_object_paddr(ALLOC_SYSTEM_SLOT + index, paddr);
}
