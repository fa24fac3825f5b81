/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Fuzz target: the board reader on an arbitrary file. A failed load must
 * leave nothing to free (board_free after it is harmless); a successful one
 * must give a board whose ranges the queries can walk.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "board.h"
#include "diag.h"
#include "fuzz_util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void query(const struct board *b)
{
    static const uint64_t probes[][2] = {
        {0, 0x1000},
        {0x40000000, 0x1000},
        {0x60000000, 0x200000},
        {0x9000000, 0x1000},
        {UINT64_MAX - 0xfff, 0x1000},
        {0x1000, UINT64_MAX},
        {0, 0},
    };
    for (size_t i = 0; i < sizeof(probes) / sizeof(probes[0]); i++) {
        (void)board_is_ram(b, probes[i][0], probes[i][1]);
        (void)board_is_device(b, probes[i][0], probes[i][1]);
    }
    for (size_t i = 0; i < b->ram.count; i++) {
        (void)board_is_ram(b, b->ram.items[i].base, b->ram.items[i].size);
    }
    for (size_t i = 0; i < b->devices.count; i++) {
        (void)board_is_device(b, b->devices.items[i].base, b->devices.items[i].size);
    }
    if (!b->name || !board_uart_kind_name(b->uart_kind)) {
        abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = fuzz_temp_file(data, size, ".xml");
    for (int named = 0; named < 2; named++) {
        struct board b;
        struct diag d;
        memset(&b, 0, sizeof(b));
        diag_init(&d, NULL);
        int rc = board_load_file(path, named ? "qemu_virt_aarch64" : NULL, &b, &d);
        if ((rc == 0) != (d.errors == 0)) {
            abort(); /* the result must agree with what was reported */
        }
        if (rc == 0) {
            query(&b);
        }
        board_free(&b);
        diag_free(&d);
    }
    return 0;
}
