/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Start-up of a PD process on the host simulator, before main(): attach to
 * the shared block the runner passed, map the IPC buffer and each run of
 * memory-region frames the boot spec maps for this PD (with the spec's
 * rights), write the values the tool would have patched into the ELF, and
 * wait for the scheduler to pick this PD. Also the restart path of
 * microkit_pd_restart.
 */
#include <errno.h>
#include <stdarg.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sel4/sel4.h>

#include "rt.h"

/* Defined here, not in entry.c, so that every PD program that makes a
 * system call also links this file and its start-up constructor. */
struct sim_shared *sim_rt_shared;
int sim_rt_me = -1;
static int shared_fd = -1;
static char *restart_stack_top;

#define RESTART_STACK_SIZE (8u << 20)

static _Noreturn void die(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void check_restart(void);

static _Noreturn void die(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "microkit run: error: ");
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    _exit(SIM_EXIT_PD_SETUP);
}

static void attach(void)
{
    const char *fd_s = getenv(SIM_ENV_FD);
    const char *pd_s = getenv(SIM_ENV_PD);
    if (!fd_s || !pd_s) {
        fprintf(stderr,
                "this program is a protection domain built for the microkit host "
                "simulator\nhint: run its system with 'microkit run SYSTEM --board host'\n");
        exit(2);
    }
    shared_fd = atoi(fd_s);
    sim_rt_me = atoi(pd_s);
    struct stat st;
    if (fstat(shared_fd, &st) != 0) {
        die("bad shared state fd %s: %s", fd_s, strerror(errno));
    }
    void *p = mmap(NULL, (size_t)st.st_size, PROT_READ | PROT_WRITE, MAP_SHARED, shared_fd, 0);
    if (p == MAP_FAILED) {
        die("cannot map the shared state: %s", strerror(errno));
    }
    sim_rt_shared = p;
    if (sim_rt_shared->magic != SIM_MAGIC || sim_rt_shared->layout != sizeof(struct sim_shared)) {
        die("this PD was built against another version of the simulator's runtime; "
            "rebuild it against the SDK of this 'microkit'");
    }
}

/* Map at exactly `vaddr`; returns false with errno set when that fails. */
static bool map_fixed(uint64_t vaddr, uint64_t size, int prot, int fd, uint64_t offset)
{
    void *want = (void *)(uintptr_t)vaddr;
    void *p = mmap(want, size, prot, MAP_SHARED | MAP_FIXED_NOREPLACE, fd, (off_t)offset);
    if (p != MAP_FAILED && p != want) {
        munmap(p, size); /* a kernel without MAP_FIXED_NOREPLACE */
        errno = EEXIST;
        return false;
    }
    return p != MAP_FAILED;
}

static const char *map_error(void)
{
    return errno == EEXIST ? "the address is in use by the host process" : strerror(errno);
}

/* The IPC buffer goes at the target's address when that is free (it is not
 * under AddressSanitizer); PDs reach it through __sel4_ipc_buffer anyway. */
static void map_ipc_buffer(struct sim_shared *s)
{
    uint64_t off = s->ipc_offset + (uint64_t)sim_rt_me * SIM_PAGE;
    int prot = PROT_READ | PROT_WRITE;
    if (map_fixed(SDK_PD_IPC_BUFFER_VADDR, SIM_PAGE, prot, shared_fd, off)) {
        __sel4_ipc_buffer = (seL4_IPCBuffer *)(uintptr_t)SDK_PD_IPC_BUFFER_VADDR;
        return;
    }
    void *p = mmap(NULL, SIM_PAGE, prot, MAP_SHARED, shared_fd, (off_t)off);
    if (p == MAP_FAILED) {
        die("PD '%s': cannot map the IPC buffer: %s", s->tcb[sim_rt_me].name, strerror(errno));
    }
    __sel4_ipc_buffer = p;
}

