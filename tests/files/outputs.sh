#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
#
# outputs.sh MICROKIT SDK ELF_DIR HOST_ELF_DIR TEST_KERNEL WORK: a command's outputs are
# written all or nothing (docs/cli.md, "Files the tool reads and writes"):
# a failing output leaves every old output as it was and no temporary file;
# two outputs naming one file, or an output naming an input, are refused
# before anything is written; modes follow the umask; a FIFO or
# /dev/stdout is written in place; SIGTERM and SIGHUP while the outputs are
# written remove the temporary files.
microkit=$1 sdk=$2 elfdir=$3 hostdir=$4 kernel=$5 work=$6
. "$(dirname "$0")/common.sh"

# Modes: 0666 less the umask.
for m in 022:-rw-r--r-- 077:-rw------- 002:-rw-rw-r--; do
    rm -f a.img r.txt
    (umask "${m%%:*}" && "$microkit" hello.system --board qemu_virt_aarch64 --config debug \
        --search-path elf --kernel kernel -o a.img -r r.txt) || fail "build under umask ${m%%:*}"
    got=$(stat -c %A a.img)
    [ "$got" = "${m#*:}" ] || fail "umask ${m%%:*}: a.img is $got, expected ${m#*:}"
done
no_temps

# Clashes: exit 2, nothing written, inputs intact.
echo old >a.img
cp hello.system hello.orig
ln -s hello.system link.system
for args in "-o a.img -r a.img" "-o ./a.img -r a.img" "-o new.img -r ./new.img" \
            "-o x.img -r r.txt --report-json r.txt"; do
    build hello.system $args
    expect 2 "it is also the output of" "[output-clash]" "give each output its own file"
done
for target in hello.system link.system elf/hello.elf kernel/kernel.elf; do
    build hello.system -o "$target" -r r2.txt
    expect 2 "cannot write '$target': it is also an input of this command" "[output-clash]"
done
cmp -s hello.system hello.orig || fail "the SDF was changed"
[ -L link.system ] || fail "the link to the SDF was replaced"
[ "$(cat a.img)" = old ] || fail "a.img was changed by a refused build"
[ ! -e new.img ] && [ ! -e x.img ] && [ ! -e r2.txt ] || fail "a refused build wrote an output"
no_temps

# One output cannot be written: none is, the old ones stay, every failure is reported.
build hello.system -o a.img -r missing/r.txt
expect 3 "cannot write 'missing/r.txt': No such file or directory" "[io]"
[ "$(cat a.img)" = old ] || fail "a.img was replaced although -r failed"
mkdir folder
build hello.system -o folder -r missing/r.txt
expect 3 "cannot write 'folder': is a directory" "cannot write 'missing/r.txt'"
build hello.system -o missing/x.img -r r3.txt
expect 3 "cannot write 'missing/x.img'"
[ ! -e r3.txt ] || fail "r3.txt written although -o failed"
run hello.system --board host --search-path host -o h.img -r missing/r.txt
expect 3 "cannot write 'missing/r.txt'"
[ ! -e h.img ] || fail "host image written although -r failed"
run hello.system --board host --search-path host -o h.img -r h.img
expect 2 "[output-clash]"
no_temps

# A symbolic link is replaced, not followed; its target stays.
echo keep >keep.txt
ln -s keep.txt out.img
build hello.system -o out.img -r r.txt
expect 0
[ ! -L out.img ] && [ "$(cat keep.txt)" = keep ] || fail "the link was followed"

# A FIFO with a reader and /dev/stdout are written in place.
mkfifo rfifo
cat rfifo >got.txt &
reader=$!
build hello.system -o a.img -r rfifo
expect 0
wait $reader
[ -p rfifo ] || fail "the FIFO was replaced"
grep -q "Build report" got.txt || fail "the report did not come through the FIFO"
timeout 60 "$microkit" hello.system --board qemu_virt_aarch64 --config debug --search-path elf \
    --kernel kernel -o a.img -r /dev/stdout >stdout.txt || fail "-r /dev/stdout"
grep -q "Build report" stdout.txt || fail "the report did not go to stdout"
[ -L /dev/stdout ] || fail "/dev/stdout was replaced"
ls /dev/stdout.tmp.* >/dev/null 2>&1 && fail "temporary files left in /dev"
no_temps

# A signal while the outputs are written: the FIFO has no reader, so the
# build waits in it with the image's temporary file complete.
for sig in TERM HUP; do
    echo old >a.img
    "$microkit" hello.system --board qemu_virt_aarch64 --config debug --search-path elf \
        --kernel kernel -o a.img -r rfifo 2>/dev/null &
    pid=$!
    n=0
    while ! ls a.img.tmp.* >/dev/null 2>&1; do
        n=$((n + 1))
        [ $n -lt 600 ] || { kill -KILL $pid; fail "SIG$sig: no temporary file appeared"; }
        sleep 0.1
    done
    kill -$sig $pid
    wait $pid
    status=$?
    [ $status -gt 128 ] || fail "SIG$sig: exit status $status, expected death by the signal"
    [ "$(cat a.img)" = old ] || fail "SIG$sig: a.img was replaced"
    no_temps
done

# board-info --write-config: five files or none.
mkdir -p cfg/sel4/gen_config.json
run board-info qemu_virt_aarch64 --config debug --write-config cfg
expect 3 "cannot write 'cfg/sel4/gen_config.json': is a directory"
[ ! -e cfg/kernel/gen_config.h ] && [ ! -e cfg/autoconf.h ] || fail "write-config wrote a part"
rmdir cfg/sel4/gen_config.json
run board-info qemu_virt_aarch64 --config debug --write-config cfg
expect 0
[ -f cfg/kernel/gen_config.h ] && [ -f cfg/sel4/gen_config.json ] && [ -f cfg/autoconf.h ] ||
    fail "write-config did not write every file"
no_temps
echo "ok"
