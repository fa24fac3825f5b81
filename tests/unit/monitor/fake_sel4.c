/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The recording fake of the seL4 trap layer. Invocations are decoded from
 * what the real wrappers put in the message (label, extra caps in the IPC
 * buffer, MR0..3 by pointer, MR4 and up in the IPC buffer), so the tests
 * also check the marshalling of every call the monitor makes.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fake_sel4.h"

#define MAX_FRAMES 64
#define LARGE      (1ul << 21)

static seL4_IPCBuffer ipc_buffer;
seL4_IPCBuffer *__sel4_ipc_buffer = &ipc_buffer;

static char **lines;
static size_t num_lines, cap_lines;
static char console[1 << 16];
static size_t console_len;
static size_t fail_at = (size_t)-1;
static seL4_Error fail_err;
static seL4_UserContext regs;
static uint8_t *scratch;
static struct {
    seL4_CPtr cap;
    size_t size;
    uint8_t *data;
} frames[MAX_FRAMES];
static size_t num_frames;
static seL4_CPtr window_cap[2];

/* Untypeds from boot info, and where retyped objects went (paddr + 1; 0 = none), per slot. */
static struct {
    seL4_Word paddr, watermark;
    unsigned bits;
} untypeds[CONFIG_MAX_NUM_BOOTINFO_UNTYPED_CAPS];
static unsigned num_untypeds;
static seL4_CPtr first_untyped;
static struct {
    uint64_t *paddr_plus1;
    size_t count;
} placed[2]; /* 0: initial CNode slots, 1: system CNode slots */

void fake_reset(void *scratch_base)
{
    for (size_t i = 0; i < num_lines; i++) {
        free(lines[i]);
    }
    num_lines = 0;
    console_len = 0;
    console[0] = '\0';
    fail_at = (size_t)-1;
    memset(&regs, 0, sizeof(regs));
    for (size_t i = 0; i < num_frames; i++) {
        free(frames[i].data);
    }
    num_frames = 0;
    scratch = scratch_base;
    for (unsigned i = 0; i < num_untypeds; i++) {
        untypeds[i].watermark = untypeds[i].paddr;
    }
    for (int k = 0; k < 2; k++) {
        free(placed[k].paddr_plus1);
        placed[k].paddr_plus1 = NULL;
        placed[k].count = 0;
    }
}

void fake_set_untypeds(const seL4_BootInfo *bi)
{
    num_untypeds = (unsigned)(bi->untyped.end - bi->untyped.start);
    if (num_untypeds > CONFIG_MAX_NUM_BOOTINFO_UNTYPED_CAPS) {
        num_untypeds = CONFIG_MAX_NUM_BOOTINFO_UNTYPED_CAPS;
    }
    first_untyped = bi->untyped.start;
    for (unsigned i = 0; i < num_untypeds; i++) {
        untypeds[i].paddr = bi->untypedList[i].paddr;
        untypeds[i].watermark = bi->untypedList[i].paddr;
        untypeds[i].bits = bi->untypedList[i].sizeBits;
    }
}

/* log2 of an object's bytes, as the kernel sizes it (0 for a type it does not know). */
static unsigned object_bits(seL4_Word type, seL4_Word size_arg)
{
    switch (type) {
    case seL4_UntypedObject:
    case seL4_SchedContextObject:
        return (unsigned)size_arg;
    case seL4_CapTableObject:
        return (unsigned)size_arg + seL4_SlotBits;
    case seL4_TCBObject:
        return seL4_TCBBits;
    case seL4_EndpointObject:
        return seL4_EndpointBits;
    case seL4_NotificationObject:
        return seL4_NotificationBits;
    case seL4_ReplyObject:
        return seL4_ReplyBits;
    case seL4_ARM_VSpaceObject:
        return seL4_VSpaceBits;
    case seL4_ARM_SmallPageObject:
    case seL4_ARM_PageTableObject:
        return seL4_PageBits;
    case seL4_ARM_LargePageObject:
        return seL4_LargePageBits;
    case seL4_ARM_HugePageObject:
        return seL4_HugePageBits;
    case seL4_ARM_VCPUObject:
        return seL4_VCPUBits;
    default:
        return 0;
    }
}

static void remember(int sys, seL4_Word slot, uint64_t paddr)
{
    if (slot >= placed[sys].count) {
        size_t n = placed[sys].count ? placed[sys].count : 1024;
        while (n <= slot) {
            n *= 2;
        }
        placed[sys].paddr_plus1 = realloc(placed[sys].paddr_plus1, n * sizeof(uint64_t));
        memset(placed[sys].paddr_plus1 + placed[sys].count, 0,
               (n - placed[sys].count) * sizeof(uint64_t));
        placed[sys].count = n;
    }
    placed[sys].paddr_plus1[slot] = paddr + 1;
}

