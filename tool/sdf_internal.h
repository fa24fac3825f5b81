/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Shared by the parse stage's files only (sdf_parse.c: reading XML,
 * positions, attribute helpers; sdf_elems.c: one reader per element).
 */
#ifndef TOOL_SDF_INTERNAL_H
#define TOOL_SDF_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>

#include <libxml/tree.h>

#include "diag.h"
#include "model.h"
#include "sdf_scan.h"

struct parser {
    struct system *sys;
    struct diag *d;
    const char *file;
    const char *buf;
    struct sdf_scan scan;
    bool scan_ok;    /* false once the scan and the tree disagree */
    bool xml_failed; /* libxml2 reported an error */
};

/* One element being read: its position and its attributes as strings. */
struct elem {
    xmlNode *node;
    const char *name;
    struct srcpos pos;
    VEC(const char *) keys;
    VEC(char *) values;
};

/* Position of element `n` (exact line and column of its '<'). */
struct srcpos node_pos(const struct parser *p, xmlNode *n);

/*
 * Start reading element `n`: record its position and attributes, and report
 * every attribute not in the NULL-terminated `allowed` list.
 */
void elem_open(struct parser *p, xmlNode *n, const char *const *allowed, struct elem *e);
void elem_close(struct elem *e);

/* The value of attribute `key`, or NULL when absent. */
const char *elem_get(const struct elem *e, const char *key);
/* A required attribute; reported when missing. */
const char *elem_req(struct parser *p, const struct elem *e, const char *key);
/* A required, non-empty attribute, copied; NULL (reported) when missing or empty. */
char *elem_req_name(struct parser *p, const struct elem *e, const char *key);
/* An optional SDF number: 1 present and valid, 0 absent, -1 invalid (reported). */
int elem_u64(struct parser *p, const struct elem *e, const char *key, uint64_t *out);
/* A required SDF number: 0 valid, -1 missing or invalid (reported). */
int elem_req_u64(struct parser *p, const struct elem *e, const char *key, uint64_t *out);
/* A required plain decimal: 0 valid, -1 missing or invalid (reported). */
int elem_req_i64(struct parser *p, const struct elem *e, const char *key, int64_t *out);
/* An optional boolean with default `def`: 0, or -1 invalid (reported). */
int elem_bool(struct parser *p, const struct elem *e, const char *key, bool def, bool *out);

/* True when child `n` is not an element (text is reported, comments ignored). */
bool check_text(struct parser *p, xmlNode *n, const struct elem *parent);
/* Report child `n` as unknown in `parent`, with a hint from `allowed`. */
void unknown_element(struct parser *p, xmlNode *n, const struct elem *parent,
                     const char *const *allowed);
/* Report every child element and text of an element that takes none. */
void no_children(struct parser *p, const struct elem *e);

/* Element readers (sdf_elems.c). `parent` is the parent PD's index or -1. */
void parse_pd(struct parser *p, xmlNode *n, int parent, int depth);
void parse_mr(struct parser *p, xmlNode *n);
void parse_channel(struct parser *p, xmlNode *n);

#endif /* TOOL_SDF_INTERNAL_H */
