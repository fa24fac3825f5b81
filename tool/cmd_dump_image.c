/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * microkit dump-image IMAGE [--loader-elf ELF | --link-address ADDR]
 *
 * IMAGE may be the raw image or one wrapped as an ELF file or a uImage.
 * Prints the header and every region of a loader image in a stable text
 * format (golden tests compare it), then reports every problem. Stages:
 *   1. read the image;
 *   2. unwrap: a uImage's header and data CRCs and fields, or an ELF
 *      wrapper's headers, segment and entry point; the container's size
 *      against the file (truncated, trailing bytes);
 *   3. find the header (from the loader ELF, or by scanning 4 KiB
 *      boundaries) and parse it;
 *   4. print;
 *   5. check: the loader's own check (image_check(): header values, region
 *      fields, overlaps with each other and, when the load address is known
 *      from the command line or the container, with the loader, CRCs,
 *      image_size against the file), then bytes after the image.
 * Exit status 1 when anything is wrong.
 */
#include <elf.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "diag.h"
#include "image.h"
#include "num.h"
#include "sdk/crc32.h"
#include "util.h"

struct dump_args {
    const char *image;
    const char *loader_elf;
    uint64_t link_address;
    bool have_link_address;
};

static int dump_usage(const char *why)
{
    fprintf(stderr,
            "microkit: error: %s\n"
            "usage: microkit dump-image IMAGE [--loader-elf ELF | --link-address ADDR]\n",
            why);
    return EXIT_USAGE;
}

static void dump_help(void)
{
    fputs("usage: microkit dump-image IMAGE [--loader-elf ELF | --link-address ADDR]\n"
          "\n"
          "Check a loader image (raw binary, ELF or uImage form) and print its header and\n"
          "regions. --loader-elf or --link-address gives the loader's link address when\n"
          "the image does not record it. See docs/image-format.md.\n"
          "exit status: 0 valid, 1 damaged or not an image, 2 bad command line,\n"
          "3 the file could not be read\n",
          stdout);
}

static int parse_args(int argc, char **argv, struct dump_args *a)
{
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        if (!strcmp(arg, "-h") || !strcmp(arg, "--help")) {
            dump_help();
            return -1; /* done: exit 0 */
        } else if (!strcmp(arg, "--loader-elf") && i + 1 < argc) {
            a->loader_elf = argv[++i];
        } else if (!strcmp(arg, "--link-address") && i + 1 < argc) {
            if (num_parse_u64(argv[++i], &a->link_address) != NUM_OK) {
                return dump_usage("'--link-address' needs a number such as 0x70000000");
            }
            a->have_link_address = true;
        } else if (arg[0] == '-' || a->image) {
            return dump_usage("unexpected argument");
        } else {
            a->image = arg;
        }
    }
    if (!a->image) {
        return dump_usage("no image given");
    }
    if (a->loader_elf && a->have_link_address) {
        return dump_usage("give '--loader-elf' or '--link-address', not both");
    }
    return 0;
}

static void print_flags(uint32_t flags)
{
    printf("  flags           0x%x", flags);
    if (flags & SDK_IMAGE_FLAG_HYP) {
        printf(" hyp");
    }
    if (flags & SDK_IMAGE_FLAG_PRINT) {
        printf(" print");
    }
    printf("\n");
}

#define FIELD(name, value) printf("  %-15s 0x%llx\n", name, (unsigned long long)(value))

static void print_header(const struct image_view *v, const struct dump_args *a)
{
    const struct sdk_image_header *h = &v->header;
    if (a->have_link_address) {
        printf("loader at 0x%llx, header at 0x%llx\n", (unsigned long long)a->link_address,
               (unsigned long long)(a->link_address + v->header_offset));
    }
    printf("header at offset 0x%llx\n", (unsigned long long)v->header_offset);
    FIELD("magic", h->magic);
    printf("  %-15s %u\n", "version", h->version);
    printf("  %-15s 0x%08x %s\n", "header_crc32", h->header_crc32,
           v->header_crc_ok ? "crc ok" : "CRC MISMATCH");
    FIELD("image_size", h->image_size);
    print_flags(h->flags);
    printf("  %-15s %u\n", "num_regions", h->num_regions);
    FIELD("kernel_entry", h->kernel_entry);
    FIELD("kernel_vbase", h->kernel_vbase);
    FIELD("kernel_pbase", h->kernel_pbase);
    FIELD("kernel_vsize", h->kernel_vsize);
    FIELD("ui_p_reg_start", h->ui_p_reg_start);
    FIELD("ui_p_reg_end", h->ui_p_reg_end);
    FIELD("pv_offset", h->pv_offset);
    FIELD("v_entry", h->v_entry);
    FIELD("dtb_paddr", h->dtb_paddr);
    FIELD("dtb_size", h->dtb_size);
    FIELD("uart_base", h->uart_base);
}

