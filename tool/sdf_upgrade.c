/* SPDX-License-Identifier: BSD-2-Clause */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "sdf_scan.h"
#include "sdf_upgrade.h"
#include "util.h"

/* Replace `del` bytes at `off` of the original text by `ins`. */
struct edit {
    size_t off;
    size_t del;
    const char *ins;
};

/* One attribute of a start tag: [start, end) is the blank before it and the attribute. */
struct attr {
    size_t start, name, name_len, end;
};

struct upgrade {
    const char *buf;
    size_t len;
    struct sdf_scan scan;
    VEC(struct edit) edits;
    bool lost; /* an element was not found in the text */
};

static bool is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static size_t skip_blank(const struct upgrade *u, size_t i)
{
    while (i < u->len && is_blank(u->buf[i])) {
        i++;
    }
    return i;
}

/* The attribute at *off of a start tag; false at the end of the tag. */
static bool next_attr(const struct upgrade *u, size_t *off, struct attr *a)
{
    size_t i = skip_blank(u, *off);
    a->start = *off;
    a->name = i;
    while (i < u->len && !is_blank(u->buf[i]) && !strchr("=/>", u->buf[i])) {
        i++;
    }
    a->name_len = i - a->name;
    i = skip_blank(u, i);
    if (a->name_len == 0 || i >= u->len || u->buf[i] != '=') {
        return false;
    }
    i = skip_blank(u, i + 1);
    if (i >= u->len || (u->buf[i] != '"' && u->buf[i] != '\'')) {
        return false;
    }
    const char *close = memchr(u->buf + i + 1, u->buf[i], u->len - i - 1);
    if (!close) {
        return false;
    }
    a->end = *off = (size_t)(close - u->buf) + 1;
    return true;
}

/* Offset just past the name of the start tag of the element at `pos`, or 0 (u->lost). */
static size_t tag_at(struct upgrade *u, const struct srcpos *pos)
{
    size_t lo = 0, hi = u->scan.tags.count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const struct tag_pos *t = &u->scan.tags.items[mid];
        if (t->line < pos->line || (t->line == pos->line && t->col < pos->col)) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    const struct tag_pos *t = lo < u->scan.tags.count ? &u->scan.tags.items[lo] : NULL;
    if (!t || t->line != pos->line || t->col != pos->col) {
        u->lost = true;
        return 0;
    }
    return t->name_off + t->name_len;
}

static void add_edit(struct upgrade *u, size_t off, size_t del, const char *ins)
{
    *VEC_PUSH(u->edits) = (struct edit){off, del, ins};
}

/* Remove the pp attribute of the protection_domain at `pos`. */
static void drop_pp(struct upgrade *u, const struct srcpos *pos)
{
    size_t off = tag_at(u, pos);
    struct attr a;
    while (off && next_attr(u, &off, &a)) {
        if (a.name_len == 2 && !memcmp(u->buf + a.name, "pp", 2)) {
            add_edit(u, a.start, a.end - a.start, "");
            return;
        }
    }
    u->lost = true;
}

/* Add pp="true" after the last attribute of the end at `pos`. */
static void add_pp(struct upgrade *u, const struct srcpos *pos)
{
    size_t off = tag_at(u, pos), last = off;
    struct attr a;
    while (off && next_attr(u, &off, &a)) {
        last = a.end;
    }
    if (last) {
        add_edit(u, last, 0, " pp=\"true\"");
    }
}

static int edit_cmp(const void *x, const void *y)
{
    const struct edit *a = x, *b = y;
    return (a->off > b->off) - (a->off < b->off);
}

static char *apply_edits(struct upgrade *u, size_t *out_len)
{
    if (u->edits.count > 1) {
        xsort(u->edits.items, u->edits.count, sizeof(struct edit), edit_cmp);
    }
    size_t size = u->len + 1;
    for (size_t i = 0; i < u->edits.count; i++) {
        size += strlen(u->edits.items[i].ins);
    }
    char *out = xmalloc(size), *o = out;
    size_t from = 0;
    for (size_t i = 0; i < u->edits.count; i++) {
        const struct edit *e = &u->edits.items[i];
        memcpy(o, u->buf + from, e->off - from);
        o = stpcpy(o + (e->off - from), e->ins);
        from = e->off + e->del;
    }
    memcpy(o, u->buf + from, u->len - from);
    o += u->len - from;
    *o = '\0';
    *out_len = (size_t)(o - out);
    return out;
}

char *sdf_upgrade(const struct system *sys, const char *buf, size_t len, size_t *out_len)
{
    struct upgrade u = {.buf = buf, .len = len};
    sdf_scan(buf, len, &u.scan);
    for (size_t i = 0; i < sys->pds.count; i++) {
        if (sys->pds.items[i].legacy_pp_given) {
            drop_pp(&u, &sys->pds.items[i].pos);
        }
    }
    for (size_t i = 0; i < sys->channels.count; i++) {
        for (int e = 0; e < 2; e++) {
            if (sys->channels.items[i].end[e].pp_legacy) {
                add_pp(&u, &sys->channels.items[i].end[e].pos);
            }
        }
    }
    char *out = u.lost ? NULL : apply_edits(&u, out_len);
    free(u.edits.items);
    sdf_scan_free(&u.scan);
    return out;
}
