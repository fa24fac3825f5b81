#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
#
# prefill_syms.sh MICROKIT PDS_DIR SCRIPTS_DIR
# Microkit 2.3's setvar_prefill_size, a region sized from its prefill file
# and path_for_symbols on the host simulator: the system (pds/prefill_syms.system,
# a stripped program with its symbols from the unstripped copy) prints the
# patched values, from `microkit run SYSTEM` and from a host image. The
# stripped program alone cannot be patched (so the symbols do come from the
# second file), and a second file of another program is refused.
set -u
microkit=$1 pds=$2 scripts=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

sh "$scripts/run_expect.sh" "$microkit" "$pds/prefill_syms.system" "$pds" \
    "$pds/prefill_syms.expected" 3 || fail "microkit run SYSTEM"

# The host image carries the file for symbols too.
if "$microkit" "$pds/prefill_syms.system" --board host --search-path "$pds" \
    -o "$tmp/sys.img" -r "$tmp/report.txt" >"$tmp/out" 2>&1; then
    "$microkit" run "$tmp/sys.img" >"$tmp/run" 2>&1 || fail "microkit run IMAGE: $(cat "$tmp/run")"
    grep -v '^MON|' "$tmp/run" | diff -u "$pds/prefill_syms.expected" - || fail "host image output"
else
    fail "host build: $(cat "$tmp/out")"
fi

# Without path_for_symbols the stripped program has no symbols to patch.
sed 's/ path_for_symbols="prefill_syms.elf"//' "$pds/prefill_syms.system" >"$tmp/nosyms.system"
"$microkit" run "$tmp/nosyms.system" --search-path "$pds" >"$tmp/out" 2>&1 && fail "stripped alone ran"
grep -q "cannot patch symbol 'microkit_name' in program image .*prefill_syms.stripped.elf.*\[elf-patch\]" \
    "$tmp/out" || fail "stripped alone: $(cat "$tmp/out")"

# Symbols of another program: refused, nothing runs.
sed 's/path_for_symbols="prefill_syms.elf"/path_for_symbols="badge_receiver.elf"/' \
    "$pds/prefill_syms.system" >"$tmp/other.system"
"$microkit" run "$tmp/other.system" --search-path "$pds" >"$tmp/out" 2>&1 && fail "mismatch ran"
grep -q "does not match program image .*prefill_syms.stripped.elf' of PD 'main'.*\[program-symbols-mismatch\]" \
    "$tmp/out" || fail "mismatch: $(cat "$tmp/out")"
grep -q "^prefill:" "$tmp/out" && fail "mismatch: the PD ran"

[ $fails -eq 0 ] && echo "prefill_syms: all passed"
[ $fails -eq 0 ]
