/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Unit tests of the board stage (tool/board.c): the shipped board files read
 * back with the right facts, lookup order, one test per whole-board check
 * with the rule id and position it must report, and the XML layer under it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "board.h"
#include "util.h"

static char tmpdir[64];

static int make_tmpdir(void **state)
{
    strcpy(tmpdir, "/tmp/test_board_XXXXXX");
    assert_non_null(mkdtemp(tmpdir));
    return 0;
}

static int remove_tmpdir(void **state)
{
    char *cmd = xasprintf("rm -rf '%s'", tmpdir);
    assert_int_equal(system(cmd), 0);
    free(cmd);
    return 0;
}

/* A small valid board; tests replace one line of it. */
static const char *const base_board =
    "<?xml version=\"1.0\"?>\n"
    "<board name=\"test\">\n"
    "    <description>a test board</description>\n"
    "    <cpu model=\"cortex-a53\" pa_bits=\"40\" count=\"2\"/>\n"
    "    <loader link_address=\"0x4100_0000\"/>\n"
    "    <uart kind=\"imx\" base=\"0x30890000\"/>\n"
    "    <gicv3 distributor=\"0x38800000\" redistributor=\"0x38880000\"/>\n"
    "    <timer frequency=\"8000000\"/>\n"
    "    <ram start=\"0x40000000\" end=\"0x80000000\"/>\n"
    "    <device start=\"0x0\" end=\"0x38800000\"/>\n"
    "    <kernel platform=\"imx8mm-evk\">\n"
    "        <option key=\"PLAT\" value=\"imx8mm-evk\"/>\n"
    "    </kernel>\n"
    "</board>\n";

/* Write base_board with the line containing `find` replaced by `repl` (NULL: as is). */
static char *write_board(const char *file, const char *find, const char *repl)
{
    char *text = xstrdup(base_board);
    if (find) {
        char *at = strstr(text, find);
        assert_non_null(at);
        char *eol = strchr(at, '\n');
        char *line_start = at;
        while (line_start > text && line_start[-1] != '\n') {
            line_start--;
        }
        char *t = xasprintf("%.*s%s%s", (int)(line_start - text), text, repl, eol);
        free(text);
        text = t;
    }
    char *path = xasprintf("%s/%s", tmpdir, file);
    assert_int_equal(write_file_atomic(path, text, strlen(text), 0644), 0);
    free(text);
    return path;
}

/*
 * Load a variant; expect failure, the first `rule` diagnostic at `line`:`col`
 * (col 0: any). Returns its message and hint as "message | hint".
 */
static char *load_error(const char *find, const char *repl, const char *rule, int line, int col)
{
    char *path = write_board("test.xml", find, repl);
    struct diag d;
    struct board b;
    diag_init(&d, NULL);
    assert_int_equal(board_load_file(path, "test", &b, &d), -1);
    char *found = NULL;
    for (size_t i = 0; i < d.entries.count && !found; i++) {
        const struct diag_entry *e = &d.entries.items[i];
        if (e->rule && !strcmp(e->rule, rule)) {
            assert_string_equal(e->pos.file, path);
            assert_int_equal(e->pos.line, line);
            if (col) {
                assert_int_equal(e->pos.col, col);
            }
            found = xasprintf("%s | %s", e->message, e->hint ? e->hint : "");
        }
    }
    if (!found) {
        print_error("no '%s' diagnostic; got %zu entries, first: %s\n", rule, d.entries.count,
                    d.entries.count ? d.entries.items[0].message : "-");
    }
    assert_non_null(found);
    /* A failed load keeps only the file name, so there is nothing to free. */
    assert_string_equal(b.file, path);
    assert_null(b.name);
    assert_null(b.description);
    assert_null(b.ram.items);
    assert_null(b.kernel_options.items);
    diag_free(&d);
    free(path);
    return found;
}

static void expect_error(const char *find, const char *repl, const char *rule, int line, int col)
{
    free(load_error(find, repl, rule, line, col));
}

/* expect_error, and the message and hint must be `text` ("message | hint"). */
static void expect_text(const char *find, const char *repl, const char *rule, int line, int col,
                        const char *text)
{
    char *got = load_error(find, repl, rule, line, col);
    assert_string_equal(got, text);
    free(got);
}

static void load_ok(const char *name, struct board *b)
{
    struct diag d;
    diag_init(&d, stderr);
    assert_int_equal(board_load(name, BOARDS_DIR, b, &d), 0);
    assert_int_equal(diag_errors(&d), 0);
    diag_free(&d);
}

