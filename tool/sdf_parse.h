/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The parse stage: an SDF file (Microkit 2.0.1 format plus prefill_path,
 * setvar_size and Microkit 1.4's pp on protection_domain, which the check
 * stage turns into the 2.0 form) into a struct system.
 *
 * The parser reads with libxml2 and never touches the network or external
 * entities: no DTD is loaded, entities are not substituted, and a document
 * type declaration is rejected. Every element gets its exact position (line
 * and column of its '<'). Every problem is reported through `d` with a rule
 * id from rules.def; parsing goes on after an element-level problem, so one
 * run reports them all.
 */
#ifndef TOOL_SDF_PARSE_H
#define TOOL_SDF_PARSE_H

#include <stddef.h>

#include "diag.h"
#include "model.h"

enum sdf_status {
    SDF_OK = 0,       /* no errors */
    SDF_ERRORS = 1,   /* errors were reported; the model holds every valid element and
                         checks_run() may still be run on it to report more */
    SDF_NOT_XML = -1, /* not well-formed XML, a DOCTYPE, or no 'system' root: model empty */
    SDF_IO = -2       /* the file could not be read (exit code EXIT_IO): model empty */
};

/*
 * Parse the file at `path` into `sys` (which must be zeroed). Positions name
 * the file as `path`. Returns an enum sdf_status. Free with system_free()
 * whatever the result.
 */
int sdf_parse_file(const char *path, struct system *sys, struct diag *d);

/*
 * The most elements (start tags) an SDF may have. libxml2's tree takes
 * about 1 KiB per element and the model and checks more, so a million
 * cost seconds and more than a gigabyte; 2^18 is more than 2,000 times
 * the largest real systems and more than twice the 100,000 elements the
 * tests build, and a file at the limit is checked in about a second and
 * 300 MB (a million elements: 3 s and 1.1 GB). A file with more is refused
 * ("sdf-too-many-elements", at the first element past the limit) before
 * it is parsed.
 */
#define SDF_MAX_ELEMENTS 262144

/* The same for an SDF held in memory; `name` is used as the file name. */
int sdf_parse_buffer(const char *name, const char *buf, size_t len, struct system *sys,
                     struct diag *d);

#endif /* TOOL_SDF_PARSE_H */
