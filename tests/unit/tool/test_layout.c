/* SPDX-License-Identifier: BSD-2-Clause */
/* Unit tests of the layout stage and the memory plan on small systems built in code. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <cmocka.h>

#include "memplan.h"
#include "tool_fixture.h"

#define SYS(body) "<?xml version=\"1.0\"?><system>" body "</system>"
#define PD(name, extra, body)                                                                      \
    "<protection_domain name=\"" name "\" " extra "><program_image path=\"x.elf\"/>" body          \
    "</protection_domain>"

static size_t count_type(const struct layout *lay, unsigned type)
{
    size_t n = 0;
    for (size_t i = 0; i < lay->objects.count; i++) {
        n += lay->objects.items[i].type == type;
    }
    return n;
}

static const struct bs_cap *find_cap(const struct layout *lay, uint32_t cnode, uint32_t slot)
{
    for (size_t i = 0; i < lay->caps.count; i++) {
        if (lay->caps.items[i].cnode == cnode && lay->caps.items[i].slot == slot) {
            return &lay->caps.items[i];
        }
    }
    return NULL;
}

static void test_hello_objects(void **state)
{
    struct fixture f;
    assert_int_equal(fixture_build(&f, SYS(PD("hello", "priority=\"254\"", ""))), 0);
    const struct layout *lay = &f.lay;
    /* TCB, SC, reply x2 (PD + monitor), notification, endpoint (monitor), VSpace, CNode. */
    assert_int_equal(count_type(lay, BS_OBJ_TCB), 1);
    assert_int_equal(count_type(lay, BS_OBJ_SCHED_CONTEXT), 1);
    assert_int_equal(count_type(lay, BS_OBJ_REPLY), 2);
    assert_int_equal(count_type(lay, BS_OBJ_ENDPOINT), 1);
    assert_int_equal(count_type(lay, BS_OBJ_VSPACE), 1);
    assert_int_equal(count_type(lay, BS_OBJ_CNODE), 1);
    /* Frames: 4 ELF pages, 2 stack pages (0x2000 default), 1 IPC buffer. */
    assert_int_equal(count_type(lay, BS_OBJ_FRAME), 4 + SDK_STACK_SIZE_DEFAULT / 0x1000 + 1);
    /* Page tables: 1 GiB spans 0 and 1023; 2 MiB spans of 0x200000 and of the stack/IPC buffer. */
    assert_int_equal(count_type(lay, BS_OBJ_PAGE_TABLE), 4);
    assert_int_equal(lay->num_pt_maps, 4);
    /* Upper level tables first. */
    assert_int_equal(lay->maps.items[0].vaddr % (1ull << 30), 0);
    assert_int_equal(lay->maps.items[1].vaddr % (1ull << 30), 0);
    const struct lay_pd *p = &lay->pds[0];
    assert_false(p->needs_ep);
    assert_int_equal(p->stack_top, SDK_PD_STACK_TOP);
    assert_int_equal(p->stack_bottom, SDK_PD_STACK_TOP - SDK_STACK_SIZE_DEFAULT);
    const struct bs_cap *in = find_cap(lay, p->cnode, SDK_CAP_INPUT);
    assert_non_null(in);
    assert_int_equal(in->obj, p->notification);
    assert_non_null(find_cap(lay, p->cnode, SDK_CAP_VSPACE));
    assert_non_null(find_cap(lay, p->cnode, SDK_CAP_REPLY));
    assert_null(find_cap(lay, p->cnode, SDK_CAP_MONITOR_EP));
    const struct bs_pd *t = &lay->threads.items[0];
    assert_int_equal(t->fault_ep, lay->monitor_fault_ep);
    assert_int_equal(t->fault_badge, 1);
    assert_int_equal(t->sc_badge, 0x100);
    assert_int_equal(t->cnode_guard, SDK_PD_CNODE_GUARD);
    assert_int_equal(t->priority, 254);
    assert_int_equal(t->entry, 0x200000);
    assert_int_equal(t->flags, BS_PD_START);
    assert_int_equal(lay->objects.items[t->tcb].size_bits, 12);
    assert_int_equal(lay->objects.items[t->cnode].size_bits, SDK_PD_CNODE_BITS);
    assert_int_equal(lay->objects.items[t->sched_context].size_bits, 8);
    fixture_free(&f);
}

