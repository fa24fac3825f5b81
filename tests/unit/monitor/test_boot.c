/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The spec interpreter on a tiny hand-built system (2 PDs, a device frame
 * and a RAM frame at fixed addresses, page tables, fills, an IRQ, caps):
 * the exact sequence of kernel invocations is checked against the fake.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <sdk/monitor_abi.h>

#include "boot.h"
#include "fake_sel4.h"
#include "monitor_test.h"
#include "spec_builder.h"

/* CPtr of slot n of the monitor's system CNode. */
#define S(n) (((seL4_CPtr)1 << 63) | (n))

static uint8_t *scratch_mem;
static uint8_t *scratch;

static const char code_a[] = "code of pd a, deflated; code of pd a, deflated; code of pd a";
static const char code_b[] = "code of pd b, stored";

static void build_tiny(struct sb *b)
{
    sb_init(b);
    sb_object(b, BS_OBJ_FRAME, 12, 0x9000000, BS_OBJ_FLAG_DEVICE, "uart"); /* 0 */
    sb_object(b, BS_OBJ_FRAME, 12, 0x60201000, 0, "fixed ram");            /* 1 */
    sb_object(b, BS_OBJ_CNODE, 9, BS_ANY_PADDR, 0, "cnode a");             /* 2 */
    sb_object(b, BS_OBJ_CNODE, 9, BS_ANY_PADDR, 0, "cnode b");             /* 3 */
    sb_object(b, BS_OBJ_VSPACE, 13, BS_ANY_PADDR, 0, "vspace a");          /* 4 */
    sb_object(b, BS_OBJ_VSPACE, 13, BS_ANY_PADDR, 0, "vspace b");          /* 5 */
    sb_object(b, BS_OBJ_TCB, 12, BS_ANY_PADDR, 0, "tcb a");                /* 6 */
    sb_object(b, BS_OBJ_TCB, 12, BS_ANY_PADDR, 0, "tcb b");                /* 7 */
    for (int i = 0; i < 4; i++) {
        sb_object(b, BS_OBJ_PAGE_TABLE, 12, BS_ANY_PADDR, 0, "pt"); /* 8..11 */
    }
    sb_object(b, BS_OBJ_FRAME, 12, BS_ANY_PADDR, 0, "code a");                      /* 12 */
    sb_object(b, BS_OBJ_FRAME, 12, BS_ANY_PADDR, 0, "code b");                      /* 13 */
    sb_object(b, BS_OBJ_FRAME, 12, BS_ANY_PADDR, 0, "ipc a");                       /* 14 */
    sb_object(b, BS_OBJ_FRAME, 12, BS_ANY_PADDR, 0, "ipc b");                       /* 15 */
    sb_object(b, BS_OBJ_SCHED_CONTEXT, 8, BS_ANY_PADDR, 0, "sc a");                 /* 16 */
    sb_object(b, BS_OBJ_SCHED_CONTEXT, 8, BS_ANY_PADDR, 0, "sc b");                 /* 17 */
    sb_object(b, BS_OBJ_NOTIFICATION, 6, BS_ANY_PADDR, 0, "ntfn a");                /* 18 */
    sb_object(b, BS_OBJ_NOTIFICATION, 6, BS_ANY_PADDR, 0, "ntfn b");                /* 19 */
    b->monitor_reply = sb_object(b, BS_OBJ_REPLY, 5, BS_ANY_PADDR, 0, "reply");     /* 20 */
    b->monitor_fault_ep = sb_object(b, BS_OBJ_ENDPOINT, 4, BS_ANY_PADDR, 0, "fep"); /* 21 */

    sb_fill(b, 12, 0x10, code_a, sizeof(code_a), 1);
    sb_fill(b, 13, 0, code_b, sizeof(code_b), 0);
    sb_fill(b, 1, 0x800, code_b, sizeof(code_b), 1);

    for (uint32_t pd = 0; pd < 2; pd++) {
        sb_map(b, 4 + pd, 8 + 2 * pd, 0, BS_MAP_PAGE_TABLE, 0, 3);
        sb_map(b, 4 + pd, 9 + 2 * pd, 0x200000, BS_MAP_PAGE_TABLE, 0, 3);
        sb_map(b, 4 + pd, 12 + pd, 0x200000, BS_MAP_FRAME, BS_RIGHT_READ, 3);
        sb_map(b, 4 + pd, 14 + pd, 0x201000, BS_MAP_FRAME, BS_RIGHT_READ | BS_RIGHT_WRITE, 7);
        sb_map(b, 4 + pd, pd, 0x202000 + pd * 0x1000, BS_MAP_FRAME, BS_RIGHT_READ | BS_RIGHT_WRITE,
               6);
    }
    sb_irq(b, 33, 0x8, 18, 2, 141, BS_IRQ_LEVEL);
    sb_cap(b, 2, 1, 18, BS_CAP_OBJECT, BS_RIGHTS_ALL, 0);
    sb_cap(b, 2, 3, 4, BS_CAP_OBJECT, BS_RIGHTS_ALL, 0);
    sb_cap(b, 2, 11, 19, BS_CAP_OBJECT, BS_RIGHT_WRITE, 1);
    sb_cap(b, 3, 1, 19, BS_CAP_OBJECT, BS_RIGHTS_ALL, 0);
    sb_cap(b, 3, 5, 21, BS_CAP_OBJECT, BS_RIGHTS_ALL, 2);
    sb_cap(b, 3, 7, 0, BS_CAP_SMC, BS_RIGHTS_ALL, 0);

    struct bs_pd a = {0};
    a.tcb = 6, a.sched_context = 16, a.cnode = 2, a.vspace = 4, a.notification = 18;
    a.ipc_buffer = 14, a.fault_ep = 21, a.vcpu = BS_NONE, a.parent = BS_NONE;
    a.fault_badge = 1, a.ipc_buffer_vaddr = 0x201000, a.entry = 0x200000;
    a.stack_top = 0xffffffe000, a.stack_bottom = 0xffffffc000;
    a.budget_us = 1000, a.period_us = 1000, a.sc_badge = 0x100, a.cnode_guard = 55;
    a.priority = 100, a.mcp = 100, a.flags = BS_PD_START;
    sb_pd(b, &a, "a");
    struct bs_pd pb = a;
    pb.tcb = 7, pb.sched_context = 17, pb.cnode = 3, pb.vspace = 5, pb.notification = 19;
    pb.ipc_buffer = 15, pb.fault_badge = 2, pb.budget_us = 500, pb.period_us = 2000;
    pb.sc_badge = 0x101, pb.priority = 50, pb.mcp = 50, pb.flags = BS_PD_START | BS_PD_PASSIVE;
    sb_pd(b, &pb, "b");
}

