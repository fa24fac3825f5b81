/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * microkit SYSTEM --board B --config C [--search-path DIR...] [-o IMAGE]
 *                 [-r REPORT] [--report-json FILE] [--kernel DIR]
 *                 [--image-type binary|elf|uimage] [--werror] [--strict]
 *                 [-W RULE] [-E RULE] [-Wno-RULE] [--viper-output DIR]
 *                 [--capdl-json FILE]
 *
 * The build command. Stages, in order:
 *   1. front    parse the SDF, read the board, size regions from their prefill
 *               files (a prefill_path without a size), run the checks
 *   2. kernel   find the seL4 kernel, check its configuration
 *   3. elf      read the monitor and every PD's program image (+ prefill files)
 *   4. patch    PD symbols (name, channel masks, setvars)
 *   5. layout   virtual layouts, cap slots, kernel objects
 *   6. plan     physical memory plan; spec; monitor patch; user image
 *               (repeated until the user image's size is stable, since the
 *               plan depends on it and setvar region_paddr on the plan)
 *   7. image    the loader image (tool/image.c), wrapped as --image-type says
 *   8. report   text (and JSON) report; with --viper-output, each PD's
 *               CSpace, channels and memory in Viper (tool/viper.c);
 *               with --capdl-json, the spec as JSON (tool/spec_json.c)
 *   9. write    outputs, atomically; nothing is written after any error
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "board.h"
#include "checks.h"
#include "commands.h"
#include "diag.h"
#include "elfload.h"
#include "gen_header.h"
#include "host_image.h"
#include "image.h"
#include "inputs.h"
#include "kconfig.h"
#include "kernel.h"
#include "layout.h"
#include "memplan.h"
#include "patch.h"
#include "report.h"
#include "sdf_parse.h"
#include "spec.h"
#include "spec_json.h"
#include "sysinfo.h"
#include "util.h"
#include "view.h"
#include "viper.h"

#define KIB4 0x1000ull

struct build_args {
    const char *system, *board, *config, *output, *report, *report_json, *kernel_dir;
    const char *override_kernel, *viper_dir, *capdl_json;
    const char *boards_dir, *image_type;
    const char *gen_headers; /* --gen-headers DIR */
    const char *view;        /* --view FILE: the HTML view of the build (view.h) */
    bool image_type_given;   /* --image-type was given (else the board's default) */
    bool profile;            /* --profile: the monitor's utilisation report (profile.h) */
    VEC(const char *) search;
    struct diag_flags flags; /* --werror, --strict, -W, -E, -Wno- */
};

struct build {
    struct build_args a;
    struct diag d;
    char *sdk_root;
    struct system sys;
    struct board board;
    bool have_board;
    struct kernel kernel;
    bool have_kernel;
    struct elf_file monitor;
    char *loader_path;
    struct inputs in;          /* PD programs and prefill files (inputs.c) */
    struct elf_file **pd_elfs; /* in.elfs */
    uint8_t **prefill;         /* in.prefill */
    size_t *prefill_len;       /* in.prefill_len */
    struct layout lay;
    struct memplan mp;
    struct spec_blob spec;
    uint8_t *ui; /* user image bytes: monitor segments, then the spec */
    uint64_t ui_vaddr, ui_size, spec_vaddr;
    uint64_t ui_file_end; /* the monitor's last byte that is not zero, + 1, in ui */
    struct image_params params;
    uint8_t *image;
    size_t image_size;
    char *report, *report_json;
    struct viper_set viper;        /* --viper-output */
    char *spec_json;               /* --capdl-json */
    struct sysinfo si;             /* the system facts, for the reports and headers */
    struct gen_header_set headers; /* --gen-headers */
    char *view;                    /* --view */
};