/* Fixed addresses first (ascending), then by size, largest first. */
static void test_object_order(void **state)
{
    struct fixture f;
    assert_int_equal(
        fixture_build(
            &f, SYS("<memory_region name=\"dev\" size=\"0x2000\" phys_addr=\"0x9001000\"/>"
                    "<memory_region name=\"big\" size=\"0x400000\" page_size=\"0x200000\"/>"
                    "<memory_region name=\"ram\" size=\"0x1000\" phys_addr=\"0x70001000\"/>" PD(
                        "a", "",
                        "<map mr=\"dev\" vaddr=\"0x3000000\" cached=\"false\"/>"
                        "<map mr=\"big\" vaddr=\"0x4000000\"/>"
                        "<map mr=\"ram\" vaddr=\"0x5000000\"/>"))),
        0);
    const struct layout *lay = &f.lay;
    size_t i = 0;
    uint64_t last = 0;
    for (; i < lay->objects.count && lay->objects.items[i].paddr != BS_ANY_PADDR; i++) {
        assert_true(lay->objects.items[i].paddr > last || i == 0);
        last = lay->objects.items[i].paddr;
    }
    assert_int_equal(i, 3); /* two device frames, one RAM frame */
    assert_true(lay->objects.items[0].flags & BS_OBJ_FLAG_DEVICE);
    assert_false(lay->objects.items[2].flags & BS_OBJ_FLAG_DEVICE);
    unsigned prev = 64;
    for (; i < lay->objects.count; i++) {
        assert_true(lay->objects.items[i].bytes_bits <= prev);
        prev = lay->objects.items[i].bytes_bits;
    }
    /* 2 MiB frames need no level-3 table: spans 0x200000, 0x3000000, 0x5000000 and the stack. */
    assert_int_equal(count_type(lay, BS_OBJ_PAGE_TABLE), 2 + 4);
    assert_int_equal(lay->mrs[1].page_bits, 21);
    assert_int_equal(lay->objects.items[lay->mrs[1].first_frame].size_bits, 21);
    fixture_free(&f);
}

