/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * microkit board-info BOARD [--format text|cmake|json] [--boards-dir DIR]
 * microkit board-info --file PATH [--format ...]
 * microkit board-info --list [--boards-dir DIR]
 * microkit board-info BOARD --config C --format gen-config-h|gen-config-json
 * microkit board-info BOARD --config C --write-config DIR
 *
 * Stages: find the board file, read and check it (board.c), print it in the
 * asked format. The cmake format is what cmake/target/CMakeLists.txt
 * includes to build the loader for a board. The gen-config formats and
 * --write-config give the seL4 configuration the SDK ships for the board and
 * configuration (tool/kconfig.h); BOARD "host" is the simulator's board.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "board.h"
#include "commands.h"
#include "diag.h"
#include "json.h"
#include "kconfig.h"
#include "sim/devices.h"
#include "util.h"

enum format { FORMAT_TEXT, FORMAT_CMAKE, FORMAT_JSON, FORMAT_GEN_H, FORMAT_GEN_JSON };

struct options {
    const char *board;
    const char *boards_dir;
    const char *file;
    const char *config;
    const char *write_config;
    enum format format;
    bool list;
    bool help;
};

static void usage(FILE *out)
{
    fputs("usage: microkit board-info BOARD [--format text|cmake|json] [--boards-dir DIR]\n"
          "       microkit board-info --file PATH [--format text|cmake|json]\n"
          "       microkit board-info --list [--boards-dir DIR]\n"
          "       microkit board-info BOARD --config CONFIG --format gen-config-h|gen-config-json\n"
          "       microkit board-info BOARD --config CONFIG --write-config DIR\n"
          "\n"
          "Print the facts of a board file. Without --boards-dir the board is looked for\n"
          "in $MICROKIT_SDK/board/BOARD/board.xml, then beside this microkit binary\n"
          "(../board/BOARD/board.xml), then in the source tree's boards/ folder.\n"
          "--list names every board, 'host' (the simulator) included.\n"
          "With --config: the seL4 configuration the SDK is built for, as the kernel's\n"
          "gen_config.h or gen_config.json; --write-config writes kernel/gen_config.{h,json},\n"
          "sel4/gen_config.{h,json} and autoconf.h under DIR. BOARD may be 'host'.\n",
          out);
}

static int parse_format(const char *s, enum format *f)
{
    if (!strcmp(s, "text")) {
        *f = FORMAT_TEXT;
    } else if (!strcmp(s, "cmake")) {
        *f = FORMAT_CMAKE;
    } else if (!strcmp(s, "json")) {
        *f = FORMAT_JSON;
    } else if (!strcmp(s, "gen-config-h")) {
        *f = FORMAT_GEN_H;
    } else if (!strcmp(s, "gen-config-json")) {
        *f = FORMAT_GEN_JSON;
    } else {
        fprintf(stderr,
                "microkit: error: unknown format '%s' (known: text, cmake, json, gen-config-h, "
                "gen-config-json)\n",
                s);
        return -1;
    }
    return 0;
}

/* Options with a value: "--opt VALUE" or "--opt=VALUE". */
static const char *option_value(int argc, char **argv, int *i, const char *opt)
{
    size_t n = strlen(opt);
    if (strncmp(argv[*i], opt, n) != 0) {
        return NULL;
    }
    if (argv[*i][n] == '=') {
        return argv[*i] + n + 1;
    }
    if (argv[*i][n] == '\0' && *i + 1 < argc) {
        return argv[++*i];
    }
    return NULL;
}

