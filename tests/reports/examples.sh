#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
#
# examples.sh MICROKIT SDK TEST_KERNEL SCHEMA WORK EXAMPLE_ELF_ROOT EXAMPLE...
#
# For every EXAMPLE (example/<name>, its PDs in EXAMPLE_ELF_ROOT/<name>),
# built for qemu_virt_aarch64 debug against the boot-protocol test kernel
# with -r, --report-json and --gen-headers:
#   - the JSON report validates against SCHEMA (python3-jsonschema), and its
#     physical memory map is sorted, without overlaps (but the loader's),
#     covers every untyped, and sums to its totals; its audit found nothing;
#   - the text report has every section of docs/reports.md and its
#     capability audit finds nothing ("NOT GRANTED" nowhere);
#   - every generated header compiles (cc -fsyntax-only, -Wall -Werror) and
#     equals what `microkit gen-header SYSTEM --pd NAME` prints.
# Exit 77 (skipped) without the target parts or without python3-jsonschema.
set -eu
. "$(dirname "$0")/../lib/target.sh"
microkit=$1 sdk=$2 kernel=$3 schema=$4 work=$5 elfroot=$6
shift 6
need_target "$microkit" "$kernel" "$sdk/board/qemu_virt_aarch64/debug/elf/monitor.elf" \
    "$sdk/board/qemu_virt_aarch64/debug/elf/loader.elf"
if ! python3 -c 'import jsonschema' 2>/dev/null; then
    echo "SKIPPED: python3-jsonschema is not installed (apt-get install python3-jsonschema)"
    exit 77
fi
src=$(cd "$(dirname "$0")/../.." && pwd)
rm -rf "$work"
mkdir -p "$work"
test_kernel_dir "$kernel" "$work"
cd "$work"
fail=0 built=0
for ex in "$@"; do
    elfdir=$elfroot/$ex
    if ! ls "$elfdir"/*.elf >/dev/null 2>&1; then
        echo "SKIPPED: example $ex (no PD ELFs in '$elfdir')"
        continue
    fi
    sys=$(ls "$src/example/$ex"/*.system | head -n 1)
    mkdir -p "$ex"
    if ! MICROKIT_SDK=$sdk "$microkit" "$sys" --board qemu_virt_aarch64 --config debug \
        --search-path "$elfdir" "$src/example/$ex" --kernel kernel -o "$ex/loader.img" \
        -r "$ex/report.txt" --report-json "$ex/report.json" --gen-headers "$ex/include"; then
        echo "FAIL: $ex does not build"
        fail=1
        continue
    fi
    built=$((built + 1))
    python3 - "$schema" "$ex/report.json" <<'PY' || { echo "FAIL: $ex: report.json"; fail=1; }
import json, sys, jsonschema
schema = json.load(open(sys.argv[1]))
jsonschema.Draft7Validator.check_schema(schema)
report = json.load(open(sys.argv[2]))
jsonschema.validate(report, schema)
# The physical map: sorted, no two ranges overlap (but the loader, which lies
# in RAM that is free once the kernel runs), the totals are its sums, and
# every range of RAM the untypeds hold is owned by something or free.
ranges = report["physical_memory"]
assert ranges == sorted(ranges, key=lambda r: r["paddr"]), "not sorted"
owned = [r for r in ranges if r["owner"] != "loader"]
for a, b in zip(owned, owned[1:]):
    assert a["paddr"] + a["size"] <= b["paddr"], ("overlap", a, b)
sums = {}
for r in ranges:
    if not r["device"]:
        sums[r["owner"]] = sums.get(r["owner"], 0) + r["size"]
assert sums == report["totals"], (sums, report["totals"])
assert report["free_bytes"] == sums.get("free", 0)
for u in report["untypeds"]:
    lo, hi = u["paddr"], u["paddr"] + (1 << u["size_bits"])
    covered = sum(min(hi, r["paddr"] + r["size"]) - max(lo, r["paddr"])
                  for r in owned if r["paddr"] < hi and r["paddr"] + r["size"] > lo)
    assert covered == hi - lo, ("untyped not covered", u)
assert report["audit_problems"] == 0
PY
    for section in "# Physical memory map" "Totals by kind:" "Totals by PD" "## PD '" \
        "# Kernel objects" "# Capability audit" "# Warnings"; do
        grep -qF "$section" "$ex/report.txt" || { echo "FAIL: $ex: no '$section'"; fail=1; }
    done
    if grep -q "NOT GRANTED\|beyond what the SDF grants" "$ex/report.txt"; then
        echo "FAIL: $ex: the capability audit found caps or maps the SDF does not grant"
        fail=1
    fi
    for h in "$ex"/include/*.h; do
        pd=$(basename "$h" .h)
        printf '#include "%s"\nint x = CHECK;\n' "$(pwd)/$h" >"$ex/use.c"
        cc -std=c11 -Wall -Werror -fsyntax-only -DCHECK=1 "$ex/use.c" ||
            { echo "FAIL: $ex: $h does not compile"; fail=1; }
        "$microkit" gen-header "$sys" --pd "$pd" --search-path "$elfdir" "$src/example/$ex" |
            cmp -s - "$h" || { echo "FAIL: $ex: gen-header --pd $pd differs from $h"; fail=1; }
    done
done
[ $built -gt 0 ] || { echo "SKIPPED: no example was built"; exit 77; }
[ $fail -eq 0 ] && echo "PASS: $built examples"
exit $fail
