/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The one XML layer of the tool, under the SDF reader (sdf_parse.c,
 * sdf_elems.c) and the board reader (board.c):
 *
 * - reading: libxml2 without network access, DTD loading or entity
 *   substitution, with line numbers past 65535 (XML_PARSE_BIG_LINES). A
 *   document type declaration is refused before libxml2 sees the text, so
 *   no entity is ever defined and none can be expanded;
 * - positions: every element's file:line:col is the '<' of its start tag,
 *   columns counted in characters (sdf_scan.c);
 * - attributes: a whitelist per element and "did you mean" hints. An
 *   attribute in a namespace (q:priority) is never an SDF or board
 *   attribute, whatever its local name; only the schema location hints
 *   that XML editors add to the root element (xsi:schemaLocation,
 *   xsi:noNamespaceSchemaLocation) are accepted there, and ignored;
 * - values: control characters (U+0000..U+001F, U+007F, U+0080..U+009F)
 *   are escaped before any stage sees a value, so that no value printed in
 *   a diagnostic, report or boot log can start a line or move the cursor;
 * - text: what counts as text inside an element;
 * - reporting: libxml2's first error, through the rule the reader names.
 *
 * Numbers are read with num.c. Everything the layer finds but does not
 * report (a document type declaration, unknown attributes, text) is
 * reported by the reader, with its own rules from rules.def.
 */
#ifndef TOOL_XML_H
#define TOOL_XML_H

#include <stdbool.h>
#include <stddef.h>

#include <libxml/tree.h>

#include "checks.h"
#include "diag.h"
#include "model.h"
#include "sdf_scan.h"

/* One XML document being read. */
struct xml_doc {
    const char *file; /* the name positions give */
    const char *buf;
    size_t len;
    struct diag *d;
    enum rule_id syntax; /* rule of libxml2's errors: one '%s' argument, the message */
    xmlDoc *doc;         /* NULL unless xml_read() returned XML_OK */
    struct sdf_scan scan;
    bool scan_ok; /* false once the scan and the tree disagree */
    bool failed;  /* libxml2 reported an error */
};

enum xml_status {
    XML_OK = 0,
    XML_MALFORMED = -1, /* not well-formed or no root element; reported with `syntax` */
    XML_DOCTYPE = -2    /* a document type declaration, refused unread; not reported */
};

/*
 * Read `buf` (`len` bytes) into `x`. Positions name `file`. libxml2's first
 * error is reported with rule `syntax`; a DOCTYPE is left to the caller to
 * report at xml_doctype_pos(). Free with xml_free() whatever the result.
 */
enum xml_status xml_read(struct xml_doc *x, const char *file, const char *buf, size_t len,
                         enum rule_id syntax, struct diag *d);
void xml_free(struct xml_doc *x);

/* The root element (XML_OK only). */
xmlNode *xml_root(const struct xml_doc *x);

/* Position of element `n`: its '<' (the line only when the scan lost track). */
struct srcpos xml_pos(const struct xml_doc *x, const xmlNode *n);

/* Position of the '<!DOCTYPE' (XML_DOCTYPE only). */
struct srcpos xml_doctype_pos(const struct xml_doc *x);

/* The namespace of the XML Schema instance attributes (xsi:...). */
#define XML_XSI_NAMESPACE "http://www.w3.org/2001/XMLSchema-instance"

/* One element being read: its position and its attributes as strings. */
struct xml_elem {
    xmlNode *node;
    const char *name;
    struct srcpos pos;
    VEC(const char *) keys;    /* the allowed attributes present, in document order */
    VEC(char *) values;        /* their values, control characters escaped */
    VEC(char *) unknown;       /* the attributes not allowed, as written ("q:priority") */
    VEC(const char *) control; /* the keys whose value held a control character */
};

/*
 * Start reading element `n`; `allowed` is NULL-terminated and names
 * attributes in no namespace. A namespace-prefixed attribute goes to
 * `unknown` by its written name, except xsi:schemaLocation and
 * xsi:noNamespaceSchemaLocation on the root element, which are skipped. A
 * value holding a control character is kept escaped (xml_escape_controls)
 * and its key listed in `control`. Reports nothing.
 */
void xml_elem_open(const struct xml_doc *x, xmlNode *n, const char *const *allowed,
                   struct xml_elem *e);
void xml_elem_close(struct xml_elem *e);

/* The value of allowed attribute `key`, or NULL when absent. */
const char *xml_elem_get(const struct xml_elem *e, const char *key);

/*
 * A hint for `word`, an unknown attribute or child element (`what`:
 * "attributes" or "child elements") of element `parent`: "did you mean
 * 'x'?" when an allowed name is close to `word` without its namespace
 * prefix, else the list of what is allowed. Returns a malloc'd string.
 */
char *xml_name_hint(const char *word, const char *const *allowed, const char *what,
                    const char *parent);

/* True for an element node. */
bool xml_is_element(const xmlNode *n);

/*
 * For a text, CDATA or entity reference node: its text when not blank,
 * else "" (blank). NULL for every other node (elements, comments, PIs).
 */
const char *xml_node_text(const xmlNode *n);

/*
 * True when `s` (UTF-8) holds a control character: U+0000..U+001F, U+007F
 * (DEL) or U+0080..U+009F (the C1 controls, which terminals also obey).
 */
bool xml_has_control(const char *s);

/*
 * A malloc'd copy of `s` with each control character written as an escape:
 * \t, \n, \r, \xHH for the others below U+0080, \u00HH for C1.
 */
char *xml_escape_controls(const char *s);

#endif /* TOOL_XML_H */