static const struct fake_untyped tiny_uts[] = {
    {0x8000000, 27, 1},
    {0x60000000, 16, 0},
    {0x60200000, 21, 0},
    {0x60400000, 22, 0},
};

static const char *const expected[] = {
    /* 0. the two-level CSpace: S (2^6 slots) and R in the first RAM untyped
     * without a fixed object (ut 102 holds 'fixed ram'), R filled, then made the root */
    "Untyped_Retype ut=101 type=4 size=6 root=2:0/0 slot=301 n=1",
    "Untyped_Retype ut=101 type=4 size=1 root=2:0/0 slot=300 n=1",
    "CNode_Mint dest=300:0/1 src=2:2/64 rights=15 badge=0x2e",
    "CNode_Mint dest=300:1/1 src=2:301/64 rights=15 badge=0x39",
    "TCB_SetSpace tcb=1 fault=0 cspace=300 data=0x0 vspace=3 vdata=0",
    /* 1. objects, into S through R slot 1; padding into the initial CNode */
    "Untyped_Retype ut=100 type=0 size=24 root=2:0/0 slot=302 n=1",
    "Untyped_Retype ut=100 type=9 size=0 root=300:1/1 slot=0 n=1",
    "Untyped_Retype ut=102 type=0 size=12 root=2:0/0 slot=303 n=1",
    "Untyped_Retype ut=102 type=9 size=0 root=300:1/1 slot=1 n=1",
    "Untyped_Retype ut=101 type=4 size=9 root=300:1/1 slot=2 n=2",
    "Untyped_Retype ut=101 type=8 size=0 root=300:1/1 slot=4 n=2",
    "Untyped_Retype ut=102 type=1 size=0 root=300:1/1 slot=6 n=2",
    "Untyped_Retype ut=102 type=11 size=0 root=300:1/1 slot=8 n=4",
    "Untyped_Retype ut=102 type=9 size=0 root=300:1/1 slot=12 n=4",
    "Untyped_Retype ut=102 type=5 size=8 root=300:1/1 slot=16 n=2",
    "Untyped_Retype ut=102 type=3 size=0 root=300:1/1 slot=18 n=2",
    "Untyped_Retype ut=102 type=6 size=0 root=300:1/1 slot=20 n=1",
    "Untyped_Retype ut=102 type=2 size=0 root=300:1/1 slot=21 n=1",
    /* 2. fills, through the scratch window (its tables in the initial CNode) */
    "Untyped_Retype ut=102 type=11 size=0 root=2:0/0 slot=304 n=1",
    "PageTable_Map pt=304 vspace=3 vaddr=scratch+0x0 attrs=3",
    "Untyped_Retype ut=102 type=11 size=0 root=2:0/0 slot=305 n=1",
    "PageTable_Map pt=305 vspace=3 vaddr=scratch+0x0 attrs=3",
    /* Code, mapped cached and executable: only the instruction cache needs work. */
    "Page_Map frame=s12 vspace=3 vaddr=scratch+0x0 rights=3 attrs=7",
    "Page_Unify_Instruction frame=s12 0x0..0x1000",
    "Page_Unmap frame=s12",
    "Page_Map frame=s13 vspace=3 vaddr=scratch+0x0 rights=3 attrs=7",
    "Page_Unify_Instruction frame=s13 0x0..0x1000",
    "Page_Unmap frame=s13",
    /* Mapped uncached and never executable: clean the data cache only. */
    "Page_Map frame=s1 vspace=3 vaddr=scratch+0x0 rights=3 attrs=7",
    "Page_CleanInvalidate_Data frame=s1 0x0..0x1000",
    "Page_Unmap frame=s1",
    /* 3. ASIDs, then maps; S slots are named from R with 64 bits; frames mapped once
     * are mapped through their own caps */
    "ASIDPool_Assign pool=6 vspace=s4",
    "ASIDPool_Assign pool=6 vspace=s5",
    "PageTable_Map pt=s8 vspace=s4 vaddr=0x0 attrs=3",
    "PageTable_Map pt=s9 vspace=s4 vaddr=0x200000 attrs=3",
    "Page_Map frame=s12 vspace=s4 vaddr=0x200000 rights=2 attrs=3",
    "Page_Map frame=s14 vspace=s4 vaddr=0x201000 rights=3 attrs=7",
    "Page_Map frame=s0 vspace=s4 vaddr=0x202000 rights=3 attrs=6",
    "PageTable_Map pt=s10 vspace=s5 vaddr=0x0 attrs=3",
    "PageTable_Map pt=s11 vspace=s5 vaddr=0x200000 attrs=3",
    "Page_Map frame=s13 vspace=s5 vaddr=0x200000 rights=2 attrs=3",
    "Page_Map frame=s15 vspace=s5 vaddr=0x201000 rights=3 attrs=7",
    "Page_Map frame=s1 vspace=s5 vaddr=0x203000 rights=3 attrs=6",
    /* 4. IRQs */
    "IRQControl_GetTrigger ctl=4 irq=33 trigger=0 dest=300:s22/64",
    "CNode_Mint dest=300:s23/64 src=300:s18/64 rights=15 badge=0x8",
    "IRQHandler_SetNotification handler=s22 ntfn=s23",
    "CNode_Copy dest=s2:141/9 src=300:s22/64 rights=15",
    /* 5. caps */
    "CNode_Copy dest=s2:1/9 src=300:s18/64 rights=15",
    "CNode_Copy dest=s2:3/9 src=300:s4/64 rights=15",
    "CNode_Mint dest=s2:11/9 src=300:s19/64 rights=1 badge=0x1",
    "CNode_Copy dest=s3:1/9 src=300:s19/64 rights=15",
    "CNode_Mint dest=s3:5/9 src=300:s21/64 rights=15 badge=0x2",
    "CNode_Copy dest=s3:7/9 src=300:15/64 rights=15",
    /* 6. threads */
    "CNode_Mint dest=300:s24/64 src=300:s21/64 rights=15 badge=0x1",
    "SchedControl_ConfigureFlags ctl=20 sc=s16 budget=1000 period=1000 refills=0 badge=0x100 "
    "flags=0",
    "TCB_SetSchedParams tcb=s6 auth=1 mcp=100 prio=100 sc=s16 fault=s24",
    "TCB_SetSpace tcb=s6 fault=s24 cspace=s2 data=0x37 vspace=s4 vdata=0",
    "TCB_SetIPCBuffer tcb=s6 vaddr=0x201000 frame=s14",
    "TCB_WriteRegisters tcb=s6 flags=0x0 n=2 pc=0x200000 sp=0xffffffe000",
    "TCB_BindNotification tcb=s6 ntfn=s18",
    "DebugNameThread tcb=s6 name=a",
    "CNode_Mint dest=300:s25/64 src=300:s21/64 rights=15 badge=0x2",
    "SchedControl_ConfigureFlags ctl=20 sc=s17 budget=500 period=2000 refills=0 badge=0x101 "
    "flags=0",
    "TCB_SetSchedParams tcb=s7 auth=1 mcp=50 prio=50 sc=s17 fault=s25",
    "TCB_SetSpace tcb=s7 fault=s25 cspace=s3 data=0x37 vspace=s5 vdata=0",
    "TCB_SetIPCBuffer tcb=s7 vaddr=0x201000 frame=s15",
    "TCB_WriteRegisters tcb=s7 flags=0x0 n=2 pc=0x200000 sp=0xffffffe000",
    "TCB_BindNotification tcb=s7 ntfn=s19",
    "DebugNameThread tcb=s7 name=b",
    /* start */
    "TCB_Resume tcb=s6",
    "TCB_Resume tcb=s7",
};