static void print_regions(const struct image_view *v)
{
    for (uint32_t i = 0; i < v->header.num_regions; i++) {
        const struct sdk_image_region *r = &v->regions[i];
        printf("region %u: %-7s load 0x%llx..0x%llx file_size 0x%llx mem_size 0x%llx "
               "offset 0x%llx crc32 0x%08x %s\n",
               i, sdk_image_region_kind_name(r->kind), (unsigned long long)r->load_addr,
               (unsigned long long)(r->load_addr + r->mem_size), (unsigned long long)r->file_size,
               (unsigned long long)r->mem_size, (unsigned long long)r->payload_offset, r->crc32,
               v->region_ok[i] ? "crc ok" : "CRC MISMATCH");
    }
}

/* Where the header is: from the loader ELF when given, else found by scanning. */
static int header_offset(const struct dump_args *a, struct dump_args *out, uint64_t *off,
                         struct diag *d)
{
    *off = IMAGE_FIND_HEADER;
    if (!a->loader_elf) {
        return 0;
    }
    struct image_loader l;
    if (image_loader_read(a->loader_elf, &l, d)) {
        return -1;
    }
    *off = l.header_offset;
    out->link_address = l.link_address;
    out->have_link_address = true;
    image_loader_free(&l);
    return 0;
}

/* The raw image inside the file, and where its container has it loaded. */
struct raw_image {
    const uint8_t *bytes;
    size_t size;
    uint64_t address; /* IMAGE_NO_ADDRESS for a raw file */
    const char *form; /* "uImage", "ELF": for messages */
};

#define UIMAGE_HEADER      64u
#define UIMAGE_OS_LINUX    5
#define UIMAGE_ARCH_ARM64  22
#define UIMAGE_ARCH_RISCV  26
#define UIMAGE_TYPE_KERNEL 2
#define UIMAGE_COMP_NONE   0
#define FIRST_BYTE_HINT    "the firmware must enter the loader at its first byte"

static uint32_t be32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static bool is_uimage(const uint8_t *f, size_t size)
{
    return size >= UIMAGE_HEADER && be32(f) == 0x27051956u;
}

/* The container holds `held` bytes of raw image where the file has `avail`. */
static size_t container_size(const char *name, const struct raw_image *raw, uint64_t held,
                             uint64_t avail, struct diag *d)
{
    if (held > avail) {
        diag_error(d, NULL, "image-truncated", "copy the whole image again",
                   "'%s': the %s holds 0x%llx bytes of image, the file only 0x%llx", name,
                   raw->form, (unsigned long long)held, (unsigned long long)avail);
        return (size_t)avail;
    }
    if (held < avail) {
        diag_error(d, NULL, "image-trailing", NULL, "'%s': 0x%llx bytes after the %s's data", name,
                   (unsigned long long)(avail - held), raw->form);
    }
    return (size_t)held;
}

/* Header fields whose values the tool writes and U-Boot's bootm acts on. */
static void check_uimage_fields(const char *name, const uint8_t *f, struct diag *d)
{
    bool arch_ok = f[29] == UIMAGE_ARCH_ARM64 || f[29] == UIMAGE_ARCH_RISCV;
    if (f[28] != UIMAGE_OS_LINUX || !arch_ok || f[30] != UIMAGE_TYPE_KERNEL ||
        f[31] != UIMAGE_COMP_NONE) {
        diag_error(d, NULL, "image-wrapper",
                   "U-Boot's bootm would not start it as the tool wrote it",
                   "'%s': the uImage is not an uncompressed AArch64 Linux kernel image "
                   "(nor a RISC-V one) (os %u, architecture %u, type %u, compression %u)",
                   name, f[28], f[29], f[30], f[31]);
    }
    if (be32(f + 16) != be32(f + 20)) {
        diag_error(d, NULL, "image-wrapper", FIRST_BYTE_HINT,
                   "'%s': uImage entry point 0x%x is not its load address 0x%x", name, be32(f + 20),
                   be32(f + 16));
    }
}

