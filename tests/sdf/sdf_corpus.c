/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The SDF corpus driver, run by ctest:
 *
 *   sdf_corpus table DIR EXPECTED.TSV BOARDS_DIR
 *       every file of DIR must be listed in EXPECTED.TSV (prefill files of
 *       regions without a size are looked for beside each file); for each file the
 *       errors reported (rule id and line) must be exactly the rows listed
 *       for it, and every rule of the parse and check stages (rules.def)
 *       must be broken by some file; rows naming generated_*.system are
 *       files too large to keep in DIR, written here (generate())
 *   sdf_corpus good FILE...
 *       each file must give no error and no warning
 *   sdf_corpus big OUT COUNT
 *       write a valid SDF of at least COUNT elements to OUT and check it
 *   sdf_corpus docs CHECKS.MD
 *       every rule must have a "### `rule-id`" section in CHECKS.MD
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "board.h"
#include "checks.h"
#include "inputs.h"
#include "sdf_parse.h"
#include "util.h"

struct row {
    char *file;
    char *rule;
    int line;
    char *prefix; /* "" when none */
    bool seen;
};

static VEC(struct row) rows;

static void run_file(const char *path, const char *boards_dir, bool board, struct diag *d)
{
    struct system sys = {0};
    diag_init(d, NULL);
    if (sdf_parse_file(path, &sys, d) >= 0) {
        /* Prefill files of regions without a size lie beside the corpus file. */
        char *dir = xstrdup(path);
        char *slash = strrchr(dir, '/');
        const char *search[] = {dir};
        if (slash) {
            *slash = '\0';
        }
        inputs_size_regions(&sys, search, slash ? 1 : 0, d);
        free(dir);
        struct board b = {0};
        /* board_el1_* files are checked against the EL1 QEMU board, board_riscv_* RISC-V's. */
        const char *name = strstr(path, "/board_el1_")     ? "qemu_virt_aarch64_el1"
                           : strstr(path, "/board_riscv_") ? "qemu_virt_riscv64"
                                                           : "qemu_virt_aarch64";
        bool have = board && board_load(name, boards_dir, &b, d) == 0;
        if (board && !have) {
            fprintf(stderr, "%s: cannot load board %s from %s\n", path, name, boards_dir);
        }
        if (have) {
            /* As the build would check: board_smp_* in smp-debug (four cores, one domain). */
            b.config = strstr(path, "/board_smp_") ? "smp-debug" : "debug";
        }
        checks_run(&sys, have ? &b : NULL, d);
        if (have) {
            board_free(&b);
        }
    }
    system_free(&sys);
}

static int entry_line(const struct diag_entry *e)
{
    return e->pos.file ? e->pos.line : 0;
}

static void print_entries(const struct diag *d)
{
    for (size_t i = 0; i < d->entries.count; i++) {
        const struct diag_entry *e = &d->entries.items[i];
        fprintf(stderr, "    got line %d: %s [%s]\n", entry_line(e), e->message, e->rule);
    }
}

/* Compare what `file` produced with its rows. Returns the number of failures. */
static int match_file(const char *file, const struct diag *d)
{
    int fails = 0;
    for (size_t i = 0; i < d->entries.count; i++) {
        const struct diag_entry *e = &d->entries.items[i];
        bool listed = false;
        for (size_t r = 0; r < rows.count && !listed; r++) {
            listed = !strcmp(rows.items[r].file, file) && !strcmp(rows.items[r].rule, e->rule) &&
                     rows.items[r].line == entry_line(e);
        }
        if (!listed && e->severity == SEV_ERROR) {
            fprintf(stderr, "%s: unexpected error at line %d: %s [%s]\n", file, entry_line(e),
                    e->message, e->rule);
            fails++;
        }
    }
    for (size_t r = 0; r < rows.count; r++) {
        struct row *w = &rows.items[r];
        if (strcmp(w->file, file) != 0) {
            continue;
        }
        w->seen = true;
        bool found = false;
        for (size_t i = 0; i < d->entries.count && !found; i++) {
            const struct diag_entry *e = &d->entries.items[i];
            found = !strcmp(w->rule, e->rule) && w->line == entry_line(e) &&
                    !strncmp(e->message, w->prefix, strlen(w->prefix));
        }
        if (!found) {
            fprintf(stderr, "%s: expected [%s] at line %d%s%s%s\n", file, w->rule, w->line,
                    *w->prefix ? " starting '" : "", w->prefix, *w->prefix ? "'" : "");
            print_entries(d);
            fails++;
        }
    }
    return fails;
}