/* Untyped_Retype(mr: type, size, index, depth, offset, count; c[0]: root) as the kernel does it. */
static seL4_Error retype(seL4_CPtr ut, const seL4_Word *mr, const seL4_Word *c)
{
    if (ut < first_untyped || ut - first_untyped >= num_untypeds) {
        return seL4_NoError; /* not an untyped from boot info: not modelled */
    }
    unsigned i = (unsigned)(ut - first_untyped);
    unsigned bits = object_bits(mr[0], mr[1]);
    seL4_Word mask = ((seL4_Word)1 << bits) - 1;
    seL4_Word start = (untypeds[i].watermark + mask) & ~mask;
    seL4_Word end = untypeds[i].paddr + ((seL4_Word)1 << untypeds[i].bits);
    if (bits == 0 || start < untypeds[i].watermark || start > end ||
        mr[5] > (end - start) >> bits) {
        return seL4_NotEnoughMemory;
    }
    int sys = c[0] != seL4_CapInitThreadCNode;
    for (seL4_Word k = 0; k < mr[5]; k++) {
        remember(sys, mr[4] + k, start + (k << bits));
    }
    untypeds[i].watermark = start + (mr[5] << bits);
    return seL4_NoError;
}

int fake_object_paddr(seL4_CPtr slot, uint64_t *paddr)
{
    int sys = (int)(slot >> 63);
    seL4_Word s = slot & ~((seL4_Word)1 << 63);
    if (s >= placed[sys].count || placed[sys].paddr_plus1[s] == 0) {
        return -1;
    }
    *paddr = placed[sys].paddr_plus1[s] - 1;
    return 0;
}

static void record(const char *fmt, ...)
{
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof(buf), fmt, ap);
    va_end(ap);
    if (num_lines == cap_lines) {
        cap_lines = cap_lines ? cap_lines * 2 : 256;
        lines = realloc(lines, cap_lines * sizeof(*lines));
    }
    lines[num_lines++] = strdup(buf);
}

size_t fake_count(void)
{
    return num_lines;
}

const char *fake_line(size_t i)
{
    return i < num_lines ? lines[i] : "";
}

long fake_find(const char *prefix, size_t from)
{
    for (size_t i = from; i < num_lines; i++) {
        if (strncmp(lines[i], prefix, strlen(prefix)) == 0) {
            return (long)i;
        }
    }
    return -1;
}

void fake_dump(void)
{
    for (size_t i = 0; i < num_lines; i++) {
        printf("%3zu %s\n", i, lines[i]);
    }
    printf("%s", console);
}

const char *fake_console(void)
{
    return console;
}

void fake_fail_at(size_t n, seL4_Error err)
{
    fail_at = n;
    fail_err = err;
}

void fake_set_regs(const seL4_UserContext *r)
{
    regs = *r;
}

const uint8_t *fake_frame(seL4_CPtr cap, size_t *size)
{
    for (size_t i = 0; i < num_frames; i++) {
        if (frames[i].cap == cap) {
            *size = frames[i].size;
            return frames[i].data;
        }
    }
    return NULL;
}

/*
 * A CPtr as text: a slot of the monitor's system CNode (bit 63 set) as
 * "s<slot>", anything else in decimal. Eight buffers, for one record().
 */
static const char *cap(seL4_Word c)
{
    static char buf[8][32];
    static unsigned next;
    char *b = buf[next++ % 8];
    if (c >> 63) {
        snprintf(b, sizeof(buf[0]), "s%lu", c & ~(1ul << 63));
    } else {
        snprintf(b, sizeof(buf[0]), "%lu", c);
    }
    return b;
}

static void window_mapped(seL4_CPtr frame, seL4_Word vaddr)
{
    uint8_t *v = (uint8_t *)vaddr;
    int k = v == scratch ? 0 : 1;
    /* A frame fresh from retype is zeroed by the kernel. */
    memset(v, 0, k == 0 ? 4096 : LARGE);
    window_cap[k] = frame;
}