static const char *option(const struct board *b, const char *key)
{
    for (size_t i = 0; i < b->kernel_options.count; i++) {
        if (!strcmp(b->kernel_options.items[i].key, key)) {
            return b->kernel_options.items[i].value;
        }
    }
    return NULL;
}

static void test_qemu_virt(void **state)
{
    struct board b;
    load_ok("qemu_virt_aarch64", &b);
    assert_string_equal(b.name, "qemu_virt_aarch64");
    assert_string_equal(b.kernel_platform, "qemu-arm-virt");
    assert_string_equal(b.cpu, "cortex-a53");
    assert_int_equal(b.pa_bits, 40);
    assert_int_equal(b.loader_link_address, 0x70000000);
    assert_int_equal(b.uart_kind, UART_PL011);
    assert_int_equal(b.uart_base, 0x09000000);
    assert_int_equal(b.gic_version, 2);
    assert_int_equal(b.gicd_base, 0x08000000);
    assert_int_equal(b.gicc_base, 0x08010000);
    assert_int_equal(b.timer_frequency, 62500000);
    assert_int_equal(b.timer_pd_irq, 30); /* the EL1 physical timer: the kernel has 26 */
    assert_int_equal(b.ram.count, 1);
    assert_int_equal(b.ram.items[0].base, 0x60000000);
    assert_int_equal(b.ram.items[0].size, 0x60000000);
    assert_int_equal(b.devices.count, 5);
    assert_int_equal(b.devices.items[4].base + b.devices.items[4].size, 1ull << 40);
    assert_string_equal(option(&b, "KERNEL_MCS"), "true");
    assert_string_equal(option(&b, "ARM_HYPERVISOR_SUPPORT"), "true");
    assert_string_equal(option(&b, "PLAT"), "qemu-arm-virt");
    assert_non_null(b.qemu_args);
    assert_non_null(strstr(b.qemu_args, "virtualization=on"));
    board_free(&b);
}

static void test_imx_boards(void **state)
{
    static const struct {
        const char *name;
        uint64_t link, uart, timer;
        size_t ram_ranges;
    } want[] = {
        {"imx8mm_evk", 0x41000000, 0x30890000, 8000000, 2},
        {"imx8mq_evk", 0x41000000, 0x30860000, 8333333, 2},
        {"imx8mp_evk", 0x41000000, 0x30890000, 8000000, 1},
        {"maaxboard", 0x50000000, 0x30860000, 8333333, 1},
    };
    for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
        struct board b;
        load_ok(want[i].name, &b);
        assert_int_equal(b.loader_link_address, want[i].link);
        assert_int_equal(b.uart_kind, UART_IMX);
        assert_int_equal(b.uart_base, want[i].uart);
        assert_int_equal(b.gic_version, 3);
        assert_int_equal(b.gicd_base, 0x38800000);
        assert_int_equal(b.gicc_base, 0x38880000);
        assert_int_equal(b.timer_frequency, want[i].timer);
        assert_int_equal(b.num_cpus, 4);
        assert_int_equal(b.ram.count, want[i].ram_ranges);
        assert_null(b.qemu_args);
        /* The GIC stays the kernel's: neither RAM nor device memory. */
        assert_false(board_is_device(&b, 0x38800000, 0x1000));
        assert_false(board_is_ram(&b, 0x38800000, 0x1000));
        board_free(&b);
    }
}

static void test_ranges(void **state)
{
    struct board b;
    load_ok("imx8mm_evk", &b);
    assert_true(board_is_ram(&b, 0x40000000, 0x1000));
    assert_true(board_is_ram(&b, 0xb7fff000, 0x1000));
    /* Crossing the rpmsg hole: not inside one range. */
    assert_false(board_is_ram(&b, 0xb7fff000, 0x2000));
    assert_true(board_is_device(&b, 0xb8000000, 0x400000));
    assert_true(board_is_device(&b, 0x30890000, 0x1000));
    /* Past the end, and wrapping around. */
    assert_false(board_is_ram(&b, 0xc0000000, 0x1000));
    assert_false(board_is_device(&b, 0xfffffffffffff000ull, 0x2000));
    board_free(&b);
}

