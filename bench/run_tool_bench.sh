#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
#
# Time `microkit` (the build command) on systems of growing size and print a
# table of wall time (median and minimum of RUNS runs, process start-up
# included), CPU time (user + system, median), maximum resident set size
# (/usr/bin/time -v), kernel objects and image size. The outputs are removed
# before each run: replacing an existing file makes ext4 flush it at rename,
# which costs 1-3 ms of waiting that is the file system's, not the tool's.
# Run it on an idle machine; other load shows up directly in the wall times.
#
#   bench/run_tool_bench.sh BUILD_DIR [KERNEL_DIR]
#
# BUILD_DIR is a build with the target parts (sdk/, example/ ELFs, bench
# gen_system); KERNEL_DIR a seL4 build (default /work/sel4-build/debug,
# else the boot-protocol test kernel with a generated gen_config.json).
# MICROKIT_BIN=FILE times another `microkit` executable with the same SDK
# files (e.g. a build of an older commit, for a before/after table).
# Cases: hello; 60 PDs / 180 MRs / 240 maps; 60 PDs sharing 60 regions of
# 1000 pages, each region mapped by three PDs (60,000 pages, 180,000 page
# mappings, about 241,000 monitor cap slots; it boots on seL4 under QEMU);
# and the linear series 15/30/60 PDs of that shape.
set -eu
build=$(cd "$1" && pwd)
kernel=${2:-/work/sel4-build/debug}
runs=${RUNS:-21}
sdk=$build/sdk
microkit=${MICROKIT_BIN:-$sdk/bin/microkit}
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

# median/min wall ms and median CPU ms of RUNS runs of the command, outputs removed first
time_runs() {
    python3 - "$runs" "$work/$name.img" "$work/$name.txt" "$@" <<'PY'
import os, resource, statistics, subprocess, sys, time
runs, outs, cmd = int(sys.argv[1]), sys.argv[2:4], sys.argv[4:]
wall, cpu = [], []
for i in range(runs):
    for o in outs:
        if os.path.exists(o):
            os.unlink(o)
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    subprocess.run(cmd, check=True, stderr=subprocess.DEVNULL)
    wall.append(time.perf_counter() - t0)
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu.append(r1.ru_utime + r1.ru_stime - r0.ru_utime - r0.ru_stime)
print("%.2f %.2f %.2f" % (statistics.median(wall) * 1e3, min(wall) * 1e3,
                          statistics.median(cpu) * 1e3))
PY
}

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
    "$microkit" "$@" 2>/dev/null # warm-up, and fail loudly
    set -- $(time_runs "$microkit" "$@")
    med=$1 min=$2 cpu=$3
    rm -f "$work/$name.img" "$work/$name.txt"
    rss=$(/usr/bin/time -v "$microkit" "$sdf" --board qemu_virt_aarch64 --config debug \
        --search-path "$elfdir" --kernel "$kernel" -o "$work/$name.img" -r "$work/$name.txt" 2>&1 |
        sed -n 's/.*Maximum resident set size (kbytes): //p')
    objs=$(sed -n 's/^  total *\([0-9]*\) .*/\1/p' "$work/$name.txt")
    size=$(stat -c %s "$work/$name.img")
    printf "%-20s %9s %9s %9s %8s %9s %10s\n" "$name" "$med" "$min" "$cpu" \
        "$(awk "BEGIN {printf \"%.1f\", $rss/1024}")" "$objs" "$size"
}

if ldd "$microkit" >/dev/null 2>&1; then linkage=dynamic; else linkage=static; fi
echo "$microkit ($linkage), $runs runs per case"
printf "%-20s %9s %9s %9s %8s %9s %10s\n" "case" "wall ms" "min ms" "cpu ms" "RSS MiB" \
    "objects" "image B"
run_case hello -
run_case 60pd-180mr-240map 60 180 240 1
run_case 15pd-15k-pages 15 15 45 1000
run_case 30pd-30k-pages 30 30 90 1000
run_case 60pd-60k-pages 60 60 180 1000
