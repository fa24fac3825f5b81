/* SPDX-License-Identifier: BSD-2-Clause */
/* The inputs stage (inputs.h). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "checks.h"
#include "files.h"
#include "inputs.h"
#include "util.h"

/* The most a memory region without a size takes from its prefill file (1 GiB). */
#define PREFILL_SIZED_MAX 0x40000000ull

struct search {
    const char *const *dirs;
    size_t count;
};

/* `name` in the search folders, then the current directory; NULL when nowhere. */
static char *find(const struct search *s, const char *name)
{
    if (name[0] == '/') {
        return access(name, R_OK) ? NULL : xstrdup(name);
    }
    for (size_t i = 0; i <= s->count; i++) {
        char *p = i < s->count ? xasprintf("%s/%s", s->dirs[i], name) : xstrdup(name);
        if (!access(p, R_OK)) {
            return p;
        }
        free(p);
    }
    return NULL;
}

static void not_found(const struct search *s, const struct srcpos *pos, const char *rule,
                      const char *what, const char *name, struct diag *d)
{
    char hint[512] = "searched the current directory only; add --search-path DIR";
    if (s->count) {
        size_t n = (size_t)snprintf(hint, sizeof(hint), "searched");
        for (size_t i = 0; i < s->count && n < sizeof(hint); i++) {
            n += (size_t)snprintf(hint + n, sizeof(hint) - n, " '%s'", s->dirs[i]);
        }
        if (n < sizeof(hint)) {
            snprintf(hint + n, sizeof(hint) - n, " and the current directory");
        }
    }
    diag_error(d, pos, rule, hint, "unable to find %s '%s'", what, name);
}

static bool same_path(const char *a, const char *b)
{
    return a == b || (a && b && !strcmp(a, b));
}

/* Many PDs often run one program: read it once, copy it for each (with the same symbols). */
static bool clone_earlier(const struct system *sys, struct inputs *in, size_t p)
{
    for (size_t q = 0; q < p; q++) {
        const struct elf_file *e = in->elfs[q];
        if (e->segments.count && in->paths[q] && !strcmp(in->paths[q], in->paths[p]) &&
            same_path(sys->pds.items[q].program_symbols, sys->pds.items[p].program_symbols) &&
            !elf_file_clone(e, in->elfs[p])) {
            return true;
        }
    }
    return false;
}

/*
 * path_for_symbols: the symbols of PD p's program come from a second file,
 * which must be the same program (elf_take_symbols).
 */
static void load_symbols(const struct pd *pd, const struct search *s, unsigned machines, bool host,
                         struct inputs *in, size_t p, struct diag *d)
{
    char *path = in->symbol_paths[p] = find(s, pd->program_symbols);
    if (!path) {
        not_found(s, &pd->program_pos, host ? "sim-image-missing" : "program-image-missing",
                  "program image for symbols", pd->program_symbols, d);
        return;
    }
    struct elf_file from;
    char *desc = xasprintf("program image for symbols of PD '%s'", pd->name);
    int rc = elf_load(path, machines, desc, &pd->program_pos, &from, d);
    free(desc);
    const char *why = rc == 0 ? elf_take_symbols(in->elfs[p], &from) : NULL;
    if (why) {
        rule_report(d, R_PROGRAM_SYMBOLS_MISMATCH, &pd->program_pos, NULL, path, in->paths[p],
                    pd->name, why);
    }
    elf_free(&from); /* also after a failed load */
}

static void load_program(const struct system *sys, const struct search *s, enum inputs_for what,
                         struct inputs *in, size_t p, struct diag *d)
{
    const struct pd *pd = &sys->pds.items[p];
    bool host = what == INPUTS_HOST;
    in->paths[p] = pd->program_image ? find(s, pd->program_image) : NULL;
    if (!in->paths[p]) {
        not_found(s, &pd->program_pos, host ? "sim-image-missing" : "program-image-missing",
                  "program image", pd->program_image ? pd->program_image : "", d);
        return;
    }
    if (clone_earlier(sys, in, p)) {
        return;
    }
    char *desc = xasprintf("program image of PD '%s'", pd->name);
    unsigned machines = what == INPUTS_TARGET_RISCV64
                            ? ELF_ACCEPT_RISCV64
                            : ELF_ACCEPT_AARCH64 | (host ? ELF_ACCEPT_X86_64 : 0);
    int rc = elf_load(in->paths[p], machines, desc, &pd->program_pos, in->elfs[p], d);
    free(desc);
    if (rc == 0 && host && in->elfs[p]->machine != ELF_MACHINE_X86_64) {
        diag_error(d, &pd->program_pos, "sim-image-machine",
                   "the simulator runs PDs built for this host: build with MICROKIT_BOARD=host",
                   "program image '%s' of PD '%s' is not an x86-64 ELF", in->paths[p], pd->name);
    }
    if (rc == 0 && pd->program_symbols) {
        load_symbols(pd, s, machines, host, in, p, d);
    }
}

