/* SPDX-License-Identifier: BSD-2-Clause */
/* An inline function from a header: its rows name this file. */
static inline int add_one(int x)
{
    if (x & 1) {
        return x + 1;
    }
    return x - 1;
}
