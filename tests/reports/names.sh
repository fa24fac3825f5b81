#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
#
# names.sh MICROKIT WORK: `microkit gen-header` names constants as
# docs/reports.md says, collisions included: the header of PD 'client' of
# names/names.system equals names/client.h.expected, compiles, and the constants
# have the SDF's values; --dir writes one header per PD, the same.
set -eu
microkit=$1 work=$2
here=$(cd "$(dirname "$0")" && pwd)
rm -rf "$work"
mkdir -p "$work"
cd "$work"
"$microkit" gen-header "$here/names/names.system" --pd client -o client.h
diff -u "$here/names/client.h.expected" client.h
"$microkit" gen-header "$here/names/names.system" --dir all
cmp client.h all/client.h
for pd in server my-server worker; do
    [ -s "all/$pd.h" ] || { echo "FAIL: no all/$pd.h"; exit 1; }
done
cat >use.c <<'C'
#include "client.h"
_Static_assert(CH_SERVER_1 == 1 && CH_SERVER_2 == 2, "two channels with one peer");
_Static_assert(CH_MY_SERVER == 3 && CH_WORKER == 4 && CHILD_WORKER == 7, "peers");
_Static_assert(IRQ_33 == 5 && IRQ_34 == 6, "irqs");
_Static_assert(SHARED_1_VADDR == 0x4000000 && SHARED_2_VADDR == 0x4100000, "one region twice");
_Static_assert(DMA_VADDR == 0x4200000 && DMA_SIZE == 0x200000, "setvar_vaddr names the map");
_Static_assert(_2ND_VADDR == 0x4400000 && _2ND_SIZE == 0x1000, "a leading digit");
C
cc -std=c11 -Wall -Werror -fsyntax-only use.c
# Errors: no such PD (exit 2), an invalid system (exit 1), nothing written.
set +e
"$microkit" gen-header "$here/names/names.system" --pd nobody -o none.h 2>err.txt
rc=$?
set -e
[ $rc -eq 2 ] && [ ! -e none.h ] && grep -q "no protection domain 'nobody'" err.txt ||
    { echo "FAIL: --pd nobody: exit $rc"; exit 1; }
echo "PASS"
