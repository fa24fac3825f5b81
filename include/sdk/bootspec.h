/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The boot spec: the declarative description of a system that the host tool
 * writes and the monitor (the seL4 root task) executes at boot. Shared by
 * both; every field is fixed width and little-endian.
 *
 * The tool appends the spec to the monitor's image, in the user image region
 * the kernel maps for the root task, and patches the monitor's variables
 * `monitor_spec_vaddr` and `monitor_spec_size` (uint64_t each) with where it
 * lies. A spec is one contiguous blob:
 *
 *     struct bs_header
 *     tables, each at the byte offset the header gives (8-byte aligned):
 *       struct bs_object[num_objects]  every kernel object to create
 *       struct bs_cap[num_caps]        caps to place in PD CNodes
 *       struct bs_map[num_maps]        page tables and frames to map
 *       struct bs_fill[num_fills]      frame contents to inflate
 *       struct bs_irq[num_irqs]        IRQ handlers to create and bind
 *       struct bs_pd[num_pds]          threads: PDs and VM vCPUs
 *       struct bs_symbol[num_symbols]  function symbols for fault reports
 *       struct bs_sched[num_schedule]  the domain schedule (Microkit 2.3 <domains>)
 *     strings (NUL-terminated, referenced by byte offset from strings_offset)
 *     data (compressed frame contents, referenced by bs_fill.data_offset from
 *           data_offset)
 *
 * Execution order, which the monitor follows and the tool relies on:
 *   1. create objects in table order (the tool sorts them: fixed physical
 *      addresses first, ascending, then by size, largest first, so that a
 *      bump allocator per untyped wastes nothing);
 *   2. fill frames (fills), so PD code and data are in place before any map;
 *   3. assign every VSpace to the ASID pool, then perform maps in table order
 *      (page tables come before the frames they hold, upper levels first);
 *   4. create IRQ handlers, bind them to their notifications, place them;
 *   5. place caps (mint/copy into PD CNodes);
 *   6. configure threads (scheduling context, on core `cpu`, sched params, space, IPC
 *      buffer, registers, notification binding, VCPU binding, FPU flag,
 *      domain), then resume every PD with BS_PD_START;
 *   7. when schedule_start is not BS_NONE, set the domain schedule up and
 *      start it, last of all (from then on the monitor, in domain 0, runs
 *      only in domain 0's slices): configure every entry with a duration
 *      (seL4_DomainSet_ScheduleConfigure at its `index`), then
 *      seL4_DomainSet_ScheduleSetStart(schedule_start), then configure the
 *      end markers (the kernel refuses an end marker at its current start
 *      index, which is 0 until then). Durations in microseconds become
 *      timer ticks here, at boot, rounded to the nearest tick with the
 *      timer's frequency (the monitor reads CNTFRQ_EL0; timer_hz, the
 *      board's, stands in when that reads 0); a duration that comes to 0
 *      ticks or more than 2^56 - 1 fails the boot.
 */
#ifndef SDK_BOOTSPEC_H
#define SDK_BOOTSPEC_H

#include <stdint.h>

#define BS_MAGIC 0x4345505354424d53ull /* "SMBTSPEC" */
/* 2: domains (bs_sched, bs_pd.domain), BS_PD_FPU_DISABLED; 3: bs_pd.cpu */
#define BS_VERSION   3
#define BS_NONE      0xffffffffu /* "no object" / "no index" in u32 fields */
#define BS_ANY_PADDR 0xffffffffffffffffull
#define BS_MAX_CPUS  64 /* bs_pd.cpu is below this (seL4 on AArch64: 64 nodes at most) */

/* bs_object.type */
enum bs_object_type {
    BS_OBJ_TCB = 1,
    BS_OBJ_ENDPOINT,
    BS_OBJ_NOTIFICATION,
    BS_OBJ_CNODE,         /* size_bits = log2(slots) */
    BS_OBJ_SCHED_CONTEXT, /* size_bits = log2(bytes) */
    BS_OBJ_REPLY,
    BS_OBJ_VSPACE,
    BS_OBJ_PAGE_TABLE,
    BS_OBJ_FRAME, /* size_bits 12 (4 KiB) or 21 (2 MiB) */
    BS_OBJ_VCPU,
};

/* bs_object.flags */
#define BS_OBJ_FLAG_DEVICE 1u /* paddr lies in device memory (a device untyped) */

struct bs_object {
    uint64_t paddr;    /* BS_ANY_PADDR, or the physical address it must have */
    uint8_t type;      /* enum bs_object_type */
    uint8_t size_bits; /* see enum bs_object_type */
    uint16_t flags;    /* BS_OBJ_FLAG_* */
    uint32_t name;     /* string offset, for messages ("tcb pd 'hello'") */
};

/* bs_cap.kind */
enum bs_cap_kind {
    BS_CAP_OBJECT = 1, /* a cap to object `obj` */
    BS_CAP_SMC,        /* the SMC cap (seL4_CapSMC); obj unused */
};

/* Access rights, as seL4_CapRights_t's word: */
#define BS_RIGHT_WRITE       1u
#define BS_RIGHT_READ        2u
#define BS_RIGHT_GRANT       4u
#define BS_RIGHT_GRANT_REPLY 8u
#define BS_RIGHTS_ALL        0xfu

struct bs_cap {
    uint32_t cnode;  /* object index of the destination CNode */
    uint32_t slot;   /* slot in that CNode */
    uint32_t obj;    /* object index of the cap's object */
    uint16_t kind;   /* enum bs_cap_kind */
    uint16_t rights; /* BS_RIGHT_* */
    uint64_t badge;  /* 0 = copy unbadged, else mint with this badge */
};

/* bs_map.kind */
enum bs_map_kind {
    BS_MAP_PAGE_TABLE = 1, /* seL4_ARM_PageTable_Map(obj, vspace, vaddr, attrs) */
    BS_MAP_FRAME,          /* seL4_ARM_Page_Map(copy of obj, vspace, vaddr, rights, attrs) */
};

/* bs_map.attrs: seL4_ARM_VMAttributes bits */
#define BS_ATTR_CACHEABLE     1u
#define BS_ATTR_PARITY        2u
#define BS_ATTR_EXECUTE_NEVER 4u

struct bs_map {
    uint32_t vspace; /* object index of the VSpace */
    uint32_t obj;    /* object index of the page table or frame */
    uint64_t vaddr;
    uint8_t kind;   /* enum bs_map_kind */
    uint8_t rights; /* BS_RIGHT_READ | BS_RIGHT_WRITE (frames) */
    uint8_t attrs;  /* BS_ATTR_* */
    uint8_t pad[5];
};

/* bs_fill.encoding */
#define BS_FILL_STORED  0u /* data is the raw bytes */
#define BS_FILL_DEFLATE 1u /* data is a zlib stream (RFC 1950) inflating to raw_len bytes */

struct bs_fill {
    uint32_t obj;         /* object index of the frame */
    uint32_t dest_offset; /* byte offset in the frame */
    uint32_t data_offset; /* from bs_header.data_offset */
    uint32_t data_len;    /* bytes of data */
    uint32_t raw_len;     /* bytes written to the frame */
    uint32_t encoding;    /* BS_FILL_* */
};

/* bs_irq.trigger */
#define BS_IRQ_LEVEL 0u
#define BS_IRQ_EDGE  1u

struct bs_irq {
    uint64_t irq;          /* hardware interrupt number */
    uint64_t badge;        /* badge of the notification cap bound to the handler */
    uint32_t notification; /* object index of the notification */
    uint32_t cnode;        /* object index of the PD CNode that receives the handler cap */
    uint32_t slot;         /* slot in that CNode */
    uint32_t trigger;      /* BS_IRQ_* */
};

/* bs_pd.flags */
#define BS_PD_START   1u /* resume after configuration (PDs; VM vCPUs start suspended) */
#define BS_PD_PASSIVE 2u /* the PD asks the monitor to take its SC away after init */
#define BS_PD_VCPU    4u /* a VM vCPU thread: bind `vcpu` to the TCB */
/* fpu="false": seL4_TCB_SetFlags(seL4_TCBFlag_fpuDisabled); FPU use then faults */
#define BS_PD_FPU_DISABLED 8u

struct bs_pd {
    uint32_t name; /* string offset: the PD or VM name */
    uint32_t tcb;  /* object indexes: */
    uint32_t sched_context;
    uint32_t cnode; /* BS_NONE for none */
    uint32_t vspace;
    uint32_t notification; /* bound to the TCB; BS_NONE for none */
    uint32_t ipc_buffer;   /* frame */
    uint32_t fault_ep;     /* endpoint that receives this thread's faults */
    uint32_t vcpu;         /* BS_NONE unless BS_PD_VCPU */
    uint32_t parent;       /* index in the bs_pd table, BS_NONE for the monitor */
    uint64_t fault_badge;  /* badge of this thread's fault endpoint cap */
    uint64_t ipc_buffer_vaddr;
    uint64_t entry;        /* initial pc */
    uint64_t stack_top;    /* initial sp */
    uint64_t stack_bottom; /* for the "potential stack overflow" hint */
    uint64_t budget_us;
    uint64_t period_us;
    uint64_t sc_badge;    /* badge of the scheduling context (timeout faults) */
    uint64_t cnode_guard; /* cspace root data: guard size in bits 0..5, guard above */
    uint8_t priority;
    uint8_t mcp;
    uint8_t domain; /* kernel domain (seL4_DomainSet_Set) when the spec has a schedule, else 0 */
    /*
     * The core (seL4 node) the thread runs on: its scheduling context is
     * configured with that core's SchedControl cap. 0 on a single-core
     * kernel; below BS_MAX_CPUS, and below the kernel's node count (the tool
     * checks it against KernelMaxNumNodes, the monitor against its bootinfo).
     */
    uint8_t cpu;
    uint32_t flags;        /* BS_PD_* */
    uint32_t first_symbol; /* index of this PD's first bs_symbol */
    uint32_t num_symbols;  /* its symbols, sorted by address */
};

struct bs_symbol {
    uint64_t addr;
    uint64_t size;
    uint32_t name; /* string offset */
    uint32_t pad;
};

/* bs_sched.unit */
#define BS_SCHED_US    0u /* duration in microseconds, converted to timer ticks at boot */
#define BS_SCHED_TICKS 1u /* duration in timer ticks */
#define BS_SCHED_END   2u /* an end marker: domain and duration 0 */

/* One entry of the kernel's domain schedule (seL4_DomainSet_ScheduleConfigure). */
struct bs_sched {
    uint64_t duration; /* in `unit`; 0 for an end marker */
    uint32_t index;    /* the kernel's schedule index (index_shift + position in the SDF) */
    uint8_t domain;
    uint8_t unit; /* BS_SCHED_* */
    uint16_t pad;
};

struct bs_header {
    uint64_t magic;   /* BS_MAGIC */
    uint32_t version; /* BS_VERSION */
    uint32_t crc32;   /* CRC32 (zlib) of the whole blob with this field as 0 */
    uint64_t size;    /* bytes in the blob */
    uint32_t num_objects, objects_offset;
    uint32_t num_caps, caps_offset;
    uint32_t num_maps, maps_offset;
    uint32_t num_fills, fills_offset;
    uint32_t num_irqs, irqs_offset;
    uint32_t num_pds, pds_offset;
    uint32_t num_symbols, symbols_offset;
    uint32_t strings_offset, strings_size;
    uint32_t data_offset, data_size;
    uint32_t monitor_fault_ep;     /* object index: the endpoint root PDs fault to */
    uint32_t monitor_reply;        /* object index: the monitor's reply object */
    uint64_t untyped_bytes_needed; /* RAM the tool planned for non-device objects */
    uint32_t num_schedule, schedule_offset;
    uint32_t schedule_start; /* kernel index the schedule starts at; BS_NONE: no schedule */
    uint32_t pad;
    uint64_t timer_hz; /* the board's timer frequency (Hz), 0 when unknown (the host board) */
};

_Static_assert(sizeof(struct bs_object) == 16, "bs_object");
_Static_assert(sizeof(struct bs_cap) == 24, "bs_cap");
_Static_assert(sizeof(struct bs_map) == 24, "bs_map");
_Static_assert(sizeof(struct bs_fill) == 24, "bs_fill");
_Static_assert(sizeof(struct bs_irq) == 32, "bs_irq");
_Static_assert(sizeof(struct bs_pd) == 128, "bs_pd");
_Static_assert(sizeof(struct bs_symbol) == 24, "bs_symbol");
_Static_assert(sizeof(struct bs_sched) == 16, "bs_sched");
_Static_assert(sizeof(struct bs_header) == 136, "bs_header");

#endif /* SDK_BOOTSPEC_H */
