/* SPDX-License-Identifier: BSD-2-Clause */
#define _GNU_SOURCE /* memmem */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "sdf_scan.h"

struct cursor {
    const char *buf;
    size_t len;
    size_t off;
    int line;
    int col;
};

static void advance(struct cursor *c)
{
    unsigned char ch = (unsigned char)c->buf[c->off++];
    if (ch == '\n') {
        c->line++;
        c->col = 1;
    } else if ((ch & 0xc0) != 0x80) {
        /* UTF-8 continuation bytes do not start a new character. */
        c->col++;
    }
}

static bool starts(const struct cursor *c, const char *lit)
{
    size_t n = strlen(lit);
    return c->len - c->off >= n && !memcmp(c->buf + c->off, lit, n);
}

/*
 * Move past the next occurrence of `end` (or to the end of the buffer). The
 * end is found with memmem first: comparing at every byte of the licence
 * comments cost a build of hello more than the rest of the scan.
 */
static void skip_past(struct cursor *c, const char *end)
{
    size_t n = strlen(end);
    const char *hit = memmem(c->buf + c->off, c->len - c->off, end, n);
    size_t stop = hit ? (size_t)(hit - c->buf) + n : c->len;
    while (c->off < stop) {
        advance(c);
    }
}

/* Skip a tag up to its closing '>', honouring quotes and [ ] of a DOCTYPE. */
static void skip_tag(struct cursor *c)
{
    char quote = 0;
    int brackets = 0;
    while (c->off < c->len) {
        char ch = c->buf[c->off];
        advance(c);
        if (quote) {
            quote = ch == quote ? 0 : quote;
        } else if (ch == '"' || ch == '\'') {
            quote = ch;
        } else if (ch == '[') {
            brackets++;
        } else if (ch == ']' && brackets > 0) {
            brackets--;
        } else if (ch == '>' && brackets == 0) {
            return;
        }
    }
}

static bool is_name_char(char ch)
{
    return ch && !strchr(" \t\r\n/>=\"'<", ch);
}

static void record_tag(struct cursor *c, struct sdf_scan *s)
{
    struct tag_pos *t = VEC_PUSH(s->tags);
    t->line = c->line;
    t->col = c->col;
    t->name_off = c->off + 1;
    size_t e = t->name_off;
    while (e < c->len && is_name_char(c->buf[e])) {
        e++;
    }
    t->name_len = e - t->name_off;
    skip_tag(c);
}

static void scan_markup(struct cursor *c, struct sdf_scan *s)
{
    if (starts(c, "<!--")) {
        skip_past(c, "-->");
    } else if (starts(c, "<![CDATA[")) {
        skip_past(c, "]]>");
    } else if (starts(c, "<?")) {
        skip_past(c, "?>");
    } else if (starts(c, "<!")) {
        if (starts(c, "<!DOCTYPE") && !s->doctype_line) {
            s->doctype_line = c->line;
            s->doctype_col = c->col;
        }
        skip_tag(c);
    } else if (starts(c, "</")) {
        skip_tag(c);
    } else {
        record_tag(c, s);
    }
}

void sdf_scan(const char *buf, size_t len, struct sdf_scan *s)
{
    memset(s, 0, sizeof(*s));
    struct cursor c = {buf, len, 0, 1, 1};
    if (len >= 3 && !memcmp(buf, "\xef\xbb\xbf", 3)) {
        c.off = 3; /* a byte order mark is not a column */
    }
    while (c.off < c.len) {
        if (buf[c.off] == '<') {
            scan_markup(&c, s);
        } else {
            advance(&c);
        }
    }
}

void sdf_scan_free(struct sdf_scan *s)
{
    free(s->tags.items);
    memset(s, 0, sizeof(*s));
}