/* A U-Boot legacy uImage: 64-byte big-endian header, both CRCs, then the raw image. */
static void unwrap_uimage(const char *name, const uint8_t *f, size_t size, struct raw_image *raw,
                          struct diag *d)
{
    uint8_t hdr[UIMAGE_HEADER];
    memcpy(hdr, f, sizeof(hdr));
    memset(hdr + 4, 0, 4); /* the header CRC counts its own field as 0 */
    uint32_t crc = sdk_crc32(0, hdr, sizeof(hdr));
    if (crc != be32(f + 4)) {
        diag_error(d, NULL, "image-crc", "the image is damaged; rebuild it",
                   "'%s': uImage header CRC mismatch: stored 0x%x, computed 0x%x", name,
                   be32(f + 4), crc);
    }
    check_uimage_fields(name, f, d);
    raw->form = "uImage";
    raw->bytes = f + UIMAGE_HEADER;
    raw->address = be32(f + 16);
    raw->size = container_size(name, raw, be32(f + 12), size - UIMAGE_HEADER, d);
    crc = sdk_crc32(0, raw->bytes, raw->size);
    if (raw->size == be32(f + 12) && crc != be32(f + 24)) {
        diag_error(d, NULL, "image-crc", "the image is damaged; rebuild it",
                   "'%s': uImage data CRC mismatch: stored 0x%x, computed 0x%x", name, be32(f + 24),
                   crc);
    }
    printf("uImage: raw image at offset 0x%x, load address 0x%llx\n", UIMAGE_HEADER,
           (unsigned long long)raw->address);
}

static int elf_error(struct diag *d, const char *name, const char *hint, const char *what)
{
    diag_error(d, NULL, "image-wrapper", hint, "'%s': %s", name, what);
    return -1;
}

/* The ELF file header the tool writes: 64-bit, little-endian, an AArch64 executable. */
static int check_elf_header(const char *name, const Elf64_Ehdr *eh, size_t size, struct diag *d)
{
    const unsigned char *id = eh->e_ident;
    if (id[EI_CLASS] != ELFCLASS64 || id[EI_DATA] != ELFDATA2LSB || id[EI_VERSION] != EV_CURRENT ||
        eh->e_version != EV_CURRENT) {
        return elf_error(d, name, NULL, "not a 64-bit little-endian ELF file of version 1");
    }
    if (eh->e_type != ET_EXEC || (eh->e_machine != EM_AARCH64 && eh->e_machine != EM_RISCV)) {
        return elf_error(d, name, NULL,
                         "the ELF file is not an AArch64 executable (nor a RISC-V one)");
    }
    if (eh->e_phentsize != sizeof(Elf64_Phdr) || eh->e_phoff > size ||
        eh->e_phnum > (size - eh->e_phoff) / sizeof(Elf64_Phdr)) {
        return elf_error(d, name, NULL, "the ELF program headers are not inside the file");
    }
    return 0;
}

/* The one PT_LOAD, or -1 (reported). */
static int elf_segment(const char *name, const uint8_t *f, const Elf64_Ehdr *eh, Elf64_Phdr *out,
                       struct diag *d)
{
    int loads = 0;
    for (unsigned i = 0; i < eh->e_phnum; i++) {
        Elf64_Phdr ph;
        memcpy(&ph, f + eh->e_phoff + i * sizeof(ph), sizeof(ph));
        if (ph.p_type == PT_LOAD) {
            *out = ph;
            loads++;
        }
    }
    if (loads != 1) {
        return elf_error(d, name, "the tool writes one segment holding the raw image",
                         "the ELF file does not have exactly one loadable segment");
    }
    if (out->p_offset > UINT64_MAX - out->p_filesz || out->p_filesz > out->p_memsz) {
        return elf_error(d, name, NULL, "the ELF segment's sizes are inconsistent");
    }
    return 0;
}

