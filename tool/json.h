/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A reader for flat JSON objects, such as the kernel's gen_config.json:
 * one object whose values are strings, numbers, true, false or null. Nested
 * objects and arrays are skipped over (their keys are not recorded).
 */
#ifndef TOOL_JSON_H
#define TOOL_JSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "model.h"

enum json_kind { JSON_STRING, JSON_NUMBER, JSON_TRUE, JSON_FALSE, JSON_NULL, JSON_OTHER };

struct json_member {
    char *key;
    enum json_kind kind;
    char *text; /* strings unescaped; numbers as written; "true"/"false"/"null" */
};

struct json_flat {
    VEC(struct json_member) members;
    /* The members ordered by key, then by position (json_flat_get's binary search). */
    const struct json_member **by_key;
};

/*
 * Parse `len` bytes of `text`. Returns 0, or -1 with a message such as
 * "line 3: expected ':'" in `err` (`errlen` bytes).
 */
int json_flat_parse(const char *text, size_t len, struct json_flat *out, char *err, size_t errlen);
void json_flat_free(struct json_flat *j);

/* The member called `key` (the last one when repeated), or NULL. */
const struct json_member *json_flat_get(const struct json_flat *j, const char *key);

/*
 * The value as the board file spells kernel options: "true"/"false" for
 * booleans, the text for strings and numbers. NULL when the key is absent.
 */
const char *json_flat_value(const struct json_flat *j, const char *key);

/* Write `s` as a JSON string literal (quotes, backslashes, control characters escaped). */
void json_write_string(FILE *out, const char *s);

#endif /* TOOL_JSON_H */
