/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Fuzz target: the build pipeline after the checks, on arbitrary SDFs.
 * Whatever parses and passes every check on the QEMU board goes through
 * layout, patching, spec and memory plan, as `microkit SYSTEM` runs them,
 * with one small AArch64 program as every PD's image and a kernel
 * description with the QEMU kernel's numbers (no kernel file is read).
 *
 * Besides "no crash, leak or UB": a stage fails only after reporting an
 * error, every spec the tool builds is accepted by the spec reader every
 * executor uses (bs_open), whatever the SDF, and when
 * the memory plan says the system fits, the monitor (host build, fake
 * kernel) boots it from the untypeds the plan predicts plus device untypeds
 * for the board's device ranges: "does not fit" is a build-time error. The
 * fake kernel places retyped objects as seL4 does, and every object must
 * end up at the physical address the plan predicted.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "board.h"
#include "checks.h"
#include "diag.h"
#include "elfload.h"
#include "inputs.h"
#include "kernel.h"
#include "layout.h"
#include "memplan.h"
#include "monitor_check.h"
#include "patch.h"
#include "sdf_parse.h"
#include "sdk/bootspec_read.h"
#include "spec.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Where the monitor's image would start and how much room it would take. */
#define UI_VADDR 0x8a000000ull
#define UI_ROOM  0x10000ull

struct fixture {
    struct board board;
    struct elf_file pd_elf;
    struct kernel kernel;
};

static const struct fixture *fixture(void)
{
    static struct fixture f;
    static int ready;
    if (!ready) {
        struct diag d;
        diag_init(&d, stderr);
        if (board_load_file(FUZZ_BOARDS_DIR "/qemu_virt_aarch64.xml", NULL, &f.board, &d) ||
            elf_load(FUZZ_PD_ELF, ELF_ACCEPT_AARCH64, "fuzz PD", NULL, &f.pd_elf, &d)) {
            abort(); /* the target is misconfigured, not the input bad */
        }
        diag_free(&d);
        /* The QEMU debug kernel's numbers (see boards/qemu_virt_aarch64.xml). */
        f.board.config = "debug"; /* one core, as the monitor's boot info here has */
        f.kernel.hyp = true;
        f.kernel.printing = true;
        f.kernel.hw_debug_api = true;
        f.kernel.root_cnode_bits = 17;
        f.kernel.paddr_user_device_top = 1ull << 40;
        f.kernel.paddr = 0x60000000;
        f.kernel.vaddr = 0x8060000000ull;
        f.kernel.ki_end = 0x60243000;
        f.kernel.ki_boot_end = 0x60220000;
        ready = 1;
    }
    return &f;
}

static void expect(int failed, const struct diag *d, unsigned before, const char *stage)
{
    if (failed && diag_errors(d) == before) {
        fprintf(stderr, "fuzz_pipeline: %s failed without reporting an error\n", stage);
        abort();
    }
}

static void check_spec(const struct spec_blob *blob)
{
    struct bs_spec s;
    const char *why = NULL;
    if (bs_open(&s, blob->data, blob->size, &why) != 0) {
        fprintf(stderr, "fuzz_pipeline: the spec reader refuses the tool's spec: %s\n", why);
        abort();
    }
}

/* Device untypeds as the kernel makes them: aligned power-of-two blocks. */
static unsigned device_untypeds(const struct board *b, struct fuzz_untyped *u, unsigned n,
                                unsigned max)
{
    for (size_t i = 0; i < b->devices.count; i++) {
        uint64_t base = b->devices.items[i].base, end = base + b->devices.items[i].size;
        while (base < end && n < max) {
            unsigned bits = base ? (unsigned)__builtin_ctzll(base) : 47;
            bits = bits > 47 ? 47 : bits;
            while ((1ull << bits) > end - base) {
                bits--;
            }
            u[n++] = (struct fuzz_untyped){base, bits, 1};
            base += 1ull << bits;
        }
    }
    return n;
}

