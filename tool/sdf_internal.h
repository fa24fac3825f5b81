/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Shared by the parse stage's files only. Dependencies point one way:
 *
 *     xml.c  <-  sdf_elems.c  <-  sdf_parse.c
 *
 * xml.c reads the XML (positions, attributes, text); sdf_elems.c holds the
 * SDF's attribute and child helpers, which report with the xml-* rules, and
 * one reader per element; sdf_parse.c reads the file and the root element
 * with the helpers and readers declared here.
 */
#ifndef TOOL_SDF_INTERNAL_H
#define TOOL_SDF_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>

#include "diag.h"
#include "model.h"
#include "xml.h"

struct parser {
    struct system *sys;
    struct diag *d;
    const struct xml_doc *x;
};

/*
 * Start reading element `n`: record its position and attributes, and report
 * every attribute not in the NULL-terminated `allowed` list.
 */
void elem_open(struct parser *p, xmlNode *n, const char *const *allowed, struct xml_elem *e);

/* True when child `n` is not an element (text is reported, comments ignored). */
bool check_text(struct parser *p, xmlNode *n, const struct xml_elem *parent);
/* Report child `n` as unknown in `parent`, with a hint from `allowed`. */
void unknown_element(struct parser *p, xmlNode *n, const struct xml_elem *parent,
                     const char *const *allowed);

/* A required, non-empty attribute, copied; NULL (reported) when missing or empty. */
char *elem_req_name(struct parser *p, const struct xml_elem *e, const char *key);
/* An optional SDF number: 1 present and valid, 0 absent, -1 invalid (reported). */
int elem_u64(struct parser *p, const struct xml_elem *e, const char *key, uint64_t *out);
/* For elements that take no children: report any. */
void no_children(struct parser *p, const struct xml_elem *e);

/* Element readers. `parent` is the parent PD's index or -1. */
void parse_pd(struct parser *p, xmlNode *n, int parent, int depth);
void parse_mr(struct parser *p, xmlNode *n);
void parse_channel(struct parser *p, xmlNode *n);
/* <domains> (sdf_domains.c): the domains and their schedule, into sys->domains. */
void parse_domains(struct parser *p, xmlNode *n);
/* After the whole document: each channel end's setvar_id becomes a setvar of its PD. */
void attach_end_setvars(struct system *sys);

#endif /* TOOL_SDF_INTERNAL_H */
