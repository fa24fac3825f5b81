/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * rules_used DOCS PATH...
 *
 * Fails when code names a rule id that is not in tool/rules.def or not
 * documented in DOCS (docs/checks.md), and when a rule of the table has no
 * section there with an example and a fix. PATH is a folder (every .c and
 * .h file under it) or one file.
 *
 * A string literal is taken as a rule id when it is
 * - an argument where a function takes `const char *rule` (found in the
 *   same files: diag_error, diag_warning, diag_report, runner_error, ...),
 * - assigned to something called `...rule` (`.rule = "x"`, `rule = "x"`),
 * - compared with it (`strcmp(rule, "x")`).
 * Rules reported by enum (rule_report(d, R_..., ...)) are in the table by
 * construction; the documentation check covers them.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "checks.h"
#include "util.h"

#define NAME_MAX_LEN 64
#define MAX_DEPTH    64

/* A function taking a rule id as argument `arg`. */
struct rule_param {
    char name[NAME_MAX_LEN];
    int arg;
};

/* A string literal taken as a rule id. */
struct use {
    char *file;
    int line;
    char *id;
};

static VEC(struct rule_param) params;
static VEC(struct use) uses;

/* ---- a small C lexer: calls, arguments, literals ---- */

struct frame {
    char name[NAME_MAX_LEN]; /* the called function; "" for ( [ { of anything else */
    char paren;              /* '(' '[' '{', or 0 for the file */
    int arg;
    char text[NAME_MAX_LEN]; /* the current argument or statement without blanks, cut short */
    size_t len;
    bool rule_arg;    /* an argument so far was `rule`, `x.rule` or `x->rule` */
    size_t first_lit; /* literals of this frame start here in `lits` */
};

struct lexer {
    const char *file;
    const char *s;
    size_t i, n;
    int line;
    bool collect_params; /* pass 1: find rule parameters; pass 2: find uses */
    struct frame stack[MAX_DEPTH];
    int depth;
    char ident[NAME_MAX_LEN]; /* the identifier just before, or "" */
    VEC(struct use) lits;     /* literals of the open frames */
};

static bool is_ident_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

static bool ends_with(const char *s, const char *end)
{
    size_t ls = strlen(s), le = strlen(end);
    return ls >= le && !strcmp(s + ls - le, end);
}

static bool is_rule_name(const char *text)
{
    return !strcmp(text, "rule") || ends_with(text, ".rule") || ends_with(text, "->rule");
}

static int param_index(const char *name)
{
    for (size_t i = 0; i < params.count; i++) {
        if (!strcmp(params.items[i].name, name)) {
            return params.items[i].arg;
        }
    }
    return -1;
}

static void add_param(const char *name, int arg)
{
    if (name[0] && param_index(name) < 0) {
        struct rule_param *p = VEC_PUSH(params);
        snprintf(p->name, sizeof(p->name), "%s", name);
        p->arg = arg;
    }
}

static void keep(struct lexer *L, char c)
{
    struct frame *f = &L->stack[L->depth - 1];
    if (f->len + 1 < sizeof(f->text)) {
        f->text[f->len++] = c;
        f->text[f->len] = '\0';
    }
}

/* `text` assigns to something called ...rule ("rule=", not "rule=="). */
static bool assigns_rule(const char *text)
{
    for (const char *at = strstr(text, "rule="); at; at = strstr(at + 1, "rule=")) {
        if (at[5] != '=') {
            return true;
        }
    }
    return false;
}

/* The end of one argument of the innermost frame. */
static void end_arg(struct lexer *L)
{
    struct frame *f = &L->stack[L->depth - 1];
    if (f->paren == '(' && L->collect_params && !strcmp(f->text, "constchar*rule")) {
        add_param(f->name, f->arg);
    }
    f->rule_arg |= is_rule_name(f->text);
    f->len = 0;
    f->text[0] = '\0';
}

static void take_use(struct lexer *L, const struct use *u)
{
    *VEC_PUSH(uses) = (struct use){xstrdup(u->file), u->line, xstrdup(u->id)};
}