static void usage(FILE *out)
{
    fputs("usage: microkit SYSTEM --board BOARD --config debug|release|benchmark\n"
          "                [--search-path DIR...] [-o IMAGE] [-r REPORT] [--report-json FILE]\n"
          "                [--kernel DIR | --override-kernel FILE] [--boards-dir DIR]\n"
          "                [--image-type binary|elf|uimage] [--werror] [--strict]\n"
          "                [-W RULE] [-E RULE] [-Wno-RULE] [--viper-output DIR]\n"
          "                [--capdl-json FILE] [--gen-headers DIR] [--view FILE]\n"
          "\n"
          "Build a bootable loader image from SYSTEM. --kernel names a seL4 build or\n"
          "install folder (kernel.elf + gen_config.json); --override-kernel names a\n"
          "kernel ELF (Microkit 2.3); without either the SDK's kernel is used\n"
          "(board/BOARD/CONFIG/elf/sel4.elf, installed with 'microkit sdk add-kernel').\n"
          "--image-type: binary (raw, the default), elf (QEMU -kernel, debuggers) or\n"
          "uimage (U-Boot bootm). --report-json FILE writes the report as JSON too.\n"
          "--werror: warnings are errors. --strict: older syntax (Microkit 1.4 pp on a\n"
          "protection_domain) is an error. -W RULE: RULE is a warning, -E RULE: an error,\n"
          "-Wno-RULE: not reported (see docs/cli.md for the rules that can be changed).\n"
          "--viper-output DIR writes DIR/PD.vpr for every protection domain: its caps,\n"
          "channels and memory in the Viper language (Microkit 2.3). --capdl-json FILE\n"
          "writes the boot spec as JSON (Microkit 2.3 writes its capDL spec there).\n"
          "--gen-headers DIR writes DIR/PD.h for every protection domain: its channel,\n"
          "irq and child ids and its maps' addresses as C constants (docs/reports.md).\n"
          "--view FILE writes the HTML view of 'microkit view' with what the build knows.\n"
          "--profile: with --config benchmark, the monitor prints each PD's utilisation\n"
          "when the system first goes idle (docs/profiling.md).\n"
          "See docs/build.md.\n",
          out);
}

static const char **opt_slot(struct build_args *a, const char *o)
{
    static const char *const names[] = {"-o",           "--output",          "-r",
                                        "--report",     "--board",           "--config",
                                        "--kernel",     "--report-json",     "--boards-dir",
                                        "--image-type", "--override-kernel", "--viper-output",
                                        "--capdl-json", "--gen-headers",     "--view"};
    const char **slots[] = {
        &a->output,          &a->output,     &a->report,      &a->report,      &a->board,
        &a->config,          &a->kernel_dir, &a->report_json, &a->boards_dir,  &a->image_type,
        &a->override_kernel, &a->viper_dir,  &a->capdl_json,  &a->gen_headers, &a->view};
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        if (!strcmp(o, names[i])) {
            return slots[i];
        }
    }
    return NULL;
}