static int setup(void **state)
{
    /* A 2 MiB-aligned window of 4 MiB, like the target's. */
    scratch_mem = malloc(6u << 20);
    scratch = (uint8_t *)(((uintptr_t)scratch_mem + (2u << 20) - 1) & ~(uintptr_t)((2u << 20) - 1));
    return 0;
}

static int teardown(void **state)
{
    fake_reset(NULL);
    free(scratch_mem);
    return 0;
}

static uint64_t run_timer_hz;  /* what the monitor read from CNTFRQ_EL0 */
static unsigned run_cores = 1; /* SchedControl caps in boot info: one per core */

static int run_spec(const struct sb *b, const struct fake_untyped *uts, unsigned n)
{
    static seL4_BootInfo bi;
    static struct boot boot;
    boot.timer_hz = run_timer_hz;
    static struct bs_spec spec;
    size_t size;
    const char *why = NULL;
    uint8_t *blob = sb_finish(b, &size);
    make_bootinfo(&bi, uts, n);
    bi.schedcontrol.end = bi.schedcontrol.start + run_cores;
    fake_reset(scratch);
    assert_int_equal(bs_open(&spec, blob, size, &why), 0);
    int r = boot_run(&boot, &spec, &bi, scratch);
    free(blob);
    return r;
}

