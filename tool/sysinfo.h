/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The system facts: one model of what a system gives each PD, shared by
 * every output that explains a system (the text and JSON reports, the
 * generated headers, the capability audit, the graph and the HTML view).
 *
 * Two levels:
 *   - sysinfo_build() needs only the checked system model (after
 *     checks_run with no errors): per PD its scheduling parameters, maps,
 *     channels with the cap slots the layout gives them (fixed by the SDF:
 *     SDK_CAP_BASE_* + id), IRQs, children, setvars (values that need no
 *     ELF or memory plan) and <cspace> shares. No ELF files are needed.
 *   - sysinfo_add_build() adds what a build knows: every PD's virtual map
 *     with its ELF segments, stack and IPC buffer, physical addresses and
 *     page sizes, the caps the boot spec places (each with the SDF element
 *     that granted it, or none), and the physical memory map.
 *
 * All arrays are owned by the sysinfo; strings are either borrowed from the
 * system model (which must outlive it) or owned, as noted.
 */
#ifndef TOOL_SYSINFO_H
#define TOOL_SYSINFO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "board.h"
#include "kernel.h"
#include "layout.h"
#include "memplan.h"
#include "model.h"
#include "spec.h"

/* What a range of a PD's virtual address space holds. */
enum si_vkind {
    SI_V_SEGMENT, /* pages of the program image (build level only) */
    SI_V_STACK,   /* the stack (build level only; its span is known from the SDF too) */
    SI_V_IPC,     /* the IPC buffer */
    SI_V_MAP,     /* a <map> of a memory region */
    SI_V_VM_MAP,  /* a <map> of the PD's virtual machine (guest physical addresses) */
};

/* One range of a virtual address space, page aligned. */
struct si_vrange {
    enum si_vkind kind;
    uint64_t vaddr, size;
    unsigned perms;           /* PERM_R | PERM_W | PERM_X */
    bool cached;              /* cache attribute */
    uint64_t page_size;       /* bytes of each page (4 KiB or 2 MiB) */
    uint64_t paddr;           /* physical address of the first page; BS_ANY_PADDR if unknown */
    bool contiguous;          /* paddr holds for the whole range */
    uint32_t large_frames;    /* 2 MiB frames inside a region of 4 KiB pages (layout_mixed.c) */
    int mr;                   /* SI_V_MAP, SI_V_VM_MAP: index into sys->mrs; else -1 */
    int map;                  /* index into the PD's (or VM's) maps; else -1 */
    const char *setvar_vaddr; /* map's setvar_vaddr symbol, or NULL (borrowed) */
    const char *setvar_size;  /* map's setvar_size symbol, or NULL (borrowed) */
    const struct srcpos *pos; /* the <map>; the PD's program_image for segments; else the PD */
};

/* One end of a channel, seen from the PD that holds it. */
struct si_channel {
    size_t channel;           /* index into sys->channels */
    int end;                  /* 0 or 1: which end is this PD's */
    uint64_t id;              /* this PD's id for the channel */
    int peer;                 /* index into sys->pds */
    uint64_t peer_id;         /* the peer's id for the channel */
    bool notify;              /* this PD may notify the peer */
    bool pp;                  /* this PD may call the peer (protected procedure) */
    bool peer_notify;         /* the peer may notify this PD */
    bool peer_pp;             /* the peer may call this PD */
    uint32_t notify_slot;     /* slot of the notification cap in this PD's CNode, or BS_NONE */
    uint32_t pp_slot;         /* slot of the endpoint cap, or BS_NONE */
    const char *setvar_id;    /* symbol patched with `id` (Microkit 2.3), or NULL (borrowed) */
    const struct srcpos *pos; /* the <end> */
};

struct si_irq {
    uint64_t irq;
    uint64_t id;
    enum irq_trigger trigger;
    uint32_t slot; /* slot of the IRQ handler cap */
    const struct srcpos *pos;
};

struct si_child {
    int pd;        /* index into sys->pds */
    uint64_t id;   /* the child's id */
    uint32_t slot; /* slot of the child's TCB cap in this PD's CNode */
};

/* A value the tool patches into the PD's program image. */
struct si_setvar {
    const char *symbol; /* borrowed */
    enum setvar_kind kind;
    bool known;     /* value is final (a region_paddr needs the build's plan) */
    uint64_t value; /* when known */
    int mr;         /* the region it names, or -1 */
    const struct srcpos *pos;
};

/* The SDF element that grants a cap. */
enum si_grant {
    SI_GRANT_NONE,      /* nothing in the SDF: the audit's error */
    SI_GRANT_PD,        /* every PD's own: input, VSpace, reply */
    SI_GRANT_PASSIVE,   /* passive="true": the monitor's endpoint */
    SI_GRANT_BENCHMARK, /* the benchmark configuration: its own TCB */
    SI_GRANT_SMC,       /* smc="true" */
    SI_GRANT_CHANNEL,   /* a <channel> end with notify or pp */
    SI_GRANT_IRQ,       /* an <irq> */
    SI_GRANT_CHILD,     /* a child <protection_domain> */
    SI_GRANT_VM,        /* a <virtual_machine> vCPU */
    SI_GRANT_CSPACE,    /* a <cspace> cap (Microkit 2.3) */
    SI_GRANT_CSPACE_PD, /* <cspace>: the PD CNode in slot 0 of the CSpace root */
};