static int read_table(const char *path)
{
    size_t len;
    char *text = read_file(path, &len);
    if (!text) {
        perror(path);
        return -1;
    }
    for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
        if (line[0] == '#' || !line[0]) {
            continue;
        }
        char *f[4] = {line, NULL, NULL, ""};
        for (int i = 1; i < 4 && (f[i] = strchr(f[i - 1], '\t')); i++) {
            *f[i]++ = '\0';
        }
        if (!f[2]) {
            fprintf(stderr, "%s: bad row '%s'\n", path, line);
            free(text);
            return -1;
        }
        struct row *r = VEC_PUSH(rows);
        *r = (struct row){xstrdup(f[0]), xstrdup(f[1]), atoi(f[2]), xstrdup(f[3] ? f[3] : ""),
                          false};
    }
    free(text);
    return 0;
}

/* Every rule of the parse and check stages: those before the later stages' (rules.def). */
static int check_coverage(void)
{
    int fails = 0;
    for (int r = 0; r < R_BOARD_IO; r++) {
        const char *id = rule_info((enum rule_id)r)->id;
        bool used = false;
        for (size_t i = 0; i < rows.count && !used; i++) {
            used = !strcmp(rows.items[i].rule, id);
        }
        if (!used) {
            fprintf(stderr, "rule '%s' has no corpus file\n", id);
            fails++;
        }
    }
    for (size_t i = 0; i < rows.count; i++) {
        if (rule_lookup(rows.items[i].rule) == RULE_COUNT) {
            fprintf(stderr, "%s: unknown rule '%s'\n", rows.items[i].file, rows.items[i].rule);
            fails++;
        }
    }
    return fails;
}

/*
 * Write the generated corpus file `name` to a temporary file; returns its
 * malloc'd path, or NULL when `name` is not one this driver knows.
 */
