/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * microkit sdk add-kernel --board B --config C [--sdk DIR] KERNEL
 * microkit sdk list [--sdk DIR]
 *
 * add-kernel installs a user's seL4 build into an installed SDK, so that
 * `microkit SYSTEM --board B --config C ...` finds it with no kernel
 * argument, as Microkit's own SDK does. Stages:
 *   1. sdk      find the SDK and check that it has board B, config C
 *   2. kernel   read KERNEL (a seL4 build or install folder, or a kernel.elf
 *               inside one) and check its configuration against the SDK's
 *   3. install  write board/B/C/elf/sel4.elf and elf/sel4.json (the kernel's
 *               gen_config.json) to temporary files, then rename both; on
 *               any failure nothing in the SDK has changed
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "board.h"
#include "commands.h"
#include "diag.h"
#include "kconfig.h"
#include "kernel.h"
#include "util.h"

struct sdk_args {
    const char *verb, *board, *config, *sdk, *kernel;
};

static void usage(FILE *out)
{
    fputs("usage: microkit sdk add-kernel --board BOARD --config CONFIG [--sdk DIR] KERNEL\n"
          "       microkit sdk list [--sdk DIR]\n"
          "\n"
          "add-kernel checks the seL4 build KERNEL (a build or install folder holding\n"
          "kernel.elf and gen_config.json, or that kernel.elf) against the configuration\n"
          "the SDK is built for, then installs it as board/BOARD/CONFIG/elf/sel4.elf, so\n"
          "builds for that board and configuration need no --kernel. list shows every\n"
          "board and configuration of the SDK and whether it has a kernel.\n"
          "The SDK is --sdk DIR, else $MICROKIT_SDK, else the one this microkit is in.\n"
          "exit status: 0 done, 1 the kernel does not fit the SDK, 2 bad command line,\n"
          "3 a file could not be read or written (nothing was installed)\n",
          out);
}

static const char **slot(struct sdk_args *a, const char *opt)
{
    return !strcmp(opt, "--board")    ? &a->board
           : !strcmp(opt, "--config") ? &a->config
           : !strcmp(opt, "--sdk")    ? &a->sdk
                                      : NULL;
}

static int parse_args(int argc, char **argv, struct sdk_args *a)
{
    for (int i = 1; i < argc; i++) {
        const char **s = slot(a, argv[i]);
        if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
            usage(stdout);
            return 1;
        } else if (s && i + 1 < argc) {
            *s = argv[++i];
        } else if (argv[i][0] == '-' || (a->verb && a->kernel)) {
            fprintf(stderr, "microkit: error: unrecognised argument '%s'\n", argv[i]);
            return -1;
        } else if (!a->verb) {
            a->verb = argv[i];
        } else {
            a->kernel = argv[i];
        }
    }
    if (a->verb && !strcmp(a->verb, "list") && !a->kernel) {
        return 0;
    }
    if (!a->verb || strcmp(a->verb, "add-kernel") || !a->board || !a->config || !a->kernel) {
        fputs("microkit: error: 'sdk' needs 'add-kernel --board B --config C KERNEL' or 'list'\n",
              stderr);
        return -1;
    }
    if (!kconfig_config_known(a->config)) {
        fprintf(stderr,
                "microkit: error: argument --config: invalid choice '%s' (choose from: "
                "benchmark, debug, release, smp-benchmark, smp-debug, smp-release)\n",
                a->config);
        return -1;
    }
    return 0;
}

static char *sdk_root(const struct sdk_args *a)
{
    return a->sdk ? xstrdup(a->sdk) : sdk_root_find();
}

static bool is_dir(const char *path)
{
    struct stat st;
    return !stat(path, &st) && S_ISDIR(st.st_mode);
}

/* Stage 1: the SDK must be one, with this board and configuration. */
static int check_sdk(const char *root, const struct sdk_args *a, struct diag *d)
{
    char *boards = xasprintf("%s/board", root);
    char *cfg = xasprintf("%s/board/%s/%s", root, a->board, a->config);
    char *mon = xasprintf("%s/elf/monitor.elf", cfg);
    int rc = 0;
    if (!is_dir(boards)) {
        diag_error(d, NULL, "sdk-not-found",
                   "name the SDK's root folder (the one holding bin/ and board/) with --sdk DIR "
                   "or MICROKIT_SDK",
                   "'%s' is not a microkit SDK: it has no 'board' folder", root);
        rc = -1;
    } else if (access(mon, R_OK)) {
        diag_error(d, NULL, "sdk-missing",
                   "build the SDK for this board and configuration (MICROKIT_BOARDS, "
                   "MICROKIT_CONFIGS; docs/build.md); 'microkit sdk list' shows what it has",
                   "the SDK at '%s' has no board '%s' config '%s' ('%s' does not exist)", root,
                   a->board, a->config, mon);
        rc = -1;
    }
    free(boards);
    free(cfg);
    free(mon);
    return rc;
}

/* Stage 2: the kernel, checked against the SDK's configuration for the board. */
static int read_kernel(const char *root, const struct sdk_args *a, struct kernel *k,
                       struct board *b, struct diag *d)
{
    char *board_file = xasprintf("%s/board/%s/board.xml", root, a->board);
    int rc = board_load_file(board_file, a->board, b, d);
    free(board_file);
    if (rc) {
        return -1;
    }
    struct kernel_source src = {
        .override = a->kernel, .sdk_root = root, .board = a->board, .config = a->config};
    if (is_dir(a->kernel)) {
        src.override = NULL;
        src.dir = a->kernel;
    }
    /* A kernel.elf alone must come with its own configuration. */
    src.own_config = true;
    if (kernel_load(&src, k, d)) {
        return -1;
    }
    return kernel_check(k, b, a->config, d) ? -1 : 0;
}

