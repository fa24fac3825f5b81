/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The lower-priority PD of tests/boot/profile: on busy's notification it
 * computes in tally() (about a quarter of busy's work) while busy waits in
 * its event loop, so its samples must not go to the higher-priority busy,
 * which ran in the same interval but sits in a blocking system call.
 */
#include <microkit.h>

#define ROUNDS 50000

static volatile unsigned long count;

__attribute__((noinline)) static unsigned long tally(unsigned long x)
{
    for (int i = 0; i < 400; i++) {
        x = x * 6364136223846793005ul + 1442695040888963407ul;
        x ^= x >> 13;
    }
    return x;
}

void init(void)
{
}

void notified(microkit_channel ch)
{
    (void)ch;
    unsigned long x = count;
    for (long n = 0; n < ROUNDS; n++) {
        x = tally(x);
    }
    count = x + 1;
}
