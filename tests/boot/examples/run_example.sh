#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
#
# Run an example and compare what its PDs print with its expected.txt.
#
#   run_example.sh filter [RAW]             print the PD lines of a console log
#   run_example.sh compare EXPECTED RAW     filter RAW and diff it with EXPECTED
#   run_example.sh boot EXAMPLE_DIR WORK_DIR [BOARD [KERNEL_VAR]]
#       build EXAMPLE_DIR's image for BOARD (qemu_virt_aarch64) with the SDK
#       in $MICROKIT_SDK and the kernel in the folder the environment
#       variable KERNEL_VAR (MICROKIT_TEST_KERNEL_DIR) names, boot it in QEMU
#       as the board file's <qemu args> say, with EXAMPLE_DIR/input.txt (if
#       there is one) as the serial input, collect the console until every
#       expected line has appeared, then compare. A RISC-V board (board-info's
#       "arch riscv64") boots with qemu-system-riscv64 -kernel IMAGE (QEMU's
#       OpenSBI enters the uImage) and builds with riscv64-linux-gnu-.
#
# The PD lines of a console log are what is left after dropping: everything
# up to the kernel's "Booting all finished" line (loader and kernel boot
# output) when that line is present, lines starting with LDR| (loader) or
# MON| (monitor), kernel debug messages (<<seL4...>>) and the kernel's
# scheduler dumps (seL4_DebugDumpScheduler: "Dumping all tcbs!", then lines
# with tabs or of dashes). Carriage returns are removed. The host
# simulator's tests use `compare` on their output too.
#
# A kernel with ENABLE_SMP_SUPPORT is an smp- configuration: QEMU gets
# -smp MAX_NUM_NODES. An example whose Makefile sets MICROKIT_CONFIG ?= smp-...
# needs one (skipped otherwise); with EXAMPLE_DIR/cores.txt ("PD core" per
# line) the kernel's scheduler dumps must show each PD's thread on its core.
#
# Exit status: 0 same, 1 different or failed, 77 skipped (no kernel).
set -u

SKIP=77

usage() {
    sed -n '4,14p' "$0" | sed 's/^# \{0,1\}//' >&2
    exit 2
}

filter() {
    tr -d '\r' < "${1:-/dev/stdin}" | awk '
        { lines[NR] = $0 }
        /Booting all finished, dropped to user space/ { start = NR }
        END {
            for (i = start + 1; i <= NR; i++) {
                l = lines[i]
                if (l ~ /^(LDR|MON)\|/ || l ~ /^<<seL4/ || l ~ /\t/ || l ~ /^Dumping all tcbs!/ ||
                    l ~ /^-----------------*$/) {
                    continue
                }
                print l
            }
        }'
}

compare() {
    expected=$1
    raw=$2
    got=$(mktemp)
    filter "$raw" > "$got"
    if diff -u "$expected" "$got"; then
        rm -f "$got"
        echo "output matches $expected ($(wc -l < "$expected") lines)"
        return 0
    fi
    rm -f "$got"
    echo "output differs from $expected; full console log: $raw" >&2
    return 1
}

# Number of PD lines printed so far: complete lines only, and none before the
# kernel's "Booting all finished" line (QEMU may be in the middle of writing
# either, and a half-written line must not count).
pd_lines() {
    complete=$(wc -l < "$1")
    head -n "$complete" "$1" | tr -d '\r' | awk '
        /Booting all finished, dropped to user space/ { on = 1; n = 0; next }
        on && !/^(LDR|MON)\|/ && !/^<<seL4/ && !/\t/ && !/^Dumping all tcbs!/ && !/^-----------------*$/ { n++ }
        END { print n + 0 }'
}

