/* SPDX-License-Identifier: BSD-2-Clause */
/* Work for the utilisation report (tests/boot/profile), then a notification to 'idle'. */
#include <microkit.h>

#define PEER 0

static volatile unsigned long sink;

void init(void)
{
    unsigned long x = 1;
    for (long n = 0; n < 20000000; n++) {
        x = x * 6364136223846793005ul + 1442695040888963407ul;
        x ^= x >> 13;
    }
    sink = x;
    microkit_notify(PEER);
}

void notified(microkit_channel ch)
{
    (void)ch;
}