static void window_unmapped(seL4_CPtr frame)
{
    for (int k = 0; k < 2; k++) {
        if (window_cap[k] == frame && num_frames < MAX_FRAMES) {
            size_t size = k == 0 ? 4096 : LARGE;
            frames[num_frames].cap = frame;
            frames[num_frames].size = size;
            frames[num_frames].data = malloc(size);
            memcpy(frames[num_frames].data, scratch + (k == 0 ? 0 : LARGE), size);
            num_frames++;
            window_cap[k] = 0;
        }
    }
}

static void fmt_vaddr(char *buf, size_t len, seL4_CPtr vspace, seL4_Word vaddr)
{
    if (vspace == seL4_CapInitThreadVSpace && scratch != NULL) {
        snprintf(buf, len, "scratch+0x%lx", vaddr - (seL4_Word)scratch);
    } else {
        snprintf(buf, len, "0x%lx", vaddr);
    }
}

static void record_map(seL4_CPtr dest, seL4_Word label, const seL4_Word *mr, const seL4_Word *c)
{
    char va[64];
    fmt_vaddr(va, sizeof(va), c[0], mr[0]);
    if (label == ARMPageTableMap) {
        record("PageTable_Map pt=%s vspace=%s vaddr=%s attrs=%lu", cap(dest), cap(c[0]), va, mr[1]);
        return;
    }
    record("Page_Map frame=%s vspace=%s vaddr=%s rights=%lu attrs=%lu", cap(dest), cap(c[0]), va,
           mr[1], mr[2]);
    if (c[0] == seL4_CapInitThreadVSpace && scratch != NULL) {
        window_mapped(dest, mr[0]);
    }
}

static void record_tcb(seL4_CPtr dest, seL4_Word label, const seL4_Word *mr, const seL4_Word *c)
{
    switch (label) {
    case TCBSetSchedParams:
        record("TCB_SetSchedParams tcb=%s auth=%s mcp=%lu prio=%lu sc=%s fault=%s", cap(dest),
               cap(c[0]), mr[0], mr[1], cap(c[1]), cap(c[2]));
        break;
    case TCBSetSpace:
        record("TCB_SetSpace tcb=%s fault=%s cspace=%s data=0x%lx vspace=%s vdata=%lu", cap(dest),
               cap(c[0]), cap(c[1]), mr[0], cap(c[2]), mr[1]);
        break;
    case TCBSetIPCBuffer:
        record("TCB_SetIPCBuffer tcb=%s vaddr=0x%lx frame=%s", cap(dest), mr[0], cap(c[0]));
        break;
    case TCBWriteRegisters:
        record("TCB_WriteRegisters tcb=%s flags=0x%lx n=%lu pc=0x%lx sp=0x%lx", cap(dest), mr[0],
               mr[1], mr[2], mr[3]);
        break;
    case TCBBindNotification:
        record("TCB_BindNotification tcb=%s ntfn=%s", cap(dest), cap(c[0]));
        break;
    case TCBResume:
        record("TCB_Resume tcb=%s", cap(dest));
        break;
    case TCBSuspend:
        record("TCB_Suspend tcb=%s", cap(dest));
        break;
    default:
        record("TCB_ReadRegisters tcb=%s flags=0x%lx n=%lu", cap(dest), mr[0], mr[1]);
        break;
    }
}

static void record_cnode(seL4_CPtr dest, seL4_Word label, const seL4_Word *mr, const seL4_Word *c)
{
    if (label == CNodeCopy) {
        record("CNode_Copy dest=%s:%s/%lu src=%s:%s/%lu rights=%lu", cap(dest), cap(mr[0]), mr[1],
               cap(c[0]), cap(mr[2]), mr[3], mr[4]);
    } else {
        record("CNode_Mint dest=%s:%s/%lu src=%s:%s/%lu rights=%lu badge=0x%lx", cap(dest),
               cap(mr[0]), mr[1], cap(c[0]), cap(mr[2]), mr[3], mr[4], mr[5]);
    }
}

