#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
#
# Time `microkit` (the build command) on systems of growing size and print a
# table of wall time (median of RUNS runs) and maximum resident set size
# (/usr/bin/time -v).
#
#   bench/run_tool_bench.sh BUILD_DIR [KERNEL_DIR]
#
# BUILD_DIR is a build with the target parts (sdk/, example/ ELFs, bench
# gen_system); KERNEL_DIR a seL4 build (default /work/sel4-build/debug,
# else the boot-protocol test kernel with a generated gen_config.json).
# Cases: hello; 60 PDs / 180 MRs / 240 maps; 60 PDs sharing 60 regions of
# 1000 pages (60,000 pages, 180,000 page mappings); and the linear series
# 15/30/60 PDs of the last shape.
set -eu
build=$(cd "$1" && pwd)
kernel=${2:-/work/sel4-build/debug}
runs=${RUNS:-21}
sdk=$build/sdk
microkit=$sdk/bin/microkit
gen=$build/bench/gen_system
elfdir=$build/example/qemu_virt_aarch64/debug/hello
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if [ ! -e "$kernel/kernel.elf" ]; then
    # No seL4 build: the test kernel and a generated configuration, as tests/golden does.
    sh "$(dirname "$0")/../tests/golden/run_golden.sh" update "$microkit" "$sdk" \
        "$(dirname "$0")/../example/hello" "$elfdir" \
        "$build/tests/boot/protocol/test_kernel.elf" "$work/g" "$work/gk" >/dev/null
    kernel=$work/gk/kernel
fi

now_ns() { date +%s%N; }

# case name, then gen_system arguments (or "-" for example/hello)
run_case() {
    name=$1
    shift
    sdf=$work/$name.system
    if [ "$1" = - ]; then
        cp "$(dirname "$0")/../example/hello/hello.system" "$sdf"
    else
        "$gen" "$@" >"$sdf"
    fi
    set -- "$sdf" --board qemu_virt_aarch64 --config debug --search-path "$elfdir" \
        --kernel "$kernel" -o "$work/$name.img" -r "$work/$name.txt"
    export MICROKIT_SDK=$sdk
    "$microkit" "$@" # warm-up, and fail loudly
    times=""
    i=0
    while [ $i -lt "$runs" ]; do
        t0=$(now_ns)
        "$microkit" "$@"
        t1=$(now_ns)
        times="$times $(((t1 - t0) / 1000))"
        i=$((i + 1))
    done
    median=$(echo "$times" | tr ' ' '\n' | sed '/^$/d' | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
    rss=$(/usr/bin/time -v "$microkit" "$@" 2>&1 | sed -n 's/.*Maximum resident set size (kbytes): //p')
    objs=$(sed -n 's/^  total *\([0-9]*\) .*/\1/p' "$work/$name.txt")
    size=$(stat -c %s "$work/$name.img")
    printf "%-22s %10s %9s %12s %10s\n" "$name" "$(awk "BEGIN {printf \"%.2f\", $median/1000}")" \
        "$((rss / 1024))" "$objs" "$size"
}

printf "%-22s %10s %9s %12s %10s\n" "case" "wall ms" "RSS MiB" "objects" "image B"
run_case hello -
run_case 60pd-180mr-240map 60 180 240 1
run_case 15pd-15k-pages 15 15 45 1000
run_case 30pd-30k-pages 30 30 90 1000
run_case 60pd-60k-pages 60 60 180 1000
