/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Maps of device memory (only with a board): a region whose phys_addr puts
 * it wholly in one of the board's device ranges holds device registers,
 * which must be mapped uncached (a cached mapping serves reads from the
 * cache and holds back writes, so the driver and the device stop seeing
 * each other) and never executable (instruction fetches, speculative ones
 * included, would read registers whose reads have side effects). A region
 * partly outside the board's memory is mr-phys-board's.
 */
#include "checks_internal.h"

struct device_ctx {
    const struct system *sys;
    const struct board *board;
    const char *kind; /* "protection domain" or "virtual machine" */
    const char *owner;
    struct diag *d;
};

static void device_map(const struct device_ctx *c, const struct map *m)
{
    const struct mr *mr = &c->sys->mrs.items[m->mr];
    if (!mr->has_phys || !board_is_device(c->board, mr->phys_addr, mr->size)) {
        return;
    }
    unsigned long long start = mr->phys_addr, end = mr->phys_addr + mr->size;
    if (m->cached) {
        rule_report(c->d, R_MAP_DEVICE_CACHED, &m->pos, NULL, m->mr_name, c->kind, c->owner, start,
                    end, c->board->name);
    }
    if (m->perms & PERM_X) {
        rule_report(c->d, R_MAP_DEVICE_EXEC, &m->pos, NULL, m->mr_name, c->kind, c->owner, start,
                    end, c->board->name);
    }
}

static void device_maps(const struct device_ctx *c, const struct map *maps, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (maps[i].mr >= 0) {
            device_map(c, &maps[i]);
        }
    }
}

/* Runs after "regions-resolved" and "region-alignment" passed: every map names a sized region. */
void check_device_maps(struct system *sys, const struct board *board, struct diag *d)
{
    for (size_t i = 0; board && i < sys->pds.count; i++) {
        const struct pd *pd = &sys->pds.items[i];
        struct device_ctx c = {sys, board, "protection domain", name_of(pd->name), d};
        device_maps(&c, pd->maps.items, pd->maps.count);
        if (pd->vm) {
            struct device_ctx v = {sys, board, "virtual machine", name_of(pd->vm->name), d};
            device_maps(&v, pd->vm->maps.items, pd->vm->maps.count);
        }
    }
}
