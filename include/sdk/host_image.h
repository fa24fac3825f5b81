/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The host image: what `microkit SYSTEM --board host -o IMAGE` writes and
 * `microkit run IMAGE` runs on the host simulator. One file holding the
 * checked system description and every file the run needs (the PDs' host
 * ELFs, prefill files). Every field is fixed width and little-endian.
 *
 *     offset 0        struct sdk_host_image_header (128 bytes)
 *     offset 128      struct sdk_host_image_entry[num_entries] (96 bytes each)
 *     ...             payloads, each starting at a multiple of 8 from the
 *                     start of the file, zero padding in between
 *
 * image_size is the size of the whole file. The header CRC covers the header
 * (header_crc32 taken as 0) followed by the entry table; each entry's CRC
 * covers its payload, and data_crc32 every byte after the entry table, so
 * that no byte of the file goes unchecked. CRC32 is zlib's crc32(). An image
 * is run only by the
 * SDK version that wrote it (sdk_version), since its programs are linked
 * against that SDK's host libmicrokit. See docs/image-format.md.
 */
#ifndef SDK_HOST_IMAGE_H
#define SDK_HOST_IMAGE_H

#include <stdint.h>

/* The file starts with the ASCII bytes "MKHOSTIM". */
#define SDK_HOST_IMAGE_MAGIC   0x4d4954534f484b4dull
#define SDK_HOST_IMAGE_VERSION 1
#define SDK_HOST_IMAGE_ALIGN   8

/* sdk_host_image_entry.kind */
#define SDK_HOST_ENTRY_SYSTEM  1 /* the system description (exactly one) */
#define SDK_HOST_ENTRY_PROGRAM 2 /* the program image of PD `index` */
#define SDK_HOST_ENTRY_PREFILL 3 /* the prefill file of memory region `index` */
#define SDK_HOST_ENTRY_SYMBOLS 4 /* PD `index`'s path_for_symbols ELF (Microkit 2.3) */

#define SDK_HOST_IMAGE_HEADER_SIZE 128
#define SDK_HOST_IMAGE_ENTRY_SIZE  96
#define SDK_HOST_IMAGE_NAME_SIZE   64

struct sdk_host_image_header {
    uint64_t magic;        /* SDK_HOST_IMAGE_MAGIC */
    uint32_t version;      /* SDK_HOST_IMAGE_VERSION */
    uint32_t header_crc32; /* CRC32 of header (this field as 0) + entry table */
    uint64_t image_size;   /* bytes in the file */
    uint32_t num_entries;  /* entries in the table */
    uint32_t flags;        /* zero */
    char sdk_version[32];  /* version of the SDK that wrote it, NUL padded */
    char config[16];       /* the --config given ("debug", ...), or empty */
    uint32_t data_crc32;   /* CRC32 of every byte after the entry table (padding too) */
    uint8_t reserved[44];  /* zero */
};

struct sdk_host_image_entry {
    uint64_t offset; /* of the payload, from the start of the file; multiple of 8 */
    uint64_t size;   /* payload bytes */
    uint32_t crc32;  /* CRC32 of the payload */
    uint32_t kind;   /* SDK_HOST_ENTRY_* */
    uint32_t index;  /* PD (programs) or memory region (prefill) index in SDF order; 0 */
    uint32_t reserved;
    char name[SDK_HOST_IMAGE_NAME_SIZE]; /* base name of the file (no '/'), NUL padded */
};

_Static_assert(sizeof(struct sdk_host_image_header) == SDK_HOST_IMAGE_HEADER_SIZE,
               "host image header size");
_Static_assert(sizeof(struct sdk_host_image_entry) == SDK_HOST_IMAGE_ENTRY_SIZE,
               "host image entry size");

#endif /* SDK_HOST_IMAGE_H */
