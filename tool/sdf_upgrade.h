/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * `microkit check --upgrade`: the text of an SDF rewritten from Microkit 1.4
 * syntax into 2.0 syntax, as a text edit of the original so that comments,
 * layout and attribute order stay as they were:
 *
 *   - the pp attribute of every protection_domain is removed, with the
 *     blank space before it;
 *   - every channel end that got pp="true" from one (channel_end.pp_legacy,
 *     set by the check stage) gets ` pp="true"` after its last attribute.
 *
 * Everything else is copied byte for byte.
 */
#ifndef TOOL_SDF_UPGRADE_H
#define TOOL_SDF_UPGRADE_H

#include <stddef.h>

#include "model.h"

/*
 * Rewrite `buf` (`len` bytes), the text `sys` was parsed from, after the
 * check stage ran on `sys` without errors. Returns the new text (malloc'd,
 * NUL-terminated, its length in *out_len), or NULL when an element to edit
 * cannot be found in the text.
 */
char *sdf_upgrade(const struct system *sys, const char *buf, size_t len, size_t *out_len);

#endif /* TOOL_SDF_UPGRADE_H */
