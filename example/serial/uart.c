/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * uart: the PL011 driver. It owns the UART's receive side and its
 * interrupt: every character received goes into the rx queue for the
 * virtualiser. It also writes out everything the virtualiser puts in the
 * tx queue, polling the transmit FIFO.
 *
 * In a debug build the kernel prints on this UART too (seL4_DebugPutChar,
 * microkit_dbg_puts, the kernel's own messages); it only ever writes the
 * data register, as this driver does, so the two mix at worst character
 * by character. The driver never reprograms the line (baud rate, format,
 * FIFO enable): that would disturb the kernel's output and, on QEMU, drop
 * a character received before the driver started. The kernel never reads
 * the UART, so the receive side is the driver's alone.
 */
#include <stdint.h>

#include <microkit.h>

#include "serial_queue.h"

#define IRQ  0 /* the UART's interrupt: SPI 1, irq 33 (RISC-V: PLIC source 10) */
#define VIRT 1 /* the virtualiser */

#ifdef __riscv
/*
 * RISC-V 64 (qemu_virt_riscv64, riscv64/serial.system): QEMU's 16550A,
 * byte registers one byte apart.
 */
#define NS_RBR     0 /* receive buffer (read) */
#define NS_THR     0 /* transmit holding (write) */
#define NS_IER     1
#define NS_LSR     5
#define IER_ERBFI  (1u << 0) /* receive data available */
#define LSR_DR     (1u << 0) /* data ready */
#define LSR_ERRORS 0x1eu     /* overrun, parity, framing, break */
#define LSR_THRE   (1u << 5) /* transmit holding register empty */
#endif

/* PL011 registers (ARM DDI 0183), as offsets in 32-bit words. */
#define UARTDR   (0x000 / 4)
#define UARTFR   (0x018 / 4)
#define UARTIMSC (0x038 / 4)
#define UARTICR  (0x044 / 4)

#define FR_RXFE  (1u << 4) /* receive FIFO empty */
#define FR_TXFF  (1u << 5) /* transmit FIFO full */
#define INT_RX   (1u << 4) /* receive */
#define INT_RT   (1u << 6) /* receive timeout: characters wait below the FIFO level */
#define DR_ERROR 0xf00u    /* framing, parity, break, overrun */

uintptr_t uart_base SETVAR; /* the registers, mapped uncached */
uintptr_t rx_queue SETVAR;
uintptr_t tx_queue SETVAR;

#ifdef __riscv
static volatile uint8_t *regs;
#else
static volatile uint32_t *regs;
#endif
static struct microkit_queue rx, tx;
static unsigned long dropped; /* received while the rx queue was full */

#ifdef __riscv
static void uart_putc(char c)
{
    while (!(regs[NS_LSR] & LSR_THRE)) {
    }
    regs[NS_THR] = (uint8_t)c;
}
#else
static void uart_putc(char c)
{
    while (regs[UARTFR] & FR_TXFF) {
    }
    regs[UARTDR] = (uint32_t)(unsigned char)c;
}
#endif

/* Everything the virtualiser queued, until the queue is empty and we asked to hear of more. */
static void transmit(void)
{
    char c;
    for (;;) {
        while (microkit_queue_dequeue(&tx, &c) == MICROKIT_QUEUE_OK) {
            if (c == '\n') {
                uart_putc('\r');
            }
            uart_putc(c);
        }
        if (microkit_queue_consumer_wait_request(&tx)) {
            break;
        }
    }
    if (microkit_queue_consumer_should_notify(&tx)) {
        microkit_notify(VIRT); /* it waited for room */
    }
}

#ifdef __riscv
static void receive(void)
{
    uint8_t lsr;
    while ((lsr = regs[NS_LSR]) & LSR_DR) {
        char c = (char)regs[NS_RBR];
        if ((lsr & LSR_ERRORS) == 0 && microkit_queue_enqueue(&rx, &c) != MICROKIT_QUEUE_OK) {
            dropped++;
        }
    }
    if (microkit_queue_producer_should_notify(&rx)) {
        microkit_notify(VIRT);
    }
}
#else
static void receive(void)
{
    while (!(regs[UARTFR] & FR_RXFE)) {
        uint32_t d = regs[UARTDR];
        char c = (char)(d & 0xff);
        if ((d & DR_ERROR) == 0 && microkit_queue_enqueue(&rx, &c) != MICROKIT_QUEUE_OK) {
            dropped++;
        }
    }
    regs[UARTICR] = INT_RX | INT_RT;
    if (microkit_queue_producer_should_notify(&rx)) {
        microkit_notify(VIRT);
    }
}
#endif

void init(void)
{
#ifdef __riscv
    regs = (volatile uint8_t *)uart_base;
#else
    regs = (volatile uint32_t *)uart_base;
#endif
    serial_queue_init(&rx, rx_queue);
    serial_queue_init(&tx, tx_queue);
    transmit(); /* nothing to send yet; asks the virtualiser to tell us when there is */
    /* Characters that arrived before now are in the FIFO: take them first. */
    receive();
#ifdef __riscv
    regs[NS_IER] = regs[NS_IER] | IER_ERBFI;
#else
    regs[UARTIMSC] = regs[UARTIMSC] | INT_RX | INT_RT;
#endif
}

void notified(microkit_channel ch)
{
    switch (ch) {
    case IRQ:
        receive();
        microkit_irq_ack(IRQ);
        break;
    case VIRT:
        transmit();
        break;
    default:
        break;
    }
}
