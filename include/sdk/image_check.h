/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The one check of a loader image's header and region table
 * (include/sdk/image.h), freestanding (common/image_check.c: no libc, no
 * allocation, aligned accesses only). Three programs run it, so they accept
 * and refuse the same images:
 *   - the loader, on the header linked behind it, before it copies anything;
 *   - the tool's image writer, on every image it builds (it never writes one
 *     its loader would refuse);
 *   - `microkit dump-image`, on a file.
 *
 * sdk_image_check() reports every problem through a callback, in this order:
 *   1. magic; version; at most SDK_IMAGE_MAX_REGIONS regions; the region
 *      table inside image_size; image_size inside the bytes the caller has
 *      (`avail`: the file, for dump-image) and not wrapping around the
 *      address space. Any of these ends the check: the rest cannot be read.
 *   2. the header CRC;
 *   3. header values: known flags, a non-empty, 2 MiB aligned kernel window
 *      that does not wrap and lies in the 48-bit lower or upper range the
 *      loader's page tables cover (the lower one for a hypervisor kernel),
 *      the reserved field zero;
 *   then each region in turn:
 *   4. a known kind, file_size <= mem_size, load_addr + mem_size not
 *      wrapping, the reserved field zero, payload_offset a multiple of 8 and
 *      the payload inside [end of the table, image_size);
 *   5. no overlap with an earlier region (the first one found is reported,
 *      so the report stays linear in the table) nor with the loader image,
 *      [image address, header address + image_size), when its address is
 *      known; empty regions overlap nothing;
 *   6. its CRC, only when the header CRC matched (a damaged table could
 *      send the reader anywhere) and its payload passed step 4.
 *
 * What it cannot see is left to the caller: the container around a raw
 * image (ELF, uImage), bytes after image_size, whether the memory exists.
 */
#ifndef SDK_IMAGE_CHECK_H
#define SDK_IMAGE_CHECK_H

#include <stddef.h>
#include <stdint.h>

#include "sdk/image.h"

/* No region: the problem is in the header (sdk_image_problem.region, .other). */
#define SDK_IMAGE_NO_REGION 0xffffffffu

/* What is wrong (sdk_image_problem.fault); the comments give the values v[]. */
enum sdk_image_fault {
    SDK_IMAGE_BAD_MAGIC = 1,   /* magic, expected */
    SDK_IMAGE_BAD_VERSION,     /* version, expected */
    SDK_IMAGE_TOO_MANY,        /* num_regions, SDK_IMAGE_MAX_REGIONS */
    SDK_IMAGE_TABLE_OUTSIDE,   /* num_regions, image_size */
    SDK_IMAGE_SIZE_OUTSIDE,    /* image_size, bytes available */
    SDK_IMAGE_SIZE_WRAPS,      /* header address, image_size */
    SDK_IMAGE_HEADER_CRC,      /* stored, computed */
    SDK_IMAGE_FLAGS,           /* the unknown flag bits */
    SDK_IMAGE_WINDOW,          /* kernel_vbase, kernel_pbase, kernel_vsize */
    SDK_IMAGE_WINDOW_HYP,      /* kernel_vbase */
    SDK_IMAGE_RESERVED,        /* the header's reserved field */
    SDK_IMAGE_REGION_KIND,     /* kind */
    SDK_IMAGE_REGION_ALIGN,    /* payload_offset */
    SDK_IMAGE_REGION_PAYLOAD,  /* payload_offset, file_size, table end, image_size */
    SDK_IMAGE_REGION_SIZES,    /* file_size, mem_size */
    SDK_IMAGE_REGION_WRAPS,    /* load_addr, mem_size */
    SDK_IMAGE_REGION_RESERVED, /* the region's reserved field */
    SDK_IMAGE_REGION_OVERLAP,  /* start, end, other's start, other's end */
    SDK_IMAGE_REGION_LOADER,   /* start, end, loader image start, end */
    SDK_IMAGE_REGION_CRC,      /* stored, computed */
};

/* One problem, with what its message prints. */
struct sdk_image_problem {
    enum sdk_image_fault fault;
    uint32_t region;     /* the region concerned, or SDK_IMAGE_NO_REGION */
    uint32_t kind;       /* that region's kind, for its name */
    uint32_t other;      /* the earlier region it overlaps, or SDK_IMAGE_NO_REGION */
    uint32_t other_kind; /* that region's kind */
    uint64_t v[4];       /* the values listed with the fault */
};

typedef void (*sdk_image_report_fn)(void *ctx, const struct sdk_image_problem *p);

/* What to check, and where the bytes are. */
struct sdk_image_input {
    const struct sdk_image_header *header; /* 8-byte aligned */
    /*
     * The region table, header->num_regions entries, 8-byte aligned; read
     * only once step 1 has passed (normally (header + 1), or a copy).
     */
    const struct sdk_image_region *regions;
    const uint8_t *payloads; /* the image's header in memory: payload_offset counts from here */
    uint64_t avail;          /* bytes readable at `payloads` (UINT64_MAX: all image_size) */
    /*
     * Physical addresses of the image's first byte (the loader) and of the
     * header, for step 5 and the wrap check; has_addresses 0 when unknown.
     */
    int has_addresses;
    uint64_t image_addr;
    uint64_t header_addr;
    sdk_image_report_fn report; /* called once per problem */
    void *ctx;
};

/*
 * Checks the image as listed at the top of this file. Returns the number
 * of problems reported: 0 means the image may be copied and booted.
 */
unsigned sdk_image_check(const struct sdk_image_input *in);

/*
 * The message for a problem: lowercase, no full stop, regions named as
 * "region 1 (monitor)", values in hex ("region 1 (monitor) CRC mismatch:
 * stored 0x1, computed 0x2"). Written to buf, `size` bytes at most with the
 * NUL (cut short if need be; SDK_IMAGE_MESSAGE_MAX always suffices).
 * Returns buf.
 */
#define SDK_IMAGE_MESSAGE_MAX 160
char *sdk_image_message(const struct sdk_image_problem *p, char *buf, size_t size);

/*
 * The header CRC: CRC-32 of the header with header_crc32 taken as 0,
 * followed by the region table of header->num_regions entries.
 */
uint32_t sdk_image_header_crc(const struct sdk_image_header *h,
                              const struct sdk_image_region *table);

#endif /* SDK_IMAGE_CHECK_H */
