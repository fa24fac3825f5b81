/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Source of the fuzz_elf seed ELFs, built at build time for the host and,
 * when the cross compiler is there, for AArch64: a few functions, data the
 * tool patches (microkit_name, a channel mask), .rodata and .bss.
 */
char microkit_name[16] = "seed";
unsigned long long microkit_irqs = 1;
unsigned long long counter;
static const char greeting[] = "hello from the seed elf";

int helper(int x);

int helper(int x)
{
    return x * 3 + greeting[x & 15];
}

void _start(void);

void _start(void)
{
    counter += (unsigned long long)helper((int)microkit_irqs) + (unsigned char)microkit_name[0];
    for (;;) {
    }
}