static void test_tiny_system_sequence(void **state)
{
    static struct sb b;
    build_tiny(&b);
    int r = run_spec(&b, tiny_uts, 4);
    size_t n = sizeof(expected) / sizeof(expected[0]);
    for (size_t i = 0; i < n && i < fake_count(); i++) {
        if (strcmp(fake_line(i), expected[i]) != 0) {
            fake_dump();
            fail_msg("invocation %zu: got '%s', expected '%s'", i, fake_line(i), expected[i]);
        }
    }
    assert_int_equal(fake_count(), n);
    assert_int_equal(r, 0);
    assert_string_equal(fake_console(), "MON|INFO: starting protection domains\n");
}

/*
 * fpu="false" on PD a and a domain schedule (seL4 16): the TCB flag and each
 * PD's domain after its thread set-up, then, after every PD is resumed, the
 * entries with a duration (microseconds in ticks at 62.5 MHz, to the
 * nearest), the start, then the end marker.
 */
static void build_domains(struct sb *b)
{
    build_tiny(b);
    b->pds[0].flags |= BS_PD_FPU_DISABLED;
    b->pds[0].domain = 1;
    b->pds[1].domain = 2;
    sb_sched(b, 4, 1, BS_SCHED_US, 1001);
    sb_sched(b, 5, 2, BS_SCHED_TICKS, 50);
    sb_sched(b, 6, 0, BS_SCHED_END, 0);
    sb_sched(b, 7, 0, BS_SCHED_US, 3);
    sb_sched_start(b, 5);
}