/* An ELF wrapper (--image-type elf): one PT_LOAD at the link address, entered at its start. */
static int unwrap_elf(const char *name, const uint8_t *f, size_t size, struct raw_image *raw,
                      struct diag *d)
{
    Elf64_Ehdr eh;
    Elf64_Phdr ph;
    if (size < sizeof(eh)) {
        return elf_error(d, name, NULL, "the ELF header runs past the end of the file");
    }
    memcpy(&eh, f, sizeof(eh));
    if (check_elf_header(name, &eh, size, d) || elf_segment(name, f, &eh, &ph, d)) {
        return -1;
    }
    if (ph.p_vaddr != ph.p_paddr || eh.e_entry != ph.p_paddr) {
        diag_error(d, NULL, "image-wrapper", FIRST_BYTE_HINT,
                   "'%s': ELF entry point 0x%llx is not the start of its segment (virtual 0x%llx, "
                   "physical 0x%llx)",
                   name, (unsigned long long)eh.e_entry, (unsigned long long)ph.p_vaddr,
                   (unsigned long long)ph.p_paddr);
    }
    raw->form = "ELF segment";
    raw->bytes = f + (ph.p_offset < size ? ph.p_offset : size);
    raw->address = ph.p_paddr;
    raw->size = container_size(name, raw, ph.p_filesz, size - (raw->bytes - f), d);
    printf("ELF: raw image at offset 0x%llx, entry 0x%llx\n", (unsigned long long)ph.p_offset,
           (unsigned long long)eh.e_entry);
    return 0;
}

/* The raw image in a uImage, an ELF file (by their magic numbers), or the file itself. */
static int unwrap(const char *name, const uint8_t *f, size_t size, struct raw_image *raw,
                  struct diag *d)
{
    *raw = (struct raw_image){f, size, IMAGE_NO_ADDRESS, "file"};
    if (is_uimage(f, size)) {
        unwrap_uimage(name, f, size, raw, d);
    } else if (size >= SELFMAG && !memcmp(f, ELFMAG, SELFMAG)) {
        return unwrap_elf(name, f, size, raw, d);
    }
    return 0;
}

/* Where the image's first byte is loaded: the command line's, checked against the container's. */
static uint64_t load_address(const struct dump_args *a, const struct raw_image *raw, struct diag *d)
{
    if (!a->have_link_address) {
        return raw->address;
    }
    if (raw->address != IMAGE_NO_ADDRESS && raw->address != a->link_address) {
        diag_error(d, NULL, "image-wrapper", "the loader only runs at its link address",
                   "'%s': the %s loads the image at 0x%llx, not at the loader's link address "
                   "0x%llx",
                   a->image, raw->form, (unsigned long long)raw->address,
                   (unsigned long long)a->link_address);
    }
    return a->link_address;
}

/* Bytes after image_size are not the tool's: a concatenation or a bad copy. */
static void check_trailing(const char *name, const struct raw_image *raw,
                           const struct image_view *v, struct diag *d)
{
    uint64_t end = v->header_offset + v->header.image_size;
    if (v->header.image_size <= raw->size - v->header_offset && raw->size > end) {
        diag_error(d, NULL, "image-trailing", NULL,
                   "'%s': 0x%llx bytes after the end of the image (image_size 0x%llx)", name,
                   (unsigned long long)(raw->size - end), (unsigned long long)v->header.image_size);
    }
}

static int dump(struct dump_args *a, const uint8_t *file, size_t size, struct diag *d)
{
    struct raw_image raw;
    uint64_t off;
    struct image_view v;
    if (unwrap(a->image, file, size, &raw, d) || header_offset(a, a, &off, d) ||
        image_parse(a->image, raw.bytes, raw.size, off, &v, d)) {
        return EXIT_INVALID;
    }
    print_header(&v, a);
    print_regions(&v);
    uint64_t address = load_address(a, &raw, d);
    image_check(a->image, raw.bytes, raw.size, &v, address, d);
    check_trailing(a->image, &raw, &v, d);
    image_view_free(&v);
    return diag_errors(d) ? EXIT_INVALID : EXIT_OK;
}

int cmd_dump_image(int argc, char **argv)
{
    struct dump_args a = {0};
    int rc = parse_args(argc, argv, &a);
    if (rc) {
        return rc < 0 ? EXIT_OK : rc;
    }
    size_t size;
    struct file_error e;
    uint8_t *img = read_input(a.image, INPUT_IMAGE, &size, &e);
    if (!img) {
        fprintf(stderr, "microkit: error: cannot read '%s': %s\n", a.image, e.text);
        return EXIT_IO;
    }
    struct diag d;
    diag_init(&d, stderr);
    rc = dump(&a, img, size, &d);
    diag_free(&d);
    free(img);
    return rc;
}