static int parse_args(int argc, char **argv, struct build_args *a)
{
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        const char **slot = opt_slot(a, arg);
        int flag = rule_flag_parse(argc, argv, &i, &a->flags, "");
        if (flag) {
            if (flag < 0) {
                return -1;
            }
        } else if (!strcmp(arg, "-h") || !strcmp(arg, "--help")) {
            usage(stdout);
            return 1;
        } else if (!strcmp(arg, "--profile")) {
            a->profile = true;
        } else if (!strcmp(arg, "--search-path")) {
            while (i + 1 < argc && argv[i + 1][0] != '-') {
                *VEC_PUSH(a->search) = argv[++i];
            }
        } else if (slot) {
            if (i + 1 >= argc) {
                fprintf(stderr, "microkit: error: argument %s: expected one argument\n", arg);
                return -1;
            }
            *slot = argv[++i];
        } else if (arg[0] == '-' || a->system) {
            fprintf(stderr, "microkit: error: unrecognised argument '%s'\n", arg);
            return -1;
        } else {
            a->system = arg;
        }
    }
    bool host = a->board && !strcmp(a->board, "host"); /* the simulator: no --config needed */
    if (!a->system || !a->board || (!a->config && !host)) {
        usage(stderr);
        fprintf(stderr, "microkit: error: the following arguments are required:%s%s%s\n",
                a->board ? "" : " --board", a->config ? "" : " --config",
                a->system ? "" : " system");
        return -1;
    }
    if (a->config && !kconfig_config_known(a->config)) {
        fprintf(stderr,
                "microkit: error: argument --config: invalid choice '%s' (choose from: "
                "benchmark, debug, release, smp-benchmark, smp-debug, smp-release)\n",
                a->config);
        return -1;
    }
    if (a->profile && (!a->config || strcmp(a->config, "benchmark"))) {
        fprintf(stderr, "microkit: error: --profile needs --config benchmark (the kernel's "
                        "utilisation counters, on one core)\n");
        return -1;
    }
    if (a->kernel_dir && a->override_kernel) {
        fprintf(stderr, "microkit: error: give --kernel DIR or --override-kernel FILE, not both\n");
        return -1;
    }
    a->image_type_given = a->image_type != NULL;
    a->image_type = a->image_type ? a->image_type : "binary";
    if (strcmp(a->image_type, "binary") && strcmp(a->image_type, "elf") &&
        strcmp(a->image_type, "uimage")) {
        usage(stderr);
        fprintf(stderr,
                "microkit: error: argument --image-type: invalid choice '%s' (choose from: "
                "binary, elf, uimage)\n",
                a->image_type);
        return -1;
    }
    a->output = a->output ? a->output : "loader.img";
    a->report = a->report ? a->report : "report.txt";
    return 0;
}

/* Stage 1: parse, board, checks. */
static int stage_front(struct build *b)
{
    int st = sdf_parse_file(b->a.system, &b->sys, &b->d);
    if (st == SDF_IO) {
        return EXIT_IO;
    }
    b->have_board = board_load(b->a.board, b->a.boards_dir, &b->board, &b->d) == 0;
    if (st >= 0) {
        /* Regions sized from their prefill files, before the checks need the sizes. */
        inputs_size_regions(&b->sys, (const char *const *)b->a.search.items, b->a.search.count,
                            &b->d);
    }
    if (st >= 0 && b->have_board) {
        b->board.config = b->a.config;
        checks_run(&b->sys, &b->board, &b->d);
    }
    return diag_errors(&b->d) ? EXIT_INVALID : 0;
}

/* Stage 2: the kernel. */
static int stage_kernel(struct build *b)
{
    struct kernel_source src = {.dir = b->a.kernel_dir,
                                .override = b->a.override_kernel,
                                .sdk_root = b->sdk_root,
                                .board = b->a.board,
                                .config = b->a.config};
    if (kernel_load(&src, &b->kernel, &b->d)) {
        return EXIT_INVALID;
    }
    b->have_kernel = true;
    kernel_check(&b->kernel, &b->board, b->a.config, &b->d);
    return diag_errors(&b->d) ? EXIT_INVALID : 0;
}

/*
 * A PD linked with libmicrokit carries the board and configuration that
 * library was built for; it must be the image's (the ABI differs between
 * configurations, e.g. HardwareDebugAPI shifts invocation labels).
 */
static void check_stamp(struct build *b, size_t p)
{
    const struct pd *pd = &b->sys.pds.items[p];
    const struct elf_file *e = b->pd_elfs[p];
    char board[64], config[32];
    if (!e->sdk_stamp || sscanf(e->sdk_stamp, "board=%63s config=%31s", board, config) != 2) {
        return;
    }
    if (!strcmp(board, b->a.board) && !strcmp(config, b->a.config)) {
        return;
    }
    char *hint = xasprintf("rebuild the PD with BOARD_DIR=$MICROKIT_SDK/board/%s/%s (its include "
                           "and lib folders), as the image is built with --board %s --config %s",
                           b->a.board, b->a.config, b->a.board, b->a.config);
    diag_error(&b->d, &pd->program_pos, "pd-sdk-config", hint,
               "program image '%s' of PD '%s' was built for board '%s' config '%s', not for the "
               "image's board '%s' config '%s'",
               e->path, pd->name, board, config, b->a.board, b->a.config);
    free(hint);
}

