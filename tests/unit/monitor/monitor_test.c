/* SPDX-License-Identifier: BSD-2-Clause */
#include <string.h>

#include "fake_sel4.h"
#include "monitor_test.h"

void make_bootinfo(seL4_BootInfo *bi, const struct fake_untyped *uts, unsigned n)
{
    memset(bi, 0, sizeof(*bi));
    bi->empty.start = FIRST_EMPTY;
    bi->empty.end = 1ul << 17;
    bi->schedcontrol.start = SCHED_CONTROL;
    bi->schedcontrol.end = SCHED_CONTROL + 1;
    bi->untyped.start = FIRST_UNTYPED;
    bi->untyped.end = FIRST_UNTYPED + n;
    bi->initThreadCNodeSizeBits = 17;
    for (unsigned i = 0; i < n; i++) {
        bi->untypedList[i].paddr = uts[i].paddr;
        bi->untypedList[i].sizeBits = (seL4_Uint8)uts[i].bits;
        bi->untypedList[i].isDevice = (seL4_Uint8)uts[i].device;
    }
    fake_set_untypeds(bi);
}
