#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
#
# options.sh MICROKIT PDS_DIR: options of 'microkit run' that name something
# that is not there stop the run before any PD starts: --control naming a
# missing file (exit 3), --gdb, --valgrind or --irq naming no PD (exit 2,
# with the PDs listed); an unhandled fault makes the run fail (exit 8)
# unless --until matched; the severity options are those of 'check'.
set -u
microkit=$1 dir=$2
run() {
    sys=$1
    shift
    out=$("$microkit" run "$dir/$sys" --board host --search-path "$dir" --timeout 10 "$@" 2>&1)
    status=$?
}
expect() { # status text...
    want=$1
    shift
    [ "$status" -eq "$want" ] || { echo "$out"; echo "exit status $status, expected $want"; exit 1; }
    for t in "$@"; do
        case "$out" in
        *"$t"*) ;;
        *) echo "$out"; echo "missing: $t"; exit 1 ;;
        esac
    done
}
run spin.system --control /nonexistent/commands
expect 3 "--control: cannot read '/nonexistent/commands'" "[run-control]"
run spin.system --control /
expect 3 "it is a directory"
run spin.system --gdb spinn
expect 2 "--gdb: no PD called 'spinn'" "the system's PDs are 'spin', 'idle'" "[run-unknown-pd]"
run spin.system --valgrind nobody
expect 2 "--valgrind: no PD called 'nobody'"
run spin.system --irq 10:ghost:3
expect 2 "--irq: no PD called 'ghost'"
run spin.system -E mr-unsed
expect 2 "unknown rule 'mr-unsed'" "did you mean 'mr-unused'?"
run rofault.system
expect 8 "MON|ERROR: PD 'rofault' faulted" "a PD faulted and no PD handled the fault"
run rofault.system --until "MON\|ERROR: PD 'rofault' faulted"
expect 0
echo "ok"
