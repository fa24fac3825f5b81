/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The loader's UART routine (loader/src/uart.c) over every kind's
 * description (loader/src/uart/<kind>.c), on a block of fake registers: the
 * enable bits are set at start where a kind has them, and a byte goes to
 * the data register once the status register says there is room.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "loader.h"

/* uart.c is compiled with uart_kind renamed to (*test_uart_kind). */
const struct uart_desc *test_uart_kind;

#define KIND(k) extern const struct uart_desc kind_##k;
#include "kinds.h"
#undef KIND

static const struct {
    const char *name;
    const struct uart_desc *kind;
} kinds[] = {
#define KIND(k) {#k, &kind_##k},
#include "kinds.h"
#undef KIND
};

static uint32_t regs[64];

static void put_through(const struct uart_desc *k, char c)
{
    memset(regs, 0, sizeof(regs));
    assert_true(k->data < sizeof(regs) && k->status < sizeof(regs) && k->enable < sizeof(regs));
    assert_int_not_equal(k->data, k->status);
    assert_int_not_equal(k->ready_mask, 0);
    uint32_t ready = k->ready_when_clear ? ~k->ready_mask : k->ready_mask;
    uint8_t *bytes = (uint8_t *)regs;
    if (k->byte_regs) { /* 8-bit registers at byte offsets (ns16550a) */
        bytes[k->status] = (uint8_t)ready;
    } else {
        regs[k->status / 4] = ready;
    }
    test_uart_kind = k;
    uart_init((uintptr_t)regs);
    if (k->enable_mask) {
        assert_int_equal(regs[k->enable / 4] & k->enable_mask, k->enable_mask);
    }
    uart_putc(c);
    if (k->byte_regs) {
        assert_int_equal(bytes[k->data], (uint8_t)c);
    } else {
        assert_int_equal(regs[k->data / 4], (uint8_t)c);
    }
}

static void test_every_kind_writes_when_there_is_room(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
        print_message("uart kind %s\n", kinds[i].name);
        put_through(kinds[i].kind, 'x');
        put_through(kinds[i].kind, (char)0xe9);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_kind_writes_when_there_is_room),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