static int parse_args(int argc, char **argv, struct options *o)
{
    for (int i = 1; i < argc; i++) {
        const char *v;
        if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
            o->help = true;
        } else if (!strcmp(argv[i], "--list")) {
            o->list = true;
        } else if ((v = option_value(argc, argv, &i, "--format"))) {
            if (parse_format(v, &o->format) != 0) {
                return -1;
            }
        } else if ((v = option_value(argc, argv, &i, "--boards-dir"))) {
            o->boards_dir = v;
        } else if ((v = option_value(argc, argv, &i, "--file"))) {
            o->file = v;
        } else if ((v = option_value(argc, argv, &i, "--config"))) {
            o->config = v;
        } else if ((v = option_value(argc, argv, &i, "--write-config"))) {
            o->write_config = v;
        } else if (argv[i][0] == '-' || o->board) {
            fprintf(stderr, "microkit: error: unexpected argument '%s'\n", argv[i]);
            return -1;
        } else {
            o->board = argv[i];
        }
    }
    if (!o->help && !o->list && !o->board == !o->file) {
        fputs("microkit: error: give one BOARD, --file PATH or --list\n", stderr);
        return -1;
    }
    bool gen = o->format == FORMAT_GEN_H || o->format == FORMAT_GEN_JSON || o->write_config;
    if (gen && !o->config) {
        fputs("microkit: error: the seL4 configuration needs --config CONFIG\n", stderr);
        return -1;
    }
    if (o->config && !kconfig_config_known(o->config)) {
        fprintf(stderr,
                "microkit: error: argument --config: invalid choice '%s' (choose from: "
                "benchmark, debug, release, smp-benchmark, smp-debug, smp-release)\n",
                o->config);
        return -1;
    }
    return 0;
}

/* ---- text ---------------------------------------------------------------- */

/* A size in the largest unit that divides it: "4 KiB", "1536 MiB", "1 TiB". */
static void print_size(FILE *out, uint64_t size)
{
    static const char *const units[] = {"B", "KiB", "MiB", "GiB", "TiB"};
    unsigned u = 0;
    while (u + 1 < sizeof(units) / sizeof(units[0]) && size && (size & 1023) == 0) {
        size >>= 10;
        u++;
    }
    fprintf(out, "%" PRIu64 " %s", size, units[u]);
}

static void print_ranges(FILE *out, const char *label, const struct mem_range *r, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        fprintf(out, "%-16s [0x%" PRIx64 "..0x%" PRIx64 ")  ", label, r[i].base,
                r[i].base + r[i].size);
        print_size(out, r[i].size);
        fputc('\n', out);
    }
}

static void print_text(FILE *out, const struct board *b)
{
    fprintf(out, "%-16s %s\n", "board", b->name);
    fprintf(out, "%-16s %s\n", "description", b->description);
    fprintf(out, "%-16s %s\n", "file", b->file);
    fprintf(out, "%-16s %s\n", "kernel platform", b->kernel_platform);
    fprintf(out, "%-16s %s, %u core%s, %u-bit physical addresses\n", "cpu", b->cpu, b->num_cpus,
            b->num_cpus == 1 ? "" : "s", b->pa_bits);
    fprintf(out, "%-16s %s\n", "smp start",
            b->spin_table_count             ? "spin table"
            : b->arch == BOARD_ARCH_RISCV64 ? "SBI HSM hart_start (smp- configurations)"
                                            : "PSCI CPU_ON (smp- configurations)");
    fprintf(out, "%-16s 0x%" PRIx64 "\n", "loader address", b->loader_link_address);
    fprintf(out, "%-16s %s at 0x%" PRIx64 "\n", "uart", board_uart_kind_name(b->uart_kind),
            b->uart_base);
    if (b->arch == BOARD_ARCH_RISCV64) {
        fprintf(out, "%-16s %s\n%-16s PLIC (driven by the kernel)\n", "arch", "riscv64",
                "interrupts");
    } else {
        fprintf(out, "%-16s GICv%u, distributor 0x%" PRIx64 ", %s 0x%" PRIx64 "\n", "gic",
                b->gic_version, b->gicd_base,
                b->gic_version == 2 ? "cpu interface" : "redistributor", b->gicc_base);
    }
    fprintf(out, "%-16s %" PRIu64 " Hz", "timer", b->timer_frequency);
    if (b->timer_pd_irq) {
        fprintf(out, ", PD irq %" PRIu64, b->timer_pd_irq);
    }
    fputc('\n', out);
    print_ranges(out, "ram", b->ram.items, b->ram.count);
    print_ranges(out, "device", b->devices.items, b->devices.count);
    for (size_t i = 0; i < b->kernel_options.count; i++) {
        fprintf(out, "%-16s %s=%s\n", "kernel option", b->kernel_options.items[i].key,
                b->kernel_options.items[i].value);
    }
    if (b->qemu_args) {
        fprintf(out, "%-16s %s\n", "qemu", b->qemu_args);
    }
}