static void record_other(seL4_CPtr dest, seL4_Word label, const seL4_Word *mr, const seL4_Word *c)
{
    switch (label) {
    case UntypedRetype:
        record("Untyped_Retype ut=%s type=%lu size=%lu root=%s:%lu/%lu slot=%lu n=%lu", cap(dest),
               mr[0], mr[1], cap(c[0]), mr[2], mr[3], mr[4], mr[5]);
        break;
    case ARMPageUnmap:
        record("Page_Unmap frame=%s", cap(dest));
        window_unmapped(dest);
        break;
    case ARMPageCleanInvalidate_Data:
        record("Page_CleanInvalidate_Data frame=%s 0x%lx..0x%lx", cap(dest), mr[0], mr[1]);
        break;
    case ARMPageUnify_Instruction:
        record("Page_Unify_Instruction frame=%s 0x%lx..0x%lx", cap(dest), mr[0], mr[1]);
        break;
    case ARMASIDPoolAssign:
        record("ASIDPool_Assign pool=%s vspace=%s", cap(dest), cap(c[0]));
        break;
    case ARMIRQIssueIRQHandlerTrigger:
        record("IRQControl_GetTrigger ctl=%s irq=%lu trigger=%lu dest=%s:%s/%lu", cap(dest), mr[0],
               mr[1], cap(c[0]), cap(mr[2]), mr[3]);
        break;
    case IRQSetIRQHandler:
        record("IRQHandler_SetNotification handler=%s ntfn=%s", cap(dest), cap(c[0]));
        break;
    case SchedControlConfigureFlags:
        record("SchedControl_ConfigureFlags ctl=%s sc=%s budget=%lu period=%lu refills=%lu "
               "badge=0x%lx flags=%lu",
               cap(dest), cap(c[0]), mr[0], mr[1], mr[2], mr[3], mr[4]);
        break;
    case SchedContextBind:
        record("SchedContext_Bind sc=%s obj=%s", cap(dest), cap(c[0]));
        break;
    case SchedContextUnbindObject:
        record("SchedContext_UnbindObject sc=%s obj=%s", cap(dest), cap(c[0]));
        break;
    case ARMVCPUSetTCB:
        record("VCPU_SetTCB vcpu=%s tcb=%s", cap(dest), cap(c[0]));
        break;
    default:
        record("invocation label=%lu dest=%lu", label, dest);
        break;
    }
}

/* seL4 16: the TCB flags and the domain set (seL4_CapDomain is "11" in the log). */
static void record_domain(seL4_CPtr dest, seL4_Word label, const seL4_Word *mr, const seL4_Word *c)
{
    switch (label) {
    case TCBSetFlags:
        record("TCB_SetFlags tcb=%s clear=0x%lx set=0x%lx", cap(dest), mr[0], mr[1]);
        break;
    case DomainSetSet:
        record("DomainSet_Set ds=%s domain=%lu tcb=%s", cap(dest), mr[0], cap(c[0]));
        break;
    case DomainScheduleConfigure:
        record("DomainSet_ScheduleConfigure ds=%s index=%lu domain=%lu duration=%lu", cap(dest),
               mr[0], mr[1], mr[2]);
        break;
    default:
        record("DomainSet_ScheduleSetStart ds=%s index=%lu", cap(dest), mr[0]);
        break;
    }
}

static void record_invocation(seL4_CPtr dest, seL4_Word label, const seL4_Word *mr,
                              const seL4_Word *c)
{
    switch (label) {
    case TCBSetFlags:
    case DomainSetSet:
    case DomainScheduleConfigure:
    case DomainScheduleSetStart:
        record_domain(dest, label, mr, c);
        break;
    case ARMPageTableMap:
    case ARMPageMap:
        record_map(dest, label, mr, c);
        break;
    case TCBSetSchedParams:
    case TCBSetSpace:
    case TCBSetIPCBuffer:
    case TCBWriteRegisters:
    case TCBBindNotification:
    case TCBResume:
    case TCBSuspend:
    case TCBReadRegisters:
        record_tcb(dest, label, mr, c);
        break;
    case CNodeCopy:
    case CNodeMint:
        record_cnode(dest, label, mr, c);
        break;
    default:
        record_other(dest, label, mr, c);
        break;
    }
}

seL4_MessageInfo_t seL4_CallWithMRs(seL4_CPtr dest, seL4_MessageInfo_t info, seL4_Word *mr0,
                                    seL4_Word *mr1, seL4_Word *mr2, seL4_Word *mr3)
{
    seL4_Word *in[4] = {mr0, mr1, mr2, mr3};
    seL4_Word mr[seL4_MsgMaxLength] = {0};
    seL4_Word c[3];
    seL4_Word label = seL4_MessageInfo_get_label(info);
    seL4_Word len = seL4_MessageInfo_get_length(info);
    for (seL4_Word i = 0; i < len; i++) {
        mr[i] = i < 4 ? (in[i] ? *in[i] : 0) : ipc_buffer.msg[i];
    }
    for (int i = 0; i < 3; i++) {
        c[i] = i < (int)seL4_MessageInfo_get_extraCaps(info) ? ipc_buffer.caps_or_badges[i] : 0;
    }
    size_t n = num_lines;
    record_invocation(dest, label, mr, c);
    if (n == fail_at) {
        return seL4_MessageInfo_new(fail_err, 0, 0, 0);
    }
    if (label == UntypedRetype) {
        seL4_Error err = retype(dest, mr, c);
        if (err != seL4_NoError) {
            return seL4_MessageInfo_new(err, 0, 0, 0);
        }
    }
    if (label == TCBReadRegisters) {
        const seL4_Word *w = (const seL4_Word *)&regs;
        for (int i = 0; i < 36; i++) {
            if (i < 4) {
                if (in[i]) {
                    *in[i] = w[i];
                }
            } else {
                ipc_buffer.msg[i] = w[i];
            }
        }
        return seL4_MessageInfo_new(0, 0, 0, 36);
    }
    return seL4_MessageInfo_new(0, 0, 0, 0);
}

