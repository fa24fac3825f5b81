/* SPDX-License-Identifier: BSD-2-Clause */
/* Placing threads on cores (smp.h). */
#include "smp.h"
#include "print.h"

unsigned smp_cores(const seL4_BootInfo *bi)
{
    return (unsigned)(bi->schedcontrol.end - bi->schedcontrol.start);
}

seL4_CPtr smp_sched_control(const struct boot *b, const struct bs_pd *p)
{
    unsigned cores = smp_cores(b->bi);
    if (p->cpu >= cores) {
        mon_error("thread '");
        mon_puts(bs_str(b->spec, p->name));
        mon_puts("' is for core ");
        mon_putdec(p->cpu);
        mon_puts(", but the kernel runs on ");
        mon_putdec(cores);
        mon_puts(cores == 1 ? " core\n" : " cores\n");
        return 0;
    }
    return b->bi->schedcontrol.start + p->cpu;
}
