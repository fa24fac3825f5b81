/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The image header and regions (include/sdk/image.h): checked as a whole,
 * by the SDK's one image check, before anything is copied, so a damaged
 * image never half-boots.
 */
#include "loader.h"
#include "sdk/image_check.h"

const struct sdk_image_region *image_regions(const struct sdk_image_header *h)
{
    return (const struct sdk_image_region *)((const uint8_t *)h + SDK_IMAGE_HEADER_SIZE);
}

/* First byte after the image: the loader must not be overwritten before that. */
uint64_t image_end(const struct sdk_image_header *h)
{
    return (uintptr_t)h + h->image_size;
}

/* Every problem is one LDR|ERROR line, in the words dump-image uses. */
static void print_problem(void *ctx, const struct sdk_image_problem *p)
{
    char msg[SDK_IMAGE_MESSAGE_MAX];
    log_error("%s", sdk_image_message(p, msg, sizeof(msg)));
}

/*
 * The shared check (common/image_check.c). The loader cannot know how many
 * bytes the firmware loaded, so only image_size bounds the payloads; a
 * truncated image fails its CRCs instead.
 */
int image_verify(const struct sdk_image_header *h)
{
    struct sdk_image_input in = {
        .header = h,
        .regions = image_regions(h),
        .payloads = (const uint8_t *)h,
        .avail = UINT64_MAX,
        .has_addresses = 1,
        .image_addr = (uintptr_t)_loader_start,
        .header_addr = (uintptr_t)h,
        .report = print_problem,
    };
    unsigned bad = sdk_image_check(&in);
    if (bad) {
        log_error("image refused: %u problem(s)", bad);
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
