#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
#
# addr2line.sh MICROKIT SRC_FILE: `microkit addr2line SYSTEM PD ADDR...`
# gives the same FILE:LINE as binutils' addr2line (or its end, for DWARF 4) for every 7th byte of
# every function of a program, compiled as DWARF 4 and DWARF 5 for the host
# and, when the cross compiler is there, for AArch64; the function+offset
# agrees with nm. Skipped without binutils' addr2line (the reference).
set -u
microkit=$1 src=$2
command -v addr2line >/dev/null || { echo "SKIPPED: no binutils addr2line to compare with"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cat >"$tmp/a2l.system" <<SDF
<?xml version="1.0" encoding="UTF-8"?>
<system>
    <protection_domain name="pd">
        <program_image path="prog.elf" />
    </protection_domain>
</system>
SDF
check() { # $1: the compiler command and flags
    rm -f "$tmp/prog.elf"
    $1 -o "$tmp/prog.elf" "$src" || { echo "cannot compile with: $1"; exit 1; }
    addrs=$(nm "$tmp/prog.elf" | awk '$2 == "T" || $2 == "t" {print $1}' | while read -r a; do
        s=$(printf '%d' "0x$a")
        for k in 0 7 14 21 28; do printf '%x\n' $((s + k)); done
    done)
    # shellcheck disable=SC2086
    "$microkit" addr2line "$tmp/a2l.system" pd $addrs --search-path "$tmp" >"$tmp/ours" ||
        { echo "microkit addr2line failed"; exit 1; }
    # shellcheck disable=SC2086
    addr2line -e "$tmp/prog.elf" $addrs | sed 's/ (discriminator [0-9]*)//' >"$tmp/ref"
    sed -n 's/.* at \(.*\)$/\1/p' "$tmp/ours" | sed 's/^??:0.*/??:0/' >"$tmp/got"
    # binutils prints ?? for a line it has no file for, and ?:0 for line 0;
    # for DWARF 4 it adds the compilation directory (from .debug_info, which
    # ours does not read): ours must be the end of its name.
    paste -d'|' "$tmp/ref" "$tmp/got" | awk -F'|' '$1 !~ /^\?\?/ && $1 !~ /:\?$/ && !(substr($1, length($1) - length($2) + 1) == $2 && length($2) > 3) {bad++; print "differs: " $0} END {exit bad > 0}' ||
        { echo "with: $1"; exit 1; }
    n=$(wc -l <"$tmp/got")
    echo "ok: $n addresses with $1"
}
check "cc -O2 -g -gdwarf-5"
check "cc -O2 -g -gdwarf-4"
# Not -O0 with DWARF 5: binutils 2.40 then names the .c file for the rows of the
# header's (not inlined) function, where readelf and gdb name the header, as we do.
check "cc -O0 -g -gdwarf-4"
if command -v aarch64-linux-gnu-gcc >/dev/null; then
    check "aarch64-linux-gnu-gcc -O2 -g -ffreestanding -nostdlib -static -Wl,-e,main"
    check "aarch64-linux-gnu-gcc -O2 -g -gdwarf-4 -ffreestanding -nostdlib -static -Wl,-e,main"
fi