/* Every object where the plan put it: the plan and the monitor place alike. */
static void check_placement(const struct layout *lay)
{
    for (size_t i = 0; i < lay->objects.count; i++) {
        const struct lay_object *o = &lay->objects.items[i];
        uint64_t paddr = BS_ANY_PADDR;
        if (monitor_object_paddr((uint32_t)i, &paddr) != 0 || paddr != o->plan_paddr) {
            fprintf(stderr,
                    "fuzz_pipeline: object %zu ('%s') planned at 0x%llx, created at 0x%llx\n", i,
                    lay->strings.buf + o->name, (unsigned long long)o->plan_paddr,
                    (unsigned long long)paddr);
            abort();
        }
    }
}

/* The monitor must boot what the plan says fits, placing every object as planned. */
static void boot_planned(const struct spec_blob *blob, const struct layout *lay,
                         const struct memplan *mp, const struct board *b)
{
    unsigned max = monitor_max_untypeds(), n = 0;
    struct fuzz_untyped *u = calloc(max, sizeof(*u));
    for (size_t i = 0; i < mp->untypeds.count && n < max; i++) {
        u[n++] =
            (struct fuzz_untyped){mp->untypeds.items[i].paddr, mp->untypeds.items[i].size_bits, 0};
    }
    n = device_untypeds(b, u, n, max);
    const char *console;
    if (n < max && monitor_boot(blob->data, blob->size, u, n, &console) != 0) {
        fprintf(stderr, "fuzz_pipeline: the plan fits but the monitor's boot failed:\n%s", console);
        abort();
    }
    if (n < max) {
        check_placement(lay);
    }
    free(u);
}

/* Layout, patch, spec and plan, as cmd_build runs them. */
static void back_end(const struct system *sys, const struct fixture *f, struct diag *d)
{
    size_t np = sys->pds.count, nm = sys->mrs.count;
    struct elf_file **elfs = calloc(np + 1, sizeof(*elfs));
    const uint8_t **prefill = calloc(nm + 1, sizeof(*prefill));
    size_t *prefill_len = calloc(nm + 1, sizeof(*prefill_len));
    for (size_t p = 0; p < np; p++) {
        elfs[p] = calloc(1, sizeof(**elfs));
        if (elf_file_clone(&f->pd_elf, elfs[p]) != 0) {
            abort();
        }
    }
    struct layout_input in = {sys, &f->board, elfs, prefill, prefill_len, 12, false};
    struct layout lay;
    memset(&lay, 0, sizeof(lay));
    unsigned before = diag_errors(d);
    int rc = layout_build(&in, &lay, d);
    expect(rc, d, before, "layout_build");
    for (size_t p = 0; rc == 0 && p < np; p++) {
        before = diag_errors(d);
        expect(patch_pd(sys, p, &lay, elfs[p], d), d, before, "patch_pd");
    }
    if (rc == 0) {
        struct spec_blob blob;
        memset(&blob, 0, sizeof(blob));
        blob.prefix = UI_ROOM;
        spec_build(&lay, elfs, memplan_needed(&lay), &blob);
        check_spec(&blob);
        struct memplan mp;
        memset(&mp, 0, sizeof(mp));
        before = diag_errors(d);
        int planned =
            memplan_build(&lay, sys, &f->board, &f->kernel, UI_ROOM + blob.size, UI_VADDR, &mp, d);
        expect(planned, d, before, "memplan_build");
        if (planned == 0) {
            boot_planned(&blob, &lay, &mp, &f->board);
        }
        memplan_free(&mp);
        spec_blob_free(&blob);
    }
    layout_free(&lay);
    for (size_t p = 0; p < np; p++) {
        elf_free(elfs[p]);
        free(elfs[p]);
    }
    free(elfs);
    free(prefill);
    free(prefill_len);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const struct fixture *f = fixture();
    struct system sys;
    struct diag d;
    memset(&sys, 0, sizeof(sys));
    diag_init(&d, NULL);
    /* As cmd_build: regions without a size take their prefill file's first. */
    if (sdf_parse_buffer("fuzz.system", (const char *)data, size, &sys, &d) == SDF_OK &&
        inputs_size_regions(&sys, NULL, 0, &d) == 0 && checks_run(&sys, &f->board, &d) == 0) {
        back_end(&sys, f, &d);
    }
    system_free(&sys);
    diag_free(&d);
    return 0;
}