/* ---- cmake --------------------------------------------------------------- */

static void cmake_string(FILE *out, const char *var, const char *value)
{
    fprintf(out, "set(%s \"", var);
    for (const char *p = value; *p; p++) {
        if (*p == '"' || *p == '\\' || *p == '$' || *p == ';') {
            fputc('\\', out);
        }
        fputc(*p, out);
    }
    fputs("\")\n", out);
}

static void cmake_hex(FILE *out, const char *var, uint64_t v)
{
    fprintf(out, "set(%s \"0x%" PRIx64 "\")\n", var, v);
}

static void cmake_dec(FILE *out, const char *var, uint64_t v)
{
    fprintf(out, "set(%s \"%" PRIu64 "\")\n", var, v);
}

/* Exactly the variables cmake/target/CMakeLists.txt reads; nothing more. */
static void print_cmake(FILE *out, const struct board *b)
{
    fprintf(out, "# Generated by `microkit board-info %s --format cmake` from %s\n", b->name,
            b->file);
    cmake_string(out, "BOARD_NAME", b->name);
    cmake_string(out, "BOARD_ARCH", board_arch_name(b->arch));
    cmake_string(out, "BOARD_CPU", b->cpu);
    cmake_dec(out, "BOARD_PA_BITS", b->pa_bits);
    cmake_hex(out, "BOARD_LINK_ADDRESS", b->loader_link_address);
    cmake_string(out, "BOARD_UART_KIND", board_uart_kind_name(b->uart_kind));
    cmake_hex(out, "BOARD_UART_BASE", b->uart_base);
    if (b->arch != BOARD_ARCH_RISCV64) { /* RISC-V: the kernel drives the PLIC */
        cmake_dec(out, "BOARD_GIC_VERSION", b->gic_version);
        cmake_hex(out, "BOARD_GICD_BASE", b->gicd_base);
        cmake_hex(out, "BOARD_GICC_BASE", b->gicc_base);
    }
    cmake_string(out, "BOARD_KERNEL_PLATFORM", b->kernel_platform);
    cmake_dec(out, "BOARD_NUM_CPUS", b->num_cpus);
    cmake_dec(out, "BOARD_TIMER_FREQUENCY", b->timer_frequency);
    if (b->spin_table_count) { /* the loader's SMP start method; PSCI without */
        fputs("set(BOARD_SPIN_TABLE \"", out);
        for (unsigned i = 0; i < b->spin_table_count && i < BOARD_MAX_SPIN_TABLE; i++) {
            fprintf(out, "%s0x%" PRIx64, i ? "," : "", b->spin_table[i]);
        }
        fputs("\")\n", out);
    }
}

/* ---- json ---------------------------------------------------------------- */

static void json_field(FILE *out, const char *key, const char *value)
{
    fprintf(out, "  \"%s\": ", key);
    if (value) {
        json_write_string(out, value);
    } else {
        fputs("null", out);
    }
    fputs(",\n", out);
}

static void json_ranges(FILE *out, const char *key, const struct mem_range *r, size_t n)
{
    fprintf(out, "  \"%s\": [", key);
    for (size_t i = 0; i < n; i++) {
        fprintf(out, "%s{\"start\": %" PRIu64 ", \"end\": %" PRIu64 "}", i ? ", " : "", r[i].base,
                r[i].base + r[i].size);
    }
    fputs("],\n", out);
}

