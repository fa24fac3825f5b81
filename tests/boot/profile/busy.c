/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Work for the on-target profile (tests/boot/profile): about three quarters
 * of it in crunch(), a quarter in mix() (the same loop body, 300 and 100
 * times a round), then a notification to 'idle'.
 */
#include <microkit.h>

#define PEER   0
#define ROUNDS 200000

static volatile unsigned long sink;

__attribute__((noinline)) static unsigned long mix(unsigned long x)
{
    for (int i = 0; i < 100; i++) {
        x = x * 6364136223846793005ul + 1442695040888963407ul;
        x ^= x >> 13;
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
    for (long n = 0; n < ROUNDS; n++) {
        x = crunch(x);
        x = mix(x);
    }
    sink = x;
    microkit_notify(PEER);
}

void notified(microkit_channel ch)
{
    (void)ch;
}