static void open_frame(struct lexer *L, char paren)
{
    if (L->depth == MAX_DEPTH) {
        fprintf(stderr, "%s:%d: nesting too deep\n", L->file, L->line);
        exit(2);
    }
    struct frame *f = &L->stack[L->depth++];
    memset(f, 0, sizeof(*f));
    f->paren = paren;
    f->first_lit = L->lits.count;
    if (paren == '(') {
        snprintf(f->name, sizeof(f->name), "%s", L->ident);
    }
}

/* Literals compared with a rule (strcmp(rule, "x")) are rule ids. */
static void close_frame(struct lexer *L)
{
    if (L->depth <= 1) {
        return; /* an unbalanced closing bracket; the file's frame stays */
    }
    end_arg(L);
    struct frame *f = &L->stack[--L->depth];
    bool cmp = !strcmp(f->name, "strcmp") || !strcmp(f->name, "strncmp");
    for (size_t i = f->first_lit; i < L->lits.count; i++) {
        if (cmp && f->rule_arg && !L->collect_params) {
            take_use(L, &L->lits.items[i]);
        }
        free(L->lits.items[i].id);
    }
    L->lits.count = f->first_lit;
}

/* A string literal starting at L->s[L->i] == '"'. */
static void literal(struct lexer *L)
{
    size_t start = ++L->i;
    while (L->i < L->n && L->s[L->i] != '"') {
        L->i += L->s[L->i] == '\\' ? 2 : 1;
    }
    char *text = xasprintf("%.*s", (int)(L->i - start), L->s + start);
    L->i++;
    struct use u = {(char *)L->file, L->line, text};
    struct frame *f = &L->stack[L->depth - 1];
    bool as_arg = f->paren == '(' && param_index(f->name) == f->arg;
    if (!L->collect_params && (as_arg || assigns_rule(f->text))) {
        take_use(L, &u);
    }
    *VEC_PUSH(L->lits) = u;
    keep(L, '"');
}

/* Skip a comment or character literal at L->i; false when there is none. */
static bool skip_other(struct lexer *L)
{
    const char *s = L->s + L->i;
    const char *end = NULL;
    if (s[0] == '/' && s[1] == '*') {
        end = strstr(s + 2, "*/");
        end = end ? end + 2 : L->s + L->n;
    } else if (s[0] == '/' && s[1] == '/') {
        end = strchr(s, '\n');
        end = end ? end : L->s + L->n;
    } else if (s[0] == '\'') {
        size_t k = 1;
        while (s[k] && s[k] != '\'') {
            k += s[k] == '\\' ? 2 : 1;
        }
        end = s + k + (s[k] ? 1 : 0);
    } else {
        return false;
    }
    for (; L->s + L->i < end; L->i++) {
        L->line += L->s[L->i] == '\n';
    }
    return true;
}

static void identifier(struct lexer *L)
{
    size_t start = L->i;
    while (L->i < L->n && is_ident_char(L->s[L->i])) {
        keep(L, L->s[L->i++]);
    }
    snprintf(L->ident, sizeof(L->ident), "%.*s", (int)(L->i - start), L->s + start);
}

static void punctuation(struct lexer *L, char c)
{
    L->i++;
    if (c == '(' || c == '[' || c == '{') {
        keep(L, c);
        open_frame(L, c);
    } else if (c == ')' || c == ']' || c == '}') {
        close_frame(L);
        keep(L, c);
    } else if (c == ',') {
        end_arg(L);
        L->stack[L->depth - 1].arg++;
    } else if (c == ';') {
        end_arg(L);
    } else {
        keep(L, c);
    }
    L->ident[0] = '\0';
}

static void lex(struct lexer *L)
{
    open_frame(L, 0);
    while (L->i < L->n) {
        char c = L->s[L->i];
        if (c == '\n') {
            L->line++;
            L->i++;
        } else if (c == ' ' || c == '\t' || c == '\r' || c == '\\') {
            L->i++;
        } else if (c == '"') {
            literal(L);
            L->ident[0] = '\0';
        } else if (skip_other(L)) {
            continue;
        } else if (is_ident_char(c)) {
            identifier(L);
        } else {
            punctuation(L, c);
        }
    }
    while (L->depth > 1) {
        close_frame(L);
    }
    for (size_t i = 0; i < L->lits.count; i++) {
        free(L->lits.items[i].id);
    }
    free(L->lits.items);
}

