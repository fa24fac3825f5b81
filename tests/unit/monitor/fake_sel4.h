/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Test-side interface of the recording fake (fake_sel4.c): every invocation
 * becomes one line of text such as "Retype ut=50 type=9 size=0 slot=100 n=1",
 * console output is collected, chosen invocations can be made to fail,
 * frames the monitor fills through its scratch window are kept for checks,
 * and retypes place objects in the untypeds as the kernel would.
 */
#ifndef FAKE_SEL4_H
#define FAKE_SEL4_H

#include <stddef.h>
#include <stdint.h>

#include <sel4/sel4.h>

/* Forget everything recorded; `scratch` is where the monitor's window lies. */
void fake_reset(void *scratch);

/* Recorded invocations. */
size_t fake_count(void);
const char *fake_line(size_t i);
/* Index of the first line starting with `prefix` at or after `from`, or -1. */
long fake_find(const char *prefix, size_t from);
void fake_dump(void);

/* Everything printed with seL4_DebugPutChar. */
const char *fake_console(void);

/* Make invocation number `n` (0-based) fail with `err`. */
void fake_fail_at(size_t n, seL4_Error err);

/* Registers TCB_ReadRegisters returns. */
void fake_set_regs(const seL4_UserContext *regs);

/* Contents of frame cap `cap` when the monitor unmapped it from its window, or NULL. */
const uint8_t *fake_frame(seL4_CPtr cap, size_t *size);

/*
 * Untyped memory as the kernel keeps it. fake_set_untypeds() takes boot
 * info's untyped list (make_bootinfo() calls it); fake_reset() empties
 * every untyped again. Each Untyped_Retype then places its objects as seL4
 * does, at the untyped's watermark rounded up to the object size, fails
 * with seL4_NotEnoughMemory when they do not fit, and remembers where each
 * object went, so tests can compare the monitor's placement with the
 * tool's plan.
 */
void fake_set_untypeds(const seL4_BootInfo *bi);

/*
 * Physical address of the object retyped into `slot`, named as the monitor
 * names it (bit 63 set: a slot of its system CNode; else of the initial
 * CNode). Returns 0, or -1 when nothing was retyped there.
 */
int fake_object_paddr(seL4_CPtr slot, uint64_t *paddr);

#endif /* FAKE_SEL4_H */
