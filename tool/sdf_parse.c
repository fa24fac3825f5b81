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
    static const char *const kids[] = {"protection_domain", "memory_region", "channel", NULL};
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
        } else if (!strcmp(name, "virtual_machine")) {
            struct srcpos pos = xml_pos(p->x, c);
            rule_report(p->d, R_VM_TOP_LEVEL, &pos, NULL);
        } else {
            unknown_element(p, c, &e, kids);
        }
    }
    xml_elem_close(&e);
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
