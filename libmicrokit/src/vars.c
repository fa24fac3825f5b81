/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The PD runtime's data: what the tool patches into every PD, the pending
 * signal of the event loop, the IPC buffer, and the stamp that names the
 * board and configuration this library was built for. On its own so that
 * the event loop (main.c) and the debug output (dbg.c) both use it and
 * neither uses the other's.
 */
#include <microkit.h>

/*
 * Patched by the tool. Placed in .data (not .bss) so each has file bytes
 * in the ELF for the tool to overwrite.
 */
#define MICROKIT_PATCHABLE __attribute__((section(".data")))

/*
 * The board and configuration this library was built for, in a section
 * that is not loaded (it costs the PD no memory). The tool reads it and
 * refuses a PD built against another configuration than the image's.
 */
#if defined(MICROKIT_BOARD) && defined(MICROKIT_CONFIG)
#if defined(__aarch64__) || defined(__arm__)
#define SDK_STAMP_TYPE "%progbits"
#else
#define SDK_STAMP_TYPE "@progbits"
#endif
__asm__(".pushsection .microkit_sdk,\"\"," SDK_STAMP_TYPE "\n"
        ".asciz \"board=" MICROKIT_BOARD " config=" MICROKIT_CONFIG "\"\n"
        ".popsection\n");
#endif

char microkit_name[MICROKIT_PD_NAME_LENGTH] MICROKIT_PATCHABLE;
seL4_Bool microkit_passive MICROKIT_PATCHABLE;
seL4_Word microkit_irqs MICROKIT_PATCHABLE;
seL4_Word microkit_notifications MICROKIT_PATCHABLE;
seL4_Word microkit_pps MICROKIT_PATCHABLE;
seL4_Uint8 microkit_core MICROKIT_PATCHABLE;

seL4_Bool microkit_have_signal;
seL4_CPtr microkit_signal_cap;
microkit_msginfo microkit_signal_msg;

/* The monitor maps the IPC buffer frame at this fixed address in every PD. */
#ifdef CONFIG_ARCH_RISCV
seL4_IPCBuffer *__sel4_ipc_buffer = (seL4_IPCBuffer *)SDK_PD_IPC_BUFFER_VADDR_RISCV64;
#else
seL4_IPCBuffer *__sel4_ipc_buffer = (seL4_IPCBuffer *)SDK_PD_IPC_BUFFER_VADDR;
#endif