boot() {
    example_dir=$(cd "$1" && pwd)
    work=$2
    board=${3:-qemu_virt_aarch64}
    var=${4:-MICROKIT_TEST_KERNEL_DIR}
    name=$(basename "$example_dir")
    if [ -f "$example_dir/boards" ] && ! grep -qx "$board" "$example_dir/boards"; then
        echo "example '$name' is only for board(s) $(tr '\n' ' ' < "$example_dir/boards")(its 'boards' file), not '$board'"
        exit $SKIP
    fi
    kdir=$(eval "echo \"\${$var:-}\"")
    if [ -z "$kdir" ]; then
        echo "$var not set: no seL4 kernel to boot for board '$board'"
        exit $SKIP
    fi
    config=$(kernel_config "$kdir") || exit 1
    if [ "$config" != debug ] && [ "$config" != smp-debug ]; then
        echo "kernel in '$kdir' does not print (not a debug build): PD output cannot be checked"
        exit $SKIP
    fi
    if grep -q '^MICROKIT_CONFIG ?= smp-' "$example_dir/Makefile" && [ "$config" = debug ]; then
        echo "example '$name' runs on several cores: it needs an smp- kernel, not the one in '$kdir'"
        exit $SKIP
    fi
    : "${MICROKIT_SDK:?MICROKIT_SDK must name the SDK}"
    if [ ! -d "$MICROKIT_SDK/board/$board/$config" ]; then
        echo "the SDK in '$MICROKIT_SDK' was built without board '$board' ($config): add them to MICROKIT_BOARDS and MICROKIT_CONFIGS"
        exit $SKIP
    fi
    info=$("$MICROKIT_SDK/bin/microkit" board-info "$board") || exit 1
    qemu_args=$(echo "$info" | sed -n 's/^qemu  *//p')
    load_addr=$(echo "$info" | sed -n 's/^loader address  *//p')
    if [ -z "$qemu_args" ]; then
        echo "board '$board' has no <qemu args>: it cannot be booted here"
        exit $SKIP
    fi
    nodes=$(kernel_nodes "$kdir")
    if [ "$nodes" -gt 1 ]; then
        qemu_args="$qemu_args -smp $nodes"
    fi
    qemu=${QEMU:-qemu-system-aarch64}
    cross=${TOOLCHAIN:-aarch64-linux-gnu-}
    # RISC-V: QEMU's OpenSBI starts the image it loads with -kernel (a uImage) in S-mode.
    if echo "$info" | grep -q '^arch  *riscv64'; then
        qemu=${QEMU:-qemu-system-riscv64}
        cross=${TOOLCHAIN:-riscv64-linux-gnu-}
        load_addr=kernel
    fi
    if ! command -v "$qemu" > /dev/null 2>&1; then
        echo "$qemu not found: cannot boot the image"
        exit $SKIP
    fi

    cc=${cross}gcc
    if ! command -v "$cc" > /dev/null 2>&1; then
        echo "$cc not found: cannot build the PDs"
        exit $SKIP
    fi

    rm -rf "$work"
    mkdir -p "$work"
    echo "building $name in $work"
    if ! make -s -C "$example_dir" MICROKIT_SDK="$MICROKIT_SDK" MICROKIT_BOARD="$board" \
        MICROKIT_CONFIG="$config" BUILD_DIR="$work" MICROKIT_FLAGS="--kernel $kdir" all; then
        echo "build of example '$name' failed" >&2
        exit 1
    fi
    input=
    if [ -f "$example_dir/input.txt" ]; then
        input=$example_dir/input.txt
    fi
    run_qemu "$qemu" "$work/loader.img" "$work/console.txt" "$example_dir/expected.txt" \
        "$qemu_args" "$load_addr" "$input"
    compare "$example_dir/expected.txt" "$work/console.txt" || return 1
    if [ -f "$example_dir/cores.txt" ]; then
        cores "$example_dir/cores.txt" "$work/console.txt"
    fi
}

