/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Source of the fuzz_elf seed ELFs, built at build time for the host and,
 * when the cross compiler is there, for AArch64: a few functions, the data
 * the patch stage writes (as libmicrokit defines it), .rodata and .bss.
 * fuzz_pipeline uses the AArch64 one as every PD's program image.
 */
char microkit_name[64] = "seed";
unsigned char microkit_passive = 0;
unsigned long long microkit_irqs = 1;
unsigned long long microkit_notifications = 2;
unsigned long long microkit_pps = 4;
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
    counter += (unsigned long long)helper((int)microkit_irqs) + (unsigned char)microkit_name[0] +
               microkit_passive + microkit_notifications + microkit_pps;
    for (;;) {
    }
}
