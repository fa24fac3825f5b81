/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Stack protector support, for PDs compiled with -fstack-protector* (the
 * default of some distributions' cross compilers, Ubuntu's gcc for one):
 * the canary the compiler checks and the function it calls when a function's
 * canary was overwritten. An archive member of its own, so only PDs that
 * refer to these symbols link it. Both are weak: a PD may supply its own.
 * Target only: on the host board the C library provides them.
 * The canary is fixed (a PD has no entropy source before init()); its low
 * byte is zero so that a string overflow cannot copy it.
 */
#include <microkit.h>

void __stack_chk_fail(void) __attribute__((noreturn));

__attribute__((weak)) seL4_Word __stack_chk_guard = 0x6d6b5f7373705f00ull;

__attribute__((weak)) void __stack_chk_fail(void)
{
    microkit_dbg_puts(microkit_name);
    microkit_dbg_puts("|stack smashing detected\n");
    microkit_internal_crash(0);
}