/* Stage 3: monitor, loader and PD ELFs, prefill files. */
static int stage_elfs(struct build *b)
{
    char *dir = xasprintf("%s/board/%s/%s/elf", b->sdk_root, b->a.board, b->a.config);
    char *mon = xasprintf("%s/monitor.elf", dir);
    b->loader_path = xasprintf("%s/loader.elf", dir);
    if (access(mon, R_OK) || access(b->loader_path, R_OK)) {
        diag_error(&b->d, NULL, "sdk-missing",
                   "set MICROKIT_SDK to an SDK built for this board and configuration",
                   "the SDK has no monitor.elf or loader.elf for board '%s' config '%s' (looked in "
                   "'%s')",
                   b->a.board, b->a.config, dir);
    } else {
        elf_load(mon, board_elf_accept(&b->board), "monitor", NULL, &b->monitor, &b->d);
    }
    free(mon);
    free(dir);
    inputs_load(&b->sys, (const char *const *)b->a.search.items, b->a.search.count,
                b->board.arch == BOARD_ARCH_RISCV64 ? INPUTS_TARGET_RISCV64 : INPUTS_TARGET, &b->in,
                &b->d);
    b->pd_elfs = b->in.elfs;
    b->prefill = b->in.prefill;
    b->prefill_len = b->in.prefill_len;
    for (size_t p = 0; p < b->sys.pds.count; p++) {
        check_stamp(b, p);
    }
    return diag_errors(&b->d) ? EXIT_INVALID : 0;
}

/* Stage 4 (and again in stage 6 once physical addresses are planned). */
static int stage_patch(struct build *b, const struct layout *lay)
{
    for (size_t p = 0; p < b->sys.pds.count; p++) {
        patch_pd(&b->sys, p, lay, b->pd_elfs[p], &b->d);
    }
    return diag_errors(&b->d) ? EXIT_INVALID : 0;
}

/* Stage 5. */
static int stage_layout(struct build *b)
{
    struct layout_input in = {
        .sys = &b->sys,
        .board = &b->board,
        .pd_elfs = b->pd_elfs,
        .prefill = (const uint8_t *const *)b->prefill,
        .prefill_len = b->prefill_len,
        .tcb_bits = kernel_tcb_bits(&b->kernel),
        .benchmark = !strcmp(b->a.config, "benchmark") || !strcmp(b->a.config, "smp-benchmark"),
    };
    return layout_build(&in, &b->lay, &b->d) ? EXIT_INVALID : 0;
}

/*
 * Where the monitor's bytes that are not zero end, from the user image's
 * start: its segments' file bytes and whatever the tool patched into its
 * .bss. The rest, up to the spec, is zeroes the image need not carry.
 */
static uint64_t monitor_file_end(const struct build *b)
{
    uint64_t end = 0;
    for (size_t i = 0; i < b->monitor.segments.count; i++) {
        const struct elf_segment *s = &b->monitor.segments.items[i];
        end = max_u64(end, s->vaddr - b->ui_vaddr + s->filesz);
    }
    for (size_t i = 0; i < b->monitor.patches.count; i++) {
        const struct elf_patch *p = &b->monitor.patches.items[i];
        end = max_u64(end, p->vaddr + p->size - b->ui_vaddr);
    }
    return min_u64(end, b->spec.prefix);
}

/*
 * The user image: the monitor's segments from its lowest page, then the
 * spec, which spec_build already placed behind room for the monitor (a
 * zeroed buffer: only the bytes up to the monitor's file end are copied).
 */
static void build_user_image(struct build *b)
{
    b->ui = b->spec.buf;
    b->ui_size = b->spec.prefix + b->spec.size;
    b->ui_file_end = monitor_file_end(b);
    for (size_t i = 0; i < b->monitor.segments.count; i++) {
        const struct elf_segment *s = &b->monitor.segments.items[i];
        uint64_t at = s->vaddr - b->ui_vaddr;
        memcpy(b->ui + at, s->data,
               at < b->ui_file_end ? min_u64(s->memsz, b->ui_file_end - at) : 0);
    }
}

