#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
#
# Boot every example and three generated systems on a real seL4 kernel under
# QEMU and print a table: image size, wall time from QEMU's start to the
# first line a PD prints (median and minimum of RUNS boots), the monitor's
# own "boot spec executed in N us" figure (median; generic timer, i.e.
# emulated time), and the number of kernel objects (from the report).
#
#   bench/run_boot_bench.sh BUILD_DIR [KERNEL_DIR]
#
# BUILD_DIR is a build with the target parts (sdk/, example/ ELFs for
# qemu_virt_aarch64 debug, bench/gen_system); KERNEL_DIR a seL4 build that
# prints (default /work/sel4-build/debug): PD output is how the end of boot
# is seen. RUNS (default 5) boots per case; QEMU_TIMEOUT (default 600) the
# seconds one boot may take. QEMU is TCG, so the wall times are the
# emulator's speed on this host, not a real CPU's; the monitor's figure
# counts emulated timer ticks. Run on an idle machine.
#
# Generated cases (bench/gen_system, every PD runs hello.elf):
#   60pd            60 PDs, one 1-page region mapped once
#   60pd-180mr-240m 60 PDs, 180 regions, 240 maps
#   60pd-60k-pages  60 PDs, 60 regions of 1000 pages each, each mapped by
#                   three PDs (180,000 page mappings)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
build=$(cd "$1" && pwd)
kernel=${2:-/work/sel4-build/debug}
runs=${RUNS:-5}
timeout=${QEMU_TIMEOUT:-600}
sdk=$build/sdk
microkit=$sdk/bin/microkit
gen=$build/bench/gen_system
elfs=$build/example/qemu_virt_aarch64/debug
qemu=${QEMU:-qemu-system-aarch64}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if ! grep -Eq '"PRINTING": *true' "$kernel/gen_config/kernel/gen_config.json" 2>/dev/null; then
    echo "run_boot_bench: '$kernel' is not a seL4 build that prints (a debug build)" >&2
    exit 1
fi
export MICROKIT_SDK=$sdk

# Boot IMAGE RUNS times; print "median_ms min_ms monitor_us" (monitor_us: median).
boot_runs() {
    python3 - "$runs" "$timeout" "$qemu" "$1" <<'PY'
import os, re, select, statistics, subprocess, sys, time
runs, timeout, qemu, image = int(sys.argv[1]), float(sys.argv[2]), sys.argv[3], sys.argv[4]
cmd = [qemu, "-machine", "virt,virtualization=on", "-cpu", "cortex-a53", "-m", "2G",
       "-nographic", "-device", "loader,file=%s,addr=0x70000000,cpu-num=0" % image]
mon_re = re.compile(rb"MON\|INFO: boot spec executed in (\d+) us")

def lines(p, deadline):
    """The console's lines until the deadline (a silent hang ends them too)."""
    buf = b""
    while True:
        left = deadline - time.perf_counter()
        if left <= 0 or not select.select([p.stdout], [], [], left)[0]:
            return
        chunk = os.read(p.stdout.fileno(), 65536)
        if not chunk:
            return
        buf += chunk
        *done, buf = buf.split(b"\n")
        for line in done:
            yield line.rstrip(b"\r")

def one():
    """Seconds to the first PD line and the monitor's figure, for one boot."""
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                         stderr=subprocess.DEVNULL)
    booted, mon_us, first = False, None, None
    try:
        for line in lines(p, t0 + timeout):
            m = mon_re.search(line)
            if m:
                mon_us = int(m.group(1))
            if b"Booting all finished, dropped to user space" in line:
                booted = True
            elif line.startswith(b"MON|ERROR"):
                sys.stderr.write(line.decode(errors="replace") + "\n")
            elif booted and line and not re.match(rb"^(LDR|MON)\||^<<seL4", line):
                first = time.perf_counter() - t0
                break
    finally:
        p.kill()
        p.wait()
    if first is None:
        sys.exit("run_boot_bench: %s: no PD output within %.0f s" % (image, timeout))
    return first, mon_us

res = [one() for _ in range(runs)]
wall = [r[0] for r in res]
mons = [r[1] for r in res if r[1] is not None]
print("%.0f %.0f %s" % (statistics.median(wall) * 1e3, min(wall) * 1e3,
                        "%.0f" % statistics.median(mons) if mons else "-"))
PY
}

# case name, SDF, ELF search path
run_case() {
    name=$1
    img=$work/$name.img
    rep=$work/$name.txt
    "$microkit" "$2" --board qemu_virt_aarch64 --config debug --search-path "$3" \
        --kernel "$kernel" -o "$img" -r "$rep" 2>"$work/$name.err" || {
        cat "$work/$name.err" >&2
        exit 1
    }
    set -- $(boot_runs "$img")
    objs=$(sed -n 's/^  total *\([0-9]*\) .*/\1/p' "$rep")
    printf "%-18s %10s %9s %9s %11s %8s\n" "$name" "$(stat -c %s "$img")" "$1" "$2" "$3" "$objs"
}

printf "%-18s %10s %9s %9s %11s %8s\n" "case" "image B" "first ms" "min ms" "monitor us" \
    "objects"
for dir in "$here"/../example/*/; do
    ex=$(basename "$dir")
    [ -d "$elfs/$ex" ] || continue
    run_case "$ex" "$(ls "$dir"*.system | head -n 1)" "$elfs/$ex"
done
"$gen" 60 1 1 1 >"$work/60pd.system"
run_case 60pd "$work/60pd.system" "$elfs/hello"
"$gen" 60 180 240 1 >"$work/60pd-180mr-240m.system"
run_case 60pd-180mr-240m "$work/60pd-180mr-240m.system" "$elfs/hello"
"$gen" 60 60 180 1000 >"$work/60pd-60k-pages.system"
run_case 60pd-60k-pages "$work/60pd-60k-pages.system" "$elfs/hello"
