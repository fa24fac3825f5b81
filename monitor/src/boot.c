/* SPDX-License-Identifier: BSD-2-Clause */
#include "boot.h"
#include "print.h"

seL4_CPtr boot_new_slot(struct boot *b)
{
    struct alloc *a = &b->alloc;
    if (a->next_slot >= a->slot_end) {
        mon_error("out of cap slots in the monitor's system cnode\n");
        return 0;
    }
    return a->next_slot++;
}

int boot_check(const struct boot *b, seL4_Error err, const char *what, uint32_t obj)
{
    if (err == seL4_NoError) {
        return 0;
    }
    mon_error(what);
    mon_puts(" '");
    mon_puts(bs_object_name(b->spec, obj));
    mon_puts("' failed: ");
    mon_puts(sel4_error_name(err));
    mon_puts("\n");
    return -1;
}

static void check_ram(const struct boot *b)
{
    uint64_t needed = b->spec->hdr->untyped_bytes_needed;
    if (b->alloc.ram_bytes < needed) {
        mon_error("boot info lists ");
        mon_puthex(b->alloc.ram_bytes);
        mon_puts(" bytes of RAM untypeds but the system was planned with ");
        mon_puthex(needed);
        mon_puts(" (is the kernel built for this board's memory?)\n");
    }
}

int boot_run(struct boot *b, const struct bs_spec *spec, const seL4_BootInfo *bi, void *scratch)
{
    b->spec = spec;
    b->bi = bi;
    b->scratch = scratch;
    b->scratch_pt[0] = 0;
    b->scratch_pt[1] = 0;
    alloc_init(&b->alloc, bi);
    check_ram(b);
    if (boot_cspace(b) != 0 || boot_objects(b) != 0 || boot_fill(b) != 0 || boot_vspaces(b) != 0 ||
        boot_irqs(b) != 0 || boot_caps(b) != 0 || boot_threads(b) != 0) {
        return -1;
    }
    if (boot_start(b) != 0) {
        return -1;
    }
    return boot_domains(b);
}
