/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A PD with work to profile (tests/sim/perf.sh): about three quarters of
 * its time in crunch(), a quarter in mix(), then it notifies its peer.
 */
#include <microkit.h>

#define PEER 0

static volatile unsigned long sink;

__attribute__((noinline)) static unsigned long mix(unsigned long x)
{
    for (int i = 0; i < 100; i++) {
        x ^= x >> 7;
        x *= 0x9e3779b97f4a7c15ul;
    }
    return x;
}

__attribute__((noinline)) static unsigned long crunch(unsigned long x)
{
    for (int i = 0; i < 300; i++) {
        x = x * 6364136223846793005ul + 1442695040888963407ul;
        x ^= x >> 13;
    }
    return x;
}

void init(void)
{
    unsigned long x = 1;
    for (long n = 0; n < 400000; n++) {
        x = crunch(x);
        x = mix(x);
    }
    sink = x;
    microkit_dbg_puts("busy: done\n");
    microkit_notify(PEER);
}

void notified(microkit_channel ch)
{
}