static void test_domains_and_fpu(void **state)
{
    static struct sb b;
    static const char *const want[] = {
        "TCB_SetFlags tcb=s6 clear=0x0 set=0x1",
        "DomainSet_Set ds=11 domain=1 tcb=s6",
        "DomainSet_Set ds=11 domain=2 tcb=s7",
        "TCB_Resume tcb=s6",
        "TCB_Resume tcb=s7",
        "DomainSet_ScheduleConfigure ds=11 index=4 domain=1 duration=62563",
        "DomainSet_ScheduleConfigure ds=11 index=5 domain=2 duration=50",
        "DomainSet_ScheduleConfigure ds=11 index=7 domain=0 duration=188",
        "DomainSet_ScheduleSetStart ds=11 index=5",
        "DomainSet_ScheduleConfigure ds=11 index=6 domain=0 duration=0",
    };
    build_domains(&b);
    run_timer_hz = 62500000;
    int r = run_spec(&b, tiny_uts, 4);
    run_timer_hz = 0;
    assert_int_equal(r, 0);
    long at = 0;
    for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
        long next = fake_find(want[i], (size_t)at);
        if (next < 0) {
            fake_dump();
            fail_msg("'%s' not found after invocation %ld", want[i], at);
        }
        at = next + 1;
    }
    assert_int_equal((size_t)at, fake_count());
    assert_int_equal(fake_find("TCB_SetFlags tcb=s7", 0), -1);
}

/*
 * cpu (spec version 3): each scheduling context is configured with the
 * SchedControl cap of its thread's core, schedcontrol.start + cpu; a core
 * the kernel does not have stops the boot at that thread, named.
 */
static void test_threads_on_their_cores(void **state)
{
    static struct sb b;
    build_tiny(&b);
    b.pds[1].cpu = 3;
    run_cores = 4;
    int r = run_spec(&b, tiny_uts, 4);
    run_cores = 1;
    assert_int_equal(r, 0);
    assert_true(fake_find("SchedControl_ConfigureFlags ctl=20 sc=s16 ", 0) >= 0);
    assert_true(fake_find("SchedControl_ConfigureFlags ctl=23 sc=s17 ", 0) >= 0);
    assert_int_equal(run_spec(&b, tiny_uts, 4), -1);
    assert_non_null(strstr(fake_console(),
                           "MON|ERROR: thread 'b' is for core 3, but the kernel runs on 1 core\n"));
    assert_int_equal(fake_find("SchedControl_ConfigureFlags ctl=20 sc=s17 ", 0), -1);
}

/* Without CNTFRQ_EL0 the board's frequency in the spec converts; without either, no boot. */
static void test_domain_ticks_need_a_frequency(void **state)
{
    static struct sb b;
    build_domains(&b);
    b.timer_hz = 1000000;
    assert_int_equal(run_spec(&b, tiny_uts, 4), 0);
    assert_true(fake_find("DomainSet_ScheduleConfigure ds=11 index=4 domain=1 duration=1001", 0) >=
                0);
    b.timer_hz = 0;
    assert_int_equal(run_spec(&b, tiny_uts, 4), -1);
    assert_non_null(strstr(fake_console(), "MON|ERROR: domain schedule entry 4: 1001 us is not "
                                           "1..2^56-1 timer ticks at 0 Hz\n"));
    assert_int_equal(fake_find("DomainSet_ScheduleSetStart", 0), -1);
}