static void test_channels_and_children(void **state)
{
    const char *xml =
        SYS(PD("server", "priority=\"200\"", PD("child", "id=\"3\" priority=\"100\"", ""))
                PD("client", "priority=\"50\"",
                   "<irq irq=\"33\" id=\"7\" trigger=\"edge\"/>") "<channel><end pd=\"client\" "
                                                                  "id=\"1\" pp=\"true\"/>"
                                                                  "<end pd=\"server\" id=\"2\" "
                                                                  "notify=\"false\"/></channel>");
    struct fixture f;
    assert_int_equal(fixture_build(&f, xml), 0);
    const struct layout *lay = &f.lay;
    const struct lay_pd *server = &lay->pds[0], *child = &lay->pds[1], *client = &lay->pds[2];
    assert_true(server->needs_ep);
    assert_false(client->needs_ep);
    assert_int_equal(find_cap(lay, server->cnode, SDK_CAP_INPUT)->obj, server->endpoint);
    /* client end: pp and notify. */
    const struct bs_cap *ep = find_cap(lay, client->cnode, SDK_CAP_BASE_ENDPOINT + 1);
    assert_non_null(ep);
    assert_int_equal(ep->obj, server->endpoint);
    assert_int_equal(ep->badge, (1ull << 63) | 2);
    const struct bs_cap *nt = find_cap(lay, client->cnode, SDK_CAP_BASE_NOTIFICATION + 1);
    assert_non_null(nt);
    assert_int_equal(nt->obj, server->notification);
    assert_int_equal(nt->badge, 1ull << 2);
    /* server end: notify=false, no pp. */
    assert_null(find_cap(lay, server->cnode, SDK_CAP_BASE_NOTIFICATION + 2));
    assert_null(find_cap(lay, server->cnode, SDK_CAP_BASE_ENDPOINT + 2));
    /* child: TCB cap in the parent, faults to the parent's endpoint. */
    assert_int_equal(find_cap(lay, server->cnode, SDK_CAP_BASE_TCB + 3)->obj, child->tcb);
    const struct bs_pd *ct = &lay->threads.items[1];
    assert_int_equal(ct->fault_ep, server->endpoint);
    assert_int_equal(ct->fault_badge, (1ull << 62) | 3);
    assert_int_equal(ct->parent, 0);
    assert_int_equal(lay->threads.items[2].fault_badge, 3);
    /* IRQ. */
    assert_int_equal(lay->irqs.count, 1);
    assert_int_equal(lay->irqs.items[0].irq, 33);
    assert_int_equal(lay->irqs.items[0].badge, 1ull << 7);
    assert_int_equal(lay->irqs.items[0].slot, SDK_CAP_BASE_IRQ + 7);
    assert_int_equal(lay->irqs.items[0].notification, client->notification);
    assert_int_equal(lay->irqs.items[0].trigger, BS_IRQ_EDGE);
    fixture_free(&f);
}

static void test_passive_smc(void **state)
{
    struct fixture f;
    assert_int_equal(
        fixture_build(&f, SYS(PD("a", "", "") PD("p", "passive=\"true\" smc=\"true\"", ""))), 0);
    const struct lay_pd *p = &f.lay.pds[1];
    const struct bs_cap *m = find_cap(&f.lay, p->cnode, SDK_CAP_MONITOR_EP);
    assert_non_null(m);
    assert_int_equal(m->obj, f.lay.monitor_fault_ep);
    assert_int_equal(m->badge, 2);
    assert_int_equal(find_cap(&f.lay, p->cnode, SDK_CAP_SMC)->kind, BS_CAP_SMC);
    assert_int_equal(f.lay.threads.items[1].flags, BS_PD_START | BS_PD_PASSIVE);
    fixture_free(&f);
}

/* <cspace> (Microkit 2.3): 2.3's two-level CSpace for the PD that has one, caps in the root. */
static void test_cspace_root(void **state)
{
    const char *xml = SYS(PD("sched", "",
                             "<cspace><cap_tcb slot=\"1\" pd=\"work\"/>"
                             "<cap_sc slot=\"2\" pd=\"work\"/>"
                             "<cap_vspace slot=\"63\" pd=\"sched\"/></cspace>")
                              PD("work", "passive=\"true\"", ""));
    struct fixture f;
    assert_int_equal(fixture_build(&f, xml), 0);
    const struct layout *lay = &f.lay;
    const struct lay_pd *sched = &lay->pds[0], *work = &lay->pds[1];
    assert_int_equal(work->root_cnode, BS_NONE);
    assert_int_equal(lay->threads.items[1].cnode, work->cnode);
    assert_int_equal(lay->threads.items[1].cnode_guard, SDK_PD_CNODE_GUARD);
    uint32_t root = sched->root_cnode;
    assert_int_not_equal(root, BS_NONE);
    assert_int_equal(lay->objects.items[root].type, BS_OBJ_CNODE);
    assert_int_equal(lay->objects.items[root].size_bits, 6);
    assert_int_equal(lay->threads.items[0].cnode, root);
    assert_int_equal(lay->threads.items[0].cnode_guard, 0);
    /* The Microkit CNode in slot 0, minted with a 49-bit guard: 6 + 49 + 9 = 64. */
    const struct bs_cap *c0 = find_cap(lay, root, 0);
    assert_int_equal(c0->obj, sched->cnode);
    assert_int_equal(c0->badge, 49);
    assert_int_equal(find_cap(lay, root, 1)->obj, work->tcb);
    assert_int_equal(find_cap(lay, root, 2)->obj, work->sc); /* passive: the same SC */
    assert_int_equal(find_cap(lay, root, 63)->obj, sched->vspace);
    assert_null(find_cap(lay, root, 3));
    /* The Microkit caps stay where they were. */
    assert_int_equal(find_cap(lay, sched->cnode, SDK_CAP_VSPACE)->obj, sched->vspace);
    assert_int_equal(count_type(lay, BS_OBJ_CNODE), 3);
    fixture_free(&f);
}

