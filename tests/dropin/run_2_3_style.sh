#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
#
# run_2_3_style.sh MODE COMPILER CMAKE BUILD WORK EXAMPLES MAKEFILES TEST_KERNEL NAME...
#
# Every example NAME built by its own Makefile in the style of Microkit
# 2.3's examples (MAKEFILES/NAME/Makefile, tests/dropin/microkit-2.3-style):
# the SDK of BUILD is installed with `CMAKE --install BUILD --prefix
# WORK/sdk`, a kernel is put into it with `microkit sdk add-kernel`, the
# example's sources (EXAMPLES/NAME) and the Makefile are copied to a fresh
# folder and, as 2.3's READMEs say,
#   mkdir build
#   make BUILD_DIR=build MICROKIT_SDK=WORK/sdk MICROKIT_BOARD=qemu_virt_aarch64
#        MICROKIT_CONFIG=debug VARIABLES
# must build every PD (an AArch64 executable), loader.img and report.txt,
# with --viper-output build/viper/PD.vpr for every PD of the system, and
# with --capdl-json the boot spec as JSON (valid JSON, a thread per PD);
# then `make ... qemu`, the Makefile's own QEMU command line (the loader
# image at 0x70000000, as the 2.3 manual gives it), must boot:
#   MODE build  with the boot-protocol test kernel TEST_KERNEL installed: the
#               loader starts it ("BOOT-PROTOCOL: test kernel running")
#   MODE sel4   with the debug seL4 build in $MICROKIT_TEST_KERNEL_DIR: the
#               PD output equals EXAMPLES/NAME/expected.txt
# COMPILER gcc: VARIABLES are TARGET_TRIPLE=aarch64-linux-gnu and
# TOOLCHAIN=aarch64-linux-gnu (the machine's cross gcc and GNU ld in place
# of 2.3's aarch64-none-elf); llvm: LLVM=True (clang -target
# aarch64-none-elf, ld.lld) and TOOLCHAIN=aarch64-linux-gnu for the one
# Makefile in 2.3's older gcc-only form (setvar).
# Exit 0 pass, 1 fail, 77 skipped (a compiler or QEMU missing; sel4: no kernel).
set -u
SKIP=77
board=qemu_virt_aarch64
config=debug
mode=$1 compiler=$2 cmake=$3 build=$4 work=$5 examples=$6 makefiles=$7 test_kernel=$8
shift 8
here=$(cd "$(dirname "$0")" && pwd)
compare=$here/../boot/examples/run_example.sh

skip() {
    echo "SKIPPED: $*"
    exit $SKIP
}
fail() {
    echo "FAIL: $*"
    exit 1
}
need() {
    command -v "$1" >/dev/null 2>&1 || skip "$1 not found ($2)"
}

unset CC AS LD CFLAGS LDFLAGS LLVM TOOLCHAIN TARGET_TRIPLE MICROKIT_TOOL MICROKIT_SDK \
    MICROKIT_BOARD MICROKIT_CONFIG BUILD_DIR CPU MAKEFLAGS MFLAGS 2>/dev/null || true
need qemu-system-aarch64 "apt-get install qemu-system-arm"
need setsid "util-linux"
need aarch64-linux-gnu-gcc "apt-get install gcc-aarch64-linux-gnu"
case $compiler in
gcc)
    vars="TARGET_TRIPLE=aarch64-linux-gnu TOOLCHAIN=aarch64-linux-gnu"
    producer="GCC: |GNU C[0-9]"
    ;;
llvm)
    need clang "apt-get install clang"
    need ld.lld "apt-get install lld"
    vars="LLVM=True TOOLCHAIN=aarch64-linux-gnu"
    producer="clang version"
    ;;
