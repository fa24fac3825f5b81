#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
#
#   boards.sh check BOARD MICROKIT SOURCE_DIR WORK
#       `microkit check SYSTEM --board BOARD` for every example: each must pass.
#   boards.sh images BOARD MICROKIT SOURCE_DIR WORK
#       build every example's loader image for BOARD (debug) with the SDK in
#       $MICROKIT_SDK and the kernel in $MICROKIT_TEST_BOARD_KERNELS/BOARD-debug,
#       then read each image back with `microkit dump-image`.
# Both take maps of device memory as warnings (see check()).
# Exit status: 0 pass, 1 fail, 77 skipped (what is missing is printed).
set -u
cmd=$1 board=$2 microkit=$3 src=$4 work=$5
SKIP=77
status=0

# Whether example DIR is for $board: an example with a 'boards' file (one
# board name per line; example/vmm's virtual machine needs QEMU's GIC) only
# for those.
for_board() {
    [ ! -f "$1/boards" ] || grep -qx "$board" "$1/boards"
}

# The cores example DIR needs (EXAMPLE_CORES in its Makefile; 1 without).
example_cores() {
    n=$(sed -n 's/^EXAMPLE_CORES *:*= *\([0-9]*\).*/\1/p' "$1/Makefile" 2> /dev/null)
    echo "${n:-1}"
}

# The board's cores, as `microkit board-info` prints them.
board_cores() {
    "$microkit" board-info "$board" --boards-dir "$src/boards" |
        sed -n 's/^cpu .*, \([0-9]*\) cores*,.*/\1/p'
}

check() {
    n=0
    # Fixed physical addresses in the examples are QEMU's; where one is device
    # memory on another board (setvar's region at 0xa0000000), the example
    # maps it uncached, so every rule applies on every board.
    cores=$(board_cores)
    for system in "$src"/example/*/*.system; do
        if ! for_board "$(dirname "$system")"; then
            continue
        fi
        # A multicore example: in smp-debug, on a board with its cores.
        config=debug
        need=$(example_cores "$(dirname "$system")")
        if [ "$need" -gt 1 ]; then
            if [ "${cores:-1}" -lt "$need" ]; then
                echo "skipped: $(basename "$system") needs $need cores, '$board' has ${cores:-1}"
                continue
            fi
            config=smp-debug
        fi
        if ! "$microkit" check "$system" --board "$board" --boards-dir "$src/boards" \
            --config "$config" --search-path "$(dirname "$system")" > "$work.out" 2>&1; then
            cat "$work.out"
            echo "FAIL: $(basename "$system") on board '$board'"
            status=1
        fi
        n=$((n + 1))
    done
    rm -f "$work.out"
    echo "$n examples checked for board '$board'"
}

images() {
    if [ -z "${MICROKIT_TEST_BOARD_KERNELS:-}" ]; then
        echo "SKIPPED: MICROKIT_TEST_BOARD_KERNELS not set: no seL4 kernels per board"
        exit $SKIP
    fi
    kernel=$MICROKIT_TEST_BOARD_KERNELS/$board-debug
    if [ ! -f "$kernel/kernel.elf" ]; then
        echo "SKIPPED: no debug kernel for board '$board' ('$kernel/kernel.elf' is missing)"
        exit $SKIP
    fi
    : "${MICROKIT_SDK:?MICROKIT_SDK must name the SDK}"
    if [ ! -d "$MICROKIT_SDK/board/$board/debug/lib" ]; then
        echo "SKIPPED: the SDK is not built for board '$board' (see MICROKIT_BOARDS)"
        exit $SKIP
    fi
    cc=${TOOLCHAIN:-aarch64-linux-gnu-}gcc
    if ! command -v "$cc" > /dev/null 2>&1; then
        echo "SKIPPED: $cc not found: cannot build the PDs"
        exit $SKIP
    fi
    n=0
    for mk in "$src"/example/*/Makefile; do
        dir=$(dirname "$mk")
        name=$(basename "$dir")
        if ! for_board "$dir"; then
            continue
        fi
        if [ "$(example_cores "$dir")" -gt 1 ]; then
            echo "skipped: example '$name' needs an smp- kernel (tests/boot/examples boots it)"
            continue
        fi
        out=$work/$name
        rm -rf "$out"
        mkdir -p "$out"
        if ! make -s -C "$dir" MICROKIT_SDK="$MICROKIT_SDK" MICROKIT_BOARD="$board" \
            MICROKIT_CONFIG=debug BUILD_DIR="$out" \
            MICROKIT_FLAGS="--kernel $kernel" all \
            > "$out/build.log" 2>&1; then
            cat "$out/build.log"
            echo "FAIL: building example '$name' for board '$board'"
            status=1
        elif ! "$microkit" dump-image "$out/loader.img" > "$out/dump.txt" 2>&1; then
            cat "$out/dump.txt"
            echo "FAIL: the image of '$name' for board '$board' does not read back"
            status=1
        fi
        n=$((n + 1))
    done
    echo "$n example images built for board '$board' with the kernel in '$kernel'"
}

mkdir -p "$(dirname "$work")"
case $cmd in
check) check ;;
images) images ;;
*) echo "usage: boards.sh check|images BOARD MICROKIT SOURCE_DIR WORK" >&2; exit 2 ;;
esac
exit $status
