# SPDX-License-Identifier: BSD-2-Clause
#
# Sourced by the shell tests that run the tool on AArch64 target parts:
#
#   need_target FILE...        exit 77 (skipped), naming the first FILE that
#                              is missing: the target parts were not built
#   test_kernel_dir KERNEL DIR a seL4 build folder stand-in in DIR/kernel:
#                              KERNEL as kernel.elf and the SDK's own
#                              gen_config.json for qemu_virt_aarch64 debug
#                              (needs $microkit and $sdk)

need_target() {
    for f in "$@"; do
        if [ ! -e "$f" ]; then
            echo "SKIPPED: '$f' is missing (build with -DMICROKIT_TARGET=ON and the AArch64 cross compiler)"
            exit 77
        fi
    done
}

test_kernel_dir() {
    mkdir -p "$2/kernel/gen_config/kernel"
    cp "$1" "$2/kernel/kernel.elf"
    MICROKIT_SDK=$sdk "$microkit" board-info qemu_virt_aarch64 --config debug \
        --format gen-config-json >"$2/kernel/gen_config/kernel/gen_config.json"
}