/* Every board file is listed, once, in sorted order. */
static void test_names(void **state)
{
    char **names = board_names(BOARDS_DIR);
    const char *want[] = {"imx8mm_evk", "imx8mp_evk",        "imx8mq_evk",
                          "maaxboard",  "qemu_virt_aarch64", "qemu_virt_aarch64_el1",
                          NULL};
    size_t n = 0;
    while (names[n]) {
        assert_true(n == 0 || strcmp(names[n - 1], names[n]) < 0);
        n++;
    }
    for (size_t i = 0; want[i]; i++) {
        size_t j = 0;
        while (names[j] && strcmp(names[j], want[i])) {
            j++;
        }
        assert_non_null(names[j]);
    }
    board_names_free(names);
}

static void test_not_found(void **state)
{
    struct diag d;
    struct board b;
    diag_init(&d, NULL);
    assert_int_equal(board_load("nosuchboard", BOARDS_DIR, &b, &d), -1);
    assert_int_equal(d.entries.count, 1);
    assert_string_equal(d.entries.items[0].rule, "board-not-found");
    assert_non_null(strstr(d.entries.items[0].hint, "'qemu_virt_aarch64'"));
    board_free(&b);
    diag_free(&d);
    /* Names cannot walk out of the boards folder. */
    assert_null(board_find("../boards/qemu_virt_aarch64", BOARDS_DIR));
    assert_null(board_find("", BOARDS_DIR));
}

/* $MICROKIT_SDK/board/<name>/board.xml comes before the source tree. */
static void test_sdk_lookup(void **state)
{
    char *dir = xasprintf("%s/sdk", tmpdir);
    char *board_dir = xasprintf("%s/board", dir);
    char *test_dir = xasprintf("%s/board/test", dir);
    assert_int_equal(mkdir(dir, 0755), 0);
    assert_int_equal(mkdir(board_dir, 0755), 0);
    assert_int_equal(mkdir(test_dir, 0755), 0);
    char *src = write_board("test.xml", NULL, NULL);
    char *dst = xasprintf("%s/board.xml", test_dir);
    assert_int_equal(rename(src, dst), 0);
    setenv("MICROKIT_SDK", dir, 1);
    char *found = board_find("test", NULL);
    assert_non_null(found);
    assert_string_equal(found, dst);
    free(found);
    /* Boards not in the SDK still come from the source tree. */
    found = board_find("maaxboard", NULL);
    assert_non_null(found);
    assert_non_null(strstr(found, "boards/maaxboard.xml"));
    free(found);
    char **names = board_names(NULL);
    bool has_test = false;
    for (size_t i = 0; names[i]; i++) {
        has_test = has_test || !strcmp(names[i], "test");
    }
    assert_true(has_test);
    board_names_free(names);
    unsetenv("MICROKIT_SDK");
    free(dir), free(board_dir), free(test_dir), free(src), free(dst);
}

static void test_valid_variant(void **state)
{
    char *path = write_board("test.xml", NULL, NULL);
    struct diag d;
    struct board b;
    diag_init(&d, stderr);
    assert_int_equal(board_load_file(path, "test", &b, &d), 0);
    assert_int_equal(b.loader_link_address, 0x41000000);
    assert_int_equal(b.num_cpus, 2);
    assert_string_equal(b.description, "a test board");
    diag_free(&d);
    board_free(&b);
    free(path);
}

static void test_xml_errors(void **state)
{
    expect_error("<timer", "    <timer frequency=\"1\">", "board-xml", 14, 0);
    expect_error("<?xml", "<?xml version=\"1.0\"?><!DOCTYPE board [ <!ENTITY e \"x\"> ]>",
                 "board-xml", 1, 22);
}

static void test_structure_errors(void **state)
{
    expect_error("<timer", "    <timer frequency=\"1\"/><watchdog/>", "board-element", 8, 27);
    expect_error("<uart", "      <uart kind=\"imx\" base=\"0x30890000\" irq=\"3\"/>",
                 "board-attribute", 6, 7);
    expect_error("<cpu", "    <cpu model=\"cortex-a53\" count=\"2\"/>", "board-attribute", 4, 5);
    expect_error("<loader", "    <loader link_address=\"0x41000000g\"/>", "board-number", 5, 5);
    expect_error("<loader", "    <loader link_address=\"0x\"/>", "board-number", 5, 5);
    expect_error("<timer", "    <timer frequency=\"99999999999999999999\"/>", "board-number", 8, 5);
    expect_text("<timer", "    <timer frequency=\"1\" pd_irq=\"33\"/>", "board-value", 8, 5,
                "timer pd_irq 33 is not a private peripheral interrupt | the generic timer's "
                "interrupts are PPIs, ids 16 to 31");
    expect_error("<uart", "    <uart kind=\"sbsa\" base=\"0x30890000\"/>", "board-value", 6, 5);
    expect_error("<cpu", "    <cpu model=\"cortex-a53\" pa_bits=\"48\" count=\"2\"/>",
                 "board-value", 4, 5);
    expect_error("<ram", "", "board-element", 2, 1);
    expect_error("<gicv3", "    <gicv2 distributor=\"0x0\" redistributor=\"0x0\"/>",
                 "board-attribute", 7, 5);
    /* Positions count past comments that look like elements. */
    expect_error("<description>", "    <!-- <watchdog/> --><watchdog/>", "board-element", 3, 25);
}

