/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Boards are data: boards/<name>.xml, validated by schema/board.xsd, read
 * here into a struct board. The tool uses it for checks and layout; the
 * target build turns it into loader settings through `microkit board-info`.
 */
#ifndef TOOL_BOARD_H
#define TOOL_BOARD_H

#include <stdbool.h>
#include <stdint.h>

#include "diag.h"
#include "model.h"

enum uart_kind {
    UART_PL011 = 1,
    UART_IMX = 2,
    UART_MESON = 3,       /* Amlogic (ODROID-C2, -C4) */
    UART_CADENCE = 4,     /* Xilinx Zynq UltraScale+ */
    UART_BCM2835_AUX = 5, /* Raspberry Pi mini UART */
    UART_NS16550 = 6,     /* 16550 with 32-bit registers (Rockchip) */
    UART_LPUART = 7,      /* NXP i.MX 8QXP */
    UART_STM32 = 8,       /* STM32MP2 USART */
    UART_NS16550A = 9,    /* 16550 with byte registers one byte apart (QEMU virt, RISC-V) */
};

/* Release addresses a board's spin table may list (one per core). */
#define BOARD_MAX_SPIN_TABLE 16

/* The board's processor architecture (<cpu arch>; aarch64 when not given). */
enum board_arch { BOARD_ARCH_AARCH64 = 0, BOARD_ARCH_RISCV64 = 1 };

struct mem_range {
    uint64_t base;
    uint64_t size;
};

/* A kernel configuration option the board requires, as gen_config.json names it. */
struct kernel_option {
    char *key;   /* e.g. "PLAT", "KERNEL_MCS", "ARM_HYPERVISOR_SUPPORT" */
    char *value; /* "true", "false", or a string such as "qemu-arm-virt" */
};

struct board {
    char *name;       /* e.g. "qemu_virt_aarch64" */
    const char *file; /* the board file read; kept for the life of the process */
    char *description;
    char *kernel_platform; /* seL4 KernelPlatform, e.g. "qemu-arm-virt" */
    char *cpu;             /* -mcpu value, e.g. "cortex-a53"; -march on RISC-V */
    enum board_arch arch;
    unsigned pa_bits; /* physical address bits: 40 or 44 (39 on RISC-V: Sv39) */
    unsigned num_cpus;
    /*
     * How the loader starts the other cores of an smp- configuration: PSCI
     * CPU_ON (spin_table_count 0, the default), or the spin table at these
     * release addresses, one per core (<cpu spin_table="...">).
     */
    uint64_t spin_table[BOARD_MAX_SPIN_TABLE];
    unsigned spin_table_count;
    uint64_t loader_link_address;
    enum uart_kind uart_kind;
    uint64_t uart_base;
    unsigned gic_version;                     /* 2 or 3; 0 on RISC-V (a PLIC) */
    uint64_t gicd_base;                       /* GIC distributor */
    uint64_t gicc_base;                       /* GICv2 CPU interface; GICv3 redistributor */
    bool has_max_irq;                         /* the board file gives max_irq */
    uint64_t max_irq;                         /* highest IRQ the kernel accepts (seL4 maxIRQ) */
    uint64_t timer_frequency;                 /* Hz */
    uint64_t timer_pd_irq;                    /* timer PPI for PDs (16..31); 0: none */
    VEC(struct mem_range) ram;                /* RAM the kernel may use (reserved holes removed) */
    VEC(struct mem_range) devices;            /* device memory PDs may map with phys_addr */
    VEC(struct kernel_option) kernel_options; /* what the kernel must be built with */
    char *qemu_args; /* extra qemu-system-aarch64 arguments; NULL: not emulated */
    /* The configuration checked or built (--config, e.g. "smp-debug"); NULL: debug. Not owned. */
    const char *config;
    /* The simulator's board (board_host): its kernel is the simulator, its cores `run --cpus`'s. */
    bool host;
};

/*
 * The simulator's board ("host"): no file; its devices are the simulator's
 * device models (sim/devices.h), all other physical addresses plain memory.
 * board_load("host", ...) gives it too. Free with board_free.
 */
void board_host(struct board *b);

/*
 * Find and read board `name`. `boards_dir` names the folder holding
 * <name>.xml; NULL searches, in order, $MICROKIT_SDK/board/<name>/board.xml,
 * <dir of the microkit binary>/../board/<name>/board.xml and the source tree's
 * boards/ folder. Problems are reported to `d` (the board-* rules of
 * rules.def; an unknown board is "board-not-found", an unreadable file
 * "board-io"); returns
 * 0 or -1. On failure `b` holds nothing but `file` (NULL when no file was
 * found), so board_free is needed only after success (and harmless after a
 * failure). Diagnostic positions point at b->file, which is never freed.
 */
int board_load(const char *name, const char *boards_dir, struct board *b, struct diag *d);
void board_free(struct board *b);

/*
 * Read the board file at `path`. `name`, when not NULL, must be the name the
 * file gives itself. Same reporting and lifetime rules as board_load.
 */
int board_load_file(const char *path, const char *name, struct board *b, struct diag *d);

/* The path board_load would read for `name` (malloc'd), or NULL when there is none. */
char *board_find(const char *name, const char *boards_dir);

/*
 * Whether the board's kernel runs as a hypervisor (at EL2): true unless its
 * kernel options set ARM_HYPERVISOR_SUPPORT to false. It decides the shape
 * of every VSpace: a hypervisor kernel's starts at level 1 (8 KiB, 40-bit
 * IPA), an EL1 kernel's at level 0 (4 KiB, one more table level).
 */
bool board_kernel_hyp(const struct board *b);

/* The ELF_ACCEPT_* bit (tool/elfload.h) of the board's target programs. */
unsigned board_elf_accept(const struct board *b);

/* "aarch64" or "riscv64": the spelling of board files, board-info and CONFIG_SEL4_ARCH. */
const char *board_arch_name(enum board_arch arch);

/* "pl011", "imx", ...: the spelling of board files and `board-info`. */
const char *board_uart_kind_name(enum uart_kind kind);

/* Names of the boards that can be found, NULL-terminated; free with board_names_free. */
char **board_names(const char *boards_dir);
void board_names_free(char **names);

/* True when [base, base+size) lies inside one RAM or one device range. */
int board_is_ram(const struct board *b, uint64_t base, uint64_t size);
int board_is_device(const struct board *b, uint64_t base, uint64_t size);

#endif /* TOOL_BOARD_H */
