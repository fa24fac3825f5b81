/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The boot-protocol test kernel: put where seL4 goes, it checks everything
 * the loader promises the kernel (docs/loader.md) against the manifest
 * mkimage_test wrote, prints one verdict line on the PL011 and powers the
 * machine off through PSCI.
 *
 *     BOOT-PROTOCOL: PASS
 *     BOOT-PROTOCOL: FAIL: <what>: got 0x.., expected 0x..
 */
#include <stdint.h>

#include "../manifest.h"

#define UART_BASE 0x09000000ul
#define UARTDR    0x00
#define UARTFR    0x18
#define FR_TXFF   (1u << 5)
#ifndef KERNEL_VA
#define KERNEL_VA 0x8060000000ul /* where we are linked ... */
#endif
#define KERNEL_PA  0x60000000ul /* ... and loaded */
#define PSCI_OFF   0x84000008ul /* PSCI SYSTEM_OFF */
#define SCTLR_MCI  ((1u << 0) | (1u << 2) | (1u << 12))
#define PAR_F      1ul
#define PAR_PA     0x0000fffffffff000ul
#define MAIR_ATTR4 0xffull /* seL4's NORMAL index: write-back cacheable */

#define SYSREG(name)                                                                               \
    ({                                                                                             \
        uint64_t v_;                                                                               \
        __asm__ volatile("mrs %0, " name : "=r"(v_));                                              \
        v_;                                                                                        \
    })

void test_main(const uint64_t *args);

static int failures;

static void putc_(char c)
{
    volatile uint32_t *uart = (volatile uint32_t *)UART_BASE;
    while (uart[UARTFR / 4] & FR_TXFF) {
    }
    uart[UARTDR / 4] = (uint8_t)c;
}

static void puts_(const char *s)
{
    for (; *s; s++) {
        if (*s == '\n') {
            putc_('\r');
        }
        putc_(*s);
    }
}

static void puthex(uint64_t v)
{
    puts_("0x");
    for (int shift = 60; shift >= 0; shift -= 4) {
        putc_("0123456789abcdef"[(v >> shift) & 0xf]);
    }
}

static void expect(const char *what, uint64_t got, uint64_t want)
{
    if (got == want) {
        return;
    }
    failures++;
    puts_("BOOT-PROTOCOL: FAIL: ");
    puts_(what);
    puts_(": got ");
    puthex(got);
    puts_(", expected ");
    puthex(want);
    puts_("\n");
}

/* Bitwise CRC32 (IEEE), deliberately not the loader's table-driven code. */
static uint32_t crc32_bitwise(const uint8_t *p, uint64_t n)
{
    uint32_t crc = 0xffffffffu;
    while (n--) {
        crc ^= *p++;
        for (int k = 0; k < 8; k++) {
            crc = (crc >> 1) ^ (0xedb88320u & -(crc & 1));
        }
    }
    return ~crc;
}

/* Physical address as seen through the loader's kernel window. */
static const uint8_t *window(const struct test_manifest *m, uint64_t pa)
{
    return (const uint8_t *)(uintptr_t)(m->kernel_vbase + (pa - m->kernel_pbase));
}

static uint64_t translate(unsigned el, uint64_t va)
{
    if (el == 2) {
        __asm__ volatile("at s1e2r, %0\n isb" : : "r"(va));
    } else {
        __asm__ volatile("at s1e1r, %0\n isb" : : "r"(va));
    }
    uint64_t par = SYSREG("par_el1");
    return (par & PAR_F) ? ~0ul : (par & PAR_PA) | (va & 0xfff);
}

static void check_cpu(const struct test_manifest *m, unsigned el)
{
    expect("exception level", el, m->expected_el);
    if (el == 2) {
        expect("SCTLR_EL2 M/C/I", SYSREG("sctlr_el2") & SCTLR_MCI, SCTLR_MCI);
        expect("TCR_EL2 (seL4 checks it)", SYSREG("tcr_el2"), m->tcr_el2);
        expect("MAIR_EL2 attr 4", (SYSREG("mair_el2") >> 32) & 0xff, MAIR_ATTR4);
        expect("CNTVOFF_EL2", SYSREG("cntvoff_el2"), 0);
    } else {
        expect("SCTLR_EL1 M/C/I", SYSREG("sctlr_el1") & SCTLR_MCI, SCTLR_MCI);
        expect("MAIR_EL1 attr 4", (SYSREG("mair_el1") >> 32) & 0xff, MAIR_ATTR4);
    }
}

static void check_window(const struct test_manifest *m, unsigned el)
{
    uint64_t last = m->kernel_vbase + m->kernel_vsize - 1;
    expect("window start translation", translate(el, m->kernel_vbase), m->kernel_pbase);
    expect("window end translation", translate(el, last), m->kernel_pbase + m->kernel_vsize - 1);
    expect("beyond the window unmapped", translate(el, last + 1), ~0ul);
}

static void check_regions(const struct test_manifest *m)
{
    for (uint64_t i = 0; i < m->num_checks && i < TEST_MAX_CHECKS; i++) {
        const struct test_check *c = &m->checks[i];
        const uint8_t *p = window(m, c->paddr);
        expect("region CRC at its load address", crc32_bitwise(p, c->file_size), c->crc32);
        uint64_t nonzero = 0;
        for (uint64_t off = c->file_size; off < c->mem_size; off++) {
            nonzero += p[off] != 0;
        }
        expect("region tail zeroed (non-zero bytes)", nonzero, 0);
    }
}

static void power_off(void)
{
    register uint64_t x0 __asm__("x0") = PSCI_OFF;
    __asm__ volatile("smc #0" : "+r"(x0) : : "x1", "x2", "x3", "memory");
}

void test_main(const uint64_t *args)
{
    static const char *const names[6] = {"x0 ui_p_reg_start", "x1 ui_p_reg_end", "x2 pv_offset",
                                         "x3 v_entry",        "x4 dtb_paddr",    "x5 dtb_size"};
    const struct test_manifest *m =
        (const struct test_manifest *)(uintptr_t)(KERNEL_VA + (TEST_MANIFEST_PADDR - KERNEL_PA));
    unsigned el = (SYSREG("CurrentEL") >> 2) & 3;

    puts_("BOOT-PROTOCOL: test kernel running\n");
    expect("manifest magic", m->magic, TEST_MANIFEST_MAGIC);
    if (!failures) {
        for (int i = 0; i < 6; i++) {
            expect(names[i], args[i], m->args[i]);
        }
        check_cpu(m, el);
        check_window(m, el);
        check_regions(m);
    }
    puts_(failures ? "BOOT-PROTOCOL: FAIL: see above\n" : "BOOT-PROTOCOL: PASS\n");
    /* With EL3 present there is no PSCI in QEMU: smc would trap to EL3. */
    if (m->magic == TEST_MANIFEST_MAGIC && m->power_off) {
        power_off();
    }
}
