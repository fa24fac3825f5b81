/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The spec stage: serialise a layout into the boot spec blob of
 * include/sdk/bootspec.h, which the monitor executes at boot. Frame
 * contents are deflated with zlib per 4 KiB piece (stored raw when deflate
 * does not help); all-zero pieces are skipped since the kernel hands out
 * zeroed frames. Each PD carries its ELF's function symbols, sorted by
 * address, for fault reports. Blobs are read back (tests, fuzzers, the
 * simulator) with bs_open() of include/sdk/bootspec_read.h, the reader the
 * monitor uses.
 */
#ifndef TOOL_SPEC_H
#define TOOL_SPEC_H

#include <stddef.h>
#include <stdint.h>

#include "elfload.h"
#include "layout.h"
#include "sdk/bootspec.h"

struct spec_blob {
    size_t prefix; /* in: bytes to reserve (zeroed) before the blob */
    uint8_t *buf;  /* prefix + size bytes */
    uint8_t *data; /* buf + prefix: the blob */
    size_t size;
    uint64_t raw_fill_bytes; /* frame bytes before compression */
};

/*
 * Build the blob. `pd_elfs` are the (patched) PD ELFs, one per PD;
 * `untyped_bytes_needed` goes into the header. The blob is placed `prefix`
 * bytes into one buffer, so the caller can put the monitor in front of it
 * without copying the blob (out->prefix is kept; set it before the call).
 */
void spec_build(const struct layout *lay, struct elf_file *const *pd_elfs,
                uint64_t untyped_bytes_needed, struct spec_blob *out);
void spec_blob_free(struct spec_blob *b);

#endif /* TOOL_SPEC_H */
