/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A recording fake of the seL4 trap layer, for the monitor's host tests. It
 * replaces libmicrokit/arch/aarch64/include/sel4/syscalls_impl.h (this
 * directory comes first on the include path), so the monitor's calls go
 * through the real invocation wrappers of sel4/client.h and arrive here as
 * the label, caps and message registers the kernel would see. fake_sel4.c
 * decodes and records them; see fake_sel4.h for the test-side interface.
 */
#ifndef SEL4_SYSCALLS_IMPL_H
#define SEL4_SYSCALLS_IMPL_H

#include <sel4/config.h>
#include <sel4/types.h>
#include <sel4/syscall.h>
#include <sel4/functions.h>

#include <sel4/syscalls_decl.h>

#endif /* SEL4_SYSCALLS_IMPL_H */
