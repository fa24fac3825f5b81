/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A minimal DWARF line-table reader (docs/debugging.md, addr2line): the
 * source file and line of an address of a 64-bit little-endian ELF
 * (AArch64, RISC-V 64, x86-64), from its .debug_line section (DWARF 2 to
 * 5, 32- and 64-bit DWARF), and the function containing it from .symtab.
 * It reads the file's bytes only: no libdwarf, no binutils.
 */
#ifndef TOOL_DWARF_LINE_H
#define TOOL_DWARF_LINE_H

#include <stddef.h>
#include <stdint.h>

struct dwarf_where {
    char file[512]; /* "DIR/FILE" as the line table names it */
    unsigned line;
    char func[128]; /* the function symbol containing the address, or "" */
    uint64_t func_offset;
};

/* Where `addr` is in the ELF `elf` (`size` bytes). Returns 0 when a line was
 * found, 1 when the address has no line (w->func may still be set), -1 when
 * the file is no 64-bit little-endian ELF or has no .debug_line. */
int dwarf_line_find(const uint8_t *elf, size_t size, uint64_t addr, struct dwarf_where *w);

#endif /* TOOL_DWARF_LINE_H */