/* ---- files ---- */

static VEC(char *) files;

static bool is_source(const char *name)
{
    return ends_with(name, ".c") || ends_with(name, ".h");
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void add_files(const char *path)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        perror(path);
        exit(2);
    }
    if (!S_ISDIR(st.st_mode)) {
        *VEC_PUSH(files) = xstrdup(path);
        return;
    }
    DIR *dir = opendir(path);
    for (struct dirent *e; dir && (e = readdir(dir));) {
        char *sub = xasprintf("%s/%s", path, e->d_name);
        if (e->d_name[0] != '.' &&
            (is_source(e->d_name) || (!stat(sub, &st) && S_ISDIR(st.st_mode)))) {
            add_files(sub);
        }
        free(sub);
    }
    if (dir) {
        closedir(dir);
    }
}

static void lex_all(bool collect_params)
{
    for (size_t i = 0; i < files.count; i++) {
        size_t len;
        char *text = read_file(files.items[i], &len);
        if (!text) {
            perror(files.items[i]);
            exit(2);
        }
        struct lexer L = {.file = files.items[i],
                          .s = text,
                          .n = len,
                          .line = 1,
                          .collect_params = collect_params};
        lex(&L);
        free(text);
    }
}

/* ---- the documentation ---- */

/* The section of rule `id` in `docs`, malloc'd, or NULL. */
static char *section(const char *docs, const char *id)
{
    char *heading = xasprintf("\n### `%s`\n", id);
    const char *at = strstr(docs, heading);
    free(heading);
    if (!at) {
        return NULL;
    }
    const char *end = strstr(at + 1, "\n#");
    return xasprintf("%.*s", (int)(end ? end - at : (long)strlen(at)), at);
}

/* What is missing from the documentation of `id`, or NULL. */
static const char *doc_problem(const char *docs, const char *id)
{
    char *s = section(docs, id);
    const char *why = NULL;
    if (!s) {
        why = "has no '### `ID`' section";
    } else if (!strstr(s, "\nExample")) {
        why = "has no example";
    } else if (!strstr(s, "\nFix:") && !strstr(s, "\nHint:")) {
        why = "says neither 'Fix:' nor 'Hint:'";
    }
    free(s);
    return why;
}

static int check_table(const char *docs, const char *docs_path)
{
    int fails = 0;
    for (int r = 0; r < RULE_COUNT; r++) {
        const char *id = rule_info((enum rule_id)r)->id;
        const char *why = doc_problem(docs, id);
        if (why) {
            fprintf(stderr, "%s: rule '%s' %s\n", docs_path, id, why);
            fails++;
        }
    }
    return fails;
}

static int check_uses(const char *docs, const char *docs_path)
{
    int fails = 0;
    for (size_t i = 0; i < uses.count; i++) {
        const struct use *u = &uses.items[i];
        if (rule_lookup(u->id) == RULE_COUNT) {
            fprintf(stderr,
                    "%s:%d: rule id '%s' is not in tool/rules.def (add it there and to %s)\n",
                    u->file, u->line, u->id, docs_path);
            fails++;
        } else if (doc_problem(docs, u->id)) {
            fprintf(stderr, "%s:%d: rule id '%s' is not documented in %s\n", u->file, u->line,
                    u->id, docs_path);
            fails++;
        }
    }
    return fails;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fputs("usage: rules_used DOCS PATH...\n", stderr);
        return 2;
    }
    size_t len;
    char *docs = read_file(argv[1], &len);
    if (!docs) {
        perror(argv[1]);
        return 2;
    }
    for (int i = 2; i < argc; i++) {
        add_files(argv[i]);
    }
    qsort(files.items, files.count, sizeof(char *), cmp_str);
    lex_all(true);
    lex_all(false);
    int fails = check_table(docs, argv[1]) + check_uses(docs, argv[1]);
    printf("%zu files, %zu functions taking a rule id, %zu rule ids used, %d rules in the table, "
           "%d failures\n",
           files.count, params.count, uses.count, RULE_COUNT, fails);
    free(docs);
    return fails != 0;
}
