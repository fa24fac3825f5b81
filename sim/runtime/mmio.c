/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Device accesses of a PD process (docs/simulator.md, Device models). A
 * device page is mapped without access; a load or store there faults, and
 * the fault handler comes here first: the instruction at the faulting pc is
 * decoded (mmio_decode.c), the device model performs the register access in
 * the shared block under the kernel lock (sim/kernel/devices.c), the
 * result goes to the destination register and flags, RIP moves past the
 * instruction, and the PD goes on. A device whose IRQ line comes up raises
 * its IRQ through the simulator's IRQ path, so a higher-priority driver runs
 * at once, as after a device interrupt on seL4.
 *
 * What cannot be emulated (an instruction the decoder refuses, an offset
 * without a register, a width the register has not) is reported on the
 * console, naming the PD, the address, the device and the instruction's
 * bytes, and then faults as any other access would: the fault goes to the
 * parent or is reported as the monitor does.
 */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/uio.h>
#include <ucontext.h>
#include <unistd.h>

#include "mmio_decode.h"
#include "rt.h"

#define S  sim_rt_shared
#define ME sim_rt_me

bool sim_rt_mmio_map(const struct sim_map *m)
{
    void *want = (void *)(uintptr_t)m->vaddr;
    void *p =
        mmap(want, m->size, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
    if (p != MAP_FAILED && p != want) {
        munmap(p, m->size);
        return false;
    }
    return p != MAP_FAILED;
}

static const struct sim_map *device_map(uint64_t addr)
{
    for (uint32_t i = 0; i < S->nmap; i++) {
        const struct sim_map *m = &S->maps[i];
        if (m->pd == ME && m->device >= 0 && addr >= m->vaddr && addr - m->vaddr < m->size) {
            return m;
        }
    }
    return NULL;
}

/* Up to SIM_MMIO_MAX_LEN bytes at `pc`, without faulting at the end of the text. */
static size_t read_code(uint64_t pc, uint8_t *code)
{
    uint64_t split = (pc | (SIM_PAGE - 1)) + 1 - pc;
    size_t first = split < SIM_MMIO_MAX_LEN ? (size_t)split : SIM_MMIO_MAX_LEN;
    struct iovec local = {code, SIM_MMIO_MAX_LEN};
    struct iovec remote[2] = {{(void *)(uintptr_t)pc, first},
                              {(void *)(uintptr_t)(pc + first), SIM_MMIO_MAX_LEN - first}};
    ssize_t n = process_vm_readv(getpid(), &local, 1, remote, first < SIM_MMIO_MAX_LEN ? 2 : 1, 0);
    return n > 0 ? (size_t)n : 0;
}

/* `n` bytes at pc: the instruction when decoded, else what could be read. */
static void report(const struct sim_map *m, uint64_t addr, uint64_t pc, const uint8_t *code,
                   size_t n, bool decoded, const char *why)
{
    const struct sim_dev_info *dev = sim_dev_info(m->device);
    char buf[512];
    int len = snprintf(buf, sizeof(buf),
                       "MON|ERROR: PD '%s': device access the simulator cannot emulate: %s at "
                       "address 0x%016llx (%s, offset 0x%03llx): %s\n"
                       "MON|ERROR:   %s at pc 0x%016llx:",
                       S->tcb[ME].name, dev->name, (unsigned long long)addr, m->name,
                       (unsigned long long)(addr - m->vaddr + m->paddr - dev->paddr), why,
                       decoded ? "instruction" : "instruction bytes", (unsigned long long)pc);
    for (size_t i = 0; i < n && len > 0 && (size_t)len + 4 < sizeof(buf); i++) {
        len += snprintf(buf + len, sizeof(buf) - (size_t)len, " %02x", code[i]);
    }
    if (len > 0 && (size_t)len + 2 < sizeof(buf)) {
        buf[len++] = '\n';
        sim_rt_enter();
        sim_console_write(S, buf, (size_t)len);
        sim_rt_leave();
    }
}

/* Why the decoded access cannot be emulated, or NULL; *off: the register offset. */
static const char *refusal(const struct sim_map *m, const struct sim_mmio_insn *d, uint32_t *off)
{
    if (d->addr < m->vaddr || d->addr + d->size > m->vaddr + m->size) {
        return "the access crosses the end of the device's page";
    }
    *off = (uint32_t)(d->addr - m->vaddr + m->paddr - sim_dev_info(m->device)->paddr);
    return sim_dev_check(m->device, *off, d->size, d->is_load, d->is_store);
}

static bool allowed(const struct sim_map *m, const struct sim_mmio_insn *d)
{
    return (!d->is_load || (m->prot & PROT_READ)) && (!d->is_store || (m->prot & PROT_WRITE));
}

bool sim_rt_mmio(int sig, const siginfo_t *si, ucontext_t *uc)
{
    uint64_t addr = (uint64_t)(uintptr_t)si->si_addr;
    const struct sim_map *m = sig == SIGSEGV ? device_map(addr) : NULL;
    uint64_t pc = (uint64_t)uc->uc_mcontext.gregs[REG_RIP];
    if (!m || device_map(pc)) {
        return false; /* not a device, or an instruction fetch from one */
    }
    uint8_t code[SIM_MMIO_MAX_LEN];
    size_t n = read_code(pc, code);
    struct sim_mmio_insn d;
    const char *why = "cannot read the instruction";
    uint32_t off = 0;
    if (n == 0 || sim_mmio_decode(code, n, uc, &d, &why) != 0) {
        report(m, addr, pc, code, n, false, why);
        return false;
    }
    if (!allowed(m, &d)) {
        return false; /* the map's rights refuse it: an ordinary permission fault */
    }
    if ((why = refusal(m, &d, &off)) != NULL) {
        report(m, d.addr, pc, code, d.len, true, why);
        return false;
    }
    sim_rt_enter();
    uint64_t value = d.is_load ? sim_dev_read(S, m->device, off, d.size) : 0;
    uint64_t store;
    if (sim_mmio_execute(&d, uc, value, &store)) {
        sim_dev_write(S, m->device, off, d.size, store);
    }
    sim_dev_update(S, m->device);
    sim_rt_leave();
    return true;
}
