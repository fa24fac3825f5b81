/* SPDX-License-Identifier: BSD-2-Clause */
#include <string.h>

#include "board.h"
#include "sim/devices.h"
#include "util.h"

/*
 * The host board has no file: its devices are the simulator's models
 * (sim/devices.h), so the tool and the simulator cannot disagree on them.
 * The rest of the physical address space is plain memory: the simulator
 * gives each region fresh memory, and a phys_addr only names the value
 * setvar region_paddr reports.
 */
void board_host(struct board *b)
{
    memset(b, 0, sizeof(*b));
    b->name = xstrdup("host");
    b->host = true;
    b->pa_bits = 48;
    b->num_cpus = 1;
    *VEC_PUSH(b->ram) = (struct mem_range){.base = 0, .size = 1ull << 48};
    for (int i = 0; i < SIM_NUM_DEVS; i++) {
        const struct sim_dev_info *dev = sim_dev_info(i);
        *VEC_PUSH(b->devices) = (struct mem_range){.base = dev->paddr, .size = dev->size};
    }
}
