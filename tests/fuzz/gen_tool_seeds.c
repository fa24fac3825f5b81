/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Writes the binary seed inputs of the tool's fuzz targets, at build time,
 * so no binary seed is committed:
 *
 *     gen_tool_seeds image DIR    loader images made by image_build_with
 *     gen_tool_seeds json DIR     flat JSON documents like gen_config.json
 *
 * Each seed is small: a fake 256-byte loader, then the header, the region
 * table and a few short payloads; each is also written from the header on
 * (NAME.from-header), as the loader sees its image.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "image.h"

static void write_seed(const char *dir, const char *name, const uint8_t *data, size_t size)
{
    char path[1024];
    snprintf(path, sizeof(path), "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(data, 1, size, f) != size || fclose(f) != 0) {
        fprintf(stderr, "gen_tool_seeds: cannot write '%s'\n", path);
        exit(1);
    }
}

static void image_seed(const char *dir, const char *name, const struct image_region_in *r, size_t n,
                       int damage)
{
    static uint8_t loader_bytes[64] = {0x14, 0x00, 0x00, 0x00};
    struct image_loader l = {0x70000000, sizeof(loader_bytes), 0x100, 0x1000, loader_bytes};
    struct image_params p = {
        .flags = SDK_IMAGE_FLAG_HYP | SDK_IMAGE_FLAG_PRINT,
        .kernel_entry = 0x8060000000ull,
        .kernel_vbase = 0x8060000000ull,
        .kernel_pbase = 0x60000000,
        .kernel_vsize = 0x400000,
        .ui_p_reg_start = 0x60400000,
        .ui_p_reg_end = 0x60500000,
        .pv_offset = 0x60400000 - 0x8a000000ull,
        .v_entry = 0x8a000000,
        .dtb_paddr = n > 2 ? 0x60600000 : 0,
        .dtb_size = n > 2 ? 16 : 0,
        .uart_base = 0x9000000,
    };
    struct diag d;
    uint8_t *img;
    size_t size;
    diag_init(&d, stderr);
    if (image_build_with(&l, &p, r, n, &d, &img, &size) != 0) {
        exit(1);
    }
    if (damage && size > 0) {
        img[size - 1] ^= 0x5a; /* a payload CRC mismatch */
    }
    write_seed(dir, name, img, size);
    /* The same from the header on: what the loader itself sees. */
    char hdr_name[256];
    snprintf(hdr_name, sizeof(hdr_name), "%s.from-header", name);
    write_seed(dir, hdr_name, img + l.header_offset, size - l.header_offset);
    free(img);
    diag_free(&d);
}

static void image_seeds(const char *dir)
{
    static const char kernel[] = "kernel text and data; kernel text and data";
    static const char monitor[] = "monitor code, then the boot spec";
    static const uint8_t dtb[16] = {0xd0, 0x0d, 0xfe, 0xed};
    const struct image_region_in r[] = {
        {0x60000000, kernel, sizeof(kernel), 0x2000, SDK_REGION_KERNEL, "kernel"},
        {0x60400000, monitor, sizeof(monitor), 0x1000, SDK_REGION_MONITOR, "monitor"},
        {0x60600000, dtb, sizeof(dtb), sizeof(dtb), SDK_REGION_DTB, "dtb"},
        {0x60700000, kernel, 7, 0x10, SDK_REGION_TEST, "test"},
    };
    image_seed(dir, "empty.img", r, 0, 0);
    image_seed(dir, "kernel.img", r, 1, 0);
    image_seed(dir, "system.img", r, 3, 0);
    image_seed(dir, "all-kinds.img", r, 4, 0);
    image_seed(dir, "damaged.img", r, 3, 1);
}

static void json_seeds(const char *dir)
{
    static const char *const docs[] = {
        "{\n    \"ARCH\": \"arm\",\n    \"KERNEL_MCS\": true,\n    \"PRINTING\": false,\n"
        "    \"ROOT_CNODE_SIZE_BITS\": \"17\",\n    \"MAX_NUM_NODES\": 1,\n"
        "    \"PADDR_USER_DEVICE_TOP\": \"1099511627776\",\n    \"SOME_NULL\": null\n}\n",
        "{\"nested\": {\"a\": [1, 2, {\"b\": [true, false, null]}], \"c\": \"d\"}, "
        "\"after\": -1.5e+3}",
        "{\"escapes\": \"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u0041\\u00e9\\u20ac\", "
        "\"empty\": \"\"}",
        "{}",
        "{\"repeated\": 1, \"repeated\": 2}",
    };
    for (size_t i = 0; i < sizeof(docs) / sizeof(docs[0]); i++) {
        char name[32];
        snprintf(name, sizeof(name), "doc%zu.json", i);
        write_seed(dir, name, (const uint8_t *)docs[i], strlen(docs[i]));
    }
}

int main(int argc, char **argv)
{
    if (argc == 3 && !strcmp(argv[1], "json")) {
        json_seeds(argv[2]);
        return 0;
    }
    if (argc == 3 && !strcmp(argv[1], "image")) {
        image_seeds(argv[2]);
        return 0;
    }
    fprintf(stderr, "usage: gen_tool_seeds image|json DIR\n");
    return 2;
}
