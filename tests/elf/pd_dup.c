/* SPDX-License-Identifier: BSD-2-Clause */
/* A second static function named dup_fn, so the symbol name is ambiguous. */
static int __attribute__((noinline)) dup_fn(int x)
{
    return x + 7;
}

int dup_fn_user(void)
{
    return dup_fn(1);
}
