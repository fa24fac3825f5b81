/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The monitor after boot: it waits on its fault endpoint, where the root
 * PDs' faults arrive with badge = PD index + 1, and
 *   - turns a passive PD's empty message (label 0) into "passive": its
 *     scheduling context moves from its TCB to its notification;
 *   - prints every fault: PD name, kind, the details of the fault message,
 *     the function the pc lies in (from the spec's symbols) and the thread's
 *     registers. A faulting PD is never replied to: it is suspended, which
 *     also frees the monitor's reply object for the next message.
 */
#ifndef MONITOR_FAULT_H
#define MONITOR_FAULT_H

#include <stdint.h>

#include <sel4/sel4.h>

#include "boot.h"

/* Handles one message received with `badge` and `tag` (MRs in the IPC buffer). */
void fault_handle(const struct boot *b, seL4_Word badge, seL4_MessageInfo_t tag);

/* Receives and handles messages forever. */
void fault_loop(const struct boot *b) __attribute__((noreturn));

/*
 * The symbol of PD `pd` that contains `addr`, or NULL; *offset is addr's
 * offset from the symbol's start. A symbol of size 0 extends to the next.
 */
const char *fault_symbol(const struct bs_spec *s, uint32_t pd, uint64_t addr, uint64_t *offset);

/* The fault kind for a message label ("VM fault", ...). */
const char *fault_kind(seL4_Word label);

#endif /* MONITOR_FAULT_H */
