/* SPDX-License-Identifier: BSD-2-Clause */
/* The parse stage's entry points: the file, the document and its 'system' root. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "checks.h"
#include "sdf_internal.h"
#include "sdf_parse.h"
#include "util.h"
#include "xml.h"

static void parse_system(struct parser *p, xmlNode *root)
{
    static const char *const attrs[] = {NULL};
    static const char *const kids[] = {"protection_domain", "memory_region", "channel", "domains",
                                       NULL};
    struct xml_elem e;
    elem_open(p, root, attrs, &e);
    for (xmlNode *c = root->children; c; c = c->next) {
        if (check_text(p, c, &e)) {
            continue;
        }
        const char *name = (const char *)c->name;
        if (!strcmp(name, "protection_domain")) {
            parse_pd(p, c, -1, 0);
        } else if (!strcmp(name, "memory_region")) {
            parse_mr(p, c);
        } else if (!strcmp(name, "channel")) {
            parse_channel(p, c);
        } else if (!strcmp(name, "domains")) {
            parse_domains(p, c);
        } else if (!strcmp(name, "virtual_machine")) {
            struct srcpos pos = xml_pos(p->x, c);
            rule_report(p->d, R_VM_TOP_LEVEL, &pos, NULL);
        } else {
            unknown_element(p, c, &e, kids);
        }
    }
    attach_end_setvars(p->sys);
    xml_elem_close(&e);
}

/* ---- the element limit ---- */

/* `s` (of `n` bytes left) starts with `lit`. */
static bool starts(const char *s, size_t n, const char *lit)
{
    size_t k = strlen(lit);
    return n >= k && !memcmp(s, lit, k);
}

/* Skip past the first `end` at or after `s`; `stop` when there is none. */
static const char *skip_to(const char *s, const char *stop, const char *end)
{
    size_t k = strlen(end);
    for (const char *e = s; (e = memchr(e, end[0], (size_t)(stop - e))); e++) {
        if ((size_t)(stop - e) >= k && !memcmp(e, end, k)) {
            return e + k;
        }
    }
    return stop;
}

/*
 * The byte offset of start tag number SDF_MAX_ELEMENTS + 1 in `buf`, or -1
 * when there are not that many. Counted on the raw text, before libxml2
 * builds its tree (about 1 KiB per element), so a file of a million
 * elements costs a scan, not a gigabyte. Comments, CDATA sections,
 * processing instructions and end tags do not count; '<' cannot appear raw
 * elsewhere in well-formed XML, and a file that is not well-formed gets
 * xml-syntax anyway.
 */
static long long element_over_limit(const char *buf, size_t len)
{
    const char *s = buf, *stop = buf + len;
    unsigned long long count = 0;
    while ((s = memchr(s, '<', (size_t)(stop - s)))) {
        size_t n = (size_t)(stop - s);
        if (starts(s, n, "<!--")) {
            s = skip_to(s + 4, stop, "-->");
        } else if (starts(s, n, "<![CDATA[")) {
            s = skip_to(s + 9, stop, "]]>");
        } else if (starts(s, n, "<?")) {
            s = skip_to(s + 2, stop, "?>");
        } else if (n > 1 && s[1] != '/' && s[1] != '!' && ++count > SDF_MAX_ELEMENTS) {
            return (long long)(s - buf);
        } else {
            s++;
        }
    }
    return -1;
}

/* Line and column (in characters, as xml.c counts them) of byte `off` of `buf`. */
static struct srcpos pos_at(const char *name, const char *buf, size_t off)
{
    struct srcpos pos = {name, 1, 1};
    for (size_t i = 0; i < off; i++) {
        if (buf[i] == '\n') {
            pos.line++;
            pos.col = 1;
        } else if (((unsigned char)buf[i] & 0xc0) != 0x80) {
            pos.col++;
        }
    }
    return pos;
}

static int parse_doc(struct parser *p)
{
    xmlNode *root = xml_root(p->x);
    struct srcpos pos = xml_pos(p->x, root);
    if (strcmp((const char *)root->name, "system") != 0) {
        rule_report(p->d, R_XML_ROOT, &pos, NULL, (const char *)root->name);
        return SDF_NOT_XML;
    }
    p->sys->pos = pos;
    parse_system(p, root);
    system_index_build(p->sys);
    return SDF_OK;
}

int sdf_parse_buffer(const char *name, const char *buf, size_t len, struct system *sys,
                     struct diag *d)
{
    struct xml_doc x;
    struct parser p = {.sys = sys, .d = d, .x = &x};
    unsigned errors_before = diag_errors(d);
    sys->file = name;
    long long over = element_over_limit(buf, len);
    if (over >= 0) {
        struct srcpos pos = pos_at(name, buf, (size_t)over);
        rule_report(d, R_SDF_TOO_MANY_ELEMENTS, &pos, NULL, (unsigned long long)SDF_MAX_ELEMENTS,
                    (unsigned long long)SDF_MAX_ELEMENTS + 1);
        return SDF_NOT_XML;
    }
    enum xml_status st = xml_read(&x, name, buf, len, R_XML_SYNTAX, d);
    int rc = SDF_NOT_XML;
    if (st == XML_DOCTYPE) {
        struct srcpos pos = xml_doctype_pos(&x);
        rule_report(d, R_XML_DOCTYPE, &pos, NULL);
    } else if (st == XML_OK) {
        rc = parse_doc(&p);
    }
    xml_free(&x);
    if (rc == SDF_OK && diag_errors(d) != errors_before) {
        rc = SDF_ERRORS;
    }
    return rc;
}

int sdf_parse_file(const char *path, struct system *sys, struct diag *d)
{
    size_t len;
    struct file_error e;
    char *buf = read_input(path, INPUT_SDF, &len, &e);
    sys->file = path;
    if (!buf) {
        rule_report(d, R_SDF_READ, NULL, NULL, path, e.text);
        return SDF_IO;
    }
    int rc = sdf_parse_buffer(path, buf, len, sys, d);
    free(buf);
    return rc;
}