/*
 * Regions without phys_addr whose physical address a setvar region_paddr
 * needs (indexed by MR); NULL when there are none.
 */
static bool *regions_needing_paddr(const struct system *sys)
{
    bool *want = NULL;
    for (size_t p = 0; p < sys->pds.count; p++) {
        const struct pd *pd = &sys->pds.items[p];
        for (size_t i = 0; i < pd->setvars.count; i++) {
            const struct setvar *sv = &pd->setvars.items[i];
            if (sv->kind == SETVAR_REGION_PADDR && sv->mr >= 0 &&
                !sys->mrs.items[sv->mr].has_phys) {
                want = want ? want : xcalloc(sys->mrs.count + 1, sizeof(*want));
                want[sv->mr] = true;
            }
        }
    }
    return want;
}

/* --profile: the monitor prints utilisation on the board's PL011 (monitor/src/profile.h). */
static int patch_profile(struct build *b)
{
    uint8_t v[8];
    uint64_t pa = b->board.uart_base;
    if (!b->a.profile) {
        return 0;
    }
    if (b->board.uart_kind != UART_PL011) {
        fprintf(stderr, "microkit: error: --profile: the report needs a PL011 UART\n");
        return -1;
    }
    for (int i = 0; i < 8; i++) {
        v[i] = (uint8_t)(pa >> (8 * i));
    }
    if (elf_patch_symbol(&b->monitor, "monitor_profile_uart", v, 8)) {
        fprintf(stderr, "microkit: error: --profile: monitor.elf has no 'monitor_profile_uart'\n");
        return -1;
    }
    return 0;
}

/* The spec, the patched monitor and the user image, for the current PD ELFs. */
static int build_spec(struct build *b)
{
    uint64_t lo, hi;
    elf_vaddr_range(&b->monitor, &lo, &hi);
    b->ui_vaddr = align_down(lo, KIB4);
    b->spec_vaddr = align_up(hi, KIB4);
    spec_blob_free(&b->spec);
    b->spec.prefix = b->spec_vaddr - b->ui_vaddr;
    spec_build(&b->lay, b->pd_elfs, memplan_needed(&b->lay), &b->spec);
    if (patch_monitor(&b->monitor, b->spec_vaddr, b->spec.size, &b->d) || patch_profile(b)) {
        return EXIT_INVALID;
    }
    build_user_image(b);
    return 0;
}

/*
 * Stage 6: spec, user image, memory plan. The plan depends on the user
 * image's size. A setvar region_paddr of a region without phys_addr makes
 * the tool choose the region's address (memplan_place_regions), which the
 * spec then records as fixed, so the monitor creates it exactly there; the
 * spec is rebuilt until the user image's size settles.
 */
static int stage_plan(struct build *b)
{
    bool *want = regions_needing_paddr(&b->sys);
    int rc = build_spec(b);
    for (int round = 0; !rc && round < 8; round++) {
        uint64_t size = b->ui_size;
        memplan_free(&b->mp);
        if (memplan_build(&b->lay, &b->sys, &b->board, &b->kernel, size, b->ui_vaddr, &b->mp,
                          &b->d)) {
            rc = EXIT_INVALID;
            break;
        }
        if (!want) {
            break;
        }
        if (round == 0) {
            rc = memplan_place_regions(&b->lay, &b->sys, want, &b->mp, &b->d) ? EXIT_INVALID : 0;
            continue; /* plan again with the regions fixed */
        }
        rc = stage_patch(b, &b->lay);
        rc = rc ? rc : build_spec(b);
        if (!rc && align_up(b->ui_size, KIB4) == align_up(size, KIB4)) {
            break;
        }
        if (round == 7) {
            diag_error(&b->d, NULL, "internal", NULL, "the memory plan does not settle");
            rc = EXIT_INTERNAL;
        }
    }
    free(want);
    return rc;
}

/*
 * --image-type elf or uimage: the raw image in a container whose load
 * address and entry are the board's loader link address (firmware loads the
 * file there and jumps to it), which must be where the loader is linked.
 */
