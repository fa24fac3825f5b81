/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The host simulator's shared state: one memfd that the runner creates and
 * every PD process maps. It holds what the seL4 kernel would hold for a
 * Microkit system (threads, endpoints, notifications, reply objects, IRQ
 * handlers, each PD's cap table, the scheduler's ready queues), the IPC
 * buffers, the console ring and the configuration each PD applies at start
 * (memory region maps and symbol patches).
 *
 * Everything is addressed by index, never by pointer, so each process may
 * map the block anywhere. Every field below `lock` is read and written only
 * with the lock held (sim_lock), except where a comment says otherwise.
 *
 * Virtual CPUs (one by default, `microkit run --cpus N`): on each, only the PD
 * named by its `current` runs user code; every other PD process sleeps on its
 * own futex word (run_seq) until the scheduler picks it. With one virtual CPU
 * a run is deterministic and follows seL4's scheduling rules; with several,
 * each core has seL4's scheduler over the PDs of its `cpu` and the cores run
 * at once (docs/multicore.md).
 */
#ifndef SIM_SHARED_H
#define SIM_SHARED_H

#include <stdint.h>

#include "sdk/limits.h"
#include "sim/devices.h"
#include "sim/trace.h"

#define SIM_MAGIC           0x314d49534b434d53ull /* "SMCKSIM1" */
#define SIM_MAX_PDS         SDK_MAX_PDS
#define SIM_MAX_MAPS        1024
#define SIM_MAX_PATCHES     1024
#define SIM_PATCH_MAX_BYTES 64
#define SIM_CNODE_SLOTS     512
#define SIM_ROOT_SLOTS      (1u << SDK_PD_ROOT_CNODE_BITS)
#define SIM_NUM_PRIOS       256
#define SIM_CONSOLE_SIZE    (1u << 20)
#define SIM_PAGE            4096u
#define SIM_FAULT_FRAMES    16
#define SIM_MAX_CPUS        64 /* virtual CPUs (BS_MAX_CPUS) */

/* Environment variables the runner passes to each PD process. */
#define SIM_ENV_FD "MICROKIT_SIM_FD" /* fd of the shared block */
#define SIM_ENV_PD "MICROKIT_SIM_PD" /* this PD's index */
/* Exit status of a PD process that could not set itself up. */
#define SIM_EXIT_PD_SETUP 97
#define SIM_ENV_GDB       "MICROKIT_SIM_GDB"     /* set: stop before init for a debugger */
#define SIM_ENV_SPIN      "MICROKIT_SIM_SPIN_US" /* --spin: microseconds to spin for the CPU */
#define SIM_ENV_PERF      "MICROKIT_SIM_PERF"    /* set: stop before init until perf attached */

/* Scheduler action, as seL4's ksSchedulerAction; >= 0 is a candidate thread. */
#define SIM_ACTION_RESUME -1
#define SIM_ACTION_CHOOSE -2
#define SIM_IDLE          -1
#define SIM_NONE          -1

enum sim_state {
    SIM_INACTIVE = 0,  /* stopped (suspended, faulted without handler, not started) */
    SIM_RUNNING,       /* runnable */
    SIM_RESTART,       /* runnable, to restart at restart_pc when it next runs */
    SIM_BLOCKED_RECV,  /* in Recv/Wait on its input endpoint or notification */
    SIM_BLOCKED_SEND,  /* queued on an endpoint with a Send, Call or fault */
    SIM_BLOCKED_REPLY, /* waiting for a reply (after Call or fault) */
    SIM_DEAD           /* the process has gone */
};

enum sim_cap_type {
    SIM_CAP_NULL = 0,
    SIM_CAP_EP,         /* endpoint of PD obj (badge) */
    SIM_CAP_NTFN,       /* notification of PD obj (badge) */
    SIM_CAP_REPLY,      /* the PD's own reply object */
    SIM_CAP_IRQ,        /* IRQ handler: obj = owner PD, badge = IRQ slot (channel id) */
    SIM_CAP_TCB,        /* TCB of PD obj */
    SIM_CAP_MONITOR_EP, /* the monitor's endpoint (passive PD hand-over) */
    SIM_CAP_VSPACE,
    SIM_CAP_SMC,
    SIM_CAP_SC,    /* scheduling context of PD obj */
    SIM_CAP_CNODE, /* CNode of PD obj */
    SIM_CAP_OTHER  /* an object the simulator keeps no state for (frame, page table) */
};

struct sim_cap {
    uint8_t type;
    uint8_t pad[3];
    int32_t obj;
    uint64_t badge;
};

