/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The capability audit: what each PD holds after boot, read from the boot
 * spec, against what its SDF grants (docs/reports.md, "Capability audit").
 *
 *   - every cap in a PD's CNode (and its CSpace root) must be granted by an
 *     SDF element (sysinfo.h, si_cap.grant): the PD itself (input, VSpace,
 *     reply), passive, the benchmark configuration, smc, a channel end with
 *     notify or pp (the peer's notification or endpoint with the peer's
 *     badge), an irq, a child PD, a virtual machine's vCPU, or a <cspace>
 *     cap, at the slot the SDF implies and with the badge it implies;
 *   - every frame mapped in a PD's VSpace (and its VM's) must be its own
 *     program image page, stack page or IPC buffer at their place, or a
 *     frame of a region a <map> of that PD maps at that address, with no
 *     more rights than the map's perms and its cache attribute.
 * Anything else is a problem: the build has given a PD more than its SDF
 * says.
 */
#ifndef TOOL_AUDIT_H
#define TOOL_AUDIT_H

#include <stddef.h>
#include <stdio.h>

#include "sysinfo.h"

/*
 * Audit the spec at [spec, spec + size) for the system of `si` (which
 * sysinfo_add_build filled from the same spec). Each problem is printed to
 * `out` (when not NULL) as one line "pd 'x': ..."; returns the number of
 * problems, or (size_t)-1 when the spec cannot be read.
 */
size_t audit_check(const struct sysinfo *si, const void *spec, size_t size, FILE *out);

#endif /* TOOL_AUDIT_H */
