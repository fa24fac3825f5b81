/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The one reader of the boot spec (include/sdk/bootspec.h), freestanding
 * (common/bootspec_read.c, no libc), compiled into every program that reads
 * a spec: the monitor on seL4, the simulator, the host tool, the tests and
 * the fuzzers. Whoever executes a spec reads it through this reader, so they
 * all accept and refuse the same blobs.
 *
 * bs_open() checks the blob once, completely, so that an executor can index
 * the tables without further bounds checks:
 *   - the blob is present, 8-byte aligned and at least a header long;
 *   - magic, version, header size equal to `size`, and the CRC-32 of the
 *     whole blob (with bs_header.crc32 taken as 0);
 *   - every table lies inside the blob at an 8-byte aligned offset; strings
 *     and data lie inside it; the string table is non-empty and ends in NUL;
 *   - objects: known type, valid size_bits for the type, name inside the
 *     string table, fixed physical addresses aligned to the object (frames
 *     to their size, everything else to 4 KiB); at least one object;
 *   - caps: the destination is a CNode and the slot lies inside it; the
 *     object exists (BS_CAP_OBJECT) or the cap is the SMC cap;
 *   - maps: kind known, the vspace is a VSpace, the object is a page table
 *     (BS_MAP_PAGE_TABLE) or a frame (BS_MAP_FRAME);
 *   - fills: a 4 KiB or 2 MiB frame, data inside the data area, the write
 *     inside the frame, a known encoding (stored fills as long as raw);
 *   - IRQs: notification and CNode of the right types, slot inside the
 *     CNode, known trigger;
 *   - PDs: every object index of the right type (or BS_NONE where allowed),
 *     parent inside the PD table, symbol range inside the symbol table;
 *     symbol names inside the string table;
 *   - the monitor's fault endpoint and reply object exist with their types;
 *   - the domain schedule: known units, end markers with domain and
 *     duration 0, other entries with a duration; schedule_start BS_NONE
 *     when there are no entries, else the index of an entry with a
 *     duration.
 * It does not check what only the kernel can know (whether the memory
 * exists, whether two objects collide).
 */
#ifndef SDK_BOOTSPEC_READ_H
#define SDK_BOOTSPEC_READ_H

#include <stdint.h>

#include "bootspec.h"

/* A checked spec: the header and every table, in place in the blob. */
struct bs_spec {
    const uint8_t *blob;
    const struct bs_header *hdr;
    const struct bs_object *objects;
    const struct bs_cap *caps;
    const struct bs_map *maps;
    const struct bs_fill *fills;
    const struct bs_irq *irqs;
    const struct bs_pd *pds;
    const struct bs_symbol *symbols;
    const struct bs_sched *schedule;
    const char *strings;
    const uint8_t *data;
};

/*
 * Checks the blob at [blob, blob + size) as listed above and fills *s with
 * pointers into it (nothing is copied: the blob must outlive *s). Returns 0;
 * or -1 with *why set to a static, lowercase description of the first
 * problem found ("crc32 mismatch"), *s then being unusable. *why is left
 * alone on success.
 */
int bs_open(struct bs_spec *s, const void *blob, uint64_t size, const char **why);

/* The NUL-terminated string at byte offset `off` of the string table, or "?" when out of range. */
const char *bs_str(const struct bs_spec *s, uint32_t off);

/* The name of object `index`, or "?" when there is no such object. */
const char *bs_object_name(const struct bs_spec *s, uint32_t index);

#endif /* SDK_BOOTSPEC_READ_H */