*) fail "unknown compiler '$compiler' (gcc or llvm)" ;;
esac
case $mode in
build) [ -e "$test_kernel" ] || fail "the boot-protocol test kernel '$test_kernel' is not built" ;;
sel4)
    kdir=${MICROKIT_TEST_KERNEL_DIR:-}
    [ -n "$kdir" ] || skip "MICROKIT_TEST_KERNEL_DIR not set: no seL4 kernel to install and boot"
    json=$kdir/gen_config/kernel/gen_config.json
    [ -f "$json" ] || json=$kdir/include/kernel/gen_config.json
    grep -Eqs '"PRINTING": *true' "$json" ||
        skip "the kernel in '$kdir' does not print (not a debug build): PD output cannot be checked"
    ;;
*) fail "unknown mode '$mode' (build or sel4)" ;;
esac

rm -rf "$work"
mkdir -p "$work"
sdk=$work/sdk
microkit=$sdk/bin/microkit
"$cmake" --install "$build" --prefix "$sdk" >"$work/install.log" 2>&1 ||
    { cat "$work/install.log"; fail "cmake --install $build --prefix $sdk"; }
if [ "$mode" = build ]; then
    kdir=$work/kernel
    mkdir -p "$kdir/gen_config/kernel"
    cp "$test_kernel" "$kdir/kernel.elf" || fail "copying '$test_kernel'"
    "$microkit" board-info $board --config $config --format gen-config-json \
        >"$kdir/gen_config/kernel/gen_config.json" || fail "board-info --format gen-config-json"
fi
"$microkit" sdk add-kernel --board $board --config $config "$kdir" >"$work/add-kernel.log" 2>&1 ||
    { cat "$work/add-kernel.log"; fail "microkit sdk add-kernel --board $board --config $config $kdir"; }
echo "ok: SDK installed in $sdk with the kernel of $kdir"

# make_in DIR TARGET...: make in DIR/src with the 2.3 README's variables.
make_in() {
    d=$1
    shift
    # shellcheck disable=SC2086 # $vars is a list of words
    (cd "$d/src" && make BUILD_DIR=build MICROKIT_SDK="$sdk" MICROKIT_BOARD=$board \
        MICROKIT_CONFIG=$config $vars "$@")
}

# qemu DIR CONSOLE UNTIL: `make qemu` until UNTIL is on the console (at most
# 120 s), then stop QEMU (its session: make's, started here).
qemu() {
    d=$1 console=$2 until=$3
    : >"$console"
    (exec setsid sh -c 'cd "$1/src" && shift && exec make "$@" qemu' sh "$d" BUILD_DIR=build \
        MICROKIT_SDK="$sdk" MICROKIT_BOARD=$board MICROKIT_CONFIG=$config $vars) \
        </dev/null >"$console" 2>&1 &
    pid=$!
    n=0
    while [ $n -lt 240 ] && kill -0 $pid 2>/dev/null; do
        tr -d '\r' <"$console" | grep -qF -- "$until" && break
        sleep 0.5
        n=$((n + 1))
    done
    kill -TERM -$pid 2>/dev/null
    wait $pid 2>/dev/null
    tr -d '\r' <"$console" | grep -qF -- "$until"
}

# The names of the protection domains of SYSTEM.
pd_names() {
    grep -o '<protection_domain [^>]*name="[^"]*"' "$1" | sed 's/.* name="\([^"]*\)"/\1/'
}

# --capdl-json FILE: the boot spec as JSON (tool/spec_json.h), a thread per PD.
check_spec_json() {
    name=$1 json=$2 system=$3
    grep -q '^  "format": "microkit-sdk-boot-spec",$' "$json" 2>/dev/null ||
        { echo "FAIL: $name: $json is not the boot spec as JSON"; return 1; }
    if command -v python3 >/dev/null 2>&1; then
        python3 -c 'import json, sys; d = json.load(open(sys.argv[1])); print("\n".join(t["name"] for t in d["threads"]))' \
            "$json" | sort >"$json.threads" || { echo "FAIL: $name: $json is not valid JSON"; return 1; }
        pd_names "$system" | sort | cmp -s - "$json.threads" ||
            { echo "FAIL: $name: the threads of $json are not the PDs"; return 1; }
    fi
    echo "    $name: --capdl-json: $(grep -c '"type"' "$json") objects"
}