static void test_map_overlaps_elf(void **state)
{
    struct fixture f;
    const char *xml = SYS("<memory_region name=\"m\" size=\"0x1000\"/>\n" PD(
        "a", "", "\n<map mr=\"m\" vaddr=\"0x202000\"/>"));
    assert_int_equal(fixture_build(&f, xml), -1);
    int line = 0;
    assert_true(fixture_has(&f, "overlaps the program image of PD 'a'", &line));
    assert_int_equal(line, 3);
    fixture_free(&f);
}

static void test_map_overlaps_stack(void **state)
{
    struct fixture f;
    /* The default map limit leaves no room above the stack bottom for a 0x4000 map at 0xffffff0000
     * when the stack is 0x10000 bytes. */
    const char *xml = SYS("<memory_region name=\"m\" size=\"0x4000\"/>\n" PD(
        "a", "stack_size=\"0x10000\"", "\n<map mr=\"m\" vaddr=\"0xffffff0000\"/>"));
    int rc = fixture_build(&f, xml);
    if (rc == -2) {
        /* The check stage already rejects it (map limit); that is fine too. */
        assert_true(f.d.errors > 0);
    } else {
        assert_int_equal(rc, -1);
        int line = 0;
        assert_true(fixture_has(&f, "overlaps the stack", &line));
        assert_int_equal(line, 3);
    }
    fixture_free(&f);
}

static void test_phys_outside_board(void **state)
{
    struct fixture f;
    /* Device memory on this board ends at 2^40. */
    const char *xml =
        SYS("\n<memory_region name=\"m\" size=\"0x1000\" phys_addr=\"0x10000000000\"/>" PD(
            "a", "", "<map mr=\"m\" vaddr=\"0x3000000\"/>"));
    int rc = fixture_build(&f, xml);
    assert_true(rc == -1 || rc == -2);
    int line = 0;
    assert_true(fixture_has(&f, "0x10000000000", &line));
    assert_int_equal(line, 2);
    fixture_free(&f);
}

static struct kernel test_kernel(void)
{
    struct kernel k = {0};
    k.paddr = 0x60000000;
    k.vaddr = 0x8060000000;
    k.ki_end = 0x6025c000;
    k.ki_boot_end = 0x60010000;
    k.root_cnode_bits = 17;
    k.hw_debug_api = true;
    return k;
}

