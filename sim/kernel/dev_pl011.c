/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The PL011 UART model of the host board (sim/devices.h): what a driver
 * needs of it. Transmission is instant (the transmit FIFO is always empty,
 * TXFF never set), received bytes wait in a 32-byte FIFO. The receive and
 * receive-timeout interrupts are raised when bytes arrive and cleared by
 * ICR or by reading the FIFO empty; the transmit interrupt by every write
 * of DR (the FIFO has drained at once). The line settings (IBRD, FBRD,
 * LCR_H, CR, IFLS, DMACR, ILPR) are kept and read back, and change nothing.
 */
#include <stddef.h>

#include "sim/devices.h"

/* PeriphID0..3 and PCellID0..3 of a PL011 r1p5 (ARM DDI 0183G, 3.3.14, 3.3.15). */
static const uint8_t id_regs[8] = {0x11, 0x10, 0x34, 0x00, 0x0d, 0xf0, 0x05, 0xb1};

static bool is_register(uint32_t reg)
{
    switch (reg) {
    case SIM_PL011_DR:
    case SIM_PL011_RSR:
    case SIM_PL011_FR:
    case SIM_PL011_ILPR:
    case SIM_PL011_IBRD:
    case SIM_PL011_FBRD:
    case SIM_PL011_LCR_H:
    case SIM_PL011_CR:
    case SIM_PL011_IFLS:
    case SIM_PL011_IMSC:
    case SIM_PL011_RIS:
    case SIM_PL011_MIS:
    case SIM_PL011_ICR:
    case SIM_PL011_DMACR:
        return true;
    default:
        return reg >= SIM_PL011_ID && reg <= 0xffcu;
    }
}

static bool read_only(uint32_t reg)
{
    return reg == SIM_PL011_FR || reg == SIM_PL011_RIS || reg == SIM_PL011_MIS ||
           reg >= SIM_PL011_ID;
}

const char *sim_pl011_check(uint32_t off, unsigned size, bool read, bool write)
{
    if (size > 4) {
        return "the PL011's registers are 32 bits wide";
    }
    if (off % size != 0) {
        return "a misaligned access";
    }
    uint32_t reg = off & ~3u;
    if (!is_register(reg)) {
        return "no register at this offset";
    }
    if (write && read_only(reg)) {
        return "a write to a read-only register";
    }
    if (read && reg == SIM_PL011_ICR) {
        return "a read of ICR, which is write-only";
    }
    return NULL;
}

void sim_pl011_reset(struct sim_pl011 *u)
{
    *u = (struct sim_pl011){.cr = 0x300, .ifls = 0x12};
}

static uint32_t flags(const struct sim_pl011 *u)
{
    uint32_t fr = SIM_PL011_FR_TXFE;
    fr |= u->rx_count == 0 ? SIM_PL011_FR_RXFE : 0;
    fr |= u->rx_count == SIM_PL011_FIFO ? SIM_PL011_FR_RXFF : 0;
    return fr;
}

static uint32_t read_dr(struct sim_pl011 *u)
{
    if (u->rx_count == 0) {
        return 0;
    }
    uint32_t c = u->rx[u->rx_head];
    u->rx_head = (u->rx_head + 1) % SIM_PL011_FIFO;
    if (--u->rx_count == 0) {
        u->ris &= ~(SIM_PL011_INT_RX | SIM_PL011_INT_RT);
    }
    return c;
}

static uint32_t *plain_register(struct sim_pl011 *u, uint32_t reg)
{
    switch (reg) {
    case SIM_PL011_ILPR:
        return &u->ilpr;
    case SIM_PL011_IBRD:
        return &u->ibrd;
    case SIM_PL011_FBRD:
        return &u->fbrd;
    case SIM_PL011_LCR_H:
        return &u->lcr_h;
    case SIM_PL011_CR:
        return &u->cr;
    case SIM_PL011_IFLS:
        return &u->ifls;
    case SIM_PL011_IMSC:
        return &u->imsc;
    case SIM_PL011_DMACR:
        return &u->dmacr;
    default:
        return NULL;
    }
}

static uint32_t read_reg(struct sim_pl011 *u, uint32_t reg)
{
    uint32_t *plain = plain_register(u, reg);
    if (plain) {
        return *plain;
    }
    switch (reg) {
    case SIM_PL011_DR:
        return read_dr(u);
    case SIM_PL011_FR:
        return flags(u);
    case SIM_PL011_RIS:
        return u->ris;
    case SIM_PL011_MIS:
        return u->ris & u->imsc;
    default:
        return reg >= SIM_PL011_ID ? id_regs[(reg - SIM_PL011_ID) / 4] : 0;
    }
}

uint32_t sim_pl011_read(struct sim_pl011 *u, uint32_t off)
{
    uint32_t shift = (off & 3u) * 8;
    return read_reg(u, off & ~3u) >> shift;
}

int sim_pl011_write(struct sim_pl011 *u, uint32_t off, unsigned size, uint32_t value)
{
    uint32_t reg = off & ~3u;
    uint32_t shift = (off & 3u) * 8;
    uint32_t mask = (size >= 4 ? 0xffffffffu : (1u << (8 * size)) - 1) << shift;
    value = (value << shift) & mask;
    uint32_t *plain = plain_register(u, reg);
    if (plain) {
        uint32_t keep = reg == SIM_PL011_IMSC ? SIM_PL011_INT_ALL : 0xffffu;
        *plain = ((*plain & ~mask) | value) & keep;
        return -1;
    }
    switch (reg) {
    case SIM_PL011_DR:
        u->ris |= SIM_PL011_INT_TX;
        return (int)(value & 0xff);
    case SIM_PL011_ICR:
        u->ris &= ~value;
        return -1;
    default:
        return -1; /* RSR/ECR: a write clears the (never set) error flags */
    }
}

uint32_t sim_pl011_receive(struct sim_pl011 *u, const uint8_t *b, uint32_t n)
{
    uint32_t k = 0;
    while (k < n && u->rx_count < SIM_PL011_FIFO) {
        u->rx[(u->rx_head + u->rx_count) % SIM_PL011_FIFO] = b[k++];
        u->rx_count++;
    }
    if (k > 0) {
        u->ris |= SIM_PL011_INT_RX | SIM_PL011_INT_RT;
    }
    return k;
}

bool sim_pl011_irq(const struct sim_pl011 *u)
{
    return (u->ris & u->imsc) != 0;
}
