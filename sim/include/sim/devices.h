/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The host board's device models (docs/simulator.md, "Device models"): a
 * PL011 UART and a small MMIO timer, each one 4 KiB page of registers at a
 * fixed physical address with a fixed IRQ, the numbers of QEMU's virt
 * machine where it has the same device:
 *
 *   device   physical address    IRQ   registers
 *   pl011    0x09000000          33    DR, RSR/ECR, FR, ILPR, IBRD, FBRD, LCR_H, CR, IFLS,
 *                                      IMSC, RIS, MIS, ICR, DMACR, the ID registers
 *   timer    0x09100000          30    COUNT_LO/HI, COMPARE_LO/HI, CTRL, STATUS, FREQ
 *
 * A PD maps a device with a memory region whose phys_addr is the device's
 * page. Its accesses trap and are emulated (sim/runtime/mmio.c); the state
 * below lives in the shared block, so the runner (input, the clock) and the
 * driver's process (register accesses) see one device. The register models
 * (dev_pl011.c, dev_timer.c) are plain functions of that state; devices.c
 * ties them to the block: the console, the clock, the IRQ path.
 */
#ifndef SIM_DEVICES_H
#define SIM_DEVICES_H

#include <stdbool.h>
#include <stdint.h>

enum sim_dev_id { SIM_DEV_PL011 = 0, SIM_DEV_TIMER = 1, SIM_NUM_DEVS };

#define SIM_DEV_PAGE 0x1000u

#define SIM_PL011_PADDR 0x09000000ull
#define SIM_PL011_IRQ   33u
#define SIM_TIMER_PADDR 0x09100000ull
#define SIM_TIMER_IRQ   30u

/* PL011 registers (ARM DDI 0183), byte offsets. */
#define SIM_PL011_DR    0x000u
#define SIM_PL011_RSR   0x004u
#define SIM_PL011_FR    0x018u
#define SIM_PL011_ILPR  0x020u
#define SIM_PL011_IBRD  0x024u
#define SIM_PL011_FBRD  0x028u
#define SIM_PL011_LCR_H 0x02cu
#define SIM_PL011_CR    0x030u
#define SIM_PL011_IFLS  0x034u
#define SIM_PL011_IMSC  0x038u
#define SIM_PL011_RIS   0x03cu
#define SIM_PL011_MIS   0x040u
#define SIM_PL011_ICR   0x044u
#define SIM_PL011_DMACR 0x048u
#define SIM_PL011_ID    0xfe0u /* PeriphID0..3, PCellID0..3 up to 0xffc */

#define SIM_PL011_FR_RXFE (1u << 4)
#define SIM_PL011_FR_TXFF (1u << 5)
#define SIM_PL011_FR_RXFF (1u << 6)
#define SIM_PL011_FR_TXFE (1u << 7)
#define SIM_PL011_INT_RX  (1u << 4)
#define SIM_PL011_INT_TX  (1u << 5)
#define SIM_PL011_INT_RT  (1u << 6)
#define SIM_PL011_INT_ALL 0x7ffu

#define SIM_PL011_FIFO 32u /* the PL011's receive FIFO depth */

/* The host timer's registers, byte offsets; 32 bits each, COUNT and COMPARE
 * also as one 64-bit register at their low half. */
#define SIM_TIMER_COUNT_LO   0x00u /* R: the counter; reading it latches COUNT_HI */
#define SIM_TIMER_COUNT_HI   0x04u /* R: the counter's high half at the last COUNT_LO read */
#define SIM_TIMER_COMPARE_LO 0x08u /* RW */
#define SIM_TIMER_COMPARE_HI 0x0cu /* RW */
#define SIM_TIMER_CTRL       0x10u /* RW: bit 0 ENABLE */
#define SIM_TIMER_STATUS     0x14u /* R: bit 0 EXPIRED; write 1 to clear it */
#define SIM_TIMER_FREQ       0x18u /* R: counter ticks per second */

#define SIM_TIMER_CTRL_ENABLE    1u
#define SIM_TIMER_STATUS_EXPIRED 1u
#define SIM_TIMER_HZ             1000000ull /* 1 MHz, the host board's timer frequency */

struct sim_pl011 {
    uint32_t imsc, ris;
    uint32_t ilpr, ibrd, fbrd, lcr_h, cr, ifls, dmacr;
    uint32_t rx_head, rx_count;
    uint8_t rx[SIM_PL011_FIFO];
};

