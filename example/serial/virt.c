/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * virt: the serial virtualiser between the driver and two clients.
 *
 * Input: characters from the driver's rx queue go to one client at a time,
 * a line each, in turn (client0 gets the first line, client1 the second,
 * and so on). A carriage return ends a line as a newline does (a terminal
 * sends one for Enter); "\r\n" counts once.
 *
 * Output: each client's characters are collected into a line of its own
 * and the whole line is passed to the driver's tx queue, so lines of the
 * two clients never mix.
 *
 * Every notification means "look at the queues": whoever sent it, the
 * virtualiser moves whatever can move.
 */
#include <stdbool.h>
#include <stdint.h>

#include <microkit.h>

#include "serial_queue.h"

#define DRIVER      0
#define NUM_CLIENTS 2 /* channel 1 + i is client i */
#define LINE_MAX    128

uintptr_t driver_rx SETVAR;
uintptr_t driver_tx SETVAR;
uintptr_t client0_rx SETVAR;
uintptr_t client0_tx SETVAR;
uintptr_t client1_rx SETVAR;
uintptr_t client1_tx SETVAR;

struct client {
    struct microkit_queue rx, tx; /* we produce rx and consume tx */
    char line[LINE_MAX];          /* output being collected */
    uint32_t len, sent;
    bool complete; /* line ends here: pass it on */
};

static struct microkit_queue from_driver, to_driver;
static struct client clients[NUM_CLIENTS];
static unsigned target;   /* the client the current input line goes to */
static bool after_return; /* the last input character was '\r' */

/* One input character, for the current target. */
static void route(char c)
{
    if (c == '\n' && after_return) {
        after_return = false;
        return;
    }
    after_return = c == '\r';
    if (c == '\r') {
        c = '\n';
    }
    microkit_queue_enqueue(&clients[target].rx, &c); /* a client that does not read loses input */
    if (c == '\n') {
        target = (target + 1) % NUM_CLIENTS;
    }
}

static void pump_input(void)
{
    char c;
    for (;;) {
        while (microkit_queue_dequeue(&from_driver, &c) == MICROKIT_QUEUE_OK) {
            route(c);
        }
        if (microkit_queue_consumer_wait_request(&from_driver)) {
            break;
        }
    }
    for (unsigned i = 0; i < NUM_CLIENTS; i++) {
        if (microkit_queue_producer_should_notify(&clients[i].rx)) {
            microkit_notify(1 + i);
        }
    }
}

/* The client's complete line into the driver's queue; false: the queue is full, wait. */
static bool flush_line(struct client *cl)
{
    while (cl->sent < cl->len) {
        if (microkit_queue_enqueue(&to_driver, &cl->line[cl->sent]) == MICROKIT_QUEUE_OK) {
            cl->sent++;
        } else if (microkit_queue_producer_wait_request(&to_driver)) {
            return false;
        }
    }
    cl->len = cl->sent = 0;
    cl->complete = false;
    return true;
}

static void pump_output(unsigned i)
{
    struct client *cl = &clients[i];
    char c;
    for (;;) {
        if (cl->complete && !flush_line(cl)) {
            return; /* the driver notifies us when it has room */
        }
        while (!cl->complete && microkit_queue_dequeue(&cl->tx, &c) == MICROKIT_QUEUE_OK) {
            cl->line[cl->len++] = c;
            cl->complete = c == '\n' || cl->len == LINE_MAX;
        }
        if (!cl->complete && microkit_queue_consumer_wait_request(&cl->tx)) {
            break;
        }
    }
    if (microkit_queue_consumer_should_notify(&cl->tx)) {
        microkit_notify(1 + i); /* it waited for room */
    }
}

/* Move whatever can move; each queue ends empty with a request to hear of more, or full. */
static void pump(void)
{
    pump_input();
    for (unsigned i = 0; i < NUM_CLIENTS; i++) {
        pump_output(i);
    }
    if (microkit_queue_producer_should_notify(&to_driver)) {
        microkit_notify(DRIVER);
    }
}

void init(void)
{
    const uintptr_t rx[NUM_CLIENTS] = {client0_rx, client1_rx};
    const uintptr_t tx[NUM_CLIENTS] = {client0_tx, client1_tx};
    serial_queue_init(&from_driver, driver_rx);
    serial_queue_init(&to_driver, driver_tx);
    for (unsigned i = 0; i < NUM_CLIENTS; i++) {
        serial_queue_init(&clients[i].rx, rx[i]);
        serial_queue_init(&clients[i].tx, tx[i]);
    }
    /* The driver ran first and may have input queued already: move it, and ask to hear of more. */
    pump();
}

void notified(microkit_channel ch)
{
    pump();
}
