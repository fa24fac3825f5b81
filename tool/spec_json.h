/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The boot spec as JSON, for `--capdl-json FILE` (Microkit 2.3 writes its
 * capDL spec there; this SDK has no capDL spec, so the file describes the
 * boot spec instead and says so in its "format" member). One object:
 *
 *   "format":  "microkit-sdk-boot-spec" (not capDL)
 *   "version": the spec's BS_VERSION
 *   "objects": [{"name", "type", "size_bits", "paddr" (null: anywhere),
 *                "device"}]  kernel objects in creation order
 *   "caps":    [{"cnode", "slot", "object" (null for the SMC cap), "kind"
 *                ("object" or "smc"), "rights", "badge"}]  "cnode" and
 *                "object" are indexes into "objects"; rights as seL4's word
 *   "irqs":    [{"irq", "cnode", "slot", "notification", "badge",
 *                "trigger" ("level" or "edge")}]
 *   "threads": [{"name", "tcb", "cnode" (null for none), "vspace",
 *                "priority", "budget_us", "period_us", "passive", "vcpu",
 *                "start", "fpu", "domain", "cpu", "parent" (index into "threads",
 *                null for none)}]
 *   "domain_schedule": {"start" (a kernel schedule index, null without
 *                <domains>), "timer_hz" (the board's, 0 when unknown),
 *                "entries": [{"index", "domain", "duration", "unit"
 *                ("us", "ticks" or "end")}]}
 *   "maps", "fills": their counts
 * Frame contents and symbols are left out.
 */
#ifndef TOOL_SPEC_JSON_H
#define TOOL_SPEC_JSON_H

#include <stddef.h>

struct diag;

/*
 * The JSON text of the spec blob [blob, blob + size) (malloc'd), or NULL
 * when the blob is refused (reported to `d`).
 */
char *spec_json(const void *blob, size_t size, struct diag *d);

#endif /* TOOL_SPEC_JSON_H */