# Each "PD core" line of WANT against the kernel's scheduler dumps in LOG:
# the row of the PD's thread (named after the PD) has that core in its
# Core column (the fifth tab-separated field).
cores() {
    status=0
    while read -r pd core; do
        got=$(tr -d '\r' < "$2" | awk -F '\t' -v pd="$pd" '
            NF >= 5 { n = $1; gsub(/^ +| +$/, "", n); if (n == pd) { c = $5; gsub(/ /, "", c); print c; exit } }')
        if [ "$got" = "$core" ]; then
            echo "kernel: thread '$pd' is on core $got"
        else
            echo "kernel: thread '$pd' should be on core $core, the scheduler dump says '${got:-nothing}'" >&2
            status=1
        fi
    done < "$1"
    return $status
}

# MAX_NUM_NODES of the kernel build (1 without SMP).
kernel_nodes() {
    json=$1/gen_config/kernel/gen_config.json
    [ -f "$json" ] || json=$1/include/kernel/gen_config.json
    if grep -Eq '"ENABLE_SMP_SUPPORT": *true' "$json"; then
        sed -n 's/.*"MAX_NUM_NODES": *"\([0-9]*\)".*/\1/p' "$json"
    else
        echo 1
    fi
}

# debug if the kernel build prints, release otherwise; smp-... for an SMP kernel.
kernel_config() {
    json=$1/gen_config/kernel/gen_config.json
    [ -f "$json" ] || json=$1/include/kernel/gen_config.json
    if [ ! -f "$json" ]; then
        echo "no gen_config.json under '$1': not a seL4 kernel build" >&2
        return 1
    fi
    smp=
    if grep -Eq '"ENABLE_SMP_SUPPORT": *true' "$json"; then
        smp=smp-
    fi
    if grep -Eq '"PRINTING": *true' "$json"; then
        echo ${smp}debug
    else
        echo ${smp}release
    fi
}

# Boot IMAGE with QEMU_ARGS, loaded at LOAD_ADDR, logging the console to
# LOG, until the expected number of PD lines has appeared (then one second
# more, for unexpected extra lines), QEMU exits, or the hang guard
# (MICROKIT_TEST_HANG_GUARD seconds, default 600) expires. With an INPUT
# file, its lines are typed into the serial port one at a time, each once
# the output before its echo is there: INPUT's N lines are taken to be
# echoed by the last N lines of EXPECTED, so the first is typed when all
# the lines before those have appeared and each next one after the echo of
# the one before.
run_qemu() {
    qemu=$1
    image=$2
    log=$3
    want=$(wc -l < "$4")
    qemu_args=$5
    load_addr=$6
    input=${7:-}
    guard=${MICROKIT_TEST_HANG_GUARD:-600}
    # Created here, not by the background job, so it exists when first read.
    : > "$log"
    stdin=/dev/null
    lines=0
    if [ -n "$input" ]; then
        stdin=$log.input
        rm -f "$stdin"
        mkfifo "$stdin" || return 1
        lines=$(wc -l < "$input")
    fi
    load="-device loader,file=$image,addr=$load_addr,cpu-num=0"
    if [ "$load_addr" = kernel ]; then
        load="-kernel $image"
    fi
    # shellcheck disable=SC2086 # the board's arguments and $load are words
    "$qemu" $qemu_args $load \
        < "$stdin" > "$log" 2> "$log.stderr" &
    pid=$!
    if [ -n "$input" ]; then
        exec 3> "$stdin" # QEMU's standard input stays open until we are done
    fi
    typed=0
    start=$(date +%s)
    while kill -0 "$pid" 2> /dev/null; do
        have=$(pd_lines "$log")
        if [ "$have" -ge "$want" ]; then
            sleep 1
            break
        fi
        while [ "$typed" -lt "$lines" ] && [ "$have" -ge $((want - lines + typed)) ]; do
            typed=$((typed + 1))
            sed -n "${typed}p" "$input" >&3
        done
        if [ $(($(date +%s) - start)) -ge "$guard" ]; then
            echo "hang guard: no complete output after ${guard}s" >&2
            break
        fi
        sleep 0.2
    done
    kill "$pid" 2> /dev/null
    wait "$pid" 2> /dev/null
    if [ -n "$input" ]; then
        exec 3>&-
        rm -f "$stdin"
    fi
    echo "console: $(wc -l < "$log") lines, $(pd_lines "$log") from PDs"
}

[ $# -ge 1 ] || usage
cmd=$1
shift
case $cmd in
filter)
    [ $# -le 1 ] || usage
    filter "$@"
    ;;
compare)
    [ $# -eq 2 ] || usage
    compare "$1" "$2"
    ;;
boot)
    [ $# -ge 2 ] && [ $# -le 4 ] || usage
    boot "$@"
    ;;
*)
    usage
    ;;
esac