check_outputs() {
    name=$1 d=$2
    out=$d/src/build
    for elf in $(grep -o 'path="[^"]*\.elf"' "$d/src/$name.system" | sed 's/path="\(.*\)"/\1/'); do
        # e_type 2 (executable), e_machine 0xb7 (AArch64), little-endian.
        [ "$(od -An -tx1 -j16 -N4 "$out/$elf" 2>/dev/null | tr -d ' \n')" = 0200b700 ] ||
            { echo "FAIL: $name: $elf is not an AArch64 executable"; return 1; }
        # setvar's Makefile is gcc only, as its 2.3 counterpart.
        want=$producer
        grep -q 'ifeq ($(strip $(LLVM)),True)' "$d/src/Makefile" || want="GCC: |GNU C[0-9]"
        # The object when make kept it (a pattern chain's is removed), else the ELF.
        obj=$out/${elf%.elf}.o
        [ -e "$obj" ] || obj=$out/$elf
        grep -Eaq "$want" "$obj" || { echo "FAIL: $name: $obj was not compiled by '$want'"; return 1; }
    done
    [ -s "$out/loader.img" ] && grep -q "^board: *$board" "$out/report.txt" ||
        { echo "FAIL: $name: no loader.img or report.txt"; return 1; }
    if grep -q -- '--capdl-json' "$d/src/Makefile"; then
        check_spec_json "$name" "$out/capdl_spec.json" "$d/src/$name.system" || return 1
    fi
    grep -q -- '--viper-output' "$d/src/Makefile" || return 0
    for pd in $(pd_names "$d/src/$name.system"); do
        f=$out/viper/$pd.vpr
        head -n 1 "$f" 2>/dev/null | grep -qx "// exported invariants for PD $pd in $name.system" &&
            grep -q '^define pansel4_has_cap(x) (x in Set(1,3,4' "$f" ||
            { echo "FAIL: $name: no viper file $f for PD '$pd'"; return 1; }
    done
    [ "$(ls "$out/viper" | wc -l)" -eq "$(pd_names "$d/src/$name.system" | wc -l)" ] ||
        { echo "FAIL: $name: not one viper file per PD in $out/viper"; return 1; }
    echo "    $name: viper files: $(cd "$out/viper" && echo *)"
}

example() {
    name=$1 src=$examples/$1 d=$work/$1
    mkdir -p "$d/src/build"
    cp "$src"/*.c "$src"/*.system "$makefiles/$name/Makefile" "$d/src/" ||
        { echo "FAIL: copying $name"; return 1; }
    make_in "$d" >"$d/make.log" 2>&1 || { cat "$d/make.log"; echo "FAIL: $name: make"; return 1; }
    check_outputs "$name" "$d" || return 1
    console=$d/console.txt
    if [ "$mode" = build ]; then
        qemu "$d" "$console" "BOOT-PROTOCOL: FAIL: manifest magic" &&
            grep -qF "LDR|INFO: jumping to kernel" "$console" &&
            grep -qF "BOOT-PROTOCOL: test kernel running" "$console" ||
            { tr -d '\r' <"$console"; echo "FAIL: $name: make qemu did not start the kernel"; return 1; }
        tr -d '\r' <"$console" | grep -E "jumping to kernel|test kernel running" | sed "s/^/    $name: /"
    else
        last=$(tail -n 1 "$src/expected.txt")
        qemu "$d" "$console" "$last" ||
            { tr -d '\r' <"$console"; echo "FAIL: $name: make qemu: no '$last'"; return 1; }
        # Up to the first line equal to the last expected one (the PDs may go on).
        tr -d '\r' <"$console" | awk -v l="$last" '{ print } $0 == l { exit }' >"$console.cut"
        sh "$compare" compare "$src/expected.txt" "$console.cut" ||
            { echo "FAIL: $name: output differs"; return 1; }
        sh "$compare" filter "$console.cut" | sed "s/^/    $name: /"
    fi
    echo "ok: $name ($compiler, $mode)"
}

status=0
for name in "$@"; do
    example "$name" || status=1
done
exit $status