static void load_prefill(struct system *sys, const struct search *s, struct inputs *in, size_t i,
                         struct diag *d)
{
    struct mr *mr = &sys->mrs.items[i];
    if (!mr->prefill_path) {
        return;
    }
    if (!mr->size_given && !mr->prefill_size) {
        diag_error(d, &mr->pos, "internal", NULL,
                   "memory region '%s' was not sized from its prefill file", mr->name);
        return;
    }
    char *path = in->prefill_paths[i] = find(s, mr->prefill_path);
    if (!path) {
        not_found(s, &mr->pos, "prefill-missing", "prefill file", mr->prefill_path, d);
        return;
    }
    /* Sized before it is read: a file larger than its region is never read. */
    struct file_error e;
    in->prefill[i] = read_input_max(path, mr->size, &in->prefill_len[i], &e);
    if (!in->prefill[i] && e.err != EFBIG) {
        diag_error(d, &mr->pos, "prefill-read", NULL, "cannot read prefill file '%s': %s", path,
                   e.text);
    } else if (!in->prefill[i]) {
        diag_error(d, &mr->pos, "prefill-too-large", NULL,
                   "prefill file '%s' (%zu bytes) is larger than memory region '%s' (%llu bytes)",
                   path, in->prefill_len[i], mr->name, (unsigned long long)mr->size);
    } else if (!in->prefill_len[i]) {
        rule_report(d, R_PREFILL_EMPTY, &mr->pos, NULL, path, mr->name);
    }
    mr->prefill_size = in->prefill[i] ? in->prefill_len[i] : 0;
}

/* A region without a size: its prefill file's, rounded up to the region's page size. */
static void size_region(struct mr *mr, const char *path, struct diag *d)
{
    struct file_error e;
    uint64_t len = 0;
    int fd = input_open(path, INPUT_DATA, &len, &e);
    if (fd < 0) {
        diag_error(d, &mr->pos, "prefill-read", NULL, "cannot read prefill file '%s': %s", path,
                   e.text);
        return;
    }
    close(fd);
    bool page_ok = mr->page_size == PAGE_SIZE_SMALL || mr->page_size == PAGE_SIZE_LARGE;
    if (len == 0) {
        rule_report(d, R_PREFILL_EMPTY, &mr->pos, NULL, path, mr->name);
    } else if (len > PREFILL_SIZED_MAX) {
        diag_error(d, &mr->pos, "prefill-too-large", "give the region a size",
                   "prefill file '%s' (%llu bytes) is larger than the 1 GiB memory region '%s' "
                   "may take from it without a size",
                   path, (unsigned long long)len, mr->name);
    } else {
        mr->prefill_size = len;
        mr->size = align_up(len, page_ok ? mr->page_size : PAGE_SIZE_SMALL);
    }
}

int inputs_size_regions(struct system *sys, const char *const *search, size_t nsearch,
                        struct diag *d)
{
    struct search s = {search, nsearch};
    unsigned before = diag_errors(d);
    for (size_t i = 0; i < sys->mrs.count; i++) {
        struct mr *mr = &sys->mrs.items[i];
        if (mr->size_given || !mr->prefill_path) {
            continue;
        }
        char *path = find(&s, mr->prefill_path);
        if (path) {
            size_region(mr, path, d);
        } else {
            not_found(&s, &mr->pos, "prefill-missing", "prefill file", mr->prefill_path, d);
        }
        free(path);
    }
    return diag_errors(d) == before ? 0 : -1;
}

int inputs_load(struct system *sys, const char *const *search, size_t nsearch, enum inputs_for what,
                struct inputs *in, struct diag *d)
{
    struct search s = {search, nsearch};
    unsigned before = diag_errors(d);
    in->npd = sys->pds.count;
    in->nmr = sys->mrs.count;
    in->elfs = xcalloc(in->npd + 1, sizeof(*in->elfs));
    in->paths = xcalloc(in->npd + 1, sizeof(*in->paths));
    in->symbol_paths = xcalloc(in->npd + 1, sizeof(*in->symbol_paths));
    in->prefill = xcalloc(in->nmr + 1, sizeof(*in->prefill));
    in->prefill_len = xcalloc(in->nmr + 1, sizeof(*in->prefill_len));
    in->prefill_paths = xcalloc(in->nmr + 1, sizeof(*in->prefill_paths));
    for (size_t p = 0; p < in->npd; p++) {
        in->elfs[p] = xcalloc(1, sizeof(struct elf_file));
        load_program(sys, &s, what, in, p, d);
    }
    for (size_t i = 0; i < in->nmr; i++) {
        load_prefill(sys, &s, in, i, d);
    }
    return diag_errors(d) == before ? 0 : -1;
}

void inputs_free(struct inputs *in)
{
    for (size_t p = 0; in->elfs && p < in->npd; p++) {
        elf_free(in->elfs[p]);
        free(in->elfs[p]);
        free(in->paths[p]);
        free(in->symbol_paths[p]);
    }
    for (size_t i = 0; in->prefill && i < in->nmr; i++) {
        free(in->prefill[i]);
        free(in->prefill_paths[i]);
    }
    free(in->elfs);
    free(in->paths);
    free(in->symbol_paths);
    free(in->prefill);
    free(in->prefill_len);
    free(in->prefill_paths);
    memset(in, 0, sizeof(*in));
}
