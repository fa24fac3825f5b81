/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The benchmark configuration as Microkit defines it: every PD gets a cap to
 * its own TCB at SDK_CAP_TCB (slot 6), and only there; debug and release
 * PDs have nothing in slot 6. The kernel must be a benchmark kernel
 * (KERNEL_BENCHMARK = track_utilisation) without printing or debug build.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <cmocka.h>

#include "../unit/tool/tool_fixture.h"
#include "kconfig.h"
#include "kernel.h"
#include "sdk/limits.h"

static const char *const sdf =
    "<system>\n"
    "  <protection_domain name=\"a\" priority=\"10\">\n"
    "    <program_image path=\"a.elf\"/>\n"
    "    <protection_domain name=\"child\" id=\"1\" priority=\"5\">\n"
    "      <program_image path=\"c.elf\"/>\n"
    "    </protection_domain>\n"
    "  </protection_domain>\n"
    "  <protection_domain name=\"b\" priority=\"20\" passive=\"true\">\n"
    "    <program_image path=\"b.elf\"/>\n"
    "  </protection_domain>\n"
    "  <channel><end pd=\"a\" id=\"0\" pp=\"true\"/><end pd=\"b\" id=\"0\"/></channel>\n"
    "</system>\n";

/* fixture_build with the benchmark flag chosen by the caller. */
static void build(struct fixture *f, bool benchmark)
{
    assert_int_equal(fixture_build(f, sdf), 0);
    layout_free(&f->lay);
    memset(&f->lay, 0, sizeof(f->lay));
    struct layout_input in = {&f->sys, &f->board, f->elfs, NULL, NULL, 11, benchmark};
    assert_int_equal(layout_build(&in, &f->lay, &f->d), 0);
}

static const struct bs_cap *cap_at(const struct layout *lay, uint32_t cnode, uint32_t slot)
{
    for (size_t i = 0; i < lay->caps.count; i++) {
        if (lay->caps.items[i].cnode == cnode && lay->caps.items[i].slot == slot) {
            return &lay->caps.items[i];
        }
    }
    return NULL;
}

static void test_benchmark_own_tcb(void **state)
{
    struct fixture f;
    build(&f, true);
    assert_int_equal(SDK_CAP_TCB, 6);
    for (size_t p = 0; p < f.sys.pds.count; p++) {
        const struct lay_pd *lp = &f.lay.pds[p];
        const struct bs_cap *c = cap_at(&f.lay, lp->cnode, SDK_CAP_TCB);
        assert_non_null(c);
        assert_int_equal(c->obj, lp->tcb);
        assert_int_equal(c->kind, BS_CAP_OBJECT);
        assert_int_equal(c->badge, 0);
    }
    fixture_free(&f);
}

static void test_other_configs_no_slot6(void **state)
{
    struct fixture f;
    build(&f, false);
    for (size_t p = 0; p < f.sys.pds.count; p++) {
        assert_null(cap_at(&f.lay, f.lay.pds[p].cnode, SDK_CAP_TCB));
    }
    /* Exactly one cap more per PD in benchmark, everything else the same. */
    size_t plain = f.lay.caps.count, pds = f.sys.pds.count;
    fixture_free(&f);
    build(&f, true);
    assert_int_equal(f.lay.caps.count, plain + pds);
    fixture_free(&f);
}

/*
 * kernel_check for `config` on a kernel whose gen_config.json is the SDK's
 * set for `kernel_config`, without key `drop`, then `extra` (later members
 * win).
 */
static int check_kernel(const char *config, const char *kernel_config, const char *drop,
                        const char *extra, struct diag *d)
{
    struct board b;
    assert_int_equal(board_load("qemu_virt_aarch64", TEST_BOARDS_DIR, &b, d), 0);
    struct kconfig kc;
    kconfig_kernel(&b, kernel_config, &kc);
    char *json = xstrdup("{");
    for (size_t i = 0; i < kc.options.count; i++) {
        const struct kconfig_option *o = &kc.options.items[i];
        if (drop && !strcmp(o->key, drop)) {
            continue;
        }
        char *next = xasprintf("%s\"%s\": %s%s%s, ", json, o->key, o->boolean ? "" : "\"", o->value,
                               o->boolean ? "" : "\"");
        free(json);
        json = next;
    }
    kconfig_free(&kc);
    char *full = xasprintf("%s%s\"END\": null}", json, extra);
    free(json);
    struct kernel k = {0};
    char err[128];
    assert_int_equal(json_flat_parse(full, strlen(full), &k.config, err, sizeof(err)), 0);
    k.elf_path = xstrdup("kernel.elf");
    k.config_path = xstrdup("gen_config.json");
    int bad = kernel_check(&k, &b, config, d);
    free(k.elf_path);
    free(k.config_path);
    json_flat_free(&k.config);
    free(full);
    board_free(&b);
    return bad;
}