/* A region whose address a setvar needs gets a fixed address chosen by the tool. */
static void test_place_region(void **state)
{
    struct fixture f;
    const char *xml = SYS("<memory_region name=\"dma\" size=\"0x4000\"/>" PD(
        "a", "",
        "<map mr=\"dma\" vaddr=\"0x3000000\"/><setvar symbol=\"dma_paddr\" "
        "region_paddr=\"dma\"/>"));
    assert_int_equal(fixture_build(&f, xml), 0);
    struct kernel k = test_kernel();
    struct memplan mp;
    assert_int_equal(memplan_build(&f.lay, &f.sys, &f.board, &k, 0x14000, 0x8a000000, &mp, &f.d),
                     0);
    bool want[1] = {true};
    assert_int_equal(memplan_place_regions(&f.lay, &f.sys, want, &mp, &f.d), 0);
    memplan_free(&mp);
    assert_int_equal(memplan_build(&f.lay, &f.sys, &f.board, &k, 0x14000, 0x8a000000, &mp, &f.d),
                     0);
    const struct lay_mr *m = &f.lay.mrs[0];
    assert_true(m->placed);
    assert_true(m->contiguous);
    /* Fixed objects come first; the region's frames are they, ascending and contiguous. */
    for (uint32_t i = 0; i < m->frames; i++) {
        const struct lay_object *o = &f.lay.objects.items[m->first_frame + i];
        assert_int_equal(m->first_frame, 0);
        assert_int_equal(o->paddr, m->paddr + i * 0x1000ull);
        assert_int_equal(o->plan_paddr, o->paddr);
    }
    /* In the highest RAM untyped below the root task's objects. */
    const struct untyped *top = &mp.untypeds.items[mp.untypeds.count - 1];
    assert_int_equal(m->paddr, top->paddr);
    memplan_free(&mp);
    fixture_free(&f);
}

/*
 * Every object and every frame mapping takes a slot in the monitor's system
 * CNode (at most 2^20 slots, 32 MiB of RAM, counted in the plan). The check
 * stage and the layout count frames only (sys-cap-slots, the layout's
 * limits): 65534 frames mapped 15 times pass those, 1048560 slots and 30
 * more for the ELF, stack and IPC pages, and the page tables of the 15 maps
 * (128 each, one slot as an object and one as a mapping) go past 2^20 in
 * the plan.
 */
static void test_cap_slots(void **state)
{
    struct fixture f;
    char xml[2048], maps[1536];
    size_t at = 0;
    for (int i = 1; i <= 15; i++) {
        at += (size_t)snprintf(maps + at, sizeof(maps) - at,
                               "<map mr=\"m\" vaddr=\"0x%x0000000\"/>", i);
    }
    snprintf(xml, sizeof(xml),
             SYS("<memory_region name=\"m\" size=\"0xfffe000\" page_size=\"0x1000\"/>" PD("a", "",
                                                                                          "%s")),
             maps);
    assert_int_equal(fixture_build(&f, xml), 0);
    struct kernel k = test_kernel();
    struct memplan mp;
    assert_int_equal(memplan_build(&f.lay, &f.sys, &f.board, &k, 0x14000, 0x8a000000, &mp, &f.d),
                     -1);
    assert_true(fixture_has(&f, "cap slots (", NULL));
    /* 15 x 65534 region pages, 4 ELF pages, 2 stack pages, the IPC buffer. */
    assert_true(fixture_has(&f, "983017 frame mappings", NULL));
    assert_true(fixture_has(&f, "holds at most 1048576 (2^20)", NULL));
    memplan_free(&mp);
    fixture_free(&f);

    /* Four maps of 32768 pages (beyond the kernel's 2^17-slot CNode) fit: 2^18 slots, 8 MiB. */
    const char *four = SYS("<memory_region name=\"m\" size=\"0x8000000\" page_size=\"0x1000\"/>" PD(
        "a", "",
        "<map mr=\"m\" vaddr=\"0x10000000\"/><map mr=\"m\" vaddr=\"0x20000000\"/>"
        "<map mr=\"m\" vaddr=\"0x30000000\"/><map mr=\"m\" vaddr=\"0x40000000\"/>"));
    assert_int_equal(fixture_build(&f, four), 0);
    assert_int_equal(memplan_build(&f.lay, &f.sys, &f.board, &k, 0x14000, 0x8a000000, &mp, &f.d),
                     0);
    assert_int_equal(mp.cspace_bits, 18);
    assert_int_equal(memplan_cspace_bytes(&f.lay), (8ull << 20) + 64);
    assert_int_not_equal(mp.cspace_paddr, BS_ANY_PADDR);
    assert_int_equal(mp.cspace_paddr % (8ull << 20), 0);
    memplan_free(&mp);
    fixture_free(&f);
}

