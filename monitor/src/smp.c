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

#if defined(CONFIG_ENABLE_SMP_SUPPORT) && !defined(CONFIG_ARCH_RISCV)
/* The core of the PD whose CNode is `cnode`; 0 when no PD has it. */
static seL4_Word irq_core(const struct bs_spec *s, uint32_t cnode)
{
    for (uint32_t i = 0; i < s->hdr->num_pds; i++) {
        if (s->pds[i].cnode == cnode) {
            return s->pds[i].cpu;
        }
    }
    return 0;
}
#endif

seL4_Error smp_irq_get(const struct boot *b, const struct bs_irq *q, seL4_CPtr handler)
{
#if defined(CONFIG_ENABLE_SMP_SUPPORT) && !defined(CONFIG_ARCH_RISCV)
    return seL4_IRQControl_GetTriggerCore(seL4_CapIRQControl, q->irq, q->trigger, boot_root(b),
                                          handler, seL4_WordBits, irq_core(b->spec, q->cnode));
#else
    return seL4_IRQControl_GetTrigger(seL4_CapIRQControl, q->irq, q->trigger, boot_root(b), handler,
                                      seL4_WordBits);
#endif
}
