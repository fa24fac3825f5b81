/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The system model: what the SDF describes, as the parse stage builds it and
 * every later stage reads it. Every object remembers where in the SDF it came
 * from, so any stage can point at the element that caused a problem.
 *
 * Cross references are indexes into the system's arrays, filled in by the
 * check stage (checks_run); -1 means "not resolved" (the check stage reports
 * why).
 */
#ifndef TOOL_MODEL_H
#define TOOL_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sdk/limits.h"

struct srcpos {
    const char *file; /* the SDF path as given on the command line */
    int line;         /* 1-based */
    int col;          /* 1-based; 0 when unknown */
};

/* A growable array: `items` holds `count` elements, room for `cap`. */
#define VEC(type)                                                                                  \
    struct {                                                                                       \
        type *items;                                                                               \
        size_t count;                                                                              \
        size_t cap;                                                                                \
    }

enum perm { PERM_R = 1, PERM_W = 2, PERM_X = 4 };

enum setvar_kind {
    SETVAR_VADDR,        /* map setvar_vaddr: the map's virtual address */
    SETVAR_SIZE,         /* map setvar_size: the region's size */
    SETVAR_REGION_PADDR, /* setvar region_paddr: the region's physical address */
    SETVAR_ID,           /* setvar_id (Microkit 2.3) on a channel end, irq, child PD or vcpu */
    SETVAR_PREFILL_SIZE  /* map setvar_prefill_size (Microkit 2.3): the prefill file's size */
};

struct setvar {
    struct srcpos pos;
    char *symbol;
    enum setvar_kind kind;
    char *mr_name; /* the region named by the map or by region_paddr */
    int mr;        /* index into system.mrs, or -1 */
    int map;       /* for SETVAR_VADDR/SIZE/PREFILL_SIZE: index into the owner's maps, else -1 */
    uint64_t id;   /* for SETVAR_ID: the value written */
};

struct map {
    struct srcpos pos;
    char *mr_name;
    int mr; /* index into system.mrs, or -1 */
    uint64_t vaddr;
    unsigned perms; /* enum perm bits */
    bool cached;
};

enum irq_trigger { IRQ_LEVEL = 0, IRQ_EDGE = 1 };

struct irq {
    struct srcpos pos;
    uint64_t irq;
    int64_t id;
    enum irq_trigger trigger;
};

struct vcpu {
    struct srcpos pos;
    int64_t id;
    uint64_t cpu; /* cpu (Microkit 2.3): the core it runs on; the PD's when not given */
    bool cpu_given;
};

struct vm {
    struct srcpos pos;
    char *name;
    uint64_t priority;
    uint64_t budget; /* microseconds */
    uint64_t period; /* microseconds */
    VEC(struct vcpu) vcpus;
    VEC(struct map) maps;
};

/* <cspace> (Microkit 2.3): a cap to another PD's object in this PD's CSpace root. */
enum cap_share_kind { CAP_SHARE_TCB, CAP_SHARE_SC, CAP_SHARE_VSPACE };

struct cap_share {
    struct srcpos pos;
    enum cap_share_kind kind;
    uint64_t slot; /* slot of the CSpace root (microkit_cspace_root_slot_to_cptr) */
    char *pd_name; /* the PD whose object it is */
    int pd;        /* index into system.pds, once checks_cspace resolved it; -1 otherwise */
};

struct pd {
    struct srcpos pos;
    char *name;
    uint64_t priority;
    uint64_t budget; /* microseconds */
    uint64_t period; /* microseconds */
    uint64_t stack_size;
    bool passive;
    bool smc;
    bool no_fpu;          /* fpu="false" (Microkit 2.3; default true): FPU use faults */
    uint64_t cpu;         /* cpu (Microkit 2.3; default 0): the core it runs on (checks_pds.c) */
    char *domain_name;    /* domain (Microkit 2.3) as written, or NULL */
    uint8_t domain_id;    /* its kernel domain id, once checks_domains resolved it; 0 otherwise */
    bool legacy_pp_given; /* Microkit 1.4 pp attribute present (checks_legacy.c) */
    bool legacy_pp;       /* its value: callable from every PD it has a channel with */
    bool has_id;          /* child PDs carry an id */
    int64_t id;
    char *program_image;       /* path as written; NULL when missing */
    struct srcpos program_pos; /* position of the program_image element */
    char *program_symbols;     /* path_for_symbols as written (Microkit 2.3), or NULL */
    VEC(struct map) maps;
    VEC(struct irq) irqs;
    VEC(struct setvar) setvars; /* from setvar elements and map setvar_* attributes */
    struct vm *vm;              /* NULL when the PD has none */
    VEC(struct cap_share) caps; /* <cspace> children, in document order */
    bool has_cspace;            /* a <cspace> element was read */
    int parent;                 /* index into system.pds, -1 for a root PD */
    int depth;                  /* 0 for a root PD */
};

