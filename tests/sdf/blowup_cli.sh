#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
#
# Tiny inputs that ask for huge work, and systems that used to fail only at
# boot: each must be refused by the build command with its rule, at its SDF
# line, with nothing written (issue 11, items 4 and 5).
#
#   blowup_cli.sh MICROKIT SDK TEST_KERNEL ELF_DIR WORK_DIR
#
# ELF_DIR holds pd.elf and bad/ (tests/elf: bss64.elf, overlap20k.elf, ...).
# Exit 77 (skipped) when the target parts are missing. No time limit is
# tested: the unit tests (tests/unit/tool/test_limits.c) check that nothing
# is laid out before the refusal; `timeout` only stops a hang.
set -eu
. "$(dirname "$0")/../lib/target.sh"
microkit=$1 sdk=$2 kernel=$3 elfdir=$4 work=$5

need_target "$microkit" "$kernel" "$elfdir/pd.elf" "$elfdir/bad/bss64.elf" \
    "$sdk/board/qemu_virt_aarch64/debug/elf/monitor.elf"

rm -rf "$work"
mkdir -p "$work/elf"
test_kernel_dir "$kernel" "$work"
cp "$elfdir/pd.elf" "$elfdir"/bad/*.elf "$work/elf/"
cd "$work"
fails=0

# build NAME SDF_TEXT: run the build command on NAME.system; output in NAME.out
build() {
    printf '%s\n' "$2" >"$1.system"
    set +e
    MICROKIT_SDK=$sdk timeout 600 "$microkit" "$1.system" --board qemu_virt_aarch64 \
        --config debug --kernel "$work/kernel" --search-path "$work/elf" \
        -o "$1.img" -r "$1.txt" >"$1.out" 2>&1
    status=$?
    set -e
    if [ $status -ne 1 ]; then
        echo "FAIL: $1: exit status $status, expected 1"
        fails=$((fails + 1))
    fi
    if [ -e "$1.img" ] || [ -e "$1.txt" ]; then
        echo "FAIL: $1: an output was written"
        fails=$((fails + 1))
    fi
}

# expect NAME TEXT: NAME.out has a line containing TEXT
expect() {
    if ! grep -qF -- "$2" "$1.out"; then
        echo "FAIL: $1: expected '$2' in:"
        sed 's/^/    /' "$1.out"
        fails=$((fails + 1))
    fi
}

pd() { # pd ELF [BODY]: one protection domain running ELF
    printf '<protection_domain name="p">\n<program_image path="%s" />\n%s</protection_domain>\n' \
        "$1" "${2:-}"
}

head='<?xml version="1.0"?>
<system>'

# 512 GiB of 4 KiB pages, mapped by no one (209 bytes; 13 s and 5 GB, later 45 s and 17 GB).
build huge "$head
<memory_region name=\"huge\" size=\"0x80_0000_0000\" page_size=\"0x1000\" />
$(pd pd.elf)</system>"
expect huge "huge.system:3:1: error: memory region 'huge' (0x8000000000 bytes) is larger than all the RAM of board 'qemu_virt_aarch64' (0x60000000 bytes) [mr-too-large]"
expect huge "huge.system:3:1: error: the frames of the memory regions and their maps need at least 134217728 cap slots"

# A 1 GiB region of 4 KiB pages mapped 200 times (9 KB; 4.6 s and 2.4 GB).
maps=""
i=1
while [ $i -le 200 ]; do
    maps="$maps<map mr=\"gig\" vaddr=\"$(printf '0x%x' $((i << 30)))\" />
"
    i=$((i + 1))
done
build maps "$head
<memory_region name=\"gig\" size=\"0x4000_0000\" page_size=\"0x1000\" />
$(pd pd.elf "$maps")</system>"
expect maps "maps.system:3:1: error: the frames of the memory regions and their maps need at least 52690944 cap slots"
expect maps "'gig' has 262144 frames mapped 200 times (52690944 slots) [sys-cap-slots]"

# 64 segments of 1 GiB of .bss in a 35 KB file (past a minute, 2.8 GB): refused before
# the segments are allocated (tests/unit/tool/test_limits.c lays out such a program).
build bss64 "$head
$(pd bss64.elf)</system>"
expect bss64 "bss64.system:4:1: error: program image of PD 'p' '$work/elf/bss64.elf': the loadable segments need more than 0x80000000 bytes of memory (segment 3 goes past it); no protection domain can be that large [elf-invalid]"

# 20,000 segments at one address: one line, not 19,999.
build overlap "$head
$(pd overlap20k.elf)</system>"
expect overlap "overlap.system:4:1: error: program image of PD 'p'"
expect overlap "(and 19998 more overlaps) [elf-invalid]"
if [ "$(grep -c 'elf-invalid' overlap.out)" -ne 1 ]; then
    echo "FAIL: overlap: more than one line"
    fails=$((fails + 1))
fi

# Valid files a PD cannot run: they used to build and fail (or silently misbehave) at boot.
build phent "$head
$(pd phent32.elf)</system>"
expect phent "program header entries are 32 bytes, smaller than a 64-bit program header (56) [elf-invalid]"
build kernel_half "$head
$(pd kernel_half.elf)</system>"
expect kernel_half "lies in the kernel half of the address space (user addresses end at 0x10000000000) [elf-segment-address]"
build on_stack "$head
$(pd on_stack.elf)</system>"
expect on_stack "on_stack.system:4:1: error: segment [0xffffffa000, 0xffffffc000)"
expect on_stack "overlaps the stack, guard pages or IPC buffer of PD 'p' [0xffffffb000, 0x10000000000) [elf-overlaps-stack]"
build entry0 "$head
$(pd entry0.elf)</system>"
expect entry0 "entry point 0x0 of program image '$work/elf/entry0.elf' of PD 'p' is not in an executable segment [elf-entry]"

# A setvar naming a symbol the program does not have: the closest one, not "libmicrokit?".
build setvar "$head
<memory_region name=\"m\" size=\"0x1000\" />
$(pd pd.elf '<map mr="m" vaddr="0x4000000" setvar_vaddr="shared_vadr" />
')</system>"
expect setvar "setvar.system:6:1: error: cannot patch symbol 'shared_vadr'"
expect setvar "hint: did you mean 'shared_vaddr'?"

# Budget, period and IRQ numbers the kernel refuses; a region too large for RAM.
build sched "$head
<protection_domain name=\"p\" budget=\"19\">
<program_image path=\"pd.elf\" />
<irq irq=\"160\" id=\"0\" />
</protection_domain>
</system>"
expect sched "sched.system:3:1: error: budget 19 of protection domain 'p' is outside 20..36893488147419 microseconds"
expect sched "sched.system:5:1: error: irq 160 of protection domain 'p' is beyond the interrupt controller of board 'qemu_virt_aarch64', whose highest irq is 159 [irq-number-board]"

if [ $fails -ne 0 ]; then
    echo "$fails failures"
    exit 1
fi
echo "PASS: every case refused at its line"
