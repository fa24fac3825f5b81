/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The host board's compiler, assembler and linker drivers: one program
 * installed as <SDK>/bin/host-gcc and linked to as host-cc, host-clang,
 * host-as, host-ld, host-ar, host-ranlib, host-objcopy, host-objdump, host-nm,
 * host-strip and host-readelf, so that a Makefile written for Microkit
 * (TOOLCHAIN := aarch64-none-elf, CC := $(TOOLCHAIN)-gcc, LD := ..., or
 * CC := clang -target ...) builds its PDs for the host simulator with
 * TOOLCHAIN=<SDK>/bin/host, or CC=, LD= and AS= naming these. The name it is
 * run as (the part after the last '-') picks the role:
 *
 *   gcc, cc, clang  the host C compiler with the target's options dropped:
 *                   every -m option (-mcpu=, -march=, -mtune=, -mabi=,
 *                   -mcmodel=, -mstrict-align, -mgeneral-regs-only, ...),
 *                   -target X, --target=X, --sysroot, -fuse-ld=, and when
 *                   linking -nostdlib, -nostartfiles, -nodefaultlibs,
 *                   -static, -pie; a link gets -no-pie
 *   as              the host C compiler with -c (so .S is preprocessed), the
 *                   same options dropped; --defsym and other assembler
 *                   options go through -Xassembler
 *   ld              a host link (cc -no-pie): -o, -L, -l, -T (and --script),
 *                   objects and archives kept in order, --start-group and
 *                   --end-group, -z and every other option through
 *                   -Xlinker; dropped: -m EMULATION, -e/--entry, -Ttext,
 *                   -Tdata, -Tbss, --section-start, --image-base, -nostdlib,
 *                   -static, -pie, --no-dynamic-linker, -EL, -EB,
 *                   --fix-cortex-a53-*
 *   anything else   the host program of that name (ar, objcopy, ...)
 *
 * MICROKIT_HOST_CC names the host compiler (default cc; words split at
 * blanks); MICROKIT_HOST_VERBOSE=1 prints the command run. See
 * docs/simulator.md.
 */
#define _POSIX_C_SOURCE 200809L /* strdup */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum role { ROLE_CC, ROLE_AS, ROLE_LD, ROLE_OTHER };

struct cmd {
    char **v;
    size_t n, cap;
};

static void push(struct cmd *c, const char *s)
{
    if (c->n + 2 > c->cap) {
        c->cap = c->cap ? 2 * c->cap : 64;
        c->v = realloc(c->v, c->cap * sizeof(*c->v));
        if (!c->v) {
            perror("microkit host driver");
            exit(1);
        }
    }
    c->v[c->n++] = (char *)s;
    c->v[c->n] = NULL;
}

static bool starts(const char *s, const char *prefix)
{
    return !strncmp(s, prefix, strlen(prefix));
}

static bool is_one_of(const char *s, const char *const *list)
{
    for (; *list; list++) {
        if (!strcmp(s, *list)) {
            return true;
        }
    }
    return false;
}

/* The host compiler, split at blanks. */
static void push_host_cc(struct cmd *c)
{
    const char *env = getenv("MICROKIT_HOST_CC");
    char *cc = strdup(env && env[0] ? env : "cc");
    for (char *w = strtok(cc, " \t"); w; w = strtok(NULL, " \t")) {
        push(c, w);
    }
}

/* Options of the target's compiler that name the target: dropped. Returns words used. */
static int target_option(char **argv, int i, int argc)
{
    const char *a = argv[i];
    if (!strcmp(a, "-target") || !strcmp(a, "--target") || !strcmp(a, "--sysroot")) {
        return i + 1 < argc ? 2 : 1;
    }
    if (starts(a, "-m") || starts(a, "--target=") || starts(a, "-target=") ||
        starts(a, "--sysroot=") || starts(a, "-fuse-ld=")) {
        return 1;
    }
    return 0;
}

