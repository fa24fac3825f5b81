/* SPDX-License-Identifier: BSD-2-Clause */
/* Syndrome decoding and the PL011 model of the example VMM (vmm_dev.h). */
#include "vmm_dev.h"

#define ISS_ISV  (1ull << 24)
#define ISS_SSE  (1ull << 21)
#define ISS_SF   (1ull << 15)
#define ISS_WNR  (1ull << 6)
#define SAS(esr) ((unsigned)((esr) >> 22) & 3u)
#define SRT(esr) ((unsigned)((esr) >> 16) & 31u)

int vmm_decode_abort(uint64_t esr, struct vmm_access *out)
{
    if (vmm_esr_class(esr) != VMM_EC_DABT_LOWER || !(esr & ISS_ISV)) {
        return -1;
    }
    out->write = (esr & ISS_WNR) != 0;
    out->size = 1u << SAS(esr);
    out->reg = SRT(esr);
    out->sign_extend = (esr & ISS_SSE) != 0;
    out->reg64 = (esr & ISS_SF) != 0;
    return 0;
}

static uint64_t size_mask(unsigned size)
{
    return size >= 8 ? ~0ull : (1ull << (size * 8)) - 1;
}

uint64_t vmm_load_value(const struct vmm_access *a, uint64_t raw)
{
    uint64_t v = raw & size_mask(a->size);
    if (a->sign_extend && a->size < 8 && (v >> (a->size * 8 - 1)) & 1) {
        v |= ~size_mask(a->size);
    }
    return a->reg64 ? v : v & 0xffffffffull;
}

uint64_t vmm_store_value(const struct vmm_access *a, uint64_t reg_value)
{
    return reg_value & size_mask(a->size);
}

int vmm_ctx_index(unsigned reg)
{
    if (reg <= 8) {
        return 3 + (int)reg; /* x0..x8 follow pc, sp, spsr */
    }
    if (reg <= 15) {
        return 17 + (int)(reg - 9);
    }
    if (reg <= 18) {
        return 12 + (int)(reg - 16);
    }
    if (reg <= 28) {
        return 24 + (int)(reg - 19);
    }
    if (reg <= 30) {
        return 15 + (int)(reg - 29);
    }
    return -1;
}

void vmm_pl011_init(struct vmm_pl011 *u, uint64_t base, void (*out)(char c))
{
    *u = (struct vmm_pl011){.base = base, .out = out, .lcr_h = 0x60, .cr = 0x300};
}

bool vmm_pl011_covers(const struct vmm_pl011 *u, uint64_t addr)
{
    return addr >= u->base && addr - u->base < PL011_SIZE;
}

/* The peripheral and PrimeCell id registers, 0xfe0..0xffc: an ARM PL011 r1p5. */
static uint32_t pl011_id(uint32_t off)
{
    static const uint8_t id[8] = {0x11, 0x10, 0x34, 0x00, 0x0d, 0xf0, 0x05, 0xb1};
    return id[(off - 0xfe0) / 4];
}

/* The control register a store or load at `off` names, or NULL. */
static uint32_t *pl011_reg(struct vmm_pl011 *u, uint32_t off)
{
    switch (off) {
    case PL011_IBRD:
        return &u->ibrd;
    case PL011_FBRD:
        return &u->fbrd;
    case PL011_LCR_H:
        return &u->lcr_h;
    case PL011_CR:
        return &u->cr;
    case PL011_IFLS:
        return &u->ifls;
    case PL011_IMSC:
        return &u->imsc;
    default:
        return 0;
    }
}

static uint32_t pl011_read(struct vmm_pl011 *u, uint32_t off)
{
    uint32_t *r = pl011_reg(u, off);
    if (r) {
        return *r;
    }
    if (off == PL011_FR) {
        return PL011_FR_TXFE | PL011_FR_RXFE;
    }
    if (off >= 0xfe0 && off <= 0xffc && off % 4 == 0) {
        return pl011_id(off);
    }
    return 0; /* DR (nothing received), RIS, MIS and the rest */
}

static void pl011_write(struct vmm_pl011 *u, uint32_t off, uint32_t v)
{
    uint32_t *r = pl011_reg(u, off);
    if (r) {
        *r = v;
    } else if (off == PL011_DR) {
        u->bytes++;
        u->out((char)(v & 0xff));
    }
}

int vmm_pl011_access(struct vmm_pl011 *u, uint64_t addr, const struct vmm_access *a,
                     uint64_t *value)
{
    if (a->size > 4) {
        return -1;
    }
    uint32_t off = (uint32_t)(addr - u->base);
    if (a->write) {
        pl011_write(u, off & ~3u, (uint32_t)(*value << (8 * (off & 3u))));
    } else {
        *value = pl011_read(u, off & ~3u) >> (8 * (off & 3u));
    }
    return 0;
}
