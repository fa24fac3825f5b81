/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Builds the boot-protocol test image with the tool's own image writer:
 * the loader, the test kernel's segments, a fake monitor (pseudo-random
 * bytes, with a zero-filled tail), a fake DTB and the test manifest that
 * tells the test kernel what it must find.
 *
 *   mkimage_test LOADER_ELF KERNEL_ELF OUT [--el1] [--el3] [--no-dtb] [--elf] [--riscv64] [DAMAGE]
 *
 * --el1 builds a non-hypervisor image (the loader must drop to EL1);
 * --el3 tells the test kernel that QEMU starts at EL3 (no PSCI: no power-off);
 * --no-dtb leaves the DTB out (x4 = x5 = 0), as a real seL4 kernel wants it
 * when the fake DTB would only be one more reserved region in its way;
 * --elf writes the image wrapped in an ELF file (QEMU -kernel, U-Boot bootelf).
 * --riscv64 lays the image out for QEMU virt RISC-V (qemu_virt_riscv64's
 * loader, kernel/riscv64's test kernel) and writes a uImage.
 *
 * DAMAGE is done after building, and the loader must refuse the result:
 *   --corrupt-region   flip a byte of the monitor's payload
 *   --corrupt-kernel   flip a byte of the first kernel segment's payload
 *   --corrupt-header   flip a byte of the header (ui_p_reg_start)
 *   --corrupt-table    flip a byte of the region table (the monitor's load address)
 *   --bad-overlap, --bad-loader, --bad-sizes, --bad-kind
 *                      a region table value the loader refuses even with
 *                      every CRC right (they are recomputed): the monitor on
 *                      the first kernel segment; the manifest on the loader
 *                      image; the monitor's memory size below its file size;
 *                      an unknown kind
 *   --truncate-payload, --truncate-table, --truncate-header
 *                      the file cut in the middle of the monitor's payload,
 *                      of the region table, before the header
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
#define LOADER_ADDR   0x70000000ull /* where QEMU's loader device puts the image */

/*
 * Physical addresses of the test image: QEMU virt AArch64's, or with
 * --riscv64 QEMU virt RISC-V's (RAM from 0x80000000, the kernel at
 * 0x80200000 above OpenSBI, the loader at 0x90000000, a 16550A).
 */
static struct {
    uint64_t monitor, dtb, manifest, uart, loader;
} addrs = {MONITOR_PADDR, DTB_PADDR, TEST_MANIFEST_PADDR, UART_BASE, LOADER_ADDR};

#define RISCV64_SHIFT 0x20200000ull /* 0x60000000 + this = 0x80200000 */

struct options {
    const char *loader, *kernel, *out;
    int el1, el3, no_dtb, elf, riscv64;
    const struct damage *damage; /* NULL: none */
};

/* One way of damaging a built image: the bytes, their count, where the header is. */
struct damage {
    const char *option;
    void (*apply)(uint8_t *hdr, const struct image_view *v, size_t *size);
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
          "[--riscv64] "
          "[DAMAGE]\n(DAMAGE: see the comment at the top of mkimage_test.c)\n",
          stderr);
    return 2;
}

static const struct damage *find_damage(const char *option);

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
        } else if (!strcmp(argv[i], "--riscv64")) {
            o->riscv64 = 1;
            o->el1 = 1; /* no hypervisor flag */
            addrs.monitor = MONITOR_PADDR + RISCV64_SHIFT;
            addrs.dtb = DTB_PADDR + RISCV64_SHIFT;
            addrs.manifest = TEST_MANIFEST_PADDR_RISCV64;
            addrs.uart = 0x10000000ull;
            addrs.loader = 0x90000000ull;
        } else if (!strcmp(argv[i], "--el3")) {
            o->el3 = 1;
        } else if (!o->damage && find_damage(argv[i])) {
            o->damage = find_damage(argv[i]);
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
        m, add_region(t, addrs.monitor, t->monitor, MONITOR_FILE, MONITOR_MEM, SDK_REGION_MONITOR),
        t->monitor);
    if (!o->no_dtb) {
        add_check(m, add_region(t, addrs.dtb, t->dtb, DTB_SIZE, DTB_SIZE, SDK_REGION_DTB), t->dtb);
        t->p.dtb_paddr = addrs.dtb;
        t->p.dtb_size = DTB_SIZE;
    }

    struct image_params *p = &t->p;
    p->flags = SDK_IMAGE_FLAG_PRINT | (o->el1 ? 0 : SDK_IMAGE_FLAG_HYP);
    p->ui_p_reg_start = addrs.monitor;
    p->ui_p_reg_end = addrs.monitor + MONITOR_MEM;
    p->pv_offset = addrs.monitor - MONITOR_VADDR;
    p->v_entry = MONITOR_VADDR + 0x40;
    p->uart_base = addrs.uart;

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
    add_region(t, addrs.manifest, m, sizeof(*m), sizeof(*m), SDK_REGION_TEST);
}

/* ---- damage, done to the built image ---- */