/* Addresses are JSON numbers (all below 2^53), as in seL4's platform_gen.json. */
static void print_json(FILE *out, const struct board *b)
{
    fputs("{\n", out);
    json_field(out, "name", b->name);
    json_field(out, "description", b->description);
    json_field(out, "file", b->file);
    json_field(out, "kernel_platform", b->kernel_platform);
    json_field(out, "arch", board_arch_name(b->arch));
    json_field(out, "cpu", b->cpu);
    fprintf(out, "  \"pa_bits\": %u,\n  \"num_cpus\": %u,\n", b->pa_bits, b->num_cpus);
    fprintf(out, "  \"loader_link_address\": %" PRIu64 ",\n", b->loader_link_address);
    json_field(out, "uart_kind", board_uart_kind_name(b->uart_kind));
    fprintf(out, "  \"uart_base\": %" PRIu64 ",\n", b->uart_base);
    fprintf(out, "  \"gic_version\": %u,\n  \"gicd_base\": %" PRIu64 ",\n", b->gic_version,
            b->gicd_base);
    fprintf(out, "  \"gicc_base\": %" PRIu64 ",\n", b->gicc_base);
    fprintf(out, "  \"timer_frequency\": %" PRIu64 ",\n", b->timer_frequency);
    if (b->timer_pd_irq) {
        fprintf(out, "  \"timer_pd_irq\": %" PRIu64 ",\n", b->timer_pd_irq);
    }
    json_ranges(out, "ram", b->ram.items, b->ram.count);
    json_ranges(out, "devices", b->devices.items, b->devices.count);
    fputs("  \"kernel_options\": {", out);
    for (size_t i = 0; i < b->kernel_options.count; i++) {
        fputs(i ? ", " : "", out);
        json_write_string(out, b->kernel_options.items[i].key);
        fputs(": ", out);
        json_write_string(out, b->kernel_options.items[i].value);
    }
    fputs("},\n  \"qemu_args\": ", out);
    if (b->qemu_args) {
        json_write_string(out, b->qemu_args);
    } else {
        fputs("null", out);
    }
    fputs("\n}\n", out);
}

/* ---- driver -------------------------------------------------------------- */

static int list_boards(const char *boards_dir)
{
    char **names = board_names(boards_dir);
    for (size_t i = 0; names[i]; i++) {
        puts(names[i]);
    }
    puts("host");
    int rc = names[0] ? EXIT_OK : EXIT_INVALID;
    if (!names[0]) {
        fputs("microkit: error: no board files found\n", stderr);
    }
    board_names_free(names);
    return rc;
}

static int exit_code_for(const struct diag *d)
{
    for (size_t i = 0; i < d->entries.count; i++) {
        const char *rule = d->entries.items[i].rule;
        if (rule && !strcmp(rule, "board-io")) {
            return EXIT_IO;
        }
    }
    return EXIT_INVALID;
}

/* gen_config.h (or .json) of `kc` as text, malloc'd. */
static char *render(const struct kconfig *kc, bool json, size_t *len)
{
    char *text = NULL;
    FILE *f = open_memstream(&text, len);
    if (json) {
        kconfig_write_json(kc, f);
    } else {
        kconfig_write_header(kc, f);
    }
    fclose(f);
    return text;
}

/* DIR/SUB and the folders above it, as mkdir -p makes them. */
static int make_sub(const char *dir, const char *sub, struct diag *d)
{
    char *path = xasprintf("%s/%s", dir, sub);
    struct file_error e;
    int rc = make_folders(path, &e);
    if (rc) {
        diag_error(d, NULL, "io", NULL, "cannot make the folder '%s': %s", path, e.text);
    }
    free(path);
    return rc;
}

/*
 * --write-config DIR: kernel/gen_config.{h,json}, sel4/gen_config.{h,json}
 * and autoconf.h, written as one set (files.h): all or none.
 */
