/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The loader image format, shared by the host tool (which writes it) and the
 * loader (which reads it). Every field is fixed width and little-endian.
 *
 * A raw image is laid out as
 *
 *     offset 0      the loader's single loadable segment (code, data, zeroed
 *                   bss), linked at the board's loader link address; the
 *                   board's firmware enters it at that address
 *     offset H      struct sdk_image_header, where H is the first multiple of
 *                   SDK_IMAGE_HEADER_ALIGN at or after the end of the loader
 *                   segment (the loader finds it at its linker symbol
 *                   _image_header, which its linker script places there)
 *     H + 128       struct sdk_image_region[num_regions]
 *     ...           region payloads; each region's payload_offset counts from
 *                   the start of the header and is a multiple of 8
 *
 * The loader checks the header, every field of the region table and every
 * region's CRC before it copies anything (sdk_image_check(), image_check.h),
 * so a damaged image is refused as a whole. CRC32 is the IEEE 802.3
 * polynomial as computed by zlib's crc32().
 */
#ifndef SDK_IMAGE_H
#define SDK_IMAGE_H

#define SDK_IMAGE_MAGIC        0x5e14dead14de5eadull
#define SDK_IMAGE_VERSION      1
#define SDK_IMAGE_HEADER_ALIGN 0x1000
/*
 * At most this many regions: the loader compares every region with every
 * other before copying, with the MMU off. The tool writes a few (the
 * kernel's segments, the monitor).
 */
#define SDK_IMAGE_MAX_REGIONS 256

/* sdk_image_header.flags */
#define SDK_IMAGE_FLAG_HYP   (1u << 0) /* the kernel runs at EL2: stay there */
#define SDK_IMAGE_FLAG_PRINT (1u << 1) /* the loader may print (debug config) */

/* sdk_image_region.kind */
#define SDK_REGION_KERNEL  1 /* a loadable segment of the seL4 kernel */
#define SDK_REGION_MONITOR 2 /* the root task: the monitor, and the boot spec behind it */
#define SDK_REGION_DTB     3 /* a device tree handed to the kernel */
#define SDK_REGION_TEST    4 /* data only the boot-protocol test kernel reads */

/* Offsets of the header fields, for assembly and for test kernels. */
#define SDK_IMAGE_HEADER_SIZE 128
#define SDK_IMAGE_REGION_SIZE 48

#ifndef __ASSEMBLER__
#include <stdint.h>

struct sdk_image_header {
    uint64_t magic;          /* SDK_IMAGE_MAGIC */
    uint32_t version;        /* SDK_IMAGE_VERSION */
    uint32_t header_crc32;   /* CRC32 of header (this field as 0) + region table */
    uint64_t image_size;     /* bytes from the header to the end of the last payload */
    uint32_t flags;          /* SDK_IMAGE_FLAG_* */
    uint32_t num_regions;    /* entries in the region table */
    uint64_t kernel_entry;   /* virtual address of the kernel's entry point */
    uint64_t kernel_vbase;   /* kernel window: first virtual address (2 MiB aligned) */
    uint64_t kernel_pbase;   /* kernel window: physical address of kernel_vbase */
    uint64_t kernel_vsize;   /* kernel window: bytes to map (multiple of 2 MiB) */
    uint64_t ui_p_reg_start; /* boot argument x0: user image physical start */
    uint64_t ui_p_reg_end;   /* boot argument x1: user image physical end (exclusive) */
    uint64_t pv_offset;      /* boot argument x2: user image paddr - vaddr (wrapping) */
    uint64_t v_entry;        /* boot argument x3: user image virtual entry */
    uint64_t dtb_paddr;      /* boot argument x4: DTB physical address, 0 for none */
    uint64_t dtb_size;       /* boot argument x5: DTB size in bytes, 0 for none */
    uint64_t uart_base; /* physical base of the board's debug UART (data, from the board file) */
    uint64_t reserved;  /* zero */
};

struct sdk_image_region {
    uint64_t load_addr;      /* physical destination */
    uint64_t file_size;      /* payload bytes copied to load_addr */
    uint64_t mem_size;       /* bytes occupied at load_addr; [file_size, mem_size) zeroed */
    uint64_t payload_offset; /* from the start of the header */
    uint32_t crc32;          /* CRC32 of the payload's file_size bytes */
    uint32_t kind;           /* SDK_REGION_* */
    uint64_t reserved;       /* zero */
};

_Static_assert(sizeof(struct sdk_image_header) == SDK_IMAGE_HEADER_SIZE, "image header size");
_Static_assert(sizeof(struct sdk_image_region) == SDK_IMAGE_REGION_SIZE, "image region size");

/* The name of a region kind, for messages: "kernel", "monitor", ... */
static inline const char *sdk_image_region_kind_name(uint32_t kind)
{
    switch (kind) {
    case SDK_REGION_KERNEL:
        return "kernel";
    case SDK_REGION_MONITOR:
        return "monitor";
    case SDK_REGION_DTB:
        return "dtb";
    case SDK_REGION_TEST:
        return "test";
    default:
        return "unknown";
    }
}

#endif /* !__ASSEMBLER__ */
#endif /* SDK_IMAGE_H */
