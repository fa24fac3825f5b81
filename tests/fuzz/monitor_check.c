/* SPDX-License-Identifier: BSD-2-Clause */
#include "monitor_check.h"

#include "../../monitor/src/spec.h"

int monitor_spec_check(const void *blob, size_t size, const char **why)
{
    struct spec s;
    return spec_open(&s, blob, size, why);
}
