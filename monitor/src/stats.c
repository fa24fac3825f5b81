/* SPDX-License-Identifier: BSD-2-Clause */
/* Boot time by kind of kernel invocation (stats.h); debug builds only. */
#include "stats.h"

#include "boot.h"
#include "print.h"

#if defined(SEL4_CLIENT_TRACE) && defined(CONFIG_DEBUG_BUILD)

enum kind {
    K_RETYPE,
    K_CNODE,
    K_ASID,
    K_PT_MAP,
    K_PAGE_MAP,
    K_UNMAP,
    K_CACHE,
    K_IRQ,
    K_SCHED,
    K_TCB,
    K_OTHER,
    K_PUTCHAR,
    K_COUNT
};

static const char *const kind_names[K_COUNT] = {
    "retype", "cnode", "asid", "page table map", "frame map", "unmap", "cache",
    "irq",    "sched", "tcb",  "other",          "putchar",
};

static struct {
    uint32_t calls;
    uint64_t ticks;
} totals[K_COUNT];

static enum kind arch_kind(seL4_Word label)
{
#if defined(__aarch64__)
    switch (label) {
    case ARMPageTableMap:
        return K_PT_MAP;
    case ARMPageMap:
        return K_PAGE_MAP;
    case ARMPageUnmap:
    case ARMPageTableUnmap:
        return K_UNMAP;
    case ARMPageCleanInvalidate_Data:
    case ARMPageUnify_Instruction:
        return K_CACHE;
    case ARMASIDPoolAssign:
        return K_ASID;
    case ARMIRQIssueIRQHandlerTrigger:
        return K_IRQ;
    default:
        return K_OTHER;
    }
#else
    (void)label;
    return K_OTHER;
#endif
}

static enum kind kind_of(seL4_Word label)
{
    if (label == UntypedRetype) {
        return K_RETYPE;
    }
    if (label >= CNodeRevoke && label <= CNodeRotate) {
        return K_CNODE;
    }
    if (label >= IRQIssueIRQHandler && label <= IRQClearIRQHandler) {
        return K_IRQ;
    }
    if (label >= SchedControlConfigureFlags && label <= SchedContextYieldTo) {
        return K_SCHED;
    }
    if (label >= TCBReadRegisters && label <= TCBSetFlags) {
        return K_TCB;
    }
    if (label < nInvocationLabels) {
        return K_OTHER;
    }
    return arch_kind(label);
}

unsigned long long sel4_client_trace_begin(void)
{
    return stats_now();
}

void sel4_client_trace_end(seL4_Word label, unsigned long long begin)
{
    enum kind k = kind_of(label);
    totals[k].calls++;
    totals[k].ticks += stats_now() - begin;
}

void stats_putchar(uint64_t ticks)
{
    totals[K_PUTCHAR].calls++;
    totals[K_PUTCHAR].ticks += ticks;
}

/* The RAM untypeds retyped from: seL4 cleared each whole at its first retype. */
static void cleared(const struct boot *b)
{
    uint32_t n = 0;
    uint64_t bytes = 0;
    for (uint32_t i = 0; i < b->alloc.pl.count; i++) {
        const struct pl_untyped *u = &b->alloc.uts[i];
        if (!u->device && u->watermark != u->paddr) {
            n++;
            bytes += 1ull << u->size_bits;
        }
    }
    mon_putdec(n);
    mon_puts(" untypeds cleared (");
    mon_putdec(bytes >> 10);
    mon_puts(" KiB)");
}

void stats_report(const struct boot *b, uint64_t hz)
{
    /* Copied first: printing this adds to the putchar total. */
    uint32_t calls[K_COUNT];
    uint64_t ticks[K_COUNT];
    for (int k = 0; k < K_COUNT; k++) {
        calls[k] = totals[k].calls;
        ticks[k] = totals[k].ticks;
    }
    mon_puts(":");
    for (int k = 0; k < K_COUNT; k++) {
        if (calls[k] == 0) {
            continue;
        }
        mon_puts(" ");
        mon_puts(kind_names[k]);
        mon_puts(" ");
        mon_putdec(calls[k]);
        mon_puts(" calls ");
        mon_putdec(hz ? ticks[k] * 1000000 / hz : 0);
        mon_puts(" us,");
    }
    mon_puts(" ");
    cleared(b);
}

#endif
