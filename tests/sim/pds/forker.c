/* SPDX-License-Identifier: BSD-2-Clause */
/* Starts a process of its own that sleeps forever, prints its pid, then spins:
 * nothing it started may outlive the run (no_leak.sh). */
#define _DEFAULT_SOURCE
#include <microkit.h>
#include <stdio.h>
#include <unistd.h>

void init(void)
{
    pid_t child = fork();
    if (child == 0) {
        for (;;) {
            pause();
        }
    }
    printf("forker: child %d\n", (int)child);
    fflush(stdout);
    microkit_dbg_puts("forker: start\n");
    for (volatile int i = 0;; i++) {
    }
}

void notified(microkit_channel ch)
{
}
