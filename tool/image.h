/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The emit stage's loader image: the loader ELF's single loadable segment,
 * then (at the first 4 KiB boundary after it) the header, the region table
 * and the region payloads, as include/sdk/image.h defines them.
 *
 *     offset 0        loader segment, p_memsz bytes (file bytes, then zeroes)
 *     offset H        struct sdk_image_header (H = align_up(p_memsz, 4 KiB))
 *     H + 128         struct sdk_image_region[n], in the order given
 *     H + 128 + 48n   payloads, in the same order, each starting at a
 *                     multiple of 8 from H (zero padding in between)
 *
 * image_size in the header counts from H to the end of the last payload, so
 * the file is H + image_size bytes. The header CRC covers the header (with
 * header_crc32 taken as 0) followed by the region table; each region's CRC
 * covers its file_size payload bytes. CRCs are zlib's crc32().
 *
 * The same inputs give the same bytes: nothing depends on time, paths or
 * memory addresses, and all padding is zero.
 */
#ifndef TOOL_IMAGE_H
#define TOOL_IMAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "sdk/image.h"

/* What goes into the header besides the region table (see sdk/image.h). */
struct image_params {
    uint32_t flags;        /* SDK_IMAGE_FLAG_HYP | SDK_IMAGE_FLAG_PRINT */
    uint64_t kernel_entry; /* kernel ELF entry (virtual) */
    uint64_t kernel_vbase; /* kernel window, all three 2 MiB aligned */
    uint64_t kernel_pbase;
    uint64_t kernel_vsize;
    uint64_t ui_p_reg_start; /* seL4 boot arguments x0..x5 */
    uint64_t ui_p_reg_end;
    uint64_t pv_offset;
    uint64_t v_entry;
    uint64_t dtb_paddr;
    uint64_t dtb_size;
    uint64_t uart_base; /* 0: the loader's built-in board UART */
};

/* One region to load. `data` holds file_size bytes; the rest up to mem_size is zeroed. */
struct image_region_in {
    uint64_t load_addr;
    const void *data;
    uint64_t file_size;
    uint64_t mem_size;
    uint32_t kind;    /* SDK_REGION_* */
    const char *name; /* for diagnostics, e.g. "kernel segment 0"; may be NULL */
};

/* The loader ELF, as image_build reads it. */
struct image_loader {
    uint64_t link_address;  /* p_vaddr = p_paddr = e_entry */
    uint64_t file_size;     /* p_filesz */
    uint64_t mem_size;      /* p_memsz */
    uint64_t header_offset; /* align_up(mem_size, SDK_IMAGE_HEADER_ALIGN) */
    uint8_t *data;          /* file_size bytes */
};

/*
 * Read the loader ELF: AArch64, 64-bit, exactly one PT_LOAD whose start is
 * the entry point and is 4 KiB aligned, and (when the symbol exists)
 * _image_header where the header will go. Problems name the file.
 * Returns 0, or -1 with everything reported to `d`.
 */
int image_loader_read(const char *path, struct image_loader *l, struct diag *d);
void image_loader_free(struct image_loader *l);

/*
 * Build the image in memory, then run on it the check the loader runs
 * (image_check(), include/sdk/image_check.h), so that no image the loader
 * would refuse is returned: regions that overlap each other or the loader
 * image, mem_size < file_size, more than SDK_IMAGE_MAX_REGIONS regions, a
 * kernel window the loader cannot map, unknown flags or region kinds are
 * all reported (every one) and refused. On success returns 0 and a
 * malloc'ed buffer in *out of *out_size bytes.
 */
int image_build(const char *loader_elf, const struct image_params *p,
                const struct image_region_in *r, size_t n, struct diag *d, uint8_t **out,
                size_t *out_size);

/* The same from a loader already read (tests; several images from one loader). */
int image_build_with(const struct image_loader *l, const struct image_params *p,
                     const struct image_region_in *r, size_t n, struct diag *d, uint8_t **out,
                     size_t *out_size);

