/* SPDX-License-Identifier: BSD-2-Clause */
/* A program for addr2line.sh: a few functions over several lines, one of
 * them inlined, so the line table has rows in two files and many lines. */
#include "addr2line_prog.h"

static volatile int sink;

__attribute__((noinline)) static int twice(int x)
{
    int y = x * 2;
    if (y > 10) {
        y -= 3;
    }
    return y;
}

__attribute__((noinline)) int loop(int n)
{
    int total = 0;
    for (int i = 0; i < n; i++) {
        total += twice(i);
        total ^= add_one(total);
    }
    return total;
}

int main(void)
{
    sink = loop(sink + 5);
    sink = twice(sink);
    return 0;
}
