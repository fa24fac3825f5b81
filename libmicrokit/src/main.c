/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The PD runtime: main() calls init(), then runs the event loop, turning
 * each badge the kernel delivers into calls of notified(), protected() or
 * fault(). Written only against the seL4 ABI layer, so the host simulator
 * builds this same file with its own trap layer.
 */
#include <microkit.h>

__attribute__((weak)) microkit_msginfo protected(microkit_channel ch, microkit_msginfo msginfo)
{
    microkit_dbg_puts(microkit_name);
    microkit_dbg_puts(" is missing the 'protected' entry point\n");
    microkit_internal_crash(0);
}

__attribute__((weak)) seL4_Bool fault(microkit_child child, microkit_msginfo msginfo,
                                      microkit_msginfo *reply_msginfo)
{
    microkit_dbg_puts(microkit_name);
    microkit_dbg_puts(" is missing the 'fault' entry point\n");
    microkit_internal_crash(0);
}

static void handle_notifications(seL4_Word badge)
{
    for (microkit_channel ch = 0; badge != 0; ch++, badge >>= 1) {
        if (badge & 1) {
            notified(ch);
        }
    }
}

/* Run the entry point for one event; true if the sender expects `reply`. */
static seL4_Bool handle_event(seL4_Word badge, microkit_msginfo tag, microkit_msginfo *reply)
{
    if (badge & (1ull << SDK_BADGE_FAULT_BIT)) {
        return fault((microkit_child)(badge & 0xff), tag, reply);
    }
    if (badge & (1ull << SDK_BADGE_PPC_BIT)) {
        *reply = protected((microkit_channel)(badge & 0x3f), tag);
        return seL4_True;
    }
    handle_notifications(badge);
    return seL4_False;
}

/*
 * Block for the next event. A pending reply is sent with the receive; a
 * pending deferred signal goes out first (with its own send when there is
 * also a reply, so it is never held back behind the next event).
 */
static microkit_msginfo next_event(seL4_Bool have_reply, microkit_msginfo reply, seL4_Word *badge)
{
    if (have_reply) {
        if (microkit_have_signal) {
            microkit_have_signal = seL4_False;
            seL4_Send(microkit_signal_cap, microkit_signal_msg);
        }
        return seL4_ReplyRecv(MICROKIT_INPUT_CAP, reply, badge, MICROKIT_REPLY_CAP);
    }
    if (microkit_have_signal) {
        microkit_have_signal = seL4_False;
        return seL4_NBSendRecv(microkit_signal_cap, microkit_signal_msg, MICROKIT_INPUT_CAP, badge,
                               MICROKIT_REPLY_CAP);
    }
    return seL4_Recv(MICROKIT_INPUT_CAP, badge, MICROKIT_REPLY_CAP);
}

static void event_loop(void)
{
    seL4_Bool have_reply = seL4_False;
    microkit_msginfo reply = seL4_MessageInfo_new(0, 0, 0, 0);
    for (;;) {
        seL4_Word badge = 0;
        microkit_msginfo tag = next_event(have_reply, reply, &badge);
        have_reply = handle_event(badge, tag, &reply);
    }
}

/* An IRQ may have been raised before the PD existed; acknowledge each once. */
static void ack_irqs(void)
{
    for (microkit_channel ch = 0; ch <= MICROKIT_MAX_CHANNEL_ID; ch++) {
        if (microkit_irqs & (1ull << ch)) {
            seL4_IRQHandler_Ack(BASE_IRQ_CAP + ch);
        }
    }
}

int main(void)
{
    init();
    /*
     * A passive PD tells the monitor (with an empty message on MONITOR_EP,
     * sent with the first receive) that init is done, so the monitor can
     * move the PD's scheduling context to its notification.
     */
    if (microkit_passive) {
        microkit_have_signal = seL4_True;
        microkit_signal_msg = seL4_MessageInfo_new(0, 0, 0, 0);
        microkit_signal_cap = MONITOR_EP;
    }
    ack_irqs();
    event_loop();
    return 0;
}
