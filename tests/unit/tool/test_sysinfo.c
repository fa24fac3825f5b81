/* SPDX-License-Identifier: BSD-2-Clause */
/* Unit tests of the system facts at the SDF level (tool/sysinfo.h) and of gen-header's names. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "checks.h"
#include "gen_header.h"
#include "sdf_parse.h"
#include "sysinfo.h"
#include "util.h"

static const char sdf[] =
    "<system>\n"
    "<memory_region name=\"buf\" size=\"0x2000\"/>\n"
    "<memory_region name=\"dev\" size=\"0x1000\" phys_addr=\"0x9000000\"/>\n"
    "<protection_domain name=\"client\" priority=\"10\" stack_size=\"0x4000\">\n"
    "  <program_image path=\"c.elf\"/>\n"
    "  <map mr=\"dev\" vaddr=\"0x5000000\" perms=\"rw\" cached=\"false\"/>\n"
    "  <map mr=\"buf\" vaddr=\"0x4000000\" perms=\"r\" setvar_vaddr=\"buf_vaddr\"/>\n"
    "  <setvar symbol=\"dev_paddr\" region_paddr=\"dev\"/>\n"
    "  <irq irq=\"33\" id=\"9\" trigger=\"edge\"/>\n"
    "  <protection_domain name=\"kid\" priority=\"5\" id=\"4\">\n"
    "    <program_image path=\"k.elf\"/>\n"
    "  </protection_domain>\n"
    "</protection_domain>\n"
    "<protection_domain name=\"server\" priority=\"20\">\n"
    "  <program_image path=\"s.elf\"/>\n"
    "</protection_domain>\n"
    "<channel><end pd=\"client\" id=\"3\" pp=\"true\"/><end pd=\"server\" id=\"1\" "
    "notify=\"false\"/></channel>\n"
    "<channel><end pd=\"client\" id=\"1\"/><end pd=\"server\" id=\"2\"/></channel>\n"
    "</system>\n";

static void load(struct system *sys, struct sysinfo *si)
{
    struct diag d;
    memset(sys, 0, sizeof(*sys));
    diag_init(&d, NULL);
    assert_int_equal(sdf_parse_buffer("t.system", sdf, strlen(sdf), sys, &d), SDF_OK);
    assert_int_equal(checks_run(sys, NULL, &d), 0);
    diag_free(&d);
    sysinfo_build(sys, si);
}

static void test_vmap(void **state)
{
    struct system sys;
    struct sysinfo si;
    load(&sys, &si);
    assert_int_equal(si.num_pds, 3);
    const struct si_pd *c = &si.pds[0];
    /* By address: buf, dev, stack, IPC buffer. */
    assert_int_equal(c->vmap.count, 4);
    assert_int_equal(c->vmap.items[0].vaddr, 0x4000000);
    assert_string_equal(c->vmap.items[0].setvar_vaddr, "buf_vaddr");
    assert_int_equal(c->vmap.items[0].size, 0x2000);
    assert_int_equal(c->vmap.items[0].perms, PERM_R);
    assert_int_equal(c->vmap.items[1].paddr, 0x9000000);
    assert_false(c->vmap.items[1].cached);
    assert_int_equal(c->vmap.items[2].kind, SI_V_STACK);
    assert_int_equal(c->vmap.items[2].size, 0x4000);
    assert_int_equal(c->vmap.items[2].vaddr + 0x4000, SDK_PD_STACK_TOP);
    assert_int_equal(c->vmap.items[3].kind, SI_V_IPC);
    sysinfo_free(&si);
    system_free(&sys);
}

static void test_links(void **state)
{
    struct system sys;
    struct sysinfo si;
    load(&sys, &si);
    const struct si_pd *c = &si.pds[0], *s = &si.pds[2];
    /* Sorted by id: the channel with id 1 first. */
    assert_int_equal(c->channels.count, 2);
    assert_int_equal(c->channels.items[0].id, 1);
    assert_int_equal(c->channels.items[0].notify_slot, SDK_CAP_BASE_NOTIFICATION + 1);
    assert_int_equal(c->channels.items[0].pp_slot, BS_NONE);
    assert_int_equal(c->channels.items[1].id, 3);
    assert_int_equal(c->channels.items[1].peer_id, 1);
    assert_true(c->channels.items[1].pp);
    assert_false(c->channels.items[1].peer_notify);
    assert_int_equal(c->channels.items[1].pp_slot, SDK_CAP_BASE_ENDPOINT + 3);
    assert_int_equal(s->channels.items[0].notify_slot, BS_NONE); /* notify="false" */
    assert_true(s->channels.items[0].peer_pp);
    assert_int_equal(c->irqs.count, 1);
    assert_int_equal(c->irqs.items[0].slot, SDK_CAP_BASE_IRQ + 9);
    assert_int_equal(c->irqs.items[0].trigger, IRQ_EDGE);
    assert_int_equal(c->children.count, 1);
    assert_int_equal(c->children.items[0].pd, 1);
    assert_int_equal(c->children.items[0].slot, SDK_CAP_BASE_TCB + 4);
    /* setvar_vaddr and region_paddr; a fixed region's address is known. */
    assert_int_equal(c->setvars.count, 2);
    for (size_t i = 0; i < c->setvars.count; i++) {
        const struct si_setvar *v = &c->setvars.items[i];
        assert_true(v->known);
        assert_int_equal(v->value, v->kind == SETVAR_VADDR ? 0x4000000 : 0x9000000);
    }
    sysinfo_free(&si);
    system_free(&sys);
}

static void test_names(void **state)
{
    char *a = si_c_ident("my-server.2"), *b = si_c_ident("9lives"), *c = si_c_ident("");
    assert_string_equal(a, "MY_SERVER_2");
    assert_string_equal(b, "_9LIVES");
    assert_string_equal(c, "_");
    free(a);
    free(b);
    free(c);
    struct system sys;
    struct sysinfo si;
    load(&sys, &si);
    char *h = gen_header_text(&si, 0);
    /* Two channels with 'server': each gets its id. */
    assert_non_null(strstr(h, "#define CH_SERVER_1 1 "));
    assert_non_null(strstr(h, "#define CH_SERVER_3 3 "));
    assert_non_null(strstr(h, "#define IRQ_33 9 "));
    assert_non_null(strstr(h, "#define CHILD_KID 4 "));
    assert_non_null(strstr(h, "#define BUF_VADDR 0x4000000ull"));
    assert_non_null(strstr(h, "#define BUF_SIZE 0x2000ull"));
    assert_non_null(strstr(h, "#define DEV_VADDR 0x5000000ull"));
    free(h);
    char *f = gen_header_file_name("a/b");
    assert_string_equal(f, "a_b.h");
    free(f);
    sysinfo_free(&si);
    system_free(&sys);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_vmap),
        cmocka_unit_test(test_links),
        cmocka_unit_test(test_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
