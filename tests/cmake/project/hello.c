/* SPDX-License-Identifier: BSD-2-Clause */
/* The hello example's PD, its text from a library of the project. */
#include <microkit.h>

#include "greeting.h"

void init(void)
{
    microkit_dbg_puts(greeting());
}

void notified(microkit_channel ch)
{
}