/* Link options of a freestanding target that a host link must not have. */
static bool freestanding_link_option(const char *a)
{
    static const char *const drop[] = {"-nostdlib",   "-nostartfiles", "-nodefaultlibs", "-static",
                                       "-static-pie", "-pie",          "-no-pie",        NULL};
    return is_one_of(a, drop);
}

static bool links(int argc, char **argv)
{
    static const char *const no_link[] = {"-c", "-S", "-E", "-M", "-MM", NULL};
    for (int i = 1; i < argc; i++) {
        if (is_one_of(argv[i], no_link)) {
            return false;
        }
    }
    return true;
}

static void translate_cc(struct cmd *c, int argc, char **argv)
{
    bool link = links(argc, argv);
    for (int i = 1; i < argc; i++) {
        int skip = target_option(argv, i, argc);
        if (skip) {
            i += skip - 1;
        } else if (!freestanding_link_option(argv[i])) {
            push(c, argv[i]);
        }
    }
    if (link) {
        push(c, "-no-pie");
    }
}

/* Assembler options with a separate argument that go to the host assembler. */
static bool as_option_with_arg(const char *a)
{
    static const char *const with_arg[] = {"--defsym", "--debug-prefix-map", NULL};
    return is_one_of(a, with_arg);
}

/* Options the C compiler takes as they are when assembling. */
static bool cc_option(const char *a)
{
    static const char *const prefixes[] = {"-I",       "-D",      "-U",       "-W", "-f",
                                           "-O",       "-g",      "-std=",    "-x", "-o",
                                           "-include", "-iquote", "-isystem", NULL};
    for (const char *const *p = prefixes; *p; p++) {
        if (starts(a, *p)) {
            return true;
        }
    }
    return false;
}

static void translate_as(struct cmd *c, int argc, char **argv)
{
    push(c, "-c");
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        int skip = target_option(argv, i, argc);
        if (skip) {
            i += skip - 1;
        } else if (!strcmp(a, "-c") || !strcmp(a, "-EL") || !strcmp(a, "-EB")) {
            continue;
        } else if (a[0] != '-' || cc_option(a)) {
            push(c, a);
        } else {
            push(c, "-Xassembler");
            push(c, a);
            if (as_option_with_arg(a) && i + 1 < argc) {
                push(c, "-Xassembler");
                push(c, argv[++i]);
            }
        }
    }
}

/* ld options that place or enter a freestanding program: dropped with their argument. */
static int ld_dropped(const char *a)
{
    static const char *const with_arg[] = {"-m",     "-e",    "--entry",      "-Ttext",
                                           "-Tdata", "-Tbss", "--image-base", NULL};
    static const char *const alone[] = {"-nostdlib", "-static", "-pie",     "--no-dynamic-linker",
                                        "-EL",       "-EB",     "-Bstatic", NULL};
    static const char *const prefixes[] = {
        "-m",     "--entry=",        "-Ttext=",       "-Tdata=",
        "-Tbss=", "--section-start", "--image-base=", "--fix-cortex-a53",
        NULL};
    if (is_one_of(a, with_arg)) {
        return 2;
    }
    if (is_one_of(a, alone)) {
        return 1;
    }
    for (const char *const *p = prefixes; *p; p++) {
        if (starts(a, *p)) {
            return 1;
        }
    }
    if (starts(a, "-e") && strlen(a) > 2 && a[2] != 'x') { /* -eSYMBOL, not -export-* */
        return 1;
    }
    return 0;
}

/* ld options whose argument is the next word. */
static bool ld_option_with_arg(const char *a)
{
    static const char *const with_arg[] = {
        "-Map",   "-u",     "--undefined", "--defsym",         "-y", "--trace-symbol",
        "--wrap", "-rpath", "-soname",     "--version-script", "-h", NULL};
    return is_one_of(a, with_arg);
}

