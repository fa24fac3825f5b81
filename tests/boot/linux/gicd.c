/* SPDX-License-Identifier: BSD-2-Clause */
/* The GICv2 distributor model (gicd.h). */
#include "gicd.h"

#define CTLR       0x000u
#define TYPER      0x004u
#define IIDR       0x008u
#define IGROUPR    0x080u
#define ISENABLER  0x100u
#define ICENABLER  0x180u
#define IPRIORITYR 0x400u
#define ITARGETSR  0x800u
#define ICFGR      0xc00u
#define PIDR2      0xfe8u

void gicd_init(struct gicd *g, uint64_t base)
{
    *g = (struct gicd){.base = base};
    for (unsigned i = 0; i < GICD_IRQS; i++) {
        g->target[i] = 1;
    }
}

bool gicd_covers(const struct gicd *g, uint64_t addr)
{
    return addr >= g->base && addr - g->base < GICD_SIZE;
}

bool gicd_enabled(const struct gicd *g, unsigned irq)
{
    return (g->ctlr & 1) && irq < GICD_IRQS && (g->enable[irq / 32] >> (irq % 32)) & 1;
}

static bool in(uint32_t off, uint32_t start, uint32_t bytes)
{
    return off >= start && off < start + bytes;
}

/* One byte of the byte-per-interrupt registers, or NULL. */
static uint8_t *byte_reg(struct gicd *g, uint32_t off)
{
    if (in(off, IPRIORITYR, GICD_IRQS)) {
        return &g->prio[off - IPRIORITYR];
    }
    if (in(off, ITARGETSR, GICD_IRQS)) {
        return &g->target[off - ITARGETSR];
    }
    return 0;
}

/* The word registers kept as they are written, or NULL. */
static uint32_t *word_reg(struct gicd *g, uint32_t off)
{
    if (off == CTLR) {
        return &g->ctlr;
    }
    if (in(off, IGROUPR, GICD_IRQS / 8)) {
        return &g->group[(off - IGROUPR) / 4];
    }
    if (in(off, ICFGR, GICD_IRQS / 4)) {
        return &g->cfg[(off - ICFGR) / 4];
    }
    return 0;
}

static uint32_t read_word(struct gicd *g, uint32_t off)
{
    uint32_t *w = word_reg(g, off);
    if (w) {
        return *w;
    }
    if (in(off, ISENABLER, GICD_IRQS / 8) || in(off, ICENABLER, GICD_IRQS / 8)) {
        return g->enable[(off & 0x7f) / 4];
    }
    switch (off) {
    case TYPER:
        return GICD_IRQS / 32 - 1; /* ITLinesNumber; one CPU */
    case IIDR:
        return 0x0200043b; /* ARM, GIC-400 */
    case PIDR2:
        return 0x20; /* architecture version 2 */
    default:
        return 0; /* pending, active, SGIs: nothing */
    }
}

static void write_word(struct gicd *g, uint32_t off, uint32_t v)
{
    uint32_t *w = word_reg(g, off);
    if (w) {
        *w = v;
    } else if (in(off, ISENABLER, GICD_IRQS / 8)) {
        g->enable[(off - ISENABLER) / 4] |= v;
    } else if (in(off, ICENABLER, GICD_IRQS / 8)) {
        g->enable[(off - ICENABLER) / 4] &= ~v;
    }
}

void gicd_access(struct gicd *g, uint64_t addr, unsigned size, bool write, uint64_t *value)
{
    uint32_t off = (uint32_t)(addr - g->base);
    uint8_t *b = byte_reg(g, off);
    if (b) {
        for (unsigned i = 0; i < size && byte_reg(g, off + i); i++) {
            uint8_t *bi = byte_reg(g, off + i);
            if (write) {
                *bi = (uint8_t)(*value >> (8 * i));
            } else {
                *value = (i ? *value : 0) | ((uint64_t)*bi << (8 * i));
            }
        }
        return;
    }
    uint32_t shift = 8 * (off & 3u);
    if (write) {
        write_word(g, off & ~3u, (uint32_t)(*value << shift));
    } else {
        *value = read_word(g, off & ~3u) >> shift;
    }
}
