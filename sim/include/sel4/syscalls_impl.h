/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The seL4 trap layer for the host simulator: the same functions as
 * libmicrokit/arch/aarch64/include/sel4/syscalls_impl.h (see sel4/sel4.h for
 * the list and their semantics), implemented by the simulator runtime
 * (sim/runtime/) over shared memory and futexes instead of `svc #0`.
 * Message registers live in the IPC buffer only: no register copies.
 */
#ifndef SEL4_SYSCALLS_IMPL_H
#define SEL4_SYSCALLS_IMPL_H

#include <sel4/config.h>
#include <sel4/types.h>
#include <sel4/syscall.h>
#include <sel4/functions.h>

#include <sel4/syscalls_decl.h>

#endif /* SEL4_SYSCALLS_IMPL_H */
