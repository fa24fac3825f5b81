/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * microkit addr2line SYSTEM|HOST-IMAGE PD ADDR... [--search-path DIR...]
 *
 * The function and source line of addresses of PD's program, as a fault
 * report or a backtrace prints them: from the PD's ELF (its
 * path_for_symbols file when it has one), found in the search path as a
 * build finds it, or in a host image, which holds every program. The line
 * comes from the ELF's DWARF line table, read by dwarf_line.c (no binutils
 * needed). A loader image holds the programs' segments only, not their
 * debug information: give the SDF and the search path instead.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "commands.h"
#include "diag.h"
#include "dwarf_line.h"
#include "files.h"
#include "host_image.h"
#include "sdf_parse.h"
#include "util.h"

struct a2l_args {
    const char *input, *pd;
    const char *addrs[64];
    size_t naddrs;
    const char *search[64];
    size_t nsearch;
};

static void usage(FILE *out)
{
    fputs("usage: microkit addr2line SYSTEM|HOST-IMAGE PD ADDR... [--search-path DIR...]\n"
          "Print the function+offset and FILE:LINE of each ADDR (hex, as fault reports print\n"
          "them) in PD's program, from its ELF's DWARF line table. The program is found in\n"
          "the search path (then the current folder) as for a build, or in the host image.\n",
          out);
}

static int parse(int argc, char **argv, struct a2l_args *a)
{
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
            usage(stdout);
            return 1;
        }
        if (!strcmp(argv[i], "--search-path")) {
            while (i + 1 < argc && argv[i + 1][0] != '-' && a->nsearch < 64) {
                a->search[a->nsearch++] = argv[++i];
            }
        } else if (argv[i][0] == '-') {
            fprintf(stderr, "microkit: error: addr2line: bad argument '%s'\n", argv[i]);
            return -1;
        } else if (!a->input) {
            a->input = argv[i];
        } else if (!a->pd) {
            a->pd = argv[i];
        } else if (a->naddrs < 64) {
            a->addrs[a->naddrs++] = argv[i];
        }
    }
    if (!a->naddrs) {
        usage(stderr);
        return -1;
    }
    return 0;
}

/* `name` in the first search folder that has it, else as given (malloc'd). */
static char *find_program(const struct a2l_args *a, const char *name)
{
    for (size_t i = 0; i < a->nsearch; i++) {
        char *p = xasprintf("%s/%s", a->search[i], name);
        if (access(p, R_OK) == 0) {
            return p;
        }
        free(p);
    }
    return xstrdup(name);
}

static int pd_index(const struct system *sys, const char *name)
{
    for (size_t p = 0; p < sys->pds.count; p++) {
        if (!strcmp(sys->pds.items[p].name, name)) {
            return (int)p;
        }
    }
    return -1;
}

static void put_where(const char *arg, uint64_t addr, const uint8_t *elf, size_t size)
{
    struct dwarf_where w;
    int rc = dwarf_line_find(elf, size, addr, &w);
    printf("0x%016llx", (unsigned long long)addr);
    if (w.func[0]) {
        printf(" %s+0x%llx", w.func, (unsigned long long)w.func_offset);
    }
    if (rc == 0) {
        printf(" at %s:%u\n", w.file, w.line);
    } else {
        printf(" at ??:0%s\n", rc < 0 ? " (no DWARF line table: build with -g)" : "");
    }
    (void)arg;
}

/* Resolve every address in the ELF at `path`. */
static int resolve(const struct a2l_args *a, const char *path, struct diag *d)
{
    size_t size;
    struct file_error e;
    uint8_t *elf = read_input(path, INPUT_ELF, &size, &e);
    if (!elf) {
        diag_error(d, NULL, "io", NULL, "cannot read '%s': %s", path, e.text);
        return EXIT_IO;
    }
    int status = EXIT_OK;
    for (size_t i = 0; i < a->naddrs; i++) {
        char *end;
        uint64_t addr = strtoull(a->addrs[i], &end, 16);
        if (*end || end == a->addrs[i]) {
            fprintf(stderr, "microkit: error: addr2line: '%s' is not a hexadecimal address\n",
                    a->addrs[i]);
            status = EXIT_USAGE;
            continue;
        }
        put_where(a->addrs[i], addr, elf, size);
    }
    free(elf);
    return status;
}

/* The program of PD `a->pd` of `sys` (its symbols file when it has one). */
static const char *program_of(const struct system *sys, const struct a2l_args *a, int *p,
                              struct diag *d)
{
    *p = pd_index(sys, a->pd);
    if (*p < 0) {
        diag_error(d, NULL, "run-unknown-pd", NULL, "addr2line: no PD called '%s'", a->pd);
        return NULL;
    }
    const struct pd *pd = &sys->pds.items[*p];
    return pd->program_symbols ? pd->program_symbols : pd->program_image;
}

static int from_host_image(const struct a2l_args *a, const uint8_t *img, size_t size,
                           struct diag *d)
{
    struct host_unpacked u;
    if (host_image_check(a->input, img, size, d) || host_image_unpack(img, &u, d)) {
        return EXIT_INVALID;
    }
    struct system sys;
    memset(&sys, 0, sizeof(sys));
    int status = EXIT_INVALID, p;
    if (sdf_parse_buffer(u.system_name, u.system, u.system_size, &sys, d) == SDF_OK &&
        program_of(&sys, a, &p, d)) {
        uint32_t kind =
            sys.pds.items[p].program_symbols ? SDK_HOST_ENTRY_SYMBOLS : SDK_HOST_ENTRY_PROGRAM;
        const char *path = host_unpacked_path(&u, img, kind, (uint32_t)p);
        status = path ? resolve(a, path, d) : EXIT_INVALID;
    }
    system_free(&sys);
    host_unpacked_remove(&u);
    return status;
}

static int from_system(const struct a2l_args *a, struct diag *d)
{
    struct system sys;
    memset(&sys, 0, sizeof(sys));
    int st = sdf_parse_file(a->input, &sys, d), p;
    int status = st == SDF_IO ? EXIT_IO : EXIT_INVALID;
    const char *prog = st == SDF_OK ? program_of(&sys, a, &p, d) : NULL;
    if (prog) {
        char *path = find_program(a, prog);
        status = resolve(a, path, d);
        free(path);
    }
    system_free(&sys);
    return status;
}

int cmd_addr2line(int argc, char **argv)
{
    struct a2l_args a;
    memset(&a, 0, sizeof(a));
    int rc = parse(argc, argv, &a);
    if (rc != 0) {
        return rc > 0 ? EXIT_OK : EXIT_USAGE;
    }
    struct diag d;
    diag_init(&d, stderr);
    size_t size = 0;
    struct file_error e;
    uint8_t *file = read_input(a.input, INPUT_IMAGE, &size, &e);
    int status;
    if (!file) {
        diag_error(&d, NULL, "io", NULL, "cannot read '%s': %s", a.input, e.text);
        status = EXIT_IO;
    } else if (host_image_is(file, size)) {
        status = from_host_image(&a, file, size, &d);
    } else {
        status = from_system(&a, &d);
    }
    free(file);
    diag_free(&d);
    return status;
}