static void test_virtual_machine(void **state)
{
    const char *xml =
        SYS("<memory_region name=\"ram\" size=\"0x400000\" page_size=\"0x200000\"/>" PD(
            "vmm", "priority=\"100\"",
            "<virtual_machine name=\"guest\" priority=\"50\"><vcpu id=\"0\"/><vcpu id=\"2\"/>"
            "<map mr=\"ram\" vaddr=\"0x40000000\"/></virtual_machine>"));
    struct fixture f;
    assert_int_equal(fixture_build(&f, xml), 0);
    const struct layout *lay = &f.lay;
    const struct lay_pd *vmm = &lay->pds[0];
    assert_true(vmm->needs_ep);
    assert_int_not_equal(vmm->vm_vspace, BS_NONE);
    assert_int_equal(count_type(lay, BS_OBJ_VCPU), 2);
    assert_int_equal(count_type(lay, BS_OBJ_TCB), 3);
    assert_int_equal(lay->threads.count, 3);
    const struct bs_pd *v = &lay->threads.items[2];
    assert_int_equal(v->flags, BS_PD_VCPU);
    assert_int_equal(v->vspace, vmm->vm_vspace);
    assert_int_equal(v->fault_ep, vmm->endpoint);
    assert_int_equal(v->fault_badge, (1ull << 62) | 2);
    assert_int_equal(v->priority, 50);
    assert_int_equal(lay->objects.items[v->vcpu].type, BS_OBJ_VCPU);
    const struct bs_cap *tcb = find_cap(lay, vmm->cnode, SDK_CAP_BASE_VM_TCB + 2);
    assert_non_null(tcb);
    assert_int_equal(tcb->obj, v->tcb);
    assert_int_equal(find_cap(lay, vmm->cnode, SDK_CAP_BASE_VCPU + 2)->obj, v->vcpu);
    /* Guest memory: two 2 MiB frames in the VM's VSpace, one level-2 table, no level 3. */
    assert_int_equal(vmm->vm_page_tables, 1);
    size_t guest_maps = 0;
    for (size_t i = lay->num_pt_maps; i < lay->maps.count; i++) {
        guest_maps += lay->maps.items[i].vspace == vmm->vm_vspace;
    }
    assert_int_equal(guest_maps, 2);
    fixture_free(&f);
}

static void test_plan_hello(void **state)
{
    struct fixture f;
    assert_int_equal(fixture_build(&f, SYS(PD("hello", "", ""))), 0);
    struct kernel k = test_kernel();
    struct memplan mp;
    assert_int_equal(memplan_build(&f.lay, &f.sys, &f.board, &k, 0x14000, 0x8a000000, &mp, &f.d),
                     0);
    assert_int_equal(mp.ui_p_start, 0x6025c000);
    assert_int_equal(mp.ui_p_end, 0x60270000);
    /* Root task objects: 4 MiB aligned at the top of RAM. */
    assert_int_equal(mp.rootserver_start, 0xbf800000);
    /* The freed boot code comes first. */
    assert_int_equal(mp.untypeds.items[0].paddr, 0x60000000);
    assert_int_equal(mp.untypeds.items[0].size_bits, 16);
    for (size_t i = 0; i < f.lay.objects.count; i++) {
        const struct lay_object *o = &f.lay.objects.items[i];
        assert_int_not_equal(o->plan_paddr, BS_ANY_PADDR);
        assert_int_equal(o->plan_paddr % lay_object_bytes(o), 0);
        /* Nothing lands in the kernel, user image or root task objects. */
        assert_false(o->plan_paddr >= 0x60010000 && o->plan_paddr < 0x60270000);
        assert_false(o->plan_paddr >= mp.rootserver_start && o->plan_paddr < mp.rootserver_end);
    }
    memplan_free(&mp);
    fixture_free(&f);
}

