/* SPDX-License-Identifier: BSD-2-Clause */
#include <string.h>

#include "model.h"
#include "num.h"

static int digit_value(char c, unsigned base)
{
    unsigned v;
    if (c >= '0' && c <= '9') {
        v = (unsigned)(c - '0');
    } else if (c >= 'a' && c <= 'f') {
        v = (unsigned)(c - 'a' + 10);
    } else if (c >= 'A' && c <= 'F') {
        v = (unsigned)(c - 'A' + 10);
    } else {
        return -1;
    }
    return v < base ? (int)v : -1;
}

/* Accumulate digits of `s` in `base`, skipping underscores when allowed. */
static enum num_status parse_digits(const char *s, unsigned base, bool underscores, uint64_t *out)
{
    uint64_t v = 0;
    bool any = false;
    for (; *s; s++) {
        if (underscores && *s == '_') {
            continue;
        }
        int d = digit_value(*s, base);
        if (d < 0) {
            return NUM_INVALID;
        }
        if (v > (UINT64_MAX - (uint64_t)d) / base) {
            return NUM_OVERFLOW;
        }
        v = v * base + (uint64_t)d;
        any = true;
    }
    if (!any) {
        return NUM_EMPTY;
    }
    *out = v;
    return NUM_OK;
}

enum num_status num_parse_u64(const char *s, uint64_t *out)
{
    /* Underscores are dropped before anything else, so "_0x10" is hex. */
    while (*s == '_') {
        s++;
    }
    if (*s == '-') {
        return NUM_NEGATIVE;
    }
    if (*s == '+') {
        s++;
    }
    if (s[0] == '0') {
        const char *p = s + 1;
        while (*p == '_') {
            p++;
        }
        if (*p == 'x') {
            return parse_digits(p + 1, 16, true, out);
        }
    }
    return parse_digits(s, 10, true, out);
}

enum num_status num_parse_u64_strict(const char *s, uint64_t *out)
{
    if (*s == '-') {
        return NUM_NEGATIVE;
    }
    if (s[0] == '0' && s[1] == 'x') {
        return parse_digits(s + 2, 16, true, out);
    }
    return parse_digits(s, 10, true, out);
}

enum num_status num_parse_i64(const char *s, int64_t *out)
{
    bool neg = false;
    if (*s == '-' || *s == '+') {
        neg = *s == '-';
        s++;
    }
    uint64_t v;
    enum num_status st = parse_digits(s, 10, false, &v);
    if (st != NUM_OK) {
        return st;
    }
    if (v > (uint64_t)INT64_MAX + (neg ? 1 : 0)) {
        return NUM_OVERFLOW;
    }
    *out = neg ? (int64_t)(0 - v) : (int64_t)v;
    return NUM_OK;
}

const char *num_status_text(enum num_status st)
{
    switch (st) {
    case NUM_OK:
        return "no error";
    case NUM_EMPTY:
        return "no digits";
    case NUM_INVALID:
        return "invalid digit";
    case NUM_NEGATIVE:
        return "negative numbers are not allowed";
    case NUM_OVERFLOW:
        return "number too large";
    }
    return "unknown error";
}

int num_parse_bool(const char *s, bool *out)
{
    if (!strcmp(s, "true")) {
        *out = true;
        return 0;
    }
    if (!strcmp(s, "false")) {
        *out = false;
        return 0;
    }
    return -1;
}

int num_parse_perms(const char *s, unsigned *out)
{
    unsigned p = 0;
    for (; *s; s++) {
        switch (*s) {
        case 'r':
            p |= PERM_R;
            break;
        case 'w':
            p |= PERM_W;
            break;
        case 'x':
            p |= PERM_X;
            break;
        default:
            return -1;
        }
    }
    *out = p;
    return 0;
}

#define EDIT_MAX 256

size_t edit_distance(const char *a, const char *b)
{
    size_t la = strnlen(a, EDIT_MAX), lb = strnlen(b, EDIT_MAX);
    size_t row[EDIT_MAX + 1];
    for (size_t j = 0; j <= lb; j++) {
        row[j] = j;
    }
    for (size_t i = 1; i <= la; i++) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t up = row[j];
            size_t best = diag + (a[i - 1] != b[j - 1]);
            if (row[j - 1] + 1 < best) {
                best = row[j - 1] + 1;
            }
            if (up + 1 < best) {
                best = up + 1;
            }
            row[j] = best;
            diag = up;
        }
    }
    return row[lb];
}

/* The one candidate that `word` abbreviates (e.g. "prio"), or NULL. */
static const char *unique_prefix_of(const char *word, const char *const *cands)
{
    size_t len = strlen(word);
    const char *found = NULL;
    for (; len >= 3 && *cands; cands++) {
        if (!strncmp(*cands, word, len) && strlen(*cands) > len) {
            if (found) {
                return NULL;
            }
            found = *cands;
        }
    }
    return found;
}

const char *closest_name(const char *word, const char *const *cands)
{
    const char *prefix = unique_prefix_of(word, cands);
    if (prefix) {
        return prefix;
    }
    const char *best = NULL;
    size_t best_d = (size_t)-1;
    for (; *cands; cands++) {
        size_t d = edit_distance(word, *cands);
        if (d < best_d) {
            best_d = d;
            best = *cands;
        }
    }
    size_t len = strnlen(word, EDIT_MAX);
    if (best && (best_d <= 2 || best_d * 3 <= len) && best_d < len) {
        return best;
    }
    return NULL;
}
