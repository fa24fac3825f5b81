/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Text-to-value conversions of attribute values (SDF and board files: the
 * tool's one number parser), and the "did you mean" helper. No function
 * here prints or allocates.
 */
#ifndef TOOL_NUM_H
#define TOOL_NUM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum num_status {
    NUM_OK = 0,
    NUM_EMPTY,    /* no digits at all (also "_" or "0x") */
    NUM_INVALID,  /* a character that is not a digit of the base */
    NUM_NEGATIVE, /* a minus sign on an unsigned number */
    NUM_OVERFLOW  /* the value does not fit; never wraps */
};

/*
 * An SDF number as Microkit reads it: underscores are ignored anywhere, a
 * leading "0x" (lower-case x) selects hexadecimal (digits of either case),
 * otherwise decimal; an optional leading '+'; unsigned 64-bit.
 */
enum num_status num_parse_u64(const char *s, uint64_t *out);

/*
 * The same numbers without Microkit's leniencies, as schema/board.xsd spells
 * them (board files): no sign, and "0x" only at the very start.
 */
enum num_status num_parse_u64_strict(const char *s, uint64_t *out);

/*
 * A plain signed decimal number (irq numbers and the ids of irq, end and
 * vcpu): optional '+' or '-', decimal digits only, no underscores or hex.
 */
enum num_status num_parse_i64(const char *s, int64_t *out);

/* Why a conversion failed, lowercase, e.g. "invalid digit". */
const char *num_status_text(enum num_status st);

/* "true" or "false", exactly. Returns 0, or -1 for anything else. */
int num_parse_bool(const char *s, bool *out);

/*
 * Map permissions: any combination (in any order, repeats allowed) of 'r',
 * 'w' and 'x'; "" means no rights. Sets enum perm bits. Returns 0, or -1 on
 * any other character.
 */
int num_parse_perms(const char *s, unsigned *out);

/* Levenshtein distance between two strings (each at most 256 bytes counted). */
size_t edit_distance(const char *a, const char *b);

/*
 * The candidate closest to `word`, when it is close enough to be a likely
 * typo (distance at most 2, or at most a third of its length); else NULL.
 * A word of 3 or more characters that begins exactly one candidate names it.
 * `cands` is NULL-terminated.
 */
const char *closest_name(const char *word, const char *const *cands);

#endif /* TOOL_NUM_H */