static bool has_message(const struct diag *d, const char *text)
{
    for (size_t i = 0; i < d->entries.count; i++) {
        if (strstr(d->entries.items[i].message, text) ||
            (d->entries.items[i].hint && strstr(d->entries.items[i].hint, text))) {
            return true;
        }
    }
    return false;
}

static unsigned count_severity(const struct diag *d, enum severity sev)
{
    unsigned n = 0;
    for (size_t i = 0; i < d->entries.count; i++) {
        n += d->entries.items[i].severity == sev;
    }
    return n;
}

static void test_benchmark_kernel_accepted(void **state)
{
    struct diag d;
    diag_init(&d, NULL);
    assert_int_equal(check_kernel("benchmark", "benchmark", NULL, "", &d), 0);
    assert_int_equal(check_kernel("debug", "debug", NULL, "", &d), 0);
    assert_int_equal(check_kernel("release", "release", NULL, "", &d), 0);
    assert_int_equal(d.entries.count, 0);
    diag_free(&d);
}

static void test_release_kernel_refused_for_benchmark(void **state)
{
    struct diag d;
    diag_init(&d, NULL);
    /* No track_utilisation and no PMU access (five options follow from that). */
    assert_int_equal(check_kernel("benchmark", "release", NULL, "", &d), 5);
    assert_true(has_message(&d, "'KERNEL_BENCHMARK' is 'none', config 'benchmark' needs "
                                "'track_utilisation'"));
    assert_true(has_message(&d, "-DKernelBenchmarks=track_utilisation"));
    assert_true(has_message(&d, "-DKernelArmExportPMUUser=ON"));
    diag_free(&d);
}

static void test_printing_kernel_refused_for_benchmark(void **state)
{
    struct diag d;
    diag_init(&d, NULL);
    assert_int_equal(check_kernel("benchmark", "debug", NULL, "", &d), 8);
    assert_true(has_message(&d, "'PRINTING' is 'true', config 'benchmark' needs 'false'"));
    assert_true(has_message(&d, "-DKernelPrinting=OFF"));
    /* How the kernel prints is a warning, not an error. */
    assert_int_equal(count_severity(&d, SEV_WARNING), 3);
    diag_free(&d);
    /* A key the kernel does not record is missing unless the SDK has it false. */
    diag_init(&d, NULL);
    assert_int_equal(check_kernel("benchmark", "benchmark", "KERNEL_BENCHMARK", "", &d), 1);
    assert_true(has_message(&d, "'KERNEL_BENCHMARK' is missing"));
    assert_int_equal(check_kernel("benchmark", "benchmark", "ARM_SMMU", "", &d), 0);
    diag_free(&d);
}

static void test_every_option_checked(void **state)
{
    struct diag d;
    diag_init(&d, NULL);
    /* Options the driver code sees: each difference names both values. */
    assert_int_equal(
        check_kernel("debug", "debug", NULL,
                     "\"L1_CACHE_LINE_SIZE_BITS\": \"7\", \"EXPORT_PTMR_USER\": false, "
                     "\"TIMER_FREQUENCY\": \"1000\", ",
                     &d),
        3);
    assert_true(has_message(&d, "'L1_CACHE_LINE_SIZE_BITS' is '7'"));
    assert_true(has_message(&d, "'EXPORT_PTMR_USER' is 'false', board 'qemu_virt_aarch64' needs "
                                "'true'"));
    assert_true(has_message(&d, "'TIMER_FREQUENCY' is '1000', board 'qemu_virt_aarch64' needs "
                                "'62500000'"));
    diag_free(&d);
    /* The compiler's optimisation level only warns. */
    diag_init(&d, NULL);
    assert_int_equal(check_kernel("debug", "debug", NULL, "\"KERNEL_OPT_LEVEL\": \"-O3\", ", &d),
                     0);
    assert_int_equal(count_severity(&d, SEV_WARNING), 1);
    diag_free(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_benchmark_own_tcb),
        cmocka_unit_test(test_other_configs_no_slot6),
        cmocka_unit_test(test_benchmark_kernel_accepted),
        cmocka_unit_test(test_release_kernel_refused_for_benchmark),
        cmocka_unit_test(test_printing_kernel_refused_for_benchmark),
        cmocka_unit_test(test_every_option_checked),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