seL4_MessageInfo_t seL4_Call(seL4_CPtr dest, seL4_MessageInfo_t info)
{
    seL4_Word m[4];
    for (int i = 0; i < 4; i++) {
        m[i] = ipc_buffer.msg[i];
    }
    seL4_MessageInfo_t out = seL4_CallWithMRs(dest, info, &m[0], &m[1], &m[2], &m[3]);
    for (int i = 0; i < 4; i++) {
        ipc_buffer.msg[i] = m[i];
    }
    return out;
}

void seL4_DebugPutChar(char c)
{
    if (console_len + 1 < sizeof(console)) {
        console[console_len++] = c;
        console[console_len] = '\0';
    }
}

void seL4_DebugNameThread(seL4_CPtr tcb, const char *name)
{
    record("DebugNameThread tcb=%s name=%s", cap(tcb), name);
}

static void unused(const char *what)
{
    fprintf(stderr, "fake_sel4: the monitor called %s, which no host test expects\n", what);
    abort();
}

void seL4_Send(seL4_CPtr dest, seL4_MessageInfo_t info)
{
    unused("seL4_Send");
}

void seL4_NBSend(seL4_CPtr dest, seL4_MessageInfo_t info)
{
    unused("seL4_NBSend");
}

void seL4_Signal(seL4_CPtr dest)
{
    unused("seL4_Signal");
}

seL4_MessageInfo_t seL4_Recv(seL4_CPtr src, seL4_Word *sender, seL4_CPtr reply)
{
    unused("seL4_Recv");
    return seL4_MessageInfo_new(0, 0, 0, 0);
}

seL4_MessageInfo_t seL4_NBRecv(seL4_CPtr src, seL4_Word *sender, seL4_CPtr reply)
{
    unused("seL4_NBRecv");
    return seL4_MessageInfo_new(0, 0, 0, 0);
}

seL4_MessageInfo_t seL4_Wait(seL4_CPtr src, seL4_Word *sender)
{
    unused("seL4_Wait");
    return seL4_MessageInfo_new(0, 0, 0, 0);
}

seL4_MessageInfo_t seL4_NBWait(seL4_CPtr src, seL4_Word *sender)
{
    unused("seL4_NBWait");
    return seL4_MessageInfo_new(0, 0, 0, 0);
}

seL4_MessageInfo_t seL4_Poll(seL4_CPtr src, seL4_Word *sender)
{
    unused("seL4_Poll");
    return seL4_MessageInfo_new(0, 0, 0, 0);
}

seL4_MessageInfo_t seL4_ReplyRecv(seL4_CPtr src, seL4_MessageInfo_t info, seL4_Word *sender,
                                  seL4_CPtr reply)
{
    unused("seL4_ReplyRecv");
    return seL4_MessageInfo_new(0, 0, 0, 0);
}

seL4_MessageInfo_t seL4_NBSendRecv(seL4_CPtr dest, seL4_MessageInfo_t info, seL4_CPtr src,
                                   seL4_Word *sender, seL4_CPtr reply)
{
    unused("seL4_NBSendRecv");
    return seL4_MessageInfo_new(0, 0, 0, 0);
}

seL4_MessageInfo_t seL4_NBSendWait(seL4_CPtr dest, seL4_MessageInfo_t info, seL4_CPtr src,
                                   seL4_Word *sender)
{
    unused("seL4_NBSendWait");
    return seL4_MessageInfo_new(0, 0, 0, 0);
}

void seL4_Yield(void)
{
    unused("seL4_Yield");
}

void seL4_DebugDumpScheduler(void)
{
    unused("seL4_DebugDumpScheduler");
}

void seL4_DebugHalt(void)
{
    unused("seL4_DebugHalt");
}
