/* SPDX-License-Identifier: BSD-2-Clause */
#include <stdlib.h>
#include <string.h>

#include "checks.h"
#include "files.h"
#include "inputs.h"
#include "kconfig.h"
#include "sdf_parse.h"
#include "sysload.h"
#include "util.h"

/* Options with one value: -o, --board, --boards-dir. */
static const char **value_slot(struct sysload_args *a, const char *arg)
{
    if (!strcmp(arg, "-o")) {
        return &a->output;
    }
    if (!strcmp(arg, "--board")) {
        return &a->board;
    }
    if (!strcmp(arg, "--boards-dir")) {
        return &a->boards_dir;
    }
    if (!strcmp(arg, "--config")) {
        return &a->config;
    }
    return NULL;
}

int sysload_arg(int argc, char **argv, int *i, struct sysload_args *a, const char *cmd)
{
    const char *arg = argv[*i];
    int flag = rule_flag_parse(argc, argv, i, &a->flags, cmd);
    if (flag) {
        return flag;
    }
    const char **slot = value_slot(a, arg);
    if (slot && *i + 1 < argc) {
        *slot = argv[++*i];
        return 1;
    }
    if (!strcmp(arg, "--search-path")) {
        while (*i + 1 < argc && argv[*i + 1][0] != '-') {
            *VEC_PUSH(a->search) = argv[++*i];
        }
        return 1;
    }
    if (arg[0] == '-' || a->system) {
        return 0;
    }
    a->system = arg;
    return 1;
}

static int parse_system(const char *path, struct system *sys, struct diag *d)
{
    struct file_error e;
    size_t len;
    char *buf = read_input(path, INPUT_SDF, &len, &e);
    if (!buf) {
        sys->file = path;
        rule_report(d, R_SDF_READ, NULL, NULL, path, e.text);
        return SDF_IO;
    }
    int st = sdf_parse_buffer(path, buf, len, sys, d);
    free(buf);
    return st;
}

static void fill_name(char **name)
{
    if (!*name) {
        *name = xstrdup("");
    }
}

/*
 * A name the SDF leaves out (reported by the parser) becomes "", so that
 * what draws the system need not test every name for NULL.
 */
static void fill_names(struct system *sys)
{
    for (size_t i = 0; i < sys->pds.count; i++) {
        struct pd *pd = &sys->pds.items[i];
        fill_name(&pd->name);
        if (pd->vm) {
            fill_name(&pd->vm->name);
        }
        for (size_t j = 0; j < pd->caps.count; j++) {
            fill_name(&pd->caps.items[j].pd_name);
        }
    }
    for (size_t i = 0; i < sys->mrs.count; i++) {
        fill_name(&sys->mrs.items[i].name);
    }
}

int sysload_run(const struct sysload_args *a, struct sysload *l)
{
    memset(l, 0, sizeof(*l));
    diag_init(&l->diag, NULL);
    diag_apply_flags(&l->diag, &a->flags);
    l->status = parse_system(a->system, &l->sys, &l->diag);
    if (l->status < 0) {
        return -1;
    }
    if (a->board) {
        l->have_board = board_load(a->board, a->boards_dir, &l->board, &l->diag) == 0;
        l->board.config = a->config;
    }
    inputs_size_regions(&l->sys, a->search.items, a->search.count, &l->diag);
    if (!a->board || l->have_board) {
        checks_run(&l->sys, l->have_board ? &l->board : NULL, &l->diag);
    }
    fill_names(&l->sys);
    return 0;
}

static int pos_cmp(const struct diag_entry *a, const struct diag_entry *b)
{
    if (!a->pos.file || !b->pos.file) {
        return (a->pos.file != NULL) - (b->pos.file != NULL);
    }
    if (a->pos.line != b->pos.line) {
        return a->pos.line < b->pos.line ? -1 : 1;
    }
    return (a->pos.col > b->pos.col) - (a->pos.col < b->pos.col);
}

/* Stable merge sort by position. */
static void sort_entries(struct diag_entry *e, struct diag_entry *tmp, size_t n)
{
    if (n < 2) {
        return;
    }
    size_t half = n / 2, i = 0, j = half, k = 0;
    sort_entries(e, tmp, half);
    sort_entries(e + half, tmp, n - half);
    while (i < half && j < n) {
        tmp[k++] = pos_cmp(&e[j], &e[i]) < 0 ? e[j++] : e[i++];
    }
    while (i < half) {
        tmp[k++] = e[i++];
    }
    while (j < n) {
        tmp[k++] = e[j++];
    }
    memcpy(e, tmp, n * sizeof(*e));
}

struct diag_entry *sysload_sorted(const struct diag *d)
{
    size_t n = d->entries.count;
    struct diag_entry *e = xcalloc(n + 1, sizeof(*e));
    struct diag_entry *tmp = xcalloc(n + 1, sizeof(*tmp));
    if (n) {
        memcpy(e, d->entries.items, n * sizeof(*e));
    }
    sort_entries(e, tmp, n);
    free(tmp);
    return e;
}

void sysload_print_diag(const struct diag *d, FILE *out)
{
    size_t n = d->entries.count;
    struct diag_entry *e = sysload_sorted(d);
    struct diag out_d;
    diag_init(&out_d, out);
    for (size_t i = 0; i < n; i++) {
        /* Repeats fold again in out_d, which prints the count once. */
        for (unsigned long r = 0; r <= e[i].repeats; r++) {
            diag_report(&out_d, e[i].severity, e[i].pos.file ? &e[i].pos : NULL, e[i].rule,
                        e[i].hint, "%s", e[i].message);
        }
    }
    diag_free(&out_d);
    free(e);
}

void sysload_print(struct sysload *l, FILE *out)
{
    sysload_print_diag(&l->diag, out);
}

int sysload_exit(const struct sysload *l)
{
    if (l->status == SDF_IO) {
        return EXIT_IO;
    }
    return diag_errors(&l->diag) ? EXIT_INVALID : EXIT_OK;
}

void sysload_free(struct sysload *l)
{
    if (l->have_board) {
        board_free(&l->board);
    }
    system_free(&l->sys);
    diag_free(&l->diag);
}

void sysload_args_free(struct sysload_args *a)
{
    diag_flags_free(&a->flags);
    free(a->search.items);
}

int sysload_output(const struct sysload_args *a, const char *data, size_t len)
{
    if (!a->output) {
        return fwrite(data, 1, len, stdout) == len && fflush(stdout) == 0 ? EXIT_OK : EXIT_IO;
    }
    struct output_set s = {0};
    struct diag d;
    diag_init(&d, stderr);
    output_add(&s, "-o", a->output, data, len, 0666);
    int rc = output_set_report(&s, output_set_write(&s), &d);
    output_set_free(&s);
    diag_free(&d);
    return rc;
}

int sysload_args_check(const struct sysload_args *a, const char *cmd)
{
    if (!a->system) {
        fprintf(stderr, "microkit: error: %sno SYSTEM file given\n", cmd);
        return -1;
    }
    if (a->config && !kconfig_config_known(a->config)) {
        fprintf(stderr, "microkit: error: %sunknown --config '%s'\n", cmd, a->config);
        return -1;
    }
    return 0;
}
