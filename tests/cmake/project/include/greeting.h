/* SPDX-License-Identifier: BSD-2-Clause */
#pragma once

/* The line the hello PD prints. */
const char *greeting(void);