/* The XML layer (tool/xml.c) under the board reader: positions, hints, text, numbers. */
static void test_xml_layer(void **state)
{
    /* Columns count characters, not bytes (two 2-byte characters before). */
    expect_error("<description>", "    <description>\xc3\xa9 \xc3\xbc</description><watchdog/>",
                 "board-element", 3, 35);
    expect_text("<uart", "    <uart kind=\"imx\" bsae=\"0x30890000\"/>", "board-attribute", 6, 5,
                "unknown attribute 'bsae' on element 'uart' | did you mean 'base'?");
    expect_text("<cpu", "    <cpu model=\"cortex-a53\" count=\"2\"/>", "board-attribute", 4, 5,
                "missing attribute 'pa_bits' on element 'cpu' | ");
    expect_text("<timer", "    <timr frequency=\"1\"/>", "board-element", 8, 5,
                "unknown element 'timr' in 'board' | did you mean 'timer'?");
    expect_text("<ram", "    <ram start=\"0x40000000\" end=\"0x80000000\"><![CDATA[x]]></ram>",
                "board-element", 9, 5, "unexpected text in element 'ram' | ");
    expect_text("<loader", "    <loader link_address=\"+0x41000000\"/>", "board-number", 5, 5,
                "'+0x41000000' is not a number in attribute 'link_address' of element 'loader' | "
                "write a decimal number or 0x followed by hex digits");
    expect_text("<?xml", "<?xml version=\"1.0\"?><!DOCTYPE board>", "board-xml", 1, 22,
                "a board file must not have a document type declaration | "
                "remove the <!DOCTYPE ...> declaration");
    /* Line numbers past 65535 (XML_PARSE_BIG_LINES). */
    char *many = xmalloc(70000 + 64);
    memset(many, '\n', 70000);
    strcpy(many + 70000, "    <timer frequency=\"1\">");
    expect_error("<timer", many, "board-xml", 70014, 0);
    free(many);
}

static void test_whole_board_checks(void **state)
{
    expect_error("<board", "<board name=\"other\">", "board-name", 2, 1);
    expect_error("<ram", "    <ram start=\"0x40000000\" end=\"0x40000000\"/>", "board-range", 9, 5);
    expect_error("<ram", "    <ram start=\"0x40000800\" end=\"0x80000000\"/>", "board-range", 9, 5);
    expect_error("<ram", "    <ram start=\"0x40000000\" end=\"0x100_0000_1000\"/>", "board-range",
                 2, 1);
    expect_error("<ram",
                 "    <ram start=\"0x50000000\" end=\"0x80000000\"/>"
                 "<ram start=\"0x40000000\" end=\"0x60000000\"/>",
                 "board-range", 2, 1);
    expect_error("<device", "    <device start=\"0x0\" end=\"0x48000000\"/>", "board-range", 2, 1);
    expect_error("<loader", "    <loader link_address=\"0x90000000\"/>", "board-loader", 2, 1);
    expect_error("<uart", "    <uart kind=\"imx\" base=\"0x40000000\"/>", "board-uart", 2, 1);
    expect_error("key=\"PLAT\"", "        <option key=\"PLAT\" value=\"imx8mq-evk\"/>",
                 "board-option", 2, 1);
    expect_error("key=\"PLAT\"",
                 "        <option key=\"A\" value=\"1\"/><option key=\"A\" value=\"2\"/>",
                 "board-option", 12, 36);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_qemu_virt),        cmocka_unit_test(test_imx_boards),
        cmocka_unit_test(test_ranges),           cmocka_unit_test(test_names),
        cmocka_unit_test(test_not_found),        cmocka_unit_test(test_sdk_lookup),
        cmocka_unit_test(test_valid_variant),    cmocka_unit_test(test_xml_errors),
        cmocka_unit_test(test_structure_errors), cmocka_unit_test(test_whole_board_checks),
        cmocka_unit_test(test_xml_layer),
    };
    return cmocka_run_group_tests(tests, make_tmpdir, remove_tmpdir);
}
