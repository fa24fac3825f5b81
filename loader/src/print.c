/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * LDR| messages. A small printf: %s, %c, %d/%u/%x with an optional 'l'
 * (long), and %% — all the loader needs. Every line ends in "\r\n".
 */
#include <stdarg.h>

#include "loader.h"

static int enabled;

void print_enable(int on)
{
    enabled = on;
}

int print_enabled(void)
{
    return enabled;
}

static void put_str(const char *s)
{
    while (*s) {
        if (*s == '\n') {
            uart_putc('\r');
        }
        uart_putc(*s++);
    }
}

static void put_num(uint64_t v, unsigned base)
{
    char buf[24];
    int i = 0;
    do {
        buf[i++] = "0123456789abcdef"[v % base];
        v /= base;
    } while (v);
    while (i) {
        uart_putc(buf[--i]);
    }
}

static void put_signed(int64_t v)
{
    if (v < 0) {
        uart_putc('-');
        put_num(-(uint64_t)v, 10);
    } else {
        put_num((uint64_t)v, 10);
    }
}

static void vformat(const char *fmt, va_list ap)
{
    for (; *fmt; fmt++) {
        if (*fmt != '%') {
            if (*fmt == '\n') {
                uart_putc('\r');
            }
            uart_putc(*fmt);
            continue;
        }
        int is_long = 0;
        if (fmt[1] == 'l') {
            is_long = 1;
            fmt++;
        }
        switch (*++fmt) {
        case 's':
            put_str(va_arg(ap, const char *));
            break;
        case 'c':
            uart_putc((char)va_arg(ap, int));
            break;
        case 'd':
            put_signed(is_long ? va_arg(ap, long) : va_arg(ap, int));
            break;
        case 'u':
            put_num(is_long ? va_arg(ap, unsigned long) : va_arg(ap, unsigned), 10);
            break;
        case 'x':
            put_num(is_long ? va_arg(ap, unsigned long) : va_arg(ap, unsigned), 16);
            break;
        case '%':
            uart_putc('%');
            break;
        default:
            return; /* an unknown conversion: stop rather than misread arguments */
        }
    }
}

static void emit(const char *prefix, const char *fmt, va_list ap)
{
    put_str(prefix);
    vformat(fmt, ap);
    put_str("\n");
}

void log_info(const char *fmt, ...)
{
    if (!enabled) {
        return;
    }
    va_list ap;
    va_start(ap, fmt);
    emit("LDR|INFO: ", fmt, ap);
    va_end(ap);
}

void log_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    emit("LDR|ERROR: ", fmt, ap);
    va_end(ap);
}
