/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A PD that writes garbage over the simulator's shared kernel state (as a
 * buggy or hostile PD could: the block is mapped into every PD process),
 * then spins. The runner must notice and stop the run, not crash or hang
 * (damage.sh).
 */
#define _DEFAULT_SOURCE
#include <microkit.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>

void init(void)
{
    const char *fd_s = getenv("MICROKIT_SIM_FD");
    struct stat st;
    int fd = fd_s ? atoi(fd_s) : -1;
    microkit_dbg_puts("scribble: start\n");
    if (fd < 0 || fstat(fd, &st) != 0) {
        return;
    }
    unsigned char *p = mmap(NULL, (size_t)st.st_size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (p == MAP_FAILED) {
        return;
    }
    /* Everything after the header words and the lock: the scheduler, the
     * threads, the console ring's indexes. */
    memset(p + 64, 0x7f, (size_t)st.st_size - 64);
    __asm__ volatile("" : : "r"(p) : "memory"); /* the stores are the point: keep them */
    for (volatile int i = 0;; i++) {
    }
}

void notified(microkit_channel ch)
{
}