static void test_tiny_system_fills(void **state)
{
    static struct sb b;
    size_t size;
    build_tiny(&b);
    assert_int_equal(run_spec(&b, tiny_uts, 4), 0);
    const uint8_t *a = fake_frame(S(12), &size);
    assert_non_null(a);
    assert_int_equal(size, 4096);
    assert_memory_equal(a + 0x10, code_a, sizeof(code_a));
    for (size_t i = 0; i < 0x10; i++) {
        assert_int_equal(a[i], 0);
    }
    assert_int_equal(a[0x10 + sizeof(code_a)], 0);
    const uint8_t *bb = fake_frame(S(13), &size);
    assert_non_null(bb);
    assert_memory_equal(bb, code_b, sizeof(code_b));
    const uint8_t *fixed = fake_frame(S(1), &size);
    assert_non_null(fixed);
    assert_memory_equal(fixed + 0x800, code_b, sizeof(code_b));
}

/* Fills that share one compressed blob (as the tool stores identical contents) all get it. */
static void test_shared_fill_data(void **state)
{
    static struct sb b;
    size_t size;
    build_tiny(&b);
    for (uint32_t frame = 14; frame <= 15; frame++) {
        struct bs_fill *f = &b.fills[b.num_fills++];
        *f = b.fills[0];
        f->obj = frame;
        f->dest_offset = frame == 14 ? 0x40 : 0xf00;
    }
    assert_int_equal(run_spec(&b, tiny_uts, 4), 0);
    const uint8_t *a = fake_frame(S(12), &size);
    assert_non_null(a);
    assert_memory_equal(a + 0x10, code_a, sizeof(code_a));
    const uint8_t *c = fake_frame(S(14), &size);
    assert_non_null(c);
    assert_memory_equal(c + 0x40, code_a, sizeof(code_a));
    assert_int_equal(c[0x3f], 0);
    assert_int_equal(c[0x40 + sizeof(code_a)], 0);
    const uint8_t *d = fake_frame(S(15), &size);
    assert_non_null(d);
    assert_memory_equal(d + 0xf00, code_a, sizeof(code_a));
}

static void test_corrupt_fill_names_frame(void **state)
{
    static struct sb b;
    build_tiny(&b);
    b.data[b.fills[0].data_offset + 4] ^= 0x55;
    assert_int_equal(run_spec(&b, tiny_uts, 4), -1);
    assert_non_null(strstr(fake_console(), "MON|ERROR: filling 'code a' failed: "));
    assert_int_equal(fake_find("Page_Unmap frame=s12", 0), -1);
}

static void test_failed_invocation_names_object(void **state)
{
    static struct sb b;
    build_tiny(&b);
    fake_reset(scratch);
    /* Invocation 33 is the first page table map of PD a. */
    size_t size;
    const char *why;
    static struct bs_spec spec;
    static struct boot boot;
    static seL4_BootInfo bi;
    uint8_t *blob = sb_finish(&b, &size);
    make_bootinfo(&bi, tiny_uts, 4);
    assert_int_equal(bs_open(&spec, blob, size, &why), 0);
    fake_fail_at(33, seL4_DeleteFirst);
    assert_int_equal(boot_run(&boot, &spec, &bi, scratch), -1);
    assert_string_equal(fake_console(), "MON|ERROR: mapping 'pt' failed: seL4_DeleteFirst\n");
    assert_int_equal(fake_count(), 34);
    free(blob);
}

