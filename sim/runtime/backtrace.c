/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The backtrace of a fault: the frame-pointer chain of the faulting thread
 * (x86-64: [fp] is the caller's fp, [fp + 8] the return address). The
 * stack may be what the bug damaged, so every word is read with
 * process_vm_readv on this very process, which fails with EFAULT where a
 * plain load would fault again inside the fault handler, and the walk stops
 * at the first frame that does not go up the stack.
 */
#include <sys/uio.h>
#include <unistd.h>

#include "rt.h"

/* Read two words at `addr`; false when they are not readable. */
static bool read_pair(uint64_t addr, uint64_t out[2])
{
    struct iovec local = {out, 2 * sizeof(uint64_t)};
    struct iovec remote = {(void *)(uintptr_t)addr, 2 * sizeof(uint64_t)};
    return process_vm_readv(getpid(), &local, 1, &remote, 1, 0) == (ssize_t)local.iov_len;
}

void sim_rt_backtrace(struct sim_fault *f, uint64_t fp)
{
    f->nframes = 0;
    while (f->nframes < SIM_FAULT_FRAMES && fp != 0 && (fp & 7) == 0) {
        uint64_t w[2];
        if (!read_pair(fp, w) || w[1] == 0) {
            break;
        }
        f->frames[f->nframes++] = w[1];
        if (w[0] <= fp) {
            break; /* frames go up the stack; anything else is not a frame */
        }
        fp = w[0];
    }
}