static char *generate(const char *name)
{
    if (strcmp(name, "generated_too_many_elements.system") != 0) {
        return NULL;
    }
    /* One element more than the reader takes, one per line: element N is on line N + 1. */
    char *path = xasprintf("%s/sdf_corpus_XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    int fd = mkstemp(path);
    FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
    if (!f) {
        perror(path);
        free(path);
        return NULL;
    }
    fputs("<?xml version=\"1.0\"?>\n<system>\n", f);
    for (long i = 1; i < SDF_MAX_ELEMENTS + 1; i++) {
        fprintf(f, "<memory_region name=\"m%ld\" size=\"0x1000\" />\n", i);
    }
    fputs("</system>\n", f);
    fclose(f);
    return path;
}

static int run_generated(const char *name, const char *boards_dir)
{
    char *path = generate(name);
    if (!path) {
        fprintf(stderr, "%s: listed but not in the corpus and not a generated file\n", name);
        return 1;
    }
    struct diag d;
    run_file(path, boards_dir, false, &d);
    unlink(path);
    int fails = match_file(name, &d);
    diag_free(&d);
    free(path);
    return fails;
}

static int run_table(const char *dir, const char *table, const char *boards_dir)
{
    if (read_table(table) != 0) {
        return 1;
    }
    int fails = check_coverage(), files = 0;
    DIR *dh = opendir(dir);
    for (struct dirent *de; dh && (de = readdir(dh));) {
        if (!strstr(de->d_name, ".system")) {
            continue;
        }
        char *path = xasprintf("%s/%s", dir, de->d_name);
        struct diag d;
        run_file(path, boards_dir, !strncmp(de->d_name, "board_", 6), &d);
        fails += match_file(de->d_name, &d);
        diag_free(&d);
        free(path);
        files++;
    }
    if (dh) {
        closedir(dh);
    }
    for (size_t r = 0; r < rows.count; r++) {
        if (!rows.items[r].seen && !strncmp(rows.items[r].file, "generated_", 10)) {
            fails += run_generated(rows.items[r].file, boards_dir);
        } else if (!rows.items[r].seen && !strstr(rows.items[r].file, "does_not_exist")) {
            fprintf(stderr, "%s: listed but not in %s\n", rows.items[r].file, dir);
            fails++;
        } else if (!rows.items[r].seen) {
            char *path = xasprintf("%s/%s", dir, rows.items[r].file);
            struct diag d;
            run_file(path, boards_dir, false, &d);
            fails += match_file(rows.items[r].file, &d);
            diag_free(&d);
            free(path);
        }
    }
    printf("%d corpus files, %zu expected diagnostics, %d failures\n", files, rows.count, fails);
    return fails != 0;
}

static int run_good(int argc, char **argv)
{
    int fails = 0;
    for (int i = 0; i < argc; i++) {
        struct diag d;
        run_file(argv[i], NULL, false, &d);
        if (d.errors || d.warnings) {
            fprintf(stderr, "%s: expected no diagnostics\n", argv[i]);
            print_entries(&d);
            fails++;
        }
        diag_free(&d);
    }
    printf("%d good files, %d failures\n", argc, fails);
    return fails != 0;
}

/* 60 PDs, each mapping its own regions, plus channels between neighbours. */
static int run_big(const char *out, long count)
{
    FILE *f = fopen(out, "w");
    if (!f) {
        perror(out);
        return 1;
    }
    long per_pd = count / 2 / 60 + 1, elements = 1;
    fputs("<?xml version=\"1.0\"?>\n<system>\n", f);
    for (int p = 0; p < 60; p++) {
        fprintf(f,
                "<protection_domain name=\"pd%d\" priority=\"%d\">\n"
                "<program_image path=\"pd.elf\" />\n",
                p, p + 1);
        for (long m = 0; m < per_pd; m++) {
            fprintf(f, "<map mr=\"mr_%d_%ld\" vaddr=\"0x%lx\" perms=\"rw\" />\n", p, m,
                    0x10000000L + m * 0x1000L);
        }
        fputs("</protection_domain>\n", f);
        elements += 2 + per_pd;
    }
    for (int p = 0; p < 60; p++) {
        for (long m = 0; m < per_pd; m++) {
            fprintf(f, "<memory_region name=\"mr_%d_%ld\" size=\"0x1000\" />\n", p, m);
        }
        elements += per_pd;
    }
    for (int p = 0; p + 1 < 60; p++) {
        fprintf(f,
                "<channel><end pd=\"pd%d\" id=\"0\" /><end pd=\"pd%d\" id=\"1\" pp=\"true\" />"
                "</channel>\n",
                p + 1, p);
        elements += 3;
    }
    fputs("</system>\n", f);
    fclose(f);
    struct diag d;
    run_file(out, NULL, false, &d);
    printf("%s: %ld elements, %u errors, %u warnings\n", out, elements, d.errors, d.warnings);
    print_entries(&d);
    int rc = d.errors || d.warnings || elements < count;
    diag_free(&d);
    return rc;
}

static int run_docs(const char *path)
{
    size_t len;
    char *text = read_file(path, &len);
    if (!text) {
        perror(path);
        return 1;
    }
    int fails = 0;
    for (int r = 0; r < RULE_COUNT; r++) {
        char *heading = xasprintf("\n### `%s`\n", rule_info((enum rule_id)r)->id);
        if (!strstr(text, heading)) {
            fprintf(stderr, "%s: rule '%s' is not documented\n", path, rule_info(r)->id);
            fails++;
        }
        free(heading);
    }
    free(text);
    printf("%d rules, %d undocumented\n", RULE_COUNT, fails);
    return fails != 0;
}

int main(int argc, char **argv)
{
    if (argc == 3 && !strcmp(argv[1], "docs")) {
        return run_docs(argv[2]);
    }
    if (argc == 5 && !strcmp(argv[1], "table")) {
        return run_table(argv[2], argv[3], argv[4]);
    }
    if (argc >= 2 && !strcmp(argv[1], "good")) {
        return run_good(argc - 2, argv + 2);
    }
    if (argc == 4 && !strcmp(argv[1], "big")) {
        return run_big(argv[2], atol(argv[3]));
    }
    fputs("usage: sdf_corpus table DIR TSV BOARDS_DIR | good FILE... | big OUT COUNT | docs MD\n",
          stderr);
    return 2;
}