/*
 * The root task's block as seL4 16.0.0 (debug, hypervisor, MCS) carved it in
 * real boots of example/hello (user image 0x1c000 bytes) and of the 60,000-page
 * bench system (0x27c000 bytes, two 2 MiB spans): 4 MiB CNode, 4 KiB TCB, IPC
 * buffer, boot info and ASID pool pages, 8 KiB VSpace, 128-byte SC, one
 * level-1 table and one level-2 table per 2 MiB span.
 */
static void test_plan_rootserver_block(void **state)
{
    assert_int_equal(memplan_rootserver_bytes(22, 12, 0x8a000000, 0x1c000, true), 0x408080);
    assert_int_equal(memplan_rootserver_bytes(22, 12, 0x8a000000, 0x27c000, true), 0x409080);
    /* 4 KiB of it are what the kernel maps after the image: no third page. */
    assert_int_equal(memplan_rootserver_bytes(22, 12, 0x8a000000, 0x1fe000, true), 0x408080);
    assert_int_equal(memplan_rootserver_bytes(22, 12, 0x8a000000, 0x1ff000, true), 0x409080);

    struct fixture f;
    assert_int_equal(fixture_build(&f, SYS(PD("hello", "", ""))), 0);
    struct kernel k = test_kernel();
    struct memplan mp;
    assert_int_equal(memplan_build(&f.lay, &f.sys, &f.board, &k, 0x1c000, 0x8a000000, &mp, &f.d),
                     0);
    assert_int_equal(mp.rootserver_start, 0xbf800000);
    assert_int_equal(mp.rootserver_end, 0xbfc08080);
    /* The boot info untyped list that followed it in the real boot. */
    size_t i = 0;
    while (mp.untypeds.items[i].paddr < mp.rootserver_end) {
        i++;
    }
    static const uint64_t after[][2] = {{0xbfc08080, 7},  {0xbfc08100, 8},  {0xbfc08200, 9},
                                        {0xbfc08400, 10}, {0xbfc08800, 11}, {0xbfc09000, 12},
                                        {0xbfc0a000, 13}, {0xbfe00000, 21}};
    assert_int_equal(mp.untypeds.count - i, 14);
    for (size_t j = 0; j < 7; j++) {
        assert_int_equal(mp.untypeds.items[i + j].paddr, after[j][0]);
        assert_int_equal(mp.untypeds.items[i + j].size_bits, after[j][1]);
    }
    assert_int_equal(mp.untypeds.items[mp.untypeds.count - 1].paddr, after[7][0]);
    /* The monitor's CNodes and two scratch page tables are part of what the system needs. */
    assert_int_equal(memplan_cspace_bytes(&f.lay), (1u << (6 + 5)) + 64);
    assert_int_equal(mp.needed, memplan_needed(&f.lay) + memplan_cspace_bytes(&f.lay) + 2 * 0x1000);
    memplan_free(&mp);
    fixture_free(&f);
}

/* Plan a PD mapping a region of `bytes` in 4 KiB pages; 0 if it fits. */
static int plan_region(struct fixture *f, uint64_t bytes)
{
    char xml[512];
    snprintf(xml, sizeof(xml),
             SYS("<memory_region name=\"big\" size=\"0x%llx\" page_size=\"0x1000\"/>" PD(
                 "a", "", "<map mr=\"big\" vaddr=\"0x40000000\"/>")),
             (unsigned long long)bytes);
    assert_int_equal(fixture_build(f, xml), 0);
    struct kernel k = test_kernel();
    k.root_cnode_bits = 20; /* room for the caps of 1.5 GiB of 4 KiB frames */
    struct memplan mp;
    int rc = memplan_build(&f->lay, &f->sys, &f->board, &k, 0x1c000, 0x8a000000, &mp, &f->d);
    memplan_free(&mp);
    return rc;
}

