/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The image header and regions (include/sdk/image.h): checked as a whole
 * before anything is copied, so a damaged image never half-boots.
 */
#include "loader.h"
#include "sdk/crc32.h"

/* Offset of header_crc32 inside the header (zeroed for the CRC). */
#define HEADER_CRC_OFFSET 12

const struct sdk_image_region *image_regions(const struct sdk_image_header *h)
{
    return (const struct sdk_image_region *)((const uint8_t *)h + SDK_IMAGE_HEADER_SIZE);
}

/* First byte after the image: the loader must not be overwritten before that. */
uint64_t image_end(const struct sdk_image_header *h)
{
    return (uintptr_t)h + h->image_size;
}

static uint32_t header_crc(const struct sdk_image_header *h)
{
    static const uint8_t zero[4];
    const uint8_t *p = (const uint8_t *)h;
    uint32_t crc = sdk_crc32(0, p, HEADER_CRC_OFFSET);
    crc = sdk_crc32(crc, zero, sizeof(zero));
    crc = sdk_crc32(crc, p + HEADER_CRC_OFFSET + 4, SDK_IMAGE_HEADER_SIZE - HEADER_CRC_OFFSET - 4);
    return sdk_crc32(crc, image_regions(h), (size_t)h->num_regions * SDK_IMAGE_REGION_SIZE);
}

static int check_header(const struct sdk_image_header *h)
{
    if (h->magic != SDK_IMAGE_MAGIC) {
        log_error("no image header at 0x%lx: magic 0x%lx, expected 0x%lx", (uintptr_t)h,
                  (unsigned long)h->magic, (unsigned long)SDK_IMAGE_MAGIC);
        return -1;
    }
    if (h->version != SDK_IMAGE_VERSION) {
        log_error("image version %u, this loader reads version %u", h->version, SDK_IMAGE_VERSION);
        return -1;
    }
    uint64_t table_end = SDK_IMAGE_HEADER_SIZE + (uint64_t)h->num_regions * SDK_IMAGE_REGION_SIZE;
    if (h->num_regions > 0xffff || table_end > h->image_size) {
        log_error("region table (%u regions) does not fit in the image (0x%lx bytes)",
                  h->num_regions, (unsigned long)h->image_size);
        return -1;
    }
    uint32_t crc = header_crc(h);
    if (crc != h->header_crc32) {
        log_error("header CRC mismatch: stored 0x%x, computed 0x%x", h->header_crc32, crc);
        return -1;
    }
    return 0;
}

static int overlaps(uint64_t a, uint64_t a_end, uint64_t b, uint64_t b_end)
{
    return a < b_end && b < a_end;
}

static int check_region(const struct sdk_image_header *h, unsigned i)
{
    const struct sdk_image_region *r = &image_regions(h)[i];
    const char *kind = sdk_image_region_kind_name(r->kind);
    if (r->payload_offset % 8 || r->payload_offset > h->image_size ||
        r->file_size > h->image_size - r->payload_offset || r->file_size > r->mem_size ||
        r->load_addr + r->mem_size < r->load_addr) {
        log_error("region %u (%s): payload or sizes out of range", i, kind);
        return -1;
    }
    if (overlaps(r->load_addr, r->load_addr + r->mem_size, (uintptr_t)_loader_start,
                 image_end(h))) {
        log_error("region %u (%s) at 0x%lx..0x%lx overlaps the loader image 0x%lx..0x%lx", i, kind,
                  (unsigned long)r->load_addr, (unsigned long)(r->load_addr + r->mem_size),
                  (uintptr_t)_loader_start, (unsigned long)image_end(h));
        return -1;
    }
    uint32_t crc = sdk_crc32(0, (const uint8_t *)h + r->payload_offset, r->file_size);
    if (crc != r->crc32) {
        log_error("region %u (%s) CRC mismatch: stored 0x%x, computed 0x%x", i, kind, r->crc32,
                  crc);
        return -1;
    }
    return 0;
}

int image_verify(const struct sdk_image_header *h)
{
    if (check_header(h)) {
        return -1;
    }
    int bad = 0;
    for (unsigned i = 0; i < h->num_regions; i++) {
        if (check_region(h, i)) {
            bad++;
        }
    }
    if (bad) {
        log_error("image refused: %d damaged region(s)", bad);
        return -1;
    }
    return 0;
}

void image_print(const struct sdk_image_header *h)
{
    log_info("image: 0x%lx bytes, %u regions, flags 0x%x", (unsigned long)h->image_size,
             h->num_regions, h->flags);
    log_info("kernel: entry 0x%lx, window 0x%lx..0x%lx -> 0x%lx", (unsigned long)h->kernel_entry,
             (unsigned long)h->kernel_vbase, (unsigned long)(h->kernel_vbase + h->kernel_vsize),
             (unsigned long)h->kernel_pbase);
    log_info("user image: 0x%lx..0x%lx, pv offset 0x%lx, entry 0x%lx",
             (unsigned long)h->ui_p_reg_start, (unsigned long)h->ui_p_reg_end,
             (unsigned long)h->pv_offset, (unsigned long)h->v_entry);
    for (unsigned i = 0; i < h->num_regions; i++) {
        const struct sdk_image_region *r = &image_regions(h)[i];
        log_info("region %u: %s at 0x%lx, file 0x%lx, mem 0x%lx, crc 0x%x", i,
                 sdk_image_region_kind_name(r->kind), (unsigned long)r->load_addr,
                 (unsigned long)r->file_size, (unsigned long)r->mem_size, r->crc32);
    }
}

void image_copy(const struct sdk_image_header *h)
{
    for (unsigned i = 0; i < h->num_regions; i++) {
        const struct sdk_image_region *r = &image_regions(h)[i];
        uint8_t *dst = (uint8_t *)(uintptr_t)r->load_addr;
        log_info("copying region %u to 0x%lx", i, (unsigned long)r->load_addr);
        memcpy(dst, (const uint8_t *)h + r->payload_offset, r->file_size);
        memset(dst + r->file_size, 0, r->mem_size - r->file_size);
    }
}