/* A 2 MiB frame is filled through the window's 2 MiB slot. */
static void test_large_frame_fill(void **state)
{
    static struct sb b;
    static const struct fake_untyped uts[] = {{0x60000000, 23, 0}};
    size_t size;
    sb_init(&b);
    sb_object(&b, BS_OBJ_FRAME, 21, BS_ANY_PADDR, 0, "large");                    /* 0 */
    sb_object(&b, BS_OBJ_VSPACE, 13, BS_ANY_PADDR, 0, "vspace");                  /* 1 */
    b.monitor_reply = sb_object(&b, BS_OBJ_REPLY, 5, BS_ANY_PADDR, 0, "r");       /* 2 */
    b.monitor_fault_ep = sb_object(&b, BS_OBJ_ENDPOINT, 4, BS_ANY_PADDR, 0, "e"); /* 3 */
    sb_fill(&b, 0, 0x100000, code_a, sizeof(code_a), 1);
    sb_map(&b, 1, 0, 0x40000000, BS_MAP_FRAME, BS_RIGHT_READ, BS_ATTR_CACHEABLE);
    assert_int_equal(run_spec(&b, uts, 1), 0);
    long at = fake_find("Page_Map frame=s0 vspace=3", 0);
    assert_true(at >= 0);
    assert_string_equal(fake_line((size_t)at),
                        "Page_Map frame=s0 vspace=3 vaddr=scratch+0x200000 rights=3 attrs=7");
    assert_string_equal(fake_line((size_t)at + 1), "Page_Unify_Instruction frame=s0 0x0..0x200000");
    assert_string_equal(fake_line((size_t)at + 2), "Page_Unmap frame=s0");
    const uint8_t *f = fake_frame(S(0), &size);
    assert_non_null(f);
    assert_int_equal(size, 2u << 20);
    assert_memory_equal(f + 0x100000, code_a, sizeof(code_a));
}

/* A VM vCPU thread: bound to its VCPU, no IPC buffer or CNode, not resumed. */
static void test_vcpu_thread(void **state)
{
    static struct sb b;
    static const struct fake_untyped uts[] = {{0x60000000, 20, 0}};
    sb_init(&b);
    sb_object(&b, BS_OBJ_VSPACE, 13, BS_ANY_PADDR, 0, "vm vspace");               /* 0 */
    sb_object(&b, BS_OBJ_TCB, 12, BS_ANY_PADDR, 0, "vm tcb");                     /* 1 */
    sb_object(&b, BS_OBJ_VCPU, 12, BS_ANY_PADDR, 0, "vcpu");                      /* 2 */
    sb_object(&b, BS_OBJ_SCHED_CONTEXT, 8, BS_ANY_PADDR, 0, "vm sc");             /* 3 */
    b.monitor_reply = sb_object(&b, BS_OBJ_REPLY, 5, BS_ANY_PADDR, 0, "r");       /* 4 */
    b.monitor_fault_ep = sb_object(&b, BS_OBJ_ENDPOINT, 4, BS_ANY_PADDR, 0, "e"); /* 5 */
    struct bs_pd vm = {0};
    vm.tcb = 1, vm.sched_context = 3, vm.cnode = BS_NONE, vm.vspace = 0;
    vm.notification = BS_NONE, vm.ipc_buffer = BS_NONE, vm.fault_ep = 5, vm.vcpu = 2;
    vm.parent = BS_NONE, vm.fault_badge = 0x4000000000000001ull, vm.entry = 0x40080000;
    vm.budget_us = 100, vm.period_us = 100, vm.priority = 10, vm.mcp = 10;
    vm.flags = BS_PD_VCPU;
    sb_pd(&b, &vm, "vm");
    assert_int_equal(run_spec(&b, uts, 1), 0);
    long at =
        fake_find("CNode_Mint dest=300:s6/64 src=300:s5/64 rights=15 badge=0x4000000000000001", 0);
    assert_true(at >= 0);
    static const char *const want[] = {
        "SchedControl_ConfigureFlags ctl=20 sc=s3 budget=100 period=100 refills=0 badge=0x0 "
        "flags=0",
        "TCB_SetSchedParams tcb=s1 auth=1 mcp=10 prio=10 sc=s3 fault=s6",
        "TCB_SetSpace tcb=s1 fault=s6 cspace=0 data=0x0 vspace=s0 vdata=0",
        "TCB_WriteRegisters tcb=s1 flags=0x0 n=2 pc=0x40080000 sp=0x0",
        "VCPU_SetTCB vcpu=s2 tcb=s1",
        "DebugNameThread tcb=s1 name=vm",
    };
    for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
        assert_string_equal(fake_line((size_t)at + 1 + i), want[i]);
    }
    assert_int_equal(fake_count(), (size_t)at + 1 + sizeof(want) / sizeof(want[0]));
    assert_int_equal(fake_find("TCB_Resume", 0), -1);
}