static int write_config_tree(const char *dir, const struct kconfig *kernel,
                             const struct kconfig *lib)
{
    static const char *const names[] = {"kernel/gen_config.h", "kernel/gen_config.json",
                                        "sel4/gen_config.h", "sel4/gen_config.json"};
    static const char autoconf[] = "#pragma once\n\n#include <kernel/gen_config.h>\n"
                                   "#include <sel4/gen_config.h>\n";
    struct diag d;
    diag_init(&d, stderr);
    struct output_set s = {0};
    char *text[4], *path[5];
    int rc = make_sub(dir, "kernel", &d) || make_sub(dir, "sel4", &d) ? EXIT_IO : EXIT_OK;
    for (size_t i = 0; i < 4; i++) {
        size_t len;
        text[i] = render(i < 2 ? kernel : lib, i % 2, &len);
        path[i] = xasprintf("%s/%s", dir, names[i]);
        output_add(&s, NULL, path[i], text[i], len, 0666);
    }
    path[4] = xasprintf("%s/autoconf.h", dir);
    output_add(&s, NULL, path[4], autoconf, strlen(autoconf), 0666);
    rc = rc ? rc : output_set_report(&s, output_set_write(&s), &d);
    output_set_free(&s);
    for (size_t i = 0; i < 5; i++) {
        free(i < 4 ? text[i] : NULL);
        free(path[i]);
    }
    diag_free(&d);
    return rc;
}

/* The seL4 configuration of board `b` (NULL: host), printed or written. */
static int print_kconfig(const struct options *o, const struct board *b)
{
    struct kconfig kernel, lib;
    kconfig_kernel(b, o->config, &kernel);
    kconfig_libsel4(o->config, &lib);
    int rc = o->write_config ? write_config_tree(o->write_config, &kernel, &lib) : EXIT_OK;
    if (rc == EXIT_OK && o->format == FORMAT_GEN_H) {
        kconfig_write_header(&kernel, stdout);
    } else if (rc == EXIT_OK && o->format == FORMAT_GEN_JSON) {
        kconfig_write_json(&kernel, stdout);
    }
    kconfig_free(&kernel);
    kconfig_free(&lib);
    return rc;
}

static void print_host(void)
{
    puts("board host\n"
         "  description: the host simulator (microkit run): one Linux process per PD;\n"
         "               its seL4 configuration stands for AArch64 (CONFIG_SEL4_ARCH aarch64)\n"
         "               without AArch64 hardware (see docs/simulator.md)");
    for (int i = 0; i < SIM_NUM_DEVS; i++) {
        const struct sim_dev_info *dev = sim_dev_info(i); /* docs/boards/host.md */
        printf("  device           %s [0x%llx..0x%llx), irq %llu\n", dev->name,
               (unsigned long long)dev->paddr, (unsigned long long)(dev->paddr + dev->size),
               (unsigned long long)dev->irq);
    }
}

static bool wants_kconfig(const struct options *o)
{
    return o->write_config || o->format == FORMAT_GEN_H || o->format == FORMAT_GEN_JSON;
}

int cmd_board_info(int argc, char **argv)
{
    struct options o = {0};
    if (parse_args(argc, argv, &o) != 0) {
        usage(stderr);
        return EXIT_USAGE;
    }
    if (o.help) {
        usage(stdout);
        return EXIT_OK;
    }
    if (o.list) {
        return list_boards(o.boards_dir);
    }
    if (o.board && !strcmp(o.board, "host")) {
        if (wants_kconfig(&o)) {
            return print_kconfig(&o, NULL);
        }
        if (o.format != FORMAT_TEXT) {
            fputs("microkit: error: board 'host' has no board file: only the text, gen-config-h "
                  "and gen-config-json formats apply\n",
                  stderr);
            return EXIT_USAGE;
        }
        print_host();
        return EXIT_OK;
    }
    struct diag d;
    struct board b;
    diag_init(&d, stderr);
    int rc =
        o.file ? board_load_file(o.file, NULL, &b, &d) : board_load(o.board, o.boards_dir, &b, &d);
    int code = rc == 0 ? EXIT_OK : exit_code_for(&d);
    if (rc == 0 && wants_kconfig(&o)) {
        code = print_kconfig(&o, &b);
    } else if (rc == 0 && o.format == FORMAT_TEXT) {
        print_text(stdout, &b);
    } else if (rc == 0 && o.format == FORMAT_CMAKE) {
        print_cmake(stdout, &b);
    } else if (rc == 0) {
        print_json(stdout, &b);
    }
    diag_free(&d);
    board_free(&b);
    return code;
}
