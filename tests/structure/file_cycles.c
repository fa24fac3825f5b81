/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * No call cycles between source files.
 *
 *   file_cycles ARCHIVE...
 *
 * Reads the symbol tables of the static libraries given (`nm -A`): a member
 * that uses a symbol another member defines depends on it. Prints every
 * group of files that depend on each other in a circle (a strongly
 * connected component of more than one file) and exits 1 when there is one.
 * Taken together, the archives also show dependencies between libraries
 * (the simulator's runner calling into the tool would close a circle).
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_FILES 512
#define MAX_SYMS  16384

struct sym {
    char *name;
    int file;
};

static char *files[MAX_FILES];
static int nfiles;
static struct sym defs[MAX_SYMS], uses[MAX_SYMS * 4];
static int ndefs, nuses;
static unsigned char edge[MAX_FILES][MAX_FILES];

static int file_seen(const char *name)
{
    for (int i = 0; i < nfiles; i++) {
        if (!strcmp(files[i], name)) {
            return 1;
        }
    }
    return 0;
}

static int file_index(const char *name)
{
    for (int i = 0; i < nfiles; i++) {
        if (!strcmp(files[i], name)) {
            return i;
        }
    }
    if (nfiles == MAX_FILES) {
        fprintf(stderr, "file_cycles: too many files\n");
        exit(2);
    }
    files[nfiles] = strdup(name);
    return nfiles++;
}

/*
 * The file of a member: "ARCHIVE:MEMBER", and "#N" after it for the N-th
 * member of that name in one archive (ar keeps base names only: the
 * simulator's runner has two devices.c.o). nm lists a member's symbols
 * together, so a change of member starts the next one.
 */
static int member_file(const char *archive_member)
{
    static char last[1024];
    static int last_file = -1;
    if (last_file >= 0 && !strcmp(last, archive_member)) {
        return last_file;
    }
    snprintf(last, sizeof(last), "%s", archive_member);
    char name[1100];
    int n = 1;
    do {
        snprintf(name, sizeof(name), n > 1 ? "%s#%d" : "%s", archive_member, n);
        n++;
    } while (file_seen(name));
    last_file = file_index(name);
    return last_file;
}

/* One line of `nm -A`: "archive:member: [value] type name". */
static void take_line(char *line)
{
    char *colon = strstr(line, ".o:");
    if (!colon) {
        return;
    }
    colon[2] = '\0';
    /* "value type name", or "type name" for an undefined symbol. */
    char tok[3][512];
    int n = sscanf(colon + 3, "%511s %511s %511s", tok[0], tok[1], tok[2]);
    if (n < 2) {
        return;
    }
    const char *type = tok[n - 2], *name = tok[n - 1];
    int f = member_file(line);
    if (!strcmp(type, "U") && nuses < MAX_SYMS * 4) {
        uses[nuses++] = (struct sym){strdup(name), f};
    } else if (strchr("TDBRC", type[0]) && type[1] == '\0' && ndefs < MAX_SYMS) {
        defs[ndefs++] = (struct sym){strdup(name), f};
    }
}

static int cmp_sym(const void *a, const void *b)
{
    return strcmp(((const struct sym *)a)->name, ((const struct sym *)b)->name);
}

static void read_archive(const char *path)
{
    char *cmd = malloc(strlen(path) + 32);
    sprintf(cmd, "nm -A '%s' 2>/dev/null", path);
    FILE *p = popen(cmd, "r");
    free(cmd);
    char line[1024];
    while (p && fgets(line, sizeof(line), p)) {
        take_line(line);
    }
    if (!p || pclose(p) != 0) {
        fprintf(stderr, "file_cycles: cannot read the symbols of '%s'\n", path);
        exit(2);
    }
}

/* Tarjan's strongly connected components. */
static int idx[MAX_FILES], low[MAX_FILES], stack[MAX_FILES], on_stack[MAX_FILES], sp, counter;
static int cycles;

static void report(int v)
{
    int n = 0, members[MAX_FILES];
    int w;
    do {
        w = stack[--sp];
        on_stack[w] = 0;
        members[n++] = w;
    } while (w != v);
    if (n > 1) {
        cycles++;
        printf("cycle:");
        for (int i = 0; i < n; i++) {
            const char *f = files[members[i]], *slash = strrchr(f, '/');
            printf(" %s", slash ? slash + 1 : f);
        }
        printf("\n");
    }
}

static void visit(int v)
{
    idx[v] = low[v] = ++counter;
    stack[sp++] = v;
    on_stack[v] = 1;
    for (int w = 0; w < nfiles; w++) {
        if (!edge[v][w]) {
            continue;
        }
        if (!idx[w]) {
            visit(w);
            low[v] = low[w] < low[v] ? low[w] : low[v];
        } else if (on_stack[w] && idx[w] < low[v]) {
            low[v] = idx[w];
        }
    }
    if (low[v] == idx[v]) {
        report(v);
    }
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: file_cycles ARCHIVE...\n");
        return 2;
    }
    for (int i = 1; i < argc; i++) {
        read_archive(argv[i]);
    }
    qsort(defs, (size_t)ndefs, sizeof(defs[0]), cmp_sym);
    for (int i = 0; i < nuses; i++) {
        struct sym *d = bsearch(&uses[i], defs, (size_t)ndefs, sizeof(defs[0]), cmp_sym);
        if (d && d->file != uses[i].file) {
            edge[uses[i].file][d->file] = 1;
        }
    }
    for (int v = 0; v < nfiles; v++) {
        if (!idx[v]) {
            visit(v);
        }
    }
    printf("file_cycles: %d files, %d cycles\n", nfiles, cycles);
    return cycles ? 1 : 0;
}