/* A fault record as the PD reports it (also carried in the console ring). */
struct sim_fault {
    int32_t pd;
    int32_t signo;
    int32_t code;  /* si_code */
    int32_t write; /* 1 write access, 0 read, -1 unknown */
    uint64_t addr; /* si_addr */
    uint64_t pc;
    uint64_t sp;
    uint64_t bias; /* run-time address minus ELF address (non-zero for PIE) */
    /* The return addresses of the frame-pointer chain above pc (backtrace.c). */
    uint32_t nframes;
    uint32_t pad;
    uint64_t frames[SIM_FAULT_FRAMES];
};

struct sim_tcb {
    /*
     * What a kernel entry reads and writes, first and together: under --spin
     * each cache line of a TCB that a call or a reply writes moves between
     * the two host CPUs once per hand-off (about 0.1 us each). run_seq and
     * sleeping, which the waiting PD polls, are on a line of their own below.
     */
    /* Thread state. */
    int32_t state __attribute__((aligned(64))); /* enum sim_state */
    int32_t blocked_on;                         /* endpoint owner when BLOCKED_SEND */
    int32_t rq_next, rq_prev;
    uint8_t in_rq;
    uint8_t send_call;  /* queued send is a Call */
    uint8_t send_fault; /* queued send is a fault message */
    uint8_t restart_pending;
    int32_t ep_next;    /* next sender on the same endpoint */
    int32_t reply_to;   /* BLOCKED_REPLY: the PD whose reply object holds us */
    int32_t sc;         /* whose scheduling context it holds, or SIM_NONE */
    uint64_t rcv_badge; /* results of the last receive phase */
    uint64_t rcv_info;
    uint64_t send_badge;
    uint64_t send_info;

    /* Objects this PD owns: endpoint, notification, reply object. */
    int32_t ep_head, ep_tail; /* queued senders */
    uint64_t ntfn_bits;
    int32_t reply_caller; /* caller waiting in our reply object, or SIM_NONE */

    int32_t prio;
    uint32_t budget_us; /* time slice among PDs of equal priority */
    int32_t cpu;        /* the virtual CPU of its scheduling context (0 with one CPU) */
    int32_t rq_cpu;     /* in_rq: the CPU whose ready queue holds it */
    uint8_t passive;
    uint8_t input_is_ep;
    uint8_t made_passive;
    uint8_t reply_donated; /* the caller in our reply object lent us its SC */
    uint8_t ntfn_sc;       /* passive: its SC is bound to its notification */
    uint8_t sc_from_ntfn;  /* it runs on that SC because of a signal */
    uint8_t domain;        /* seL4 domain (<domains>): runs only while it is cur_domain */
    uint8_t cspace_root;   /* a two-level CSpace (<cspace>): root_caps hold the root's slots */
    uint64_t fault_label;  /* fault message label while the fault is being delivered */

    /* Process. pid is written by the PD itself at start. */
    /* futex: bumped (sim_wake) whenever this PD is given the CPU */
    uint32_t run_seq __attribute__((aligned(64)));
    uint32_t sleeping; /* the PD sleeps (or is about to) on run_seq: sim_wake() must wake it */
    int32_t pid;

    char name[SDK_PD_NAME_LENGTH] __attribute__((aligned(64)));
    int32_t parent;   /* PD index, or SIM_NONE */
    int32_t fault_to; /* PD whose endpoint receives our faults; SIM_NONE: the monitor */
    uint64_t fault_badge;
    uint64_t restart_pc;

    /* IRQs: slot (channel id) -> IRQ number; masked until acked. */
    uint64_t irq_bits;
    uint64_t irq_masked;
    uint64_t irq_pending;
    uint64_t irq_num[SDK_MAX_CHANNELS];

    /* Fault message (MRs; label above) while the fault is being delivered. */
    uint64_t fault_mr[6];
    uint32_t fault_len;
    struct sim_fault fault;

    /* ELF entry point as linked (run-time entry minus this is the load bias). */
    uint64_t elf_entry;

    struct sim_cap caps[SIM_CNODE_SLOTS];
    /* With cspace_root: slot s of the CSpace root, cptr s << 58 (sdk/limits.h); slot 0 unused. */
    struct sim_cap root_caps[SIM_ROOT_SLOTS];
};

/* A run of frames a PD process maps: [offset, offset + size) of the RAM
 * memfd at vaddr (frames contiguous in both, one set of rights). */