static struct sdk_image_region *table(uint8_t *hdr)
{
    return (struct sdk_image_region *)(hdr + SDK_IMAGE_HEADER_SIZE);
}

/* The index of the first region of `kind` (the image always has one). */
static uint32_t first_of(const struct image_view *v, uint32_t kind)
{
    uint32_t i = 0;
    while (i < v->header.num_regions && v->regions[i].kind != kind) {
        i++;
    }
    if (i == v->header.num_regions) {
        fprintf(stderr, "mkimage_test: no region of kind %u\n", kind);
        exit(1);
    }
    return i;
}

/* The header CRC made to match the changed table again. */
static void refix(uint8_t *hdr)
{
    struct sdk_image_header *h = (struct sdk_image_header *)hdr;
    h->header_crc32 = image_header_crc(h, table(hdr));
}

static void flip_payload(uint8_t *hdr, const struct image_view *v, uint32_t kind)
{
    const struct sdk_image_region *r = &v->regions[first_of(v, kind)];
    hdr[r->payload_offset + r->file_size / 2] ^= 0x01;
}

static void corrupt_region(uint8_t *hdr, const struct image_view *v, size_t *size)
{
    flip_payload(hdr, v, SDK_REGION_MONITOR);
}

static void corrupt_kernel(uint8_t *hdr, const struct image_view *v, size_t *size)
{
    flip_payload(hdr, v, SDK_REGION_KERNEL);
}

static void corrupt_header(uint8_t *hdr, const struct image_view *v, size_t *size)
{
    hdr[offsetof(struct sdk_image_header, ui_p_reg_start)] ^= 0x01;
}

static void corrupt_table(uint8_t *hdr, const struct image_view *v, size_t *size)
{
    table(hdr)[first_of(v, SDK_REGION_MONITOR)].load_addr ^= 0x1000;
}

static void bad_overlap(uint8_t *hdr, const struct image_view *v, size_t *size)
{
    struct sdk_image_region *t = table(hdr);
    t[first_of(v, SDK_REGION_MONITOR)].load_addr = t[first_of(v, SDK_REGION_KERNEL)].load_addr;
    refix(hdr);
}

static void bad_loader(uint8_t *hdr, const struct image_view *v, size_t *size)
{
    table(hdr)[first_of(v, SDK_REGION_TEST)].load_addr = addrs.loader;
    refix(hdr);
}

static void bad_sizes(uint8_t *hdr, const struct image_view *v, size_t *size)
{
    table(hdr)[first_of(v, SDK_REGION_MONITOR)].mem_size = MONITOR_FILE - 3;
    refix(hdr);
}

static void bad_kind(uint8_t *hdr, const struct image_view *v, size_t *size)
{
    table(hdr)[first_of(v, SDK_REGION_DTB)].kind = 9;
    refix(hdr);
}

static void truncate_payload(uint8_t *hdr, const struct image_view *v, size_t *size)
{
    const struct sdk_image_region *r = &v->regions[first_of(v, SDK_REGION_MONITOR)];
    *size = v->header_offset + r->payload_offset + r->file_size / 2;
}

static void truncate_table(uint8_t *hdr, const struct image_view *v, size_t *size)
{
    *size = v->header_offset + SDK_IMAGE_HEADER_SIZE + SDK_IMAGE_REGION_SIZE / 2;
}

static void truncate_header(uint8_t *hdr, const struct image_view *v, size_t *size)
{
    *size = v->header_offset;
}

static const struct damage damages[] = {
    {"--corrupt-region", corrupt_region},
    {"--corrupt-kernel", corrupt_kernel},
    {"--corrupt-header", corrupt_header},
    {"--corrupt-table", corrupt_table},
    {"--bad-overlap", bad_overlap},
    {"--bad-loader", bad_loader},
    {"--bad-sizes", bad_sizes},
    {"--bad-kind", bad_kind},
    {"--truncate-payload", truncate_payload},
    {"--truncate-table", truncate_table},
    {"--truncate-header", truncate_header},
};

static const struct damage *find_damage(const char *option)
{
    for (size_t i = 0; i < sizeof(damages) / sizeof(damages[0]); i++) {
        if (!strcmp(option, damages[i].option)) {
            return &damages[i];
        }
    }
    return NULL;
}

static void damage(uint8_t *img, size_t *size, const struct options *o)
{
    struct image_view v;
    struct diag d;
    diag_init(&d, stderr);
    if (image_parse(o->out, img, *size, IMAGE_FIND_HEADER, &v, &d)) {
        exit(1);
    }
    o->damage->apply(img + v.header_offset, &v, size);
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
    if (o.damage) {
        damage(img, &size, &o);
    }
    if (o.riscv64) { /* OpenSBI enters what QEMU's -kernel loads: a uImage */
        uint8_t *raw = img;
        if (image_wrap_uimage_for(raw, size, addrs.loader, EM_RISCV, &d, &img, &size)) {
            return 1;
        }
        free(raw);
    } else if (o.elf) {
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