/* The system CNode's size follows the spec; more than 2^20 slots is refused. */
static void test_cspace_bits(void **state)
{
    assert_int_equal(monitor_cspace_bits(monitor_cspace_slots(22, 10, 1, 2)), 6);
    assert_int_equal(monitor_cspace_bits(64), 6);
    assert_int_equal(monitor_cspace_bits(65), 7);
    assert_int_equal(monitor_cspace_bits(1), MONITOR_CSPACE_MIN_BITS);
    assert_int_equal(monitor_cspace_bits(1u << 20), 20);
    assert_int_equal(monitor_cspace_bits((1u << 20) + 1), 21);
    /* 60 PDs, 60,000 pages each mapped three times: 2^18 slots, 8 MiB. */
    assert_int_equal(monitor_cspace_bits(monitor_cspace_slots(61022, 180500, 0, 60)), 18);
}

/* The CNodes never go into an untyped that a fixed-address object needs. */
static void test_cspace_avoids_fixed_untypeds(void **state)
{
    static struct sb b;
    static const struct fake_untyped uts[] = {{0x60000000, 16, 0}};
    sb_init(&b);
    sb_object(&b, BS_OBJ_FRAME, 12, 0x60000000, 0, "fixed");                      /* 0 */
    b.monitor_reply = sb_object(&b, BS_OBJ_REPLY, 5, BS_ANY_PADDR, 0, "r");       /* 1 */
    b.monitor_fault_ep = sb_object(&b, BS_OBJ_ENDPOINT, 4, BS_ANY_PADDR, 0, "e"); /* 2 */
    assert_int_equal(run_spec(&b, uts, 1), -1);
    assert_string_equal(fake_console(),
                        "MON|ERROR: not enough memory for object 'monitor system cnode' (2048 "
                        "bytes); the untypeds from boot info:\n"
                        "MON|ERROR:   ram untyped    0x0000000060000000 2^16, 65536 bytes free\n");
    assert_int_equal(fake_count(), 0);
}

/* A failed step of the CSpace set-up is named, and nothing follows it. */
static void test_cspace_failure(void **state)
{
    static struct sb b;
    build_tiny(&b);
    fake_reset(scratch);
    size_t size;
    const char *why;
    static struct bs_spec spec;
    static struct boot boot;
    static seL4_BootInfo bi;
    uint8_t *blob = sb_finish(&b, &size);
    make_bootinfo(&bi, tiny_uts, 4);
    assert_int_equal(bs_open(&spec, blob, size, &why), 0);
    fake_fail_at(3, seL4_InvalidArgument);
    assert_int_equal(boot_run(&boot, &spec, &bi, scratch), -1);
    assert_string_equal(fake_console(), "MON|ERROR: placing the system cnode in the monitor's root "
                                        "cnode failed: seL4_InvalidArgument\n");
    assert_int_equal(fake_count(), 4);
    free(blob);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tiny_system_sequence),
        cmocka_unit_test(test_tiny_system_fills),
        cmocka_unit_test(test_domains_and_fpu),
        cmocka_unit_test(test_domain_ticks_need_a_frequency),
        cmocka_unit_test(test_threads_on_their_cores),
        cmocka_unit_test(test_shared_fill_data),
        cmocka_unit_test(test_corrupt_fill_names_frame),
        cmocka_unit_test(test_failed_invocation_names_object),
        cmocka_unit_test(test_large_frame_fill),
        cmocka_unit_test(test_vcpu_thread),
        cmocka_unit_test(test_cspace_bits),
        cmocka_unit_test(test_cspace_avoids_fixed_untypeds),
        cmocka_unit_test(test_cspace_failure),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
