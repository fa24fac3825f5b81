/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Fuzz target: `microkit dump-image` on arbitrary bytes, and image_parse
 * directly: with the header searched for, and at the offsets a loader ELF
 * would give. A parsed view must be safe to print and consistent: every
 * region marked good has its payload inside the image. The loader's check
 * (image_check) runs on every view, with and without a load address; a view
 * it accepts must agree with the parser's CRCs and have every payload
 * inside the file and every region's file size within its memory size.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <fcntl.h>
#include <unistd.h>

#include "commands.h"
#include "diag.h"
#include "fuzz_util.h"
#include "image.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* What dump-image prints, computed without printing. */
static void use_view(const struct image_view *v, size_t size)
{
    char line[256];
    if (v->header_offset > size || size - v->header_offset < SDK_IMAGE_HEADER_SIZE) {
        abort();
    }
    for (uint32_t i = 0; i < v->header.num_regions; i++) {
        const struct sdk_image_region *r = &v->regions[i];
        snprintf(line, sizeof(line), "%s 0x%llx 0x%llx 0x%llx %u %d",
                 sdk_image_region_kind_name(r->kind), (unsigned long long)r->load_addr,
                 (unsigned long long)(r->load_addr + r->mem_size),
                 (unsigned long long)r->payload_offset, v->region_crc_computed[i], v->region_ok[i]);
        uint64_t avail = size - v->header_offset;
        if (v->region_ok[i] &&
            (r->payload_offset > avail || r->file_size > avail - r->payload_offset)) {
            abort(); /* a good region must lie inside the image */
        }
    }
    if (v->header_crc_ok && image_header_crc(&v->header, v->regions) != v->header.header_crc32) {
        abort();
    }
}

/* The loader's check on a parsed view; what it accepts must be consistent. */
static void check_view(const struct image_view *v, const uint8_t *data, size_t size,
                       uint64_t link_address)
{
    struct diag d;
    diag_init(&d, NULL);
    unsigned problems = image_check("fuzz.img", data, size, v, link_address, &d);
    if (problems != d.errors) {
        abort(); /* every problem is one error */
    }
    for (uint32_t i = 0; !problems && i < v->header.num_regions; i++) {
        const struct sdk_image_region *r = &v->regions[i];
        if (!v->region_ok[i] || r->file_size > r->mem_size ||
            v->header.image_size > size - v->header_offset) {
            abort();
        }
    }
    if (!problems && (!v->header_crc_ok || v->header.num_regions > SDK_IMAGE_MAX_REGIONS)) {
        abort();
    }
    diag_free(&d);
}

static void parse_at(const uint8_t *data, size_t size, uint64_t offset)
{
    struct image_view v;
    struct diag d;
    diag_init(&d, NULL);
    int rc = image_parse("fuzz.img", data, size, offset, &v, &d);
    if ((rc == 0) != (d.errors == 0)) {
        abort();
    }
    if (rc == 0) {
        use_view(&v, size);
        check_view(&v, data, size, IMAGE_NO_ADDRESS);
        check_view(&v, data, size, 0x70000000);
    }
    image_view_free(&v);
    diag_free(&d);
}

/* The whole `microkit dump-image FILE` command, its output thrown away. */
static void dump_image(const uint8_t *data, size_t size)
{
    static int null_fd = -1;
    char *argv[] = {"dump-image", (char *)fuzz_temp_file(data, size, ".img"), NULL};
    if (null_fd < 0) {
        null_fd = open("/dev/null", O_WRONLY);
    }
    fflush(stdout);
    fflush(stderr);
    int out = dup(1), err = dup(2);
    dup2(null_fd, 1);
    dup2(null_fd, 2);
    int rc = cmd_dump_image(2, argv);
    fflush(stdout);
    fflush(stderr);
    dup2(out, 1);
    dup2(err, 2);
    close(out);
    close(err);
    if (rc != EXIT_OK && rc != EXIT_INVALID) {
        abort(); /* the file exists and the command line is right */
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    dump_image(data, size);
    parse_at(data, size, IMAGE_FIND_HEADER);
    parse_at(data, size, 0);
    parse_at(data, size, SDK_IMAGE_HEADER_ALIGN);
    parse_at(data, size, size > 8 ? size - 8 : 0);
    parse_at(data, size, UINT64_MAX - 1);
    return 0;
}