struct sim_map {
    int32_t pd;
    uint32_t prot; /* PROT_* */
    uint64_t vaddr;
    uint64_t offset;
    uint64_t size;
    int32_t device; /* enum sim_dev_id: a device's registers (no RAM, trapped); -1: memory */
    uint32_t pad;
    uint64_t paddr;                /* a device map: the physical address at vaddr */
    char name[SDK_PD_NAME_LENGTH]; /* what the frames are, from the spec ("mr 'buffer'") */
};

struct sim_patch {
    int32_t pd;
    uint32_t len;
    uint32_t prot; /* PROT_* of the segment holding it (made writable for the patch) */
    uint32_t pad;
    uint64_t vaddr;
    char symbol[SDK_PD_NAME_LENGTH];
    uint8_t data[SIM_PATCH_MAX_BYTES];
};

/* One virtual CPU's scheduler state (seL4's per-node ksCurThread, ksSchedulerAction, ready queues).
 */
/* What every switch writes is on its first cache line (see struct sim_tcb). */
struct sim_cpu {
    int32_t current __attribute__((aligned(64))); /* PD that owns the CPU, or SIM_IDLE */
    int32_t action;                               /* SIM_ACTION_* or candidate */
    uint64_t switches;                            /* its context switches (time slices, slice.c) */
    uint64_t rq_bitmap[SIM_NUM_PRIOS / 64];
    struct {
        int32_t head, tail; /* one priority's queue ends, on one line */
    } rq[SIM_NUM_PRIOS];
};

/* Console ring: bytes PDs print, in the order they print them. */
#define SIM_CONSOLE_FAULT 0x00 /* marker: a struct sim_fault follows */

struct sim_shared {
    uint64_t magic;
    uint64_t layout;     /* sizeof(struct sim_shared): runner and PDs must agree */
    uint64_t size;       /* bytes in the memfd */
    uint64_t ipc_offset; /* offset of the IPC buffer pages, one per PD */
    uint32_t npd, nmap, npatch;
    int32_t ram_fd;       /* memfd holding every mapped frame, inherited by every PD */
    int32_t doorbell_fd;  /* eventfd: wakes the runner */
    int32_t debug_config; /* printing enabled */

    /*
     * The lock's cache line holds only what is written with the lock held
     * on every kernel entry, so the fields above, read on every entry, stay
     * in both CPUs' caches under --spin (each shared line that changes
     * hands costs a hand-off about 0.1 us).
     */
    uint32_t lock __attribute__((aligned(64))); /* futex mutex: 0 free, 1 held, 2 held + waiters */
    int32_t lock_pid;                           /* holder, for recovery when a PD dies */
    uint64_t trace_seq;                         /* the last event's number (sim/trace.h) */
    uint64_t switches;                          /* context switches, for statistics */

    uint32_t halted __attribute__((aligned(64))); /* set by the runner at shutdown */
    int32_t cur_domain; /* the domain the runner's domain schedule has active (0 without one) */
    uint32_t ncpu;      /* virtual CPUs (--cpus), 1..SIM_MAX_CPUS */
    struct sim_cpu cpu[SIM_MAX_CPUS];

    uint64_t con_head;  /* bytes written (PDs, under the lock) */
    uint64_t con_tail;  /* bytes consumed (runner; atomic) */
    uint32_t con_space; /* futex: bumped by the runner when it consumed */

    struct sim_devices dev; /* the host board's device models (sim/devices.h) */

    struct sim_map maps[SIM_MAX_MAPS];
    struct sim_patch patches[SIM_MAX_PATCHES];
    struct sim_tcb tcb[SIM_MAX_PDS];
    struct sim_trace_state trace; /* events and flight recorders (sim/trace.h) */
    char console[SIM_CONSOLE_SIZE];
};

/* Size of the shared block for `npd` PDs (IPC pages after the struct). */
uint64_t sim_shared_size(uint32_t npd);

/* The IPC buffer page of PD `pd`. */
static inline void *sim_ipc_page(struct sim_shared *s, int pd)
{
    return (char *)s + s->ipc_offset + (uint64_t)pd * SIM_PAGE;
}

/* The virtual CPU PD `t` is current on, or -1 (reads without the lock are atomic). */
static inline int sim_running_cpu(const struct sim_shared *s, int t)
{
    uint32_t n = __atomic_load_n(&s->ncpu, __ATOMIC_RELAXED);
    if (t < 0) {
        return -1;
    }
    for (uint32_t c = 0; c < n && c < SIM_MAX_CPUS; c++) {
        if (__atomic_load_n(&s->cpu[c].current, __ATOMIC_ACQUIRE) == t) {
            return (int)c;
        }
    }
    return -1;
}

#endif /* SIM_SHARED_H */
