/* SPDX-License-Identifier: BSD-2-Clause */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "util.h"

struct jp {
    const char *s;
    size_t len;
    size_t i;
    char *err;
    size_t errlen;
};

static int line_of(const struct jp *p)
{
    int line = 1;
    for (size_t k = 0; k < p->i && k < p->len; k++) {
        line += p->s[k] == '\n';
    }
    return line;
}

static int fail(struct jp *p, const char *what)
{
    snprintf(p->err, p->errlen, "line %d: %s", line_of(p), what);
    return -1;
}

static void skip_ws(struct jp *p)
{
    while (p->i < p->len && strchr(" \t\r\n", p->s[p->i]) && p->s[p->i]) {
        p->i++;
    }
}

static int peek(struct jp *p)
{
    skip_ws(p);
    return p->i < p->len ? (unsigned char)p->s[p->i] : -1;
}

/*
 * The raw length of the string body at `i` (after its '"'): up to the
 * closing quote or the end, skipping escapes exactly as parse_string does.
 */
static size_t raw_length(const struct jp *p, size_t i)
{
    size_t k = i;
    while (k < p->len && p->s[k] != '"') {
        if (p->s[k] != '\\') {
            k++;
        } else if (k + 1 < p->len && p->s[k + 1] == 'u' && k + 6 <= p->len) {
            k += 6; /* as parse_string: \uXXXX is taken whole, whatever XXXX is */
        } else {
            k += 2;
        }
    }
    return (k < p->len ? k : p->len) - i;
}

/* Parse a string at p->i (which is '"'); the unescaped text is returned in *out. */
static int parse_string(struct jp *p, char **out)
{
    p->i++;
    /*
     * Unescaping only shortens: the raw body bounds the text. (A buffer of
     * the rest of the input for every string made a 5 KB gen_config.json
     * allocate 0.8 MB and cost 0.3 ms of each build.)
     */
    char *buf = xmalloc(raw_length(p, p->i) + 1);
    size_t n = 0;
    while (p->i < p->len && p->s[p->i] != '"') {
        char c = p->s[p->i++];
        if (c == '\\') {
            if (p->i >= p->len) {
                break;
            }
            char e = p->s[p->i++];
            const char *from = "\"\\/bfnrt", *to = "\"\\/\b\f\n\r\t";
            const char *f = strchr(from, e);
            if (e == 'u' && p->i + 4 <= p->len) {
                /* Only ASCII escapes occur in kernel configs; others become '?'. */
                unsigned v = (unsigned)strtoul(
                    (char[5]){p->s[p->i], p->s[p->i + 1], p->s[p->i + 2], p->s[p->i + 3], 0}, NULL,
                    16);
                c = v < 0x80 ? (char)v : '?';
                p->i += 4;
            } else if (f && e) {
                c = to[f - from];
            } else {
                free(buf);
                return fail(p, "invalid escape in string");
            }
        }
        buf[n++] = c;
    }
    if (p->i >= p->len) {
        free(buf);
        return fail(p, "unterminated string");
    }
    p->i++;
    buf[n] = 0;
    *out = buf;
    return 0;
}

/* Skip a nested value (object or array), honouring strings. */
static int skip_nested(struct jp *p)
{
    int depth = 0;
    while (p->i < p->len) {
        char c = p->s[p->i];
        if (c == '"') {
            char *tmp;
            if (parse_string(p, &tmp)) {
                return -1;
            }
            free(tmp);
            continue;
        }
        p->i++;
        if (c == '{' || c == '[') {
            depth++;
        } else if ((c == '}' || c == ']') && --depth == 0) {
            return 0;
        }
    }
    return fail(p, "unterminated object or array");
}

