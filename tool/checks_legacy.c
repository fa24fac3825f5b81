/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Microkit 1.4 syntax. In 1.4, pp="true" on a protection_domain let every PD
 * that shares a channel with it call it; since 2.0 the same system is written
 * with pp="true" on the channel end of each caller. This stage rewrites the
 * model into the 2.0 form before any rule that looks at pp runs, so every
 * later check and stage sees exactly the system the 2.0 file describes, and
 * reports each legacy attribute (rule sdf-legacy-pp) with the ends to write.
 * An end with a pp attribute of its own keeps it.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "checks_internal.h"
#include "util.h"

/* The notes of one PD's finding: one line per channel end, after the hint. */
struct notes {
    char *text;
    size_t len, cap;
    unsigned rewritten; /* ends that get pp="true" */
};

static void notes_add(struct notes *n, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void notes_add(struct notes *n, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *piece = xvasprintf(fmt, ap);
    va_end(ap);
    size_t len = strlen(piece);
    if (n->len + len + 1 > n->cap) {
        n->cap = (n->len + len + 1) * 2;
        n->text = xrealloc(n->text, n->cap);
    }
    memcpy(n->text + n->len, piece, len + 1);
    n->len += len;
    free(piece);
}

/* `s` escaped for an XML attribute value in double quotes. */
static char *attr_escape(const char *s)
{
    char *out = xmalloc(strlen(s) * 6 + 1), *o = out;
    for (; *s; s++) {
        const char *rep = *s == '&' ? "&amp;" : *s == '<' ? "&lt;" : *s == '"' ? "&quot;" : NULL;
        if (rep) {
            o = stpcpy(o, rep);
        } else {
            *o++ = *s;
        }
    }
    *o = '\0';
    return out;
}

/* A note at `end`: the end in 2.0 form, or why it stays as it is. */
static void note_end(struct notes *n, const struct channel_end *end)
{
    notes_add(n, "\n%s:%d:%d: note: ", end->pos.file, end->pos.line, end->pos.col);
    if (!end->pp_legacy) {
        notes_add(n, "this end keeps its pp=\"false\": '%s' does not call through it",
                  end->pd_name);
        return;
    }
    char *pd = attr_escape(end->pd_name);
    notes_add(n, "becomes <end pd=\"%s\" id=\"%lld\" pp=\"true\"%s/>", pd, (long long)end->id,
              end->notify ? "" : " notify=\"false\"");
    free(pd);
    n->rewritten++;
}

/*
 * `caller` calls `callee`'s PD when that PD has 1.4 pp="true" and the end says
 * nothing. Runs after "ends-resolved" passed: every end names its PD.
 */
static void apply_end(const struct system *sys, struct channel_end *caller,
                      const struct channel_end *callee, struct notes *notes)
{
    if (!sys->pds.items[callee->pd].legacy_pp) {
        return;
    }
    if (!caller->pp_given) {
        caller->pp = true;
        caller->pp_legacy = true;
    }
    if (!caller->pp || caller->pp_legacy) {
        note_end(&notes[callee->pd], caller); /* an end with pp="true" already needs nothing */
    }
}

static void report_pd(const struct pd *pd, const struct notes *n, struct diag *d)
{
    const char *name = name_of(pd->name);
    const char *notes = n->text ? n->text : "";
    char *hint;
    if (!pd->legacy_pp) {
        hint =
            xasprintf("remove pp=\"false\" from '%s': it is the default and changes nothing", name);
    } else if (n->rewritten) {
        hint = xasprintf("remove pp from '%s' and put pp=\"true\" on the end of each caller "
                         "('microkit check --upgrade' rewrites the file):%s",
                         name, notes);
    } else {
        hint =
            xasprintf("remove pp from '%s'; no channel end needs pp=\"true\" added%s", name, notes);
    }
    rule_report(d, R_SDF_LEGACY_PP, &pd->pos, hint, pd->legacy_pp ? "true" : "false", name);
    free(hint);
}

void check_legacy_pp(struct system *sys, const struct board *board, struct diag *d)
{
    struct notes *notes = xcalloc(sys->pds.count + 1, sizeof(*notes));
    for (size_t i = 0; i < sys->channels.count; i++) {
        struct channel *ch = &sys->channels.items[i];
        apply_end(sys, &ch->end[0], &ch->end[1], notes);
        apply_end(sys, &ch->end[1], &ch->end[0], notes);
    }
    for (size_t i = 0; i < sys->pds.count; i++) {
        if (sys->pds.items[i].legacy_pp_given) {
            report_pd(&sys->pds.items[i], &notes[i], d);
        }
        free(notes[i].text);
    }
    free(notes);
}