struct mr {
    struct srcpos pos;
    char *name;
    uint64_t size;         /* 0 until sized from the prefill file when not given */
    bool size_given;       /* false: sized from prefill_path (inputs_size_regions) */
    uint64_t prefill_size; /* bytes in the prefill file, once the inputs stage read or sized it */
    uint64_t page_size;    /* bytes; after parse always set (default: smallest) */
    bool page_size_given;
    bool has_phys;
    uint64_t phys_addr;
    char *prefill_path; /* NULL when none */
};

struct channel_end {
    struct srcpos pos;
    char *pd_name;
    int pd; /* index into system.pds, or -1 */
    int64_t id;
    bool pp;
    bool pp_given;  /* the end has a pp attribute */
    bool pp_legacy; /* pp was set by Microkit 1.4 pp="true" on the other end's PD */
    bool notify;
    char *setvar_id; /* symbol patched with `id` in this end's PD (Microkit 2.3), or NULL */
};

struct channel {
    struct srcpos pos;
    struct channel_end end[2];
};

/* <domains> (Microkit 2.3): the kernel domains and their schedule (checks_domains.c). */
struct domain {
    struct srcpos pos;
    char *name;
    bool has_id;
    uint64_t id; /* as written, or assigned (the smallest free id) by the check stage */
};

enum sched_unit { SCHED_US, SCHED_TICKS, SCHED_END };

struct sched_entry {
    struct srcpos pos;
    char *domain_name; /* NULL for an end marker */
    int domain;        /* index into domains.list, once resolved; -1 otherwise */
    enum sched_unit unit;
    uint64_t duration; /* in `unit`; 0 for an end marker */
};

struct domains {
    bool present;      /* a <domains> element was read */
    struct srcpos pos; /* the first <domains> element */
    VEC(struct domain) list;
    bool has_schedule; /* a <domain_schedule> element was read */
    struct srcpos schedule_pos;
    VEC(struct sched_entry) schedule;
    uint64_t start_index; /* default 0 */
    uint64_t index_shift; /* default 0 */
};

struct system {
    const char *file;   /* SDF path as given */
    struct srcpos pos;  /* the <system> element */
    VEC(struct pd) pds; /* flattened in pre-order: a parent precedes its children */
    VEC(struct mr) mrs;
    VEC(struct channel) channels;
    struct domains domains;
    struct system_index *index; /* name lookup tables (model.c); NULL until system_index_build */
};

/* Page sizes of the target (AArch64): 4 KiB and 2 MiB. */
#define PAGE_SIZE_SMALL 0x1000ull
#define PAGE_SIZE_LARGE 0x200000ull

/* Grow `v` by one zeroed element and return a pointer to it; aborts on OOM. */
#define VEC_PUSH(v)                                                                                \
    (vec_grow((void **)&(v).items, &(v).cap, (v).count + 1, sizeof(*(v).items)),                   \
     &(v).items[(v).count++])

void vec_grow(void **items, size_t *cap, size_t need, size_t elem_size);

/* Free everything a system owns (not the struct itself). */
void system_free(struct system *sys);

/*
 * Build (or rebuild) hash tables for system_find_pd/mr, making them O(1).
 * Without a current index they fall back to a linear search. With duplicate
 * names the first in document order wins.
 */
void system_index_build(struct system *sys);

/* Index of the PD / MR called `name`, or -1. */
int system_find_pd(const struct system *sys, const char *name);
int system_find_mr(const struct system *sys, const char *name);

#endif /* TOOL_MODEL_H */
