/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * What the simulator's runner needs from a PD's host ELF: its machine, entry
 * point, loadable segments (to check that no memory region collides with
 * them) and symbols (to patch values and to name the function of a fault).
 */
#ifndef SIM_HOSTELF_H
#define SIM_HOSTELF_H

#include <stddef.h>
#include <stdint.h>

struct hostelf_seg {
    uint64_t vaddr;
    uint64_t memsz;
    unsigned flags; /* PF_R 4, PF_W 2, PF_X 1 */
};

struct hostelf_sym {
    char *name;
    uint64_t value;
    uint64_t size;
    int is_func;
};

struct hostelf {
    char *path;
    unsigned machine;
    int is_pie;
    uint64_t entry;
    struct hostelf_seg *segs;
    size_t nsegs;
    struct hostelf_sym *syms; /* sorted by value */
    size_t nsyms;
};

/* Read `path`. Returns 0, or -1 with a message in `err` (size `errlen`). */
int hostelf_load(const char *path, struct hostelf *e, char *err, size_t errlen);
void hostelf_free(struct hostelf *e);

/* The symbol called `name`, or NULL. */
const struct hostelf_sym *hostelf_find(const struct hostelf *e, const char *name);
/* The function containing `addr` (ELF address), or NULL. */
const struct hostelf_sym *hostelf_func_at(const struct hostelf *e, uint64_t addr);
/* The segment containing `addr`, or NULL. */
const struct hostelf_seg *hostelf_seg_at(const struct hostelf *e, uint64_t addr);

#endif /* SIM_HOSTELF_H */