static int parse_value(struct jp *p, struct json_member *m)
{
    int c = peek(p);
    if (c == '"') {
        m->kind = JSON_STRING;
        return parse_string(p, &m->text);
    }
    if (c == '{' || c == '[') {
        m->kind = JSON_OTHER;
        m->text = xstrdup("");
        return skip_nested(p);
    }
    size_t start = p->i;
    while (p->i < p->len && !strchr(",}] \t\r\n", p->s[p->i])) {
        p->i++;
    }
    if (p->i == start) {
        return fail(p, "expected a value");
    }
    m->text = xmalloc(p->i - start + 1);
    memcpy(m->text, p->s + start, p->i - start);
    m->text[p->i - start] = 0;
    if (!strcmp(m->text, "true")) {
        m->kind = JSON_TRUE;
    } else if (!strcmp(m->text, "false")) {
        m->kind = JSON_FALSE;
    } else if (!strcmp(m->text, "null")) {
        m->kind = JSON_NULL;
    } else if (strchr("-0123456789", m->text[0])) {
        m->kind = JSON_NUMBER;
    } else {
        return fail(p, "expected a value");
    }
    return 0;
}

static int parse_members(struct jp *p, struct json_flat *out)
{
    if (peek(p) == '}') {
        p->i++;
        return 0;
    }
    for (;;) {
        if (peek(p) != '"') {
            return fail(p, "expected a key");
        }
        struct json_member *m = VEC_PUSH(out->members);
        if (parse_string(p, &m->key)) {
            return -1;
        }
        if (peek(p) != ':') {
            return fail(p, "expected ':'");
        }
        p->i++;
        if (parse_value(p, m)) {
            return -1;
        }
        int c = peek(p);
        p->i++;
        if (c == '}') {
            return 0;
        }
        if (c != ',') {
            return fail(p, "expected ',' or '}'");
        }
    }
}

/* By key, then by position in the object (members are one array). */
static int cmp_by_key(const void *a, const void *b)
{
    const struct json_member *x = *(const struct json_member *const *)a;
    const struct json_member *y = *(const struct json_member *const *)b;
    int c = strcmp(x->key, y->key);
    return c ? c : (x > y) - (x < y);
}

/*
 * A kernel's gen_config.json has about 300 keys and a build looks up every
 * option the SDK knows: a linear search made some 15,000 string comparisons
 * of a hello build (docs/performance.md, "Tool").
 */
static void index_keys(struct json_flat *j)
{
    j->by_key = xcalloc(j->members.count + 1, sizeof(*j->by_key));
    for (size_t i = 0; i < j->members.count; i++) {
        j->by_key[i] = &j->members.items[i];
    }
    xsort(j->by_key, j->members.count, sizeof(*j->by_key), cmp_by_key);
}

int json_flat_parse(const char *text, size_t len, struct json_flat *out, char *err, size_t errlen)
{
    struct jp p = {text, len, 0, err, errlen};
    memset(out, 0, sizeof(*out));
    if (peek(&p) != '{') {
        fail(&p, "expected '{'");
        json_flat_free(out);
        return -1;
    }
    p.i++;
    int rc = parse_members(&p, out);
    if (!rc && peek(&p) != -1) {
        rc = fail(&p, "unexpected text after the object");
    }
    if (rc) {
        json_flat_free(out);
    } else {
        index_keys(out);
    }
    return rc;
}

void json_flat_free(struct json_flat *j)
{
    for (size_t i = 0; i < j->members.count; i++) {
        free(j->members.items[i].key);
        free(j->members.items[i].text);
    }
    free(j->members.items);
    free(j->by_key);
    memset(j, 0, sizeof(*j));
}

/* The first position in by_key whose key sorts after `key`; the one before it is the last equal. */
const struct json_member *json_flat_get(const struct json_flat *j, const char *key)
{
    size_t lo = 0, hi = j->by_key ? j->members.count : 0;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (strcmp(j->by_key[mid]->key, key) <= 0) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    if (lo == 0) {
        return NULL;
    }
    const struct json_member *m = j->by_key[lo - 1];
    return strcmp(m->key, key) ? NULL : m;
}

const char *json_flat_value(const struct json_flat *j, const char *key)
{
    const struct json_member *m = json_flat_get(j, key);
    return m ? m->text : NULL;
}

void json_write_string(FILE *out, const char *s)
{
    fputc('"', out);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\') {
            fprintf(out, "\\%c", *p);
        } else if (*p < 0x20) {
            fprintf(out, "\\u%04x", *p);
        } else {
            fputc(*p, out);
        }
    }
    fputc('"', out);
}