struct sim_timer {
    uint64_t compare;
    uint32_t ctrl;
    uint32_t status;
    uint32_t count_hi; /* latched by a COUNT_LO read */
    uint32_t fired;    /* expired since COMPARE or CTRL was last written */
};

enum sim_clock {
    SIM_CLOCK_VIRTUAL = 0, /* advances only when every PD is blocked: to the next deadline */
    SIM_CLOCK_REAL = 1,    /* CLOCK_MONOTONIC since the run started */
};

/* The devices' state in the shared block (under its lock). */
struct sim_devices {
    uint32_t clock; /* enum sim_clock */
    uint32_t pad;
    uint64_t vclock;     /* virtual clock: timer ticks */
    uint64_t real_t0_ns; /* real clock: CLOCK_MONOTONIC at the start */
    struct sim_pl011 pl011;
    struct sim_timer timer;
};

/* A device: its name, page and IRQ. */
struct sim_dev_info {
    const char *name;
    uint64_t paddr;
    uint64_t size;
    uint64_t irq;
};

/* The device whose page holds physical address `paddr`, or -1. */
int sim_dev_at(uint64_t paddr);
/* Device `dev`'s description (dev in 0..SIM_NUM_DEVS-1). */
const struct sim_dev_info *sim_dev_info(int dev);

/*
 * The register models. An access is `size` bytes (1, 2, 4 or 8) at byte
 * offset `off` of the device's page. *_check says whether that access is
 * one the device has (NULL) or why not ("no register at this offset", ...).
 */
const char *sim_pl011_check(uint32_t off, unsigned size, bool read, bool write);
void sim_pl011_reset(struct sim_pl011 *u);
uint32_t sim_pl011_read(struct sim_pl011 *u, uint32_t off);
/* Returns the byte to transmit for a write of DR, or -1. */
int sim_pl011_write(struct sim_pl011 *u, uint32_t off, unsigned size, uint32_t value);
/* Take up to `n` received bytes into the FIFO; returns how many fitted. */
uint32_t sim_pl011_receive(struct sim_pl011 *u, const uint8_t *b, uint32_t n);
/* The interrupt line: some raw interrupt is set and unmasked. */
bool sim_pl011_irq(const struct sim_pl011 *u);

const char *sim_timer_check(uint32_t off, unsigned size, bool read, bool write);
/* `now` is the counter's value (ticks). */
uint64_t sim_timer_read(struct sim_timer *t, uint32_t off, unsigned size, uint64_t now);
void sim_timer_write(struct sim_timer *t, uint32_t off, unsigned size, uint64_t value,
                     uint64_t now);
/* Latch EXPIRED when enabled and `now` is at or past COMPARE. */
void sim_timer_update(struct sim_timer *t, uint64_t now);
bool sim_timer_irq(const struct sim_timer *t);
/* Enabled and not expired since it was set: the deadline is COMPARE. */
bool sim_timer_armed(const struct sim_timer *t);

/*
 * The devices in the shared block (devices.c; the lock held). The run's
 * clock: the counter's value now, in ticks of SIM_TIMER_HZ.
 */
struct sim_shared;
uint64_t sim_dev_now(const struct sim_shared *s);
/* Why device `dev` has no such access, or NULL. */
const char *sim_dev_check(int dev, uint32_t off, unsigned size, bool read, bool write);
uint64_t sim_dev_read(struct sim_shared *s, int dev, uint32_t off, unsigned size);
void sim_dev_write(struct sim_shared *s, int dev, uint32_t off, unsigned size, uint64_t value);
/* Bring the device's IRQ line up to date: a line that is up raises its IRQ
 * through the simulator's IRQ path unless the IRQ waits for its ack. */
void sim_dev_update(struct sim_shared *s, int dev);
/* After microkit_irq_ack of slot `slot` of PD `pd`: a level-triggered line
 * still up raises the IRQ again, as on seL4. */
void sim_dev_irq_acked(struct sim_shared *s, int pd, unsigned slot);
/* Received bytes into the UART's FIFO; returns how many fitted. */
uint32_t sim_dev_uart_input(struct sim_shared *s, const uint8_t *b, uint32_t n);
/* The UART's FIFO is empty. */
bool sim_dev_uart_empty(const struct sim_shared *s);
/* The timer is armed: its deadline (ticks) in *when. */
bool sim_dev_timer_deadline(const struct sim_shared *s, uint64_t *when);
/* Virtual clock: advance to the timer's deadline, if it is armed (true). */
bool sim_dev_clock_advance(struct sim_shared *s);

#endif /* SIM_DEVICES_H */
