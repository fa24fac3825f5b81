/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Fuzz target: the monitor's boot spec reader and interpreter on arbitrary
 * bytes, on the host with the recording fake of the seL4 ABI layer.
 *
 * The input is tried twice: as it is (magic, version, size and CRC checks),
 * and with its size and CRC32 fields set to match, so that mutations get
 * past the checksum to the table and index checks. Whatever spec_open
 * accepts is then executed by boot_run against a fake kernel with a set of
 * untypeds, and every PD's fault report is produced: spec_open promises
 * that later stages can trust the tables, so nothing after it may read or
 * write out of bounds. The monitor's scratch window is an exact 4 MiB
 * allocation, so a fill past it is caught by AddressSanitizer.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "boot.h"
#include "fake_sel4.h"
#include "fault.h"
#include "monitor_test.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define WINDOW (4u << 20) /* a 4 KiB frame at +0, a 2 MiB frame at +2 MiB */

static const struct fake_untyped untypeds[] = {
    {0x0, 30, 1},          /* devices, including QEMU virt's UART and GIC */
    {0x60000000, 24, 0},   /* RAM */
    {0x61000000, 24, 0},   /* RAM */
    {0x62000000, 25, 0},   /* RAM */
    {0x80000000, 30, 0},   /* RAM */
    {0x4000000000, 30, 1}, /* more devices, high up */
};

static void report_faults(const struct boot *b)
{
    const struct bs_spec *s = b->spec;
    for (uint32_t pd = 0; pd < s->hdr->num_pds && pd < 4; pd++) {
        const struct bs_pd *p = &s->pds[pd];
        uint64_t pc = p->num_symbols ? s->symbols[p->first_symbol].addr + 4 : p->entry;
        uint64_t off;
        (void)fault_symbol(s, pd, pc, &off);
        seL4_UserContext regs = {0};
        regs.pc = pc;
        regs.sp = p->stack_top;
        fake_set_regs(&regs);
        seL4_SetMR(0, pc);
        seL4_SetMR(1, p->stack_bottom - 8);
        seL4_SetMR(2, 0);
        seL4_SetMR(3, 0x92000047);
        fault_handle(b, pd + 1, seL4_MessageInfo_new(seL4_Fault_VMFault, 0, 0, 4));
        fault_handle(b, pd + 1, seL4_MessageInfo_new(seL4_Fault_UserException, 0, 0, 4));
        fault_handle(b, pd + 1, seL4_MessageInfo_new(seL4_Fault_CapFault, 0, 0, 4));
        fault_handle(b, pd + 1, seL4_MessageInfo_new(seL4_Fault_NullFault, 0, 0, 0));
    }
    fault_handle(b, s->hdr->num_pds + 1, seL4_MessageInfo_new(seL4_Fault_VMFault, 0, 0, 4));
}

static void run(uint8_t *blob, size_t size)
{
    static struct bs_spec spec;
    static struct boot boot;
    static seL4_BootInfo bi;
    static uint8_t *window;
    const char *why = NULL;
    if (bs_open(&spec, blob, size, &why) != 0) {
        if (!why) {
            abort(); /* a refusal must say why */
        }
        return;
    }
    if (!window) {
        window = aligned_alloc(2u << 20, WINDOW);
    }
    make_bootinfo(&bi, untypeds, sizeof(untypeds) / sizeof(untypeds[0]));
    fake_reset(window);
    if (boot_run(&boot, &spec, &bi, window) == 0) {
        report_faults(&boot);
    }
    fake_reset(window);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* An exact-size, 8-byte aligned copy, as the monitor sees the spec. */
    uint8_t *blob = malloc(size ? size : 1);
    memcpy(blob, data, size);
    run(blob, size);
    if (size >= sizeof(struct bs_header)) {
        struct bs_header *h = (struct bs_header *)blob;
        h->size = size;
        h->crc32 = 0;
        h->crc32 = (uint32_t)crc32(0, blob, (uInt)size);
        run(blob, size);
    }
    free(blob);
    return 0;
}
