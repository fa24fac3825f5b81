# SPDX-License-Identifier: BSD-2-Clause
#
# Shared by the tests of tests/files: sourced with microkit, sdk, elfdir (the
# hello example for AArch64), hostdir (for the host), kernel and work set. Sets up a kernel folder and the hello system in
# $work, and the helpers run/expect.
set -u
for f in "$microkit" "$kernel" "$elfdir/hello.elf" "$hostdir/hello.elf" \
         "$sdk/board/qemu_virt_aarch64/debug/elf/monitor.elf"; do
    if [ ! -e "$f" ]; then
        echo "SKIPPED: '$f' is missing (build with -DMICROKIT_TARGET=ON and the debug config)"
        exit 77
    fi
done
export MICROKIT_SDK="$sdk"
rm -rf "$work"
mkdir -p "$work/kernel/gen_config/kernel" "$work/elf" "$work/host"
cp "$kernel" "$work/kernel/kernel.elf"
"$microkit" board-info qemu_virt_aarch64 --config debug --format gen-config-json \
    >"$work/kernel/gen_config/kernel/gen_config.json" || exit 1
cp "$elfdir/hello.elf" "$work/elf/"
cp "$hostdir/hello.elf" "$work/host/"
cd "$work" || exit 1
cat >hello.system <<'SDF'
<?xml version="1.0" encoding="UTF-8"?>
<system>
    <protection_domain name="hello" priority="254">
        <program_image path="hello.elf" />
    </protection_domain>
</system>
SDF
cat >prefill.system <<'SDF'
<?xml version="1.0" encoding="UTF-8"?>
<system>
    <memory_region name="buf" size="0x1000" prefill_path="data.bin" />
    <protection_domain name="hello" priority="254">
        <program_image path="hello.elf" />
        <map mr="buf" vaddr="0x2000000" perms="r" />
    </protection_domain>
</system>
SDF

# run ARGS...: microkit ARGS, stopped after 60 s should it hang (the
# refusals tested here take milliseconds); sets status and out.
run() {
    out=$(timeout 60 "$microkit" "$@" 2>&1)
    status=$?
}
# build SYSTEM ARGS...: the build for qemu_virt_aarch64 with this kernel.
build() {
    sys=$1
    shift
    run "$sys" --board qemu_virt_aarch64 --config debug --search-path elf --kernel kernel "$@"
}
fail() {
    echo "$out"
    echo "FAIL: $*"
    exit 1
}
# expect STATUS TEXT...: the last run exited with STATUS and printed every TEXT.
expect() {
    want=$1
    shift
    [ "$status" -ne 124 ] || fail "timed out: the tool hung"
    [ "$status" -eq "$want" ] || fail "exit status $status, expected $want"
    for t in "$@"; do
        case "$out" in
        *"$t"*) ;;
        *) fail "missing: $t" ;;
        esac
    done
}
# no_temps: no temporary output file is left in the work folder.
no_temps() {
    left=$(find . -name '*.tmp.*' | head -5)
    [ -z "$left" ] || fail "temporary files left: $left"
}