static int wrap_image(struct build *b, uint64_t loader_link)
{
    const char *type = b->a.image_type;
    uint64_t link = b->board.loader_link_address;
    unsigned machine =
        b->board.arch == BOARD_ARCH_RISCV64 ? ELF_MACHINE_RISCV : ELF_MACHINE_AARCH64;
    if (!b->a.image_type_given && b->board.arch == BOARD_ARCH_RISCV64) {
        type = "uimage"; /* Microkit's default on RISC-V: OpenSBI/U-Boot load a uImage */
    }
    if (!strcmp(type, "binary")) {
        return 0;
    }
    int rc = 0;
    if (loader_link != link) {
        diag_error(&b->d, NULL, "loader-link-address", "rebuild the SDK's loader for this board",
                   "loader '%s' is linked at 0x%llx but board '%s' loads it at 0x%llx",
                   b->loader_path, (unsigned long long)loader_link, b->board.name,
                   (unsigned long long)link);
        rc = -1;
    }
    uint8_t *out = NULL;
    size_t size = 0;
    if (!strcmp(type, "elf")) {
        image_wrap_elf_for(b->image, b->image_size, link, machine, &out, &size);
    } else if (image_wrap_uimage_for(b->image, b->image_size, link, machine, &b->d, &out, &size)) {
        return -1;
    }
    free(b->image);
    b->image = out;
    b->image_size = size;
    return rc;
}

/* Stage 7: the loader image. */
static int stage_image(struct build *b)
{
    const struct bs_header *h = (const void *)b->spec.data;
    layout_borrow_maps(&b->lay, (const void *)(b->spec.data + h->maps_offset));
    const struct kernel *k = &b->kernel;
    size_t nk = k->elf.segments.count;
    struct image_region_in *r = xcalloc(nk + 2, sizeof(*r));
    for (size_t i = 0; i < nk; i++) {
        const struct elf_segment *s = &k->elf.segments.items[i];
        r[i] = (struct image_region_in){s->paddr, s->data,           s->filesz,
                                        s->memsz, SDK_REGION_KERNEL, "kernel segment"};
    }
    /* Two regions, so the monitor's .bss is not carried as zeroes in the file. */
    uint64_t spec_p = b->mp.ui_p_start + b->spec.prefix;
    r[nk] = (struct image_region_in){b->mp.ui_p_start,   b->ui,    b->ui_file_end, b->spec.prefix,
                                     SDK_REGION_MONITOR, "monitor"};
    r[nk + 1] = (struct image_region_in){
        spec_p,     b->spec.data, b->spec.size, b->mp.ui_p_end - spec_p, SDK_REGION_MONITOR,
        "boot spec"};
    struct image_params *p = &b->params;
    uint64_t kend = k->vaddr + (k->ki_end - k->paddr);
    p->flags =
        (k->hyp ? SDK_IMAGE_FLAG_HYP : 0) |
        (!strcmp(b->a.config, "debug") || !strcmp(b->a.config, "smp-debug") ? SDK_IMAGE_FLAG_PRINT
                                                                            : 0);
    p->kernel_entry = k->elf.entry;
    p->kernel_vbase = align_down(k->vaddr, 1ull << 21);
    p->kernel_pbase = p->kernel_vbase - (k->vaddr - k->paddr);
    p->kernel_vsize = align_up(p->kernel_vbase + 1, 1ull << 30) - p->kernel_vbase;
    if (p->kernel_vbase + p->kernel_vsize < kend) {
        p->kernel_vsize = align_up(kend, 1ull << 21) - p->kernel_vbase;
    }
    p->ui_p_reg_start = b->mp.ui_p_start;
    p->ui_p_reg_end = b->mp.ui_p_end;
    p->pv_offset = b->mp.ui_p_start - b->ui_vaddr;
    p->v_entry = b->monitor.entry;
    p->uart_base = b->board.uart_base;
    struct image_loader l;
    int rc = image_loader_read(b->loader_path, &l, &b->d);
    if (!rc) {
        rc = image_build_with(&l, p, r, nk + 2, &b->d, &b->image, &b->image_size);
        rc = rc ? rc : wrap_image(b, l.link_address);
        image_loader_free(&l);
    }
    free(r);
    return rc ? EXIT_INVALID : 0;
}