/*
 * Other containers for the same raw image, for firmware that wants them. Both
 * are deterministic (no time stamps) and return a malloc'ed buffer.
 *
 * ELF: a 64-bit AArch64 executable with one RWX PT_LOAD holding the raw image
 * at the link address (vaddr = paddr = entry), file offset 4 KiB, no
 * sections. For U-Boot's bootelf and QEMU's -kernel.
 */
void image_wrap_elf(const uint8_t *raw, size_t size, uint64_t link_address, uint8_t **out,
                    size_t *out_size);
/* The same for ELF machine `machine` (EM_AARCH64 or EM_RISCV, the board's). */
void image_wrap_elf_for(const uint8_t *raw, size_t size, uint64_t link_address, unsigned machine,
                        uint8_t **out, size_t *out_size);

/*
 * U-Boot legacy uImage: a 64-byte big-endian header (magic 0x27051956, OS
 * Linux, architecture AArch64, type kernel, no compression, load address =
 * entry point = link address, name "seL4 microkit", time 0, header and data
 * CRC32) followed by the raw image. For bootm. The link address must be below
 * 4 GiB (the header fields are 32 bits); returns -1 with a diagnostic if not.
 */
int image_wrap_uimage(const uint8_t *raw, size_t size, uint64_t link_address, struct diag *d,
                      uint8_t **out, size_t *out_size);
/* The same for ELF machine `machine`: EM_RISCV writes architecture RISC-V (26). */
int image_wrap_uimage_for(const uint8_t *raw, size_t size, uint64_t link_address, unsigned machine,
                          struct diag *d, uint8_t **out, size_t *out_size);

/* A parsed image, for dump-image and tests. */
struct image_view {
    uint64_t header_offset;           /* where the header was found */
    struct sdk_image_header header;   /* copy */
    struct sdk_image_region *regions; /* copy, header.num_regions entries */
    uint32_t header_crc_computed;
    bool header_crc_ok;
    uint32_t *region_crc_computed; /* per region */
    bool *region_ok;               /* payload inside the image and CRC matches */
};

/* Pass as header_offset to image_parse to search every 4 KiB boundary. */
#define IMAGE_FIND_HEADER UINT64_MAX

/*
 * Parse an image (`name` is how diagnostics call it). The header is at `header_offset`, or, with
 * IMAGE_FIND_HEADER, at the first 4 KiB boundary holding the magic and
 * version. Structural problems (no header, table or payload past the end)
 * are reported to `d` and return -1; CRC mismatches are not errors here,
 * they are recorded in the view for the caller to report.
 */
int image_parse(const char *name, const uint8_t *img, size_t size, uint64_t header_offset,
                struct image_view *v, struct diag *d);
void image_view_free(struct image_view *v);

/* Pass as link_address to image_check when the image's load address is unknown. */
#define IMAGE_NO_ADDRESS UINT64_MAX

/*
 * The loader's own check (sdk_image_check(), include/sdk/image_check.h) on
 * an image parsed into `v` from img[0, size): header values, every region's
 * fields, overlaps, CRCs, and image_size against the bytes there are. The
 * overlap with the loader image is checked only when `link_address` (where
 * img[0] is loaded) is known. Each problem is one error under its rule id
 * (image-header, image-truncated, image-crc, image-params, image-region,
 * image-overlap), as "'NAME': message", or the message alone when `name` is
 * NULL. Returns the number of problems.
 */
unsigned image_check(const char *name, const uint8_t *img, size_t size, const struct image_view *v,
                     uint64_t link_address, struct diag *d);

/* CRC of a header (header_crc32 counted as 0) followed by its region table. */
uint32_t image_header_crc(const struct sdk_image_header *h, const struct sdk_image_region *r);

#endif /* TOOL_IMAGE_H */
