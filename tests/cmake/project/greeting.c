/* SPDX-License-Identifier: BSD-2-Clause */
#include "greeting.h"

const char *greeting(void)
{
    return "hello, world\n";
}