static void map_all(void)
{
    struct sim_shared *s = sim_rt_shared;
    map_ipc_buffer(s);
    for (uint32_t i = 0; i < s->nmap; i++) {
        const struct sim_map *m = &s->maps[i];
        if (m->pd != sim_rt_me) {
            continue;
        }
        bool ok = m->device >= 0 ? sim_rt_mmio_map(m) /* a device's page: trapped */
                                 : map_fixed(m->vaddr, m->size, (int)m->prot, s->ram_fd, m->offset);
        if (!ok) {
            die("PD '%s': cannot map %s at 0x%llx: %s", s->tcb[sim_rt_me].name, m->name,
                (unsigned long long)m->vaddr, map_error());
        }
    }
}

static void apply_patches(void)
{
    struct sim_shared *s = sim_rt_shared;
    uint64_t bias = getauxval(AT_ENTRY) - s->tcb[sim_rt_me].elf_entry;
    for (uint32_t i = 0; i < s->npatch; i++) {
        const struct sim_patch *p = &s->patches[i];
        if (p->pd != sim_rt_me) {
            continue;
        }
        uintptr_t at = (uintptr_t)(p->vaddr + bias);
        uintptr_t page = at & ~(uintptr_t)(SIM_PAGE - 1);
        size_t span = at + p->len - page;
        bool ro = !(p->prot & PROT_WRITE);
        if (ro) {
            mprotect((void *)page, span, PROT_READ | PROT_WRITE);
        }
        memcpy((void *)at, p->data, p->len);
        if (ro) {
            mprotect((void *)page, span, (int)p->prot);
        }
    }
}

static void *alloc_restart_stack(void)
{
    void *p = mmap(NULL, RESTART_STACK_SIZE, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_STACK, -1, 0);
    if (p == MAP_FAILED) {
        die("cannot allocate a stack: %s", strerror(errno));
    }
    return (char *)p + RESTART_STACK_SIZE;
}

__attribute__((constructor(101))) static void sim_rt_start(void)
{
    attach();
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() == 1) {
        _exit(0);
    }
    struct sim_shared *s = sim_rt_shared;
    map_all();
    apply_patches();
    restart_stack_top = alloc_restart_stack();
    sim_rt_restart_hook = check_restart;
    sim_rt_signals_init();
    __atomic_store_n(&s->tcb[sim_rt_me].pid, getpid(), __ATOMIC_RELEASE);
    sim_doorbell(s); /* the runner times --irq from when every PD has started */
    if (getenv(SIM_ENV_GDB)) {
        sim_rt_gdb_stop();
    }
    if (getenv(SIM_ENV_PERF)) {
        raise(SIGSTOP); /* until the runner has perf recording us (runner/perf.c) */
    }
    sim_rt_wait_cpu();
    sim_rt_check_restart();
}

extern int main(void);

static _Noreturn void restart_main(void)
{
    main();
    _exit(0);
}

/* Continue at `pc` on a fresh stack: the PD's entry (its ELF entry or the
 * target's text base) means main(); any other value is a function address. */
static _Noreturn void restart_at(uint64_t pc)
{
    void (*entry)(void) = restart_main;
    uint64_t bias = getauxval(AT_ENTRY) - sim_rt_shared->tcb[sim_rt_me].elf_entry;
    if (pc != 0 && pc != SDK_PD_TEXT_BASE && pc + bias != getauxval(AT_ENTRY)) {
        entry = (void (*)(void))(uintptr_t)pc;
    }
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
    __asm__ volatile("mov %0, %%rsp\n\t"
                     "xor %%ebp, %%ebp\n\t"
                     "call *%1\n\t"
                     "ud2"
                     :
                     : "r"(restart_stack_top), "r"(entry)
                     : "memory");
    __builtin_unreachable();
}

/* The restart hook (entry.c): a pending microkit_pd_restart runs now. */
static void check_restart(void)
{
    struct sim_shared *s = sim_rt_shared;
    struct sim_tcb *t = &s->tcb[sim_rt_me];
    if (!__atomic_load_n(&t->restart_pending, __ATOMIC_ACQUIRE)) {
        return;
    }
    sim_lock(s);
    uint64_t pc = t->restart_pc;
    t->restart_pending = 0;
    if (t->state == SIM_RESTART) {
        t->state = SIM_RUNNING;
    }
    sim_unlock(s);
    restart_at(pc);
}
