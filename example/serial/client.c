/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * client: a serial client. Both client PDs run this program; each knows
 * itself by its PD name (microkit_name). It says it is ready, then echoes
 * every line it receives, upper-cased, after its name:
 *     client0: HELLO
 * All its output goes through the virtualiser and the driver: it never
 * calls microkit_dbg_puts, so its lines cannot mix with anyone else's.
 * While its output queue is full it stops reading input, and goes on when
 * the virtualiser says there is room.
 */
#include <stdbool.h>
#include <stdint.h>

#include <microkit.h>

#include "serial_queue.h"

#define VIRT     0
#define LINE_MAX 128

uintptr_t rx_queue SETVAR;
uintptr_t tx_queue SETVAR;

static struct microkit_queue rx, tx;
static char out[MICROKIT_PD_NAME_LENGTH + LINE_MAX + 3]; /* "name: LINE\n" */
static uint32_t out_len, out_sent;
static bool pending; /* out holds a complete line not yet all sent */

static void append(const char *s)
{
    while (*s && out_len < sizeof(out) - 1) {
        out[out_len++] = *s++;
    }
}

static void start_line(void)
{
    out_len = out_sent = 0;
    append(microkit_name);
    append(": ");
}

/* The pending line into the tx queue; false while the queue is full. */
static bool send(void)
{
    while (out_sent < out_len) {
        if (microkit_queue_enqueue(&tx, &out[out_sent]) == MICROKIT_QUEUE_OK) {
            out_sent++;
        } else if (microkit_queue_producer_wait_request(&tx)) {
            return false;
        }
    }
    out_len = out_sent = 0;
    pending = false;
    if (microkit_queue_producer_should_notify(&tx)) {
        microkit_notify(VIRT);
    }
    return true;
}

static char upper(char c)
{
    return c >= 'a' && c <= 'z' ? (char)(c - 'a' + 'A') : c;
}

/* Echo what has arrived, until the input queue is empty and we asked to hear of more. */
static void process(void)
{
    static bool in_line;
    char c;
    for (;;) {
        if (pending && !send()) {
            return;
        }
        while (microkit_queue_dequeue(&rx, &c) == MICROKIT_QUEUE_OK) {
            if (!in_line) {
                start_line();
                in_line = true;
            }
            char s[2] = {c == '\n' ? '\n' : upper(c), 0};
            append(s);
            if (c == '\n' || out_len == sizeof(out) - 1) {
                in_line = false;
                pending = true;
                if (out[out_len - 1] != '\n') {
                    out[out_len - 1] = '\n';
                }
                if (!send()) {
                    return;
                }
            }
        }
        if (microkit_queue_consumer_wait_request(&rx)) {
            break;
        }
    }
}

void init(void)
{
    serial_queue_init(&rx, rx_queue);
    serial_queue_init(&tx, tx_queue);
    start_line();
    append("ready\n");
    pending = true;
    /* Input may have arrived before we ran: process() takes it, then asks to be told of more. */
    process();
}

void notified(microkit_channel ch)
{
    process();
}