/* Read a file of the kernel to copy it; reported like a failed install. */
static void *read_copy(const char *path, enum input_kind kind, size_t *len, const char *dir,
                       struct diag *d)
{
    struct file_error e;
    void *data = read_input(path, kind, len, &e);
    if (!data) {
        diag_error(d, NULL, "sdk-install", NULL,
                   "cannot install the kernel into '%s': cannot read '%s': %s (the SDK is "
                   "unchanged)",
                   dir, path, e.text);
    }
    return data;
}

/* Both files or neither (files.h), so a failure leaves the SDK as it was. */
static int write_both(const char *dir, const void *elf, size_t elf_len, const void *json,
                      size_t json_len, struct diag *d)
{
    char *elf_path = xasprintf("%s/sel4.elf", dir);
    char *json_path = xasprintf("%s/sel4.json", dir);
    struct output_set s = {0};
    output_add(&s, NULL, elf_path, elf, elf_len, 0666);
    output_add(&s, NULL, json_path, json, json_len, 0666);
    int rc = output_set_write(&s) == OUTPUT_OK ? 0 : -1;
    for (size_t i = 0; i < s.items.count; i++) {
        const struct output *o = &s.items.items[i];
        if (o->error.text[0]) {
            diag_error(d, NULL, "sdk-install", "check that the SDK folder is writable",
                       "cannot install the kernel into '%s': cannot write '%s': %s (the SDK is "
                       "unchanged)",
                       dir, o->path, o->error.text);
        }
    }
    output_set_free(&s);
    free(elf_path);
    free(json_path);
    return rc;
}

/* Stage 3: the kernel ELF and its configuration, copied into the SDK. */
static int install(const char *root, const struct sdk_args *a, const struct kernel *k,
                   struct diag *d)
{
    char *dir = xasprintf("%s/board/%s/%s/elf", root, a->board, a->config);
    size_t elf_len = 0, json_len = 0;
    void *elf = read_copy(k->elf_path, INPUT_ELF, &elf_len, dir, d);
    void *json = elf ? read_copy(k->config_path, INPUT_CONFIG, &json_len, dir, d) : NULL;
    int rc = elf && json ? write_both(dir, elf, elf_len, json, json_len, d) : -1;
    free(elf);
    free(json);
    free(dir);
    return rc;
}

static int add_kernel(const struct sdk_args *a)
{
    struct diag d;
    diag_init(&d, stderr);
    char *root = sdk_root(a);
    struct kernel k = {0};
    struct board b = {0};
    int code = EXIT_OK;
    if (check_sdk(root, a, &d) || read_kernel(root, a, &k, &b, &d)) {
        code = diag_errors(&d) ? EXIT_INVALID : EXIT_IO;
    } else if (install(root, a, &k, &d)) {
        code = EXIT_IO;
    } else {
        printf("installed seL4 kernel '%s' for board '%s' config '%s' in '%s/board/%s/%s/elf'\n",
               k.elf_path, a->board, a->config, root, a->board, a->config);
    }
    kernel_free(&k);
    board_free(&b);
    free(root);
    diag_free(&d);
    return code;
}

static int cmp_str(const void *x, const void *y)
{
    return strcmp(*(char *const *)x, *(char *const *)y);
}

/* The entries of `dir` that are folders, sorted; NULL-terminated. */
static char **subdirs(const char *dir)
{
    VEC(char *) v = {0};
    DIR *dp = opendir(dir);
    for (struct dirent *e; dp && (e = readdir(dp)) != NULL;) {
        char *p = xasprintf("%s/%s", dir, e->d_name);
        if (e->d_name[0] != '.' && is_dir(p)) {
            *VEC_PUSH(v) = xstrdup(e->d_name);
        }
        free(p);
    }
    if (dp) {
        closedir(dp);
    }
    if (v.count > 1) {
        xsort(v.items, v.count, sizeof(char *), cmp_str);
    }
    *VEC_PUSH(v) = NULL;
    return v.items;
}

static void free_names(char **names)
{
    for (size_t i = 0; names[i]; i++) {
        free(names[i]);
    }
    free(names);
}

static void list_board(const char *boards, const char *board)
{
    char *dir = xasprintf("%s/%s", boards, board);
    char **configs = subdirs(dir);
    for (size_t c = 0; configs[c]; c++) {
        char *kernel = xasprintf("%s/%s/elf/sel4.elf", dir, configs[c]);
        bool host = !strcmp(board, "host");
        printf("%-20s %-12s %s\n", board, configs[c],
               host                   ? "simulator (no kernel needed)"
               : access(kernel, R_OK) ? "no kernel (microkit sdk add-kernel)"
                                      : "kernel installed");
        free(kernel);
    }
    free_names(configs);
    free(dir);
}

static int list(const struct sdk_args *a)
{
    char *root = sdk_root(a);
    char *boards = xasprintf("%s/board", root);
    int code = EXIT_OK;
    if (!is_dir(boards)) {
        fprintf(stderr, "microkit: error: '%s' is not a microkit SDK: it has no 'board' folder\n",
                root);
        code = EXIT_INVALID;
    }
    char **names = subdirs(boards);
    for (size_t i = 0; names[i]; i++) {
        list_board(boards, names[i]);
    }
    free_names(names);
    free(boards);
    free(root);
    return code;
}

int cmd_sdk(int argc, char **argv)
{
    struct sdk_args a = {0};
    int rc = parse_args(argc, argv, &a);
    if (rc) {
        if (rc < 0) {
            usage(stderr);
        }
        return rc < 0 ? EXIT_USAGE : EXIT_OK;
    }
    return !strcmp(a.verb, "list") ? list(&a) : add_kernel(&a);
}
