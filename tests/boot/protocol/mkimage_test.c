/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Builds the boot-protocol test image with the tool's own image writer:
 * the loader, the test kernel's segments, a fake monitor (pseudo-random
 * bytes, with a zero-filled tail), a fake DTB and the test manifest that
 * tells the test kernel what it must find.
 *
 *   mkimage_test LOADER_ELF KERNEL_ELF OUT [--el1] [--el3] [--no-dtb] [--elf]
 *                [--corrupt-region | --corrupt-header]
 *
 * --el1 builds a non-hypervisor image (the loader must drop to EL1);
 * --el3 tells the test kernel that QEMU starts at EL3 (no PSCI: no power-off);
 * --no-dtb leaves the DTB out (x4 = x5 = 0), as a real seL4 kernel wants it
 * when the fake DTB would only be one more reserved region in its way;
 * --corrupt-* flips one byte after building, which the loader must refuse;
 * --elf writes the image wrapped in an ELF file (QEMU -kernel, U-Boot bootelf).
 */
#include <gelf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "diag.h"
#include "image.h"
#include "util.h"
#include "manifest.h"

#define WINDOW_SIZE   0x04000000ull /* 64 MiB from the kernel's first 2 MiB block */
#define MONITOR_PADDR 0x63000000ull
#define MONITOR_FILE  0x5003ull /* odd on purpose */
#define MONITOR_MEM   0x8000ull
#define MONITOR_VADDR 0x8000000000ull /* above paddr: pv_offset wraps */
#define DTB_PADDR     0x62800000ull
#define DTB_SIZE      0x40ull
#define UART_BASE     0x09000000ull
#define TCR_EL2_SEL4  0x80823510ull /* seL4's TCR_EL2_DEFAULT for 40-bit PA */
#define MAX_REGIONS   8

struct options {
    const char *loader, *kernel, *out;
    int el1, el3, no_dtb, elf, corrupt_region, corrupt_header;
};

struct test_image {
    struct image_params p;
    struct image_region_in r[MAX_REGIONS];
    size_t n;
    struct test_manifest m;
    uint8_t monitor[MONITOR_FILE];
    uint8_t dtb[DTB_SIZE];
    uint8_t *kernel_file;
};

static int usage(void)
{
    fputs("usage: mkimage_test LOADER_ELF KERNEL_ELF OUT [--el1] [--el3] [--no-dtb] [--elf] "
          "[--corrupt-region | "
          "--corrupt-header]\n",
          stderr);
    return 2;
}

static int parse_options(int argc, char **argv, struct options *o)
{
    if (argc < 4) {
        return -1;
    }
    o->loader = argv[1];
    o->kernel = argv[2];
    o->out = argv[3];
    for (int i = 4; i < argc; i++) {
        if (!strcmp(argv[i], "--el1")) {
            o->el1 = 1;
        } else if (!strcmp(argv[i], "--elf")) {
            o->elf = 1;
        } else if (!strcmp(argv[i], "--no-dtb")) {
            o->no_dtb = 1;
        } else if (!strcmp(argv[i], "--el3")) {
            o->el3 = 1;
        } else if (!strcmp(argv[i], "--corrupt-region")) {
            o->corrupt_region = 1;
        } else if (!strcmp(argv[i], "--corrupt-header")) {
            o->corrupt_header = 1;
        } else {
            return -1;
        }
    }
    return 0;
}

static struct image_region_in *add_region(struct test_image *t, uint64_t pa, const void *data,
                                          uint64_t file, uint64_t mem, uint32_t kind)
{
    struct image_region_in *r = &t->r[t->n++];
    *r = (struct image_region_in){pa, data, file, mem, kind, NULL};
    return r;
}

/* Every PT_LOAD of the test kernel becomes a kernel region at its paddr. */
static int add_kernel(struct test_image *t, const char *path)
{
    size_t size;
    t->kernel_file = read_file(path, &size);
    Elf *e = t->kernel_file ? elf_memory((char *)t->kernel_file, size) : NULL;
    GElf_Ehdr eh;
    size_t phnum;
    if (!e || !gelf_getehdr(e, &eh) || elf_getphdrnum(e, &phnum)) {
        fprintf(stderr, "mkimage_test: cannot read kernel ELF '%s'\n", path);
        return -1;
    }
    t->p.kernel_entry = eh.e_entry;
    for (size_t i = 0; i < phnum && t->n < MAX_REGIONS - 3; i++) {
        GElf_Phdr ph;
        if (gelf_getphdr(e, (int)i, &ph) && ph.p_type == PT_LOAD) {
            if (!t->p.kernel_vsize) {
                t->p.kernel_vbase = align_down(ph.p_vaddr, 0x200000);
                t->p.kernel_pbase = align_down(ph.p_paddr, 0x200000);
                t->p.kernel_vsize = WINDOW_SIZE;
            }
            add_region(t, ph.p_paddr, t->kernel_file + ph.p_offset, ph.p_filesz, ph.p_memsz,
                       SDK_REGION_KERNEL);
        }
    }
    elf_end(e);
    return 0;
}

