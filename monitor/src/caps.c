/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Stages 4 and 5: IRQ handlers, then caps into PD CNodes. A destination
 * slot in a PD CNode is named by the CNode's own cap with a depth of its
 * radix: the caps the monitor holds to PD CNodes carry no guard, so one
 * level of `size_bits` bits resolves exactly the slot.
 */
#include "boot.h"
#include "print.h"
#include "smp.h"

static seL4_Uint8 depth_of(const struct boot *b, uint32_t cnode)
{
    return b->spec->objects[cnode].size_bits;
}

/* Copies (badge 0) or mints the monitor's cap `src` into cnode:slot. */
static seL4_Error place(const struct boot *b, uint32_t cnode, uint32_t slot, seL4_CPtr src,
                        seL4_Word rights, uint64_t badge)
{
    seL4_CapRights_t r = {{rights}};
    if (badge == 0) {
        return seL4_CNode_Copy(boot_cap(b, cnode), slot, depth_of(b, cnode), boot_root(b), src,
                               seL4_WordBits, r);
    }
    return seL4_CNode_Mint(boot_cap(b, cnode), slot, depth_of(b, cnode), boot_root(b), src,
                           seL4_WordBits, r, badge);
}

static int irq_one(struct boot *b, const struct bs_irq *q)
{
    seL4_CPtr handler = boot_new_slot(b);
    seL4_CPtr badged = boot_new_slot(b);
    if (handler == 0 || badged == 0) {
        return -1;
    }
    seL4_Error err = smp_irq_get(b, q, handler); /* on an SMP kernel, on its PD's core */
    if (err != seL4_NoError) {
        mon_error("creating the handler of irq ");
        mon_putdec(q->irq);
        mon_puts(" failed: ");
        mon_puts(sel4_error_name(err));
        mon_puts("\n");
        return -1;
    }
    err = seL4_CNode_Mint(boot_root(b), badged, seL4_WordBits, boot_root(b),
                          boot_cap(b, q->notification), seL4_WordBits, seL4_AllRights, q->badge);
    if (boot_check(b, err, "minting a badged cap of", q->notification) != 0) {
        return -1;
    }
    err = seL4_IRQHandler_SetNotification(handler, badged);
    if (boot_check(b, err, "binding an irq to", q->notification) != 0) {
        return -1;
    }
    err = place(b, q->cnode, q->slot, handler, BS_RIGHTS_ALL, 0);
    return boot_check(b, err, "placing an irq handler in", q->cnode);
}

int boot_irqs(struct boot *b)
{
    for (uint32_t i = 0; i < b->spec->hdr->num_irqs; i++) {
        if (irq_one(b, &b->spec->irqs[i]) != 0) {
            return -1;
        }
    }
    return 0;
}

int boot_caps(struct boot *b)
{
    const struct bs_spec *s = b->spec;
    for (uint32_t i = 0; i < s->hdr->num_caps; i++) {
        const struct bs_cap *c = &s->caps[i];
        seL4_CPtr src = c->kind == BS_CAP_SMC ? seL4_CapSMC : boot_cap(b, c->obj);
        seL4_Error err = place(b, c->cnode, c->slot, src, c->rights, c->badge);
        if (boot_check(b, err, "placing a cap in", c->cnode) != 0) {
            return -1;
        }
    }
    return 0;
}
