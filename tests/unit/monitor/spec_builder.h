/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Builds boot specs in memory for the monitor's host tests, laid out as
 * include/sdk/bootspec.h says (tables 8-byte aligned, strings, data) with
 * the CRC32 computed by zlib, independently of the monitor's own CRC.
 */
#ifndef SPEC_BUILDER_H
#define SPEC_BUILDER_H

#include <stddef.h>
#include <stdint.h>

#include <sdk/bootspec.h>

#define SB_MAX 256

struct sb {
    struct bs_object objects[SB_MAX];
    struct bs_cap caps[SB_MAX];
    struct bs_map maps[SB_MAX];
    struct bs_fill fills[SB_MAX];
    struct bs_irq irqs[SB_MAX];
    struct bs_pd pds[SB_MAX];
    struct bs_symbol symbols[SB_MAX];
    struct bs_sched schedule[SB_MAX];
    uint32_t num_objects, num_caps, num_maps, num_fills, num_irqs, num_pds, num_symbols;
    uint32_t num_schedule;
    uint32_t schedule_start; /* BS_NONE (sb_init) until sb_sched_start */
    uint64_t timer_hz;
    char strings[8192];
    uint32_t strings_len;
    uint8_t data[1 << 16];
    uint32_t data_len;
    uint32_t monitor_fault_ep, monitor_reply;
    uint64_t untyped_bytes_needed;
};

void sb_init(struct sb *b);
uint32_t sb_str(struct sb *b, const char *s);
uint32_t sb_object(struct sb *b, unsigned type, unsigned size_bits, uint64_t paddr, unsigned flags,
                   const char *name);
void sb_cap(struct sb *b, uint32_t cnode, uint32_t slot, uint32_t obj, unsigned kind,
            unsigned rights, uint64_t badge);
void sb_map(struct sb *b, uint32_t vspace, uint32_t obj, uint64_t vaddr, unsigned kind,
            unsigned rights, unsigned attrs);
/* deflate != 0: store the data zlib-compressed. */
void sb_fill(struct sb *b, uint32_t frame, uint32_t dest_offset, const void *data, uint32_t len,
             int deflate);
void sb_irq(struct sb *b, uint64_t irq, uint64_t badge, uint32_t ntfn, uint32_t cnode,
            uint32_t slot, uint32_t trigger);
/* Returns the PD's index; name is set from `name`. */
uint32_t sb_pd(struct sb *b, const struct bs_pd *pd, const char *name);
void sb_symbol(struct sb *b, uint64_t addr, uint64_t size, const char *name);
/* A domain schedule entry at kernel index `index` (unit BS_SCHED_*), and the start index. */
void sb_sched(struct sb *b, uint32_t index, uint8_t domain, unsigned unit, uint64_t duration);
void sb_sched_start(struct sb *b, uint32_t index);

/* The finished blob (malloc'd, 8-byte aligned); free() it. */
uint8_t *sb_finish(const struct sb *b, size_t *size);

#endif /* SPEC_BUILDER_H */