static void push_linker(struct cmd *c, const char *a)
{
    push(c, "-Xlinker");
    push(c, a);
}

/* One ld argument at argv[i]; returns how many words it used. */
static int translate_ld_arg(struct cmd *c, int argc, char **argv, int i)
{
    const char *a = argv[i], *next = i + 1 < argc ? argv[i + 1] : NULL;
    bool two = next && (!strcmp(a, "-o") || !strcmp(a, "-L") || !strcmp(a, "-l") ||
                        !strcmp(a, "-T") || !strcmp(a, "--script") || !strcmp(a, "-z"));
    if (two) {
        push(c, !strcmp(a, "--script") ? "-T" : !strcmp(a, "-z") ? "-z" : a);
        push(c, next);
        return 2;
    }
    int drop = ld_dropped(a);
    if (drop) {
        return drop;
    }
    if (a[0] != '-' || starts(a, "-L") || starts(a, "-l") || starts(a, "-o") || starts(a, "-T")) {
        push(c, a);
    } else if (starts(a, "--script=")) {
        push(c, "-T");
        push(c, a + strlen("--script="));
    } else if (starts(a, "--library-path=")) {
        push(c, "-L");
        push(c, a + strlen("--library-path="));
    } else if (starts(a, "--library=")) {
        push(c, "-l");
        push(c, a + strlen("--library="));
    } else {
        push_linker(c, !strcmp(a, "-(") ? "--start-group" : !strcmp(a, "-)") ? "--end-group" : a);
        if (ld_option_with_arg(a) && next) {
            push_linker(c, next);
            return 2;
        }
    }
    return 1;
}

static void translate_ld(struct cmd *c, int argc, char **argv)
{
    bool relocatable = false;
    for (int i = 1; i < argc; i++) {
        relocatable |= !strcmp(argv[i], "-r") || !strcmp(argv[i], "--relocatable");
    }
    push(c, relocatable ? "-nostdlib" : "-no-pie");
    for (int i = 1; i < argc;) {
        i += translate_ld_arg(c, argc, argv, i);
    }
}

static enum role role_of(const char *argv0, const char **tool)
{
    const char *base = strrchr(argv0, '/') ? strrchr(argv0, '/') + 1 : argv0;
    const char *dash = strrchr(base, '-');
    *tool = dash ? dash + 1 : base;
    static const char *const cc[] = {"gcc", "cc", "clang", NULL};
    if (is_one_of(*tool, cc)) {
        return ROLE_CC;
    }
    if (!strcmp(*tool, "as")) {
        return ROLE_AS;
    }
    if (!strcmp(*tool, "ld") || !strcmp(*tool, "ld.bfd") || !strcmp(*tool, "ld.lld")) {
        return ROLE_LD;
    }
    return ROLE_OTHER;
}

static void print_command(const struct cmd *c)
{
    fputs("microkit host driver:", stderr);
    for (size_t i = 0; i < c->n; i++) {
        fprintf(stderr, " %s", c->v[i]);
    }
    fputc('\n', stderr);
}

int main(int argc, char **argv)
{
    const char *tool;
    enum role role = role_of(argv[0], &tool);
    struct cmd c = {0};
    if (role == ROLE_OTHER) {
        push(&c, tool);
        for (int i = 1; i < argc; i++) {
            push(&c, argv[i]);
        }
    } else {
        push_host_cc(&c);
        if (role == ROLE_CC) {
            translate_cc(&c, argc, argv);
        } else if (role == ROLE_AS) {
            translate_as(&c, argc, argv);
        } else {
            translate_ld(&c, argc, argv);
        }
    }
    const char *verbose = getenv("MICROKIT_HOST_VERBOSE");
    if (verbose && verbose[0] && strcmp(verbose, "0")) {
        print_command(&c);
    }
    execvp(c.v[0], c.v);
    fprintf(stderr, "microkit host driver: cannot run '%s': %s\n", c.v[0], strerror(errno));
    return 127;
}