static void add_check(struct test_manifest *m, const struct image_region_in *r, const void *data)
{
    struct test_check *c = &m->checks[m->num_checks++];
    *c = (struct test_check){r->load_addr, r->file_size, r->mem_size,
                             (uint32_t)crc32_z(0, data, r->file_size), r->kind};
}

static void add_payloads(struct test_image *t, const struct options *o)
{
    uint32_t x = 0x12345678; /* xorshift: the same bytes every run */
    for (size_t i = 0; i < sizeof(t->monitor); i++) {
        x ^= x << 13, x ^= x >> 17, x ^= x << 5;
        t->monitor[i] = (uint8_t)x;
    }
    memcpy(t->dtb, "\xd0\x0d\xfe\xed fake device tree for the boot-protocol test", 48);
    struct test_manifest *m = &t->m;
    add_check(
        m, add_region(t, MONITOR_PADDR, t->monitor, MONITOR_FILE, MONITOR_MEM, SDK_REGION_MONITOR),
        t->monitor);
    if (!o->no_dtb) {
        add_check(m, add_region(t, DTB_PADDR, t->dtb, DTB_SIZE, DTB_SIZE, SDK_REGION_DTB), t->dtb);
        t->p.dtb_paddr = DTB_PADDR;
        t->p.dtb_size = DTB_SIZE;
    }

    struct image_params *p = &t->p;
    p->flags = SDK_IMAGE_FLAG_PRINT | (o->el1 ? 0 : SDK_IMAGE_FLAG_HYP);
    p->ui_p_reg_start = MONITOR_PADDR;
    p->ui_p_reg_end = MONITOR_PADDR + MONITOR_MEM;
    p->pv_offset = MONITOR_PADDR - MONITOR_VADDR;
    p->v_entry = MONITOR_VADDR + 0x40;
    p->uart_base = UART_BASE;

    m->magic = TEST_MANIFEST_MAGIC;
    m->expected_el = o->el1 ? 1 : 2;
    uint64_t args[6] = {p->ui_p_reg_start, p->ui_p_reg_end, p->pv_offset,
                        p->v_entry,        p->dtb_paddr,    p->dtb_size};
    memcpy(m->args, args, sizeof(args));
    m->kernel_vbase = p->kernel_vbase;
    m->kernel_pbase = p->kernel_pbase;
    m->kernel_vsize = p->kernel_vsize;
    m->tcr_el2 = TCR_EL2_SEL4;
    m->power_off = !o->el3;
    add_region(t, TEST_MANIFEST_PADDR, m, sizeof(*m), sizeof(*m), SDK_REGION_TEST);
}

/* Flip one byte: in the monitor's payload, or in the header's ui_p_reg_start. */
static void corrupt(uint8_t *img, size_t size, const struct options *o)
{
    struct image_view v;
    struct diag d;
    diag_init(&d, stderr);
    if (image_parse(o->out, img, size, IMAGE_FIND_HEADER, &v, &d)) {
        exit(1);
    }
    uint8_t *hdr = img + v.header_offset;
    for (uint32_t i = 0; o->corrupt_region && i < v.header.num_regions; i++) {
        if (v.regions[i].kind == SDK_REGION_MONITOR) {
            hdr[v.regions[i].payload_offset + v.regions[i].file_size / 2] ^= 0x01;
        }
    }
    if (o->corrupt_header) {
        hdr[offsetof(struct sdk_image_header, ui_p_reg_start)] ^= 0x01;
    }
    image_view_free(&v);
    diag_free(&d);
}

int main(int argc, char **argv)
{
    struct options o = {0};
    if (parse_options(argc, argv, &o)) {
        return usage();
    }
    elf_version(EV_CURRENT);
    static struct test_image t;
    if (add_kernel(&t, o.kernel)) {
        return 1;
    }
    add_payloads(&t, &o);
    struct diag d;
    diag_init(&d, stderr);
    uint8_t *img;
    size_t size;
    if (image_build(o.loader, &t.p, t.r, t.n, &d, &img, &size)) {
        return 1;
    }
    corrupt(img, size, &o);
    if (o.elf) {
        struct image_loader l;
        uint8_t *raw = img;
        if (image_loader_read(o.loader, &l, &d)) {
            return 1;
        }
        image_wrap_elf(raw, size, l.link_address, &img, &size);
        image_loader_free(&l);
        free(raw);
    }
    if (write_file_atomic(o.out, img, size, 0644)) {
        perror(o.out);
        return 1;
    }
    free(img);
    free(t.kernel_file);
    diag_free(&d);
    return 0;
}
