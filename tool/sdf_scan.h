/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Exact source positions for the XML layer (xml.c: SDF and board files),
 * and the text of start tags for `check --upgrade`. libxml2 records only a line
 * per node (and for a start tag spread over lines, not always the first),
 * so the raw text is scanned once, in one linear pass, for the '<' of every
 * start tag in document order. Comments, processing instructions, CDATA,
 * end tags and quoted attribute values are skipped, so the k-th start tag
 * found is the k-th element of the tree.
 */
#ifndef TOOL_SDF_SCAN_H
#define TOOL_SDF_SCAN_H

#include <stddef.h>

#include "model.h"

struct tag_pos {
    int line;        /* 1-based */
    int col;         /* 1-based, in characters (UTF-8 code points) */
    size_t name_off; /* offset of the element name in the buffer */
    size_t name_len;
};

struct sdf_scan {
    VEC(struct tag_pos) tags;
    int doctype_line; /* line of a <!DOCTYPE, or 0 */
    int doctype_col;
};

/* Scan `buf`; never fails (malformed input just gives fewer tags). */
void sdf_scan(const char *buf, size_t len, struct sdf_scan *s);
void sdf_scan_free(struct sdf_scan *s);

#endif /* TOOL_SDF_SCAN_H */