/* A cap a PD holds after boot (build level: read from the boot spec). */
struct si_cap {
    bool root;          /* in the CSpace root of a PD with <cspace>, else in the PD CNode */
    uint32_t slot;      /* slot in that CNode */
    uint32_t obj;       /* object index in the spec, BS_NONE for the SMC cap */
    unsigned type;      /* enum bs_object_type of the object, 0 for the SMC cap */
    const char *object; /* the object's name in the spec ("notification of pd 'x'"); borrowed
                           from the sysinfo's copy of the spec strings */
    unsigned rights;    /* BS_RIGHT_* */
    uint64_t badge;
    enum si_grant grant;
    char *granted_by;         /* "channel 'a' id 1 <-> 'b' id 2", ...; owned; NULL if none */
    const struct srcpos *pos; /* the granting element, or NULL */
};

struct si_pd {
    const struct pd *pd;             /* borrowed */
    size_t index;                    /* into sys->pds */
    VEC(struct si_vrange) vmap;      /* sorted by address; the VM's ranges after the PD's */
    VEC(struct si_channel) channels; /* sorted by id */
    VEC(struct si_irq) irqs;         /* sorted by id */
    VEC(struct si_child) children;   /* in system order */
    VEC(struct si_setvar) setvars;   /* in document order */
    VEC(struct si_cap) caps;         /* build level; PD CNode by slot, then the root's */
};

/* Who owns a range of physical memory. */
enum si_owner {
    SI_OWN_LOADER,     /* the loader, until the kernel starts */
    SI_OWN_KERNEL,     /* the kernel image */
    SI_OWN_MONITOR,    /* the monitor and the boot spec (user image) */
    SI_OWN_ROOTSERVER, /* the root task's boot objects, made by the kernel */
    SI_OWN_PD_ELF,     /* a PD's program image frames */
    SI_OWN_PD_STACK,
    SI_OWN_PD_IPC,
    SI_OWN_MR,             /* a memory region's frames */
    SI_OWN_PAGING,         /* VSpaces and page tables */
    SI_OWN_OBJECTS,        /* other kernel objects (TCBs, CNodes, ...); `type` says which */
    SI_OWN_MONITOR_CSPACE, /* the monitor's own CNodes */
    SI_OWN_FREE,           /* RAM left free after boot */
    SI_OWN_COUNT
};

/* One range of the physical memory map. */
struct si_prange {
    uint64_t paddr, size;
    enum si_owner owner;
    int pd;         /* PD index, or -1 */
    int mr;         /* MR index, or -1 */
    unsigned type;  /* enum bs_object_type for SI_OWN_OBJECTS/PAGING, else 0 */
    bool device;    /* device memory (an MR with phys_addr in a device range) */
    uint32_t count; /* objects merged into this range */
};

/*
 * What a build adds (every pointer borrowed for the sysinfo_add_build call).
 * `lay` and `spec` are needed; without `board`, `kernel` or `mp` (tests
 * that build only the spec) there is no physical memory map.
 */
struct si_build_in {
    const struct board *board;
    const struct kernel *kernel;
    const struct layout *lay;
    const struct memplan *mp;
    const struct spec_blob *spec;
    uint64_t loader_link; /* where the loader runs */
    uint64_t loader_size; /* bytes of the loader image */
    bool benchmark;       /* the benchmark configuration: each PD holds its own TCB */
};

struct sysinfo {
    const struct system *sys; /* borrowed */
    struct si_pd *pds;        /* sys->pds.count of them */
    size_t num_pds;
    bool built;                         /* sysinfo_add_build was called */
    VEC(struct si_prange) phys;         /* sorted by address (build level) */
    uint64_t ram_bytes;                 /* board RAM */
    uint64_t free_bytes;                /* RAM no range above owns */
    uint64_t owner_bytes[SI_OWN_COUNT]; /* totals per owner kind (device memory not counted) */
    uint64_t *pd_bytes; /* per PD: bytes of RAM it owns (its objects, MRs first mapped by it) */
    char *strings;      /* a copy of the spec's strings, for si_cap.object */
    uint64_t loader_paddr, loader_size; /* the loader (its RAM is free once the kernel runs) */
};

/*
 * The SDF level. `sys` must have passed the checks (references resolved).
 * Returns 0.
 */
int sysinfo_build(const struct system *sys, struct sysinfo *si);

/* The build level, after sysinfo_build. Returns 0, or -1 when the spec cannot be read. */
int sysinfo_add_build(struct sysinfo *si, const struct si_build_in *in);

/* The physical memory map alone (part of sysinfo_add_build; sysinfo_phys.c). */
void sysinfo_phys_map(struct sysinfo *si, const struct si_build_in *in);

void sysinfo_free(struct sysinfo *si);

/* "segment", "stack", "ipc buffer", "map", "vm map". */
const char *si_vkind_name(enum si_vkind k);

/* "loader", "kernel", "monitor", ..., "free". */
const char *si_owner_name(enum si_owner o);

/* "pd", "passive", "benchmark", "smc", "channel", "irq", "child", "vm", "cspace", ... */
const char *si_grant_name(enum si_grant g);

/* "rwx"-style text of PERM_* bits into buf[4]. */
const char *si_perm_text(unsigned perms, char buf[4]);

/*
 * Name a C identifier from `s`: upper case, every character that is not a
 * letter or digit becomes '_', a leading digit gets a '_' in front.
 * malloc'd.
 */
char *si_c_ident(const char *s);

#endif /* TOOL_SYSINFO_H */
