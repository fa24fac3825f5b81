/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * microkit dump-image IMAGE [--loader-elf ELF | --link-address ADDR]
 *
 * IMAGE may be the raw image or one wrapped as an ELF file or a uImage.
 * Prints the header and every region of a loader image in a stable text
 * format (golden tests compare it). Stages: read the image, find the header
 * (from the loader ELF, or by scanning 4 KiB boundaries), parse, print.
 * Exit status 1 when a CRC does not match or a payload lies outside the file.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "diag.h"
#include "image.h"
#include "num.h"
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

/*
 * A uImage holds the raw image after its 64-byte header; an ELF wrapper holds
 * it at file offset 4 KiB, where the 4 KiB scan finds the header anyway.
 */
static const uint8_t *unwrap(const uint8_t *img, size_t *size)
{
    if (*size >= 64 && img[0] == 0x27 && img[1] == 0x05 && img[2] == 0x19 && img[3] == 0x56) {
        printf("uImage: raw image at offset 0x40\n");
        *size -= 64;
        return img + 64;
    }
    return img;
}

static int dump(struct dump_args *a, const uint8_t *file, size_t size, struct diag *d)
{
    const uint8_t *img = unwrap(file, &size);
    uint64_t off;
    struct image_view v;
    if (header_offset(a, a, &off, d) || image_parse(a->image, img, size, off, &v, d)) {
        return EXIT_INVALID;
    }
    print_header(&v, a);
    print_regions(&v);
    int bad = !v.header_crc_ok;
    for (uint32_t i = 0; i < v.header.num_regions; i++) {
        bad |= !v.region_ok[i];
    }
    if (bad) {
        diag_error(d, NULL, "image-crc", "the image is damaged; rebuild it",
                   "'%s': CRC mismatch in the header or a region", a->image);
    }
    image_view_free(&v);
    return bad ? EXIT_INVALID : EXIT_OK;
}

int cmd_dump_image(int argc, char **argv)
{
    struct dump_args a = {0};
    int rc = parse_args(argc, argv, &a);
    if (rc) {
        return rc < 0 ? EXIT_OK : rc;
    }
    size_t size;
    uint8_t *img = read_file(a.image, &size);
    if (!img) {
        fprintf(stderr, "microkit: error: cannot read '%s': %s\n", a.image, strerror(errno));
        return EXIT_IO;
    }
    struct diag d;
    diag_init(&d, stderr);
    rc = dump(&a, img, size, &d);
    diag_free(&d);
    free(img);
    return rc;
}