/* Stage 8. */
static int stage_report(struct build *b)
{
    struct report_in in = {
        .sys = &b->sys,
        .board = &b->board,
        .config = b->a.config,
        .kernel = &b->kernel,
        .monitor = &b->monitor,
        .pd_elfs = b->pd_elfs,
        .lay = &b->lay,
        .mp = &b->mp,
        .spec = &b->spec,
        .image = &b->params,
        .ui_vaddr = b->ui_vaddr,
        .ui_size = b->ui_size,
        .spec_vaddr = b->spec_vaddr,
        .loader_link = b->board.loader_link_address,
        .image_size = b->image_size,
    };
    struct si_build_in si_in = {.board = &b->board,
                                .kernel = &b->kernel,
                                .lay = &b->lay,
                                .mp = &b->mp,
                                .spec = &b->spec,
                                .loader_link = b->board.loader_link_address,
                                .loader_size = b->image_size,
                                .benchmark = strstr(b->a.config, "benchmark") != NULL};
    sysinfo_build(&b->sys, &b->si);
    if (sysinfo_add_build(&b->si, &si_in)) {
        diag_error(&b->d, NULL, "internal", NULL, "the boot spec cannot be read back");
        return EXIT_INTERNAL;
    }
    in.si = &b->si;
    in.d = &b->d;
    if (b->a.gen_headers) {
        gen_headers_build(&b->si, b->a.gen_headers, &b->headers);
    }
    if (b->a.view) {
        b->view = view_of_build(&b->sys, &b->board, &b->si, &b->d);
    }
    b->report = report_text(&in);
    if (b->a.report_json) {
        b->report_json = report_json(&in);
    }
    if (b->a.viper_dir && viper_build(b->spec.data, b->spec.size, b->a.system, &b->viper, &b->d)) {
        return EXIT_INVALID;
    }
    if (b->a.capdl_json && !(b->spec_json = spec_json(b->spec.data, b->spec.size, &b->d))) {
        return EXIT_INVALID;
    }
    return 0;
}

/* --viper-output DIR: made (mkdir -p) only now that every output is ready. */
static int viper_outputs(struct build *b, struct output_set *s)
{
    const char *dir = b->a.viper_dir;
    struct file_error e;
    if (!dir) {
        return 0;
    }
    if (make_folders(dir, &e)) {
        diag_error(&b->d, NULL, "io", NULL, "cannot make the folder '%s': %s", dir, e.text);
        return -1;
    }
    for (size_t i = 0; i < b->viper.files.count; i++) {
        const struct viper_file *f = &b->viper.files.items[i];
        char *path = viper_path(dir, f);
        output_add(s, "--viper-output", path, f->text, strlen(f->text), 0666);
        free(path);
    }
    return 0;
}

/* Stage 9: all outputs or none (files.h). */
static int stage_write(struct build *b)
{
    struct output_set s = {0};
    output_add(&s, "-o", b->a.output, b->image, b->image_size, 0666);
    output_add(&s, "-r", b->a.report, b->report, strlen(b->report), 0666);
    if (b->report_json) {
        output_add(&s, "--report-json", b->a.report_json, b->report_json, strlen(b->report_json),
                   0666);
    }
    if (b->spec_json) {
        output_add(&s, "--capdl-json", b->a.capdl_json, b->spec_json, strlen(b->spec_json), 0666);
    }
    if (b->view) {
        output_add(&s, "--view", b->a.view, b->view, strlen(b->view), 0666);
    }
    struct file_error e;
    if (b->a.gen_headers && gen_headers_add_outputs(&b->headers, b->a.gen_headers, &s, &e)) {
        diag_error(&b->d, NULL, "io", NULL, "cannot make the folder '%s': %s", b->a.gen_headers,
                   e.text);
        output_set_free(&s);
        return EXIT_IO;
    }
    if (viper_outputs(b, &s)) {
        output_set_free(&s);
        return EXIT_IO;
    }
    int rc = output_set_report(&s, output_set_write(&s), &b->d);
    output_set_free(&s);
    return rc;
}

