/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A GICv2 distributor as a single-CPU guest sees it, for the Linux VMM of
 * tests/boot/linux: seL4 virtualises only the CPU interface, so the VMM
 * performs the guest's distributor accesses (stage-2 faults at GICD) on
 * this model: 96 interrupts, one CPU, enable bits kept, priorities,
 * targets, groups and configuration stored, pending and active read as 0.
 */
#ifndef GICD_H
#define GICD_H

#include <stdbool.h>
#include <stdint.h>

#define GICD_SIZE 0x1000u
#define GICD_IRQS 96u

struct gicd {
    uint64_t base;
    uint32_t ctlr;
    uint32_t enable[GICD_IRQS / 32];
    uint32_t group[GICD_IRQS / 32];
    uint32_t cfg[GICD_IRQS / 16];
    uint8_t prio[GICD_IRQS];
    uint8_t target[GICD_IRQS];
};

void gicd_init(struct gicd *g, uint64_t base);
bool gicd_covers(const struct gicd *g, uint64_t addr);
/* A load (`write` false) into *value or a store of *value, `size` bytes. */
void gicd_access(struct gicd *g, uint64_t addr, unsigned size, bool write, uint64_t *value);
/* Whether the guest enabled interrupt `irq` (and the distributor). */
bool gicd_enabled(const struct gicd *g, unsigned irq);

#endif /* GICD_H */