/*
 * RAM filled to the last page: one page more than the largest region that
 * fits is refused, because the plan counts the monitor's own objects (its
 * CNodes, made first, and its scratch page tables, made after every object
 * of the spec; a real boot of such a system once stopped with "not enough
 * memory for object 'monitor scratch page table'").
 */
static void test_plan_full_ram(void **state)
{
    struct fixture f;
    uint64_t lo = 0x1000, hi = 0x60000000;
    while (hi - lo > 0x1000) {
        uint64_t mid = (lo + hi) / 2 & ~0xfffull;
        int rc = plan_region(&f, mid);
        fixture_free(&f);
        if (rc == 0) {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    assert_int_equal(plan_region(&f, hi), -1);
    assert_true(fixture_has(&f, "no RAM is left for the monitor's two scratch page tables", NULL) ||
                fixture_has(&f, "the system needs 1.5 GiB of RAM but the board has", NULL));
    fixture_free(&f);
}

/*
 * All but 2 MiB of the board's RAM in one region passes the checks, which
 * know nothing of the kernel and the monitor; the plan refuses it at the
 * region's line, and its notes give the consumers' lines.
 */
static void test_plan_too_big(void **state)
{
    struct fixture f;
    const char *xml =
        SYS("\n<memory_region name=\"huge\" size=\"0x5fe00000\" page_size=\"0x200000\"/>\n" PD(
            "a", "", "<map mr=\"huge\" vaddr=\"0x40000000\"/>"));
    assert_int_equal(fixture_build(&f, xml), 0);
    struct kernel k = test_kernel();
    struct memplan mp;
    assert_int_equal(memplan_build(&f.lay, &f.sys, &f.board, &k, 0x14000, 0x8a000000, &mp, &f.d),
                     -1);
    int line = 0;
    assert_true(fixture_has(&f, "the system needs 1.5 GiB of RAM but the board has", &line));
    assert_int_equal(line, 2);
    assert_true(fixture_has(&f, "memory region 'huge'", &line));
    assert_int_equal(line, 2);
    assert_true(fixture_has(&f, "protection domain 'a'", &line));
    assert_int_equal(line, 3);
    memplan_free(&mp);
    fixture_free(&f);
}

static void test_plan_fixed_in_kernel(void **state)
{
    struct fixture f;
    const char *xml =
        SYS("\n<memory_region name=\"m\" size=\"0x1000\" phys_addr=\"0x60100000\"/>" PD(
            "a", "", "<map mr=\"m\" vaddr=\"0x3000000\"/>"));
    assert_int_equal(fixture_build(&f, xml), 0);
    struct kernel k = test_kernel();
    struct memplan mp;
    assert_int_equal(memplan_build(&f.lay, &f.sys, &f.board, &k, 0x14000, 0x8a000000, &mp, &f.d),
                     -1);
    int line = 0;
    assert_true(fixture_has(&f, "is not free RAM", &line));
    assert_int_equal(line, 2);
    memplan_free(&mp);
    fixture_free(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hello_objects),
        cmocka_unit_test(test_object_order),
        cmocka_unit_test(test_channels_and_children),
        cmocka_unit_test(test_passive_smc),
        cmocka_unit_test(test_cspace_root),
        cmocka_unit_test(test_map_overlaps_elf),
        cmocka_unit_test(test_map_overlaps_stack),
        cmocka_unit_test(test_phys_outside_board),
        cmocka_unit_test(test_plan_hello),
        cmocka_unit_test(test_plan_rootserver_block),
        cmocka_unit_test(test_plan_full_ram),
        cmocka_unit_test(test_plan_too_big),
        cmocka_unit_test(test_plan_fixed_in_kernel),
        cmocka_unit_test(test_virtual_machine),
        cmocka_unit_test(test_place_region),
        cmocka_unit_test(test_cap_slots),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
