/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * GICv2 set-up seL4 expects when the firmware has not done it (QEMU virt
 * starts with nothing configured): every interrupt in group 1, so it is
 * signalled as an IRQ to the non-secure side, and the CPU interface's
 * priority mask open enough (0xf0) for all priorities seL4 uses.
 * Boards with a GICv3 are left as their firmware set them up. IGROUPR0 and
 * the CPU interface are banked per core: gic_init_cpu runs on every core.
 */
#include "loader.h"

#define GICD_TYPER      0x004
#define GICD_IGROUPR(n) (0x080 + 4 * (n))
#define GICC_PMR        0x004
#define TYPER_ITLINES   0x1f

static inline volatile uint32_t *reg(uintptr_t base, unsigned off)
{
    return (volatile uint32_t *)(base + off);
}

void gic_init(void)
{
#if defined(BOARD_GICD_BASE) && defined(BOARD_GICC_BASE)
    uintptr_t gicd = BOARD_GICD_BASE;
    unsigned lines = *reg(gicd, GICD_TYPER) & TYPER_ITLINES;
    for (unsigned n = 1; n <= lines; n++) {
        *reg(gicd, GICD_IGROUPR(n)) = 0xffffffffu;
    }
    gic_init_cpu();
    log_info("GICv2: %u interrupt groups set to group 1", lines + 1);
#endif
}

/* What each core has its own copy of: SGIs and PPIs (IGROUPR0), the priority mask. */
void gic_init_cpu(void)
{
#if defined(BOARD_GICD_BASE) && defined(BOARD_GICC_BASE)
    *reg(BOARD_GICD_BASE, GICD_IGROUPR(0)) = 0xffffffffu;
    *reg(BOARD_GICC_BASE, GICC_PMR) = 0xf0;
#endif
}
