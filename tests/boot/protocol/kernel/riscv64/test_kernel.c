/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The RISC-V 64 boot-protocol test kernel: put where seL4 goes on
 * qemu-riscv-virt, it checks what the loader promises the kernel
 * (docs/loader.md, RISC-V 64) against the manifest mkimage_test --riscv64
 * wrote: a0..a5, the hart id in a6, Sv39 on, the kernel window (walking the
 * loader's tables) and every region through the window. It prints one
 * verdict line on the 16550A and shuts the machine down through SBI.
 *
 *     BOOT-PROTOCOL: PASS
 *     BOOT-PROTOCOL: FAIL: <what>: got 0x.., expected 0x..
 */
#include <stdint.h>

#include "../../manifest.h"

#define UART_BASE 0x10000000ul
#define UART_LSR  5
#define LSR_THRE  (1u << 5)
#define KERNEL_VA 0xffffffff80200000ul /* where we are linked ... */
#define KERNEL_PA 0x80200000ul         /* ... and loaded */
#define SATP_SV39 8ul
#define PTE_V     1ul
#define PTE_RWX   0xeul
#define SBI_SRST  0x53525354ul /* System Reset extension, FID 0: reset */

void test_main(const uint64_t *args);

static int failures;

static void putc_(char c)
{
    volatile uint8_t *uart = (volatile uint8_t *)UART_BASE;
    while (!(uart[UART_LSR] & LSR_THRE)) {
    }
    uart[0] = (uint8_t)c;
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

static uint64_t satp(void)
{
    uint64_t v;
    __asm__ volatile("csrr %0, satp" : "=r"(v));
    return v;
}

/*
 * `va` through the Sv39 tables satp names, as the MMU walks them; the tables
 * are the loader's, in its identity-mapped gigapage. ~0 when unmapped.
 */
static uint64_t translate(uint64_t va)
{
    uint64_t table = (satp() & ((1ul << 44) - 1)) << 12;
    for (int level = 2; level >= 0; level--) {
        uint64_t pte = ((const volatile uint64_t *)table)[(va >> (12 + 9 * level)) & 511];
        if (!(pte & PTE_V)) {
            return ~0ul;
        }
        uint64_t pa = (pte >> 10) << 12;
        if (pte & PTE_RWX) {
            uint64_t span = 1ul << (12 + 9 * level);
            return pa + (va & (span - 1));
        }
        table = pa;
    }
    return ~0ul;
}

static void check_window(const struct test_manifest *m)
{
    uint64_t last = m->kernel_vbase + m->kernel_vsize - 1;
    expect("satp mode (Sv39)", satp() >> 60, SATP_SV39);
    expect("window start translation", translate(m->kernel_vbase), m->kernel_pbase);
    expect("window end translation", translate(last), m->kernel_pbase + m->kernel_vsize - 1);
    expect("beyond the window unmapped", translate(last + 1), ~0ul);
}

static void check_regions(const struct test_manifest *m)
{
    for (uint64_t i = 0; i < m->num_checks && i < TEST_MAX_CHECKS; i++) {
        const struct test_check *c = &m->checks[i];
        const uint8_t *p =
            (const uint8_t *)(uintptr_t)(m->kernel_vbase + (c->paddr - m->kernel_pbase));
        expect("region CRC at its load address", crc32_bitwise(p, c->file_size), c->crc32);
        uint64_t nonzero = 0;
        for (uint64_t off = c->file_size; off < c->mem_size; off++) {
            nonzero += p[off] != 0;
        }
        expect("region tail zeroed (non-zero bytes)", nonzero, 0);
    }
}

static void shut_down(void)
{
    register uint64_t a0 __asm__("a0") = 0; /* shutdown */
    register uint64_t a1 __asm__("a1") = 0; /* no reason */
    register uint64_t a6 __asm__("a6") = 0;
    register uint64_t a7 __asm__("a7") = SBI_SRST;
    __asm__ volatile("ecall" : "+r"(a0), "+r"(a1) : "r"(a6), "r"(a7) : "memory");
}

void test_main(const uint64_t *args)
{
    static const char *const names[7] = {"a0 ui_p_reg_start", "a1 ui_p_reg_end", "a2 pv_offset",
                                         "a3 v_entry",        "a4 dtb_paddr",    "a5 dtb_size",
                                         "a6 hart id"};
    const struct test_manifest *m =
        (const struct test_manifest *)(uintptr_t)(KERNEL_VA +
                                                  (TEST_MANIFEST_PADDR_RISCV64 - KERNEL_PA));

    puts_("BOOT-PROTOCOL: test kernel running\n");
    expect("manifest magic", m->magic, TEST_MANIFEST_MAGIC);
    if (!failures) {
        for (int i = 0; i < 6; i++) {
            expect(names[i], args[i], m->args[i]);
        }
        expect(names[6], args[6], 0); /* QEMU's boot hart */
        check_window(m);
        check_regions(m);
    }
    puts_(failures ? "BOOT-PROTOCOL: FAIL: see above\n" : "BOOT-PROTOCOL: PASS\n");
    if (m->magic == TEST_MANIFEST_MAGIC && m->power_off) {
        shut_down();
    }
}