static void build_free(struct build *b)
{
    inputs_free(&b->in);
    layout_free(&b->lay);
    memplan_free(&b->mp);
    spec_blob_free(&b->spec);
    elf_free(&b->monitor);
    if (b->have_kernel) {
        kernel_free(&b->kernel);
    }
    if (b->have_board) {
        board_free(&b->board);
    }
    system_free(&b->sys);
    free(b->loader_path);
    free(b->image);
    free(b->report);
    free(b->report_json);
    free(b->view);
    viper_free(&b->viper);
    free(b->spec_json);
    sysinfo_free(&b->si);
    gen_headers_free(&b->headers);
    free(b->sdk_root);
    free(b->a.search.items);
    diag_flags_free(&b->a.flags);
    diag_free(&b->d);
}

/* MICROKIT_TIMING=1 prints the time each stage took, for bench/. */
static void stage_time(const char *name)
{
    static struct timespec last;
    static int on = -1;
    if (on < 0) {
        on = getenv("MICROKIT_TIMING") != NULL;
        clock_gettime(CLOCK_MONOTONIC, &last);
    }
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    if (on && name) {
        fprintf(stderr, "microkit: timing: %-7s %8.3f ms\n", name,
                (double)(now.tv_sec - last.tv_sec) * 1e3 +
                    (double)(now.tv_nsec - last.tv_nsec) / 1e6);
    }
    last = now;
}

#define STAGE(rc, call, name) ((rc) = (rc) ? (rc) : (call), stage_time(name))

/* --board host: a host image for the simulator (build_host.c); --kernel is not needed. */
static int build_for_host(const struct build_args *a)
{
    if (strcmp(a->image_type, "binary")) {
        fprintf(stderr, "microkit: error: argument --image-type: board 'host' has one image "
                        "form, the host image\n");
        return EXIT_USAGE;
    }
    if (a->viper_dir || a->capdl_json || a->view) {
        fprintf(stderr,
                "microkit: error: argument %s: board 'host' makes its boot spec "
                "at 'microkit run', not at build time; give a seL4 board\n",
                a->viper_dir    ? "--viper-output"
                : a->capdl_json ? "--capdl-json"
                                : "--view");
        return EXIT_USAGE;
    }
    struct host_build_args h = {a->system,       a->config,       a->output,
                                a->report,       a->report_json,  a->gen_headers,
                                a->search.items, a->search.count, &a->flags};
    return build_host(&h);
}

int cmd_build(int argc, char **argv)
{
    struct build b = {0};
    int rc = parse_args(argc, argv, &b.a);
    if (!rc && !strcmp(b.a.board, "host")) {
        rc = build_for_host(&b.a);
        free(b.a.search.items);
        diag_flags_free(&b.a.flags);
        return rc;
    }
    if (rc) {
        free(b.a.search.items);
        diag_flags_free(&b.a.flags);
        return rc > 0 ? EXIT_OK : EXIT_USAGE;
    }
    stage_time(NULL);
    diag_init(&b.d, stderr);
    diag_apply_flags(&b.d, &b.a.flags);
    b.sdk_root = sdk_root_find();
    STAGE(rc, stage_front(&b), "front");
    STAGE(rc, stage_kernel(&b), "kernel");
    STAGE(rc, stage_elfs(&b), "elf");
    STAGE(rc, stage_patch(&b, NULL), "patch");
    STAGE(rc, stage_layout(&b), "layout");
    STAGE(rc, stage_plan(&b), "plan");
    STAGE(rc, stage_image(&b), "image");
    STAGE(rc, stage_report(&b), "report");
    STAGE(rc, stage_write(&b), "write");
    build_free(&b);
    stage_time("free");
    return rc;
}
