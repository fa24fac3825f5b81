/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The timer driver's protocol, shared by the driver and its clients.
 *
 * Protected calls on the client's channel to the driver:
 *   TIMER_NOW          no arguments; returns the time since boot in
 *                      nanoseconds in MR 0
 *   TIMER_SET_TIMEOUT  MR 0: a delay in nanoseconds; the driver notifies
 *                      the channel once that much time has passed. A new
 *                      timeout replaces the pending one.
 * Both return label TIMER_OK, or TIMER_BAD_CALL for an unknown label or a
 * missing argument.
 */
#ifndef EXAMPLE_TIMER_CLIENT_H
#define EXAMPLE_TIMER_CLIENT_H

enum timer_call { TIMER_NOW = 1, TIMER_SET_TIMEOUT = 2 };
enum timer_status { TIMER_OK = 0, TIMER_BAD_CALL = 1 };

#define NS_PER_S 1000000000ull

#endif /* EXAMPLE_TIMER_CLIENT_H */
