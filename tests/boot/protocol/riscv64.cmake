# SPDX-License-Identifier: BSD-2-Clause
#
# The loader's boot protocol on RISC-V 64 (qemu_virt_riscv64's loader under
# QEMU's OpenSBI): kernel/riscv64's test kernel, placed where seL4 goes,
# checks a0..a6, Sv39, the kernel window and every region; damaged images
# must be refused. Included from CMakeLists.txt (which defines mkimage_test).
# Skipped, with the reason, without qemu-system-riscv64, the RISC-V cross
# compiler or a qemu_virt_riscv64 loader.
find_program(QEMU_RISCV64 qemu-system-riscv64)
set(rv_loader ${SDK_STAGE}/board/qemu_virt_riscv64/${boot_config}/elf/loader.elf)
set(rv_tests pass corrupt-region corrupt-header corrupt-kernel bad-overlap truncate-header)
set(rv_skip "")
if(NOT QEMU_RISCV64)
    set(rv_skip "qemu-system-riscv64 not found (apt-get install qemu-system-misc)")
elseif(NOT MICROKIT_CROSS_CC_RISCV64)
    set(rv_skip "${MICROKIT_CROSS_PREFIX_RISCV64}gcc not found (apt-get install gcc-riscv64-linux-gnu)")
elseif(NOT MICROKIT_TARGET OR NOT "qemu_virt_riscv64" IN_LIST MICROKIT_BOARDS)
    set(rv_skip "the loader is not built for qemu_virt_riscv64 (see MICROKIT_BOARDS)")
endif()
if(rv_skip)
    foreach(t ${rv_tests})
        add_test(NAME boot-protocol-riscv64-${t}
            COMMAND sh -c "echo 'SKIPPED: ${rv_skip}'; exit ${BOOT_SKIP_CODE}")
        set_tests_properties(boot-protocol-riscv64-${t} PROPERTIES
            SKIP_RETURN_CODE ${BOOT_SKIP_CODE})
    endforeach()
    return()
endif()

set(rv_kernel_dir ${CMAKE_CURRENT_SOURCE_DIR}/kernel/riscv64)
set(rv_kernel ${CMAKE_CURRENT_BINARY_DIR}/test_kernel_riscv64.elf)
add_custom_command(OUTPUT ${rv_kernel}
    COMMAND ${MICROKIT_CROSS_CC_RISCV64} -std=gnu11 -O2 -g -ffreestanding -nostdlib -fno-builtin
        -fno-stack-protector -fno-pic -march=rv64imac_zicsr_zifencei -mabi=lp64 -mcmodel=medany
        -Wall -Wextra -Werror -static -Wl,--build-id=none -Wl,--no-warn-rwx-segments
        -T ${rv_kernel_dir}/kernel.ld ${rv_kernel_dir}/start.S ${rv_kernel_dir}/test_kernel.c
        -o ${rv_kernel}
    DEPENDS ${rv_kernel_dir}/kernel.ld ${rv_kernel_dir}/start.S ${rv_kernel_dir}/test_kernel.c
        ${CMAKE_CURRENT_SOURCE_DIR}/manifest.h
    COMMENT "Building the RISC-V 64 boot-protocol test kernel")
add_custom_target(boot_test_kernel_riscv64 ALL DEPENDS ${rv_kernel})

# name, expected output, forbidden output, mkimage_test damage option
function(rv_boot_test name expect reject)
    add_test(NAME boot-protocol-riscv64-${name}
        COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/run-boot-test.sh ${QEMU_RISCV64} riscv64
            $<TARGET_FILE:mkimage_test> ${rv_loader} ${rv_kernel}
            ${CMAKE_CURRENT_BINARY_DIR}/riscv64-${name}.img ${expect} ${reject} --riscv64 ${ARGN})
    set_tests_properties(boot-protocol-riscv64-${name} PROPERTIES LABELS "qemu;riscv64")
endfunction()
rv_boot_test(pass "BOOT-PROTOCOL: PASS" "BOOT-PROTOCOL: FAIL|LDR.ERROR")
rv_boot_test(corrupt-region "LDR.ERROR: region [0-9]+ .monitor. CRC mismatch"
    "jumping to kernel|BOOT-PROTOCOL" --corrupt-region)
rv_boot_test(corrupt-header "LDR.ERROR: header CRC mismatch"
    "jumping to kernel|BOOT-PROTOCOL" --corrupt-header)
rv_boot_test(corrupt-kernel "LDR.ERROR: region 0 .kernel. CRC mismatch"
    "jumping to kernel|BOOT-PROTOCOL" --corrupt-kernel)
rv_boot_test(bad-overlap "LDR.ERROR: region [0-9]+ .monitor. at 0x[0-9a-f.x]+ overlaps region 0 .kernel."
    "jumping to kernel|BOOT-PROTOCOL" --bad-overlap)
rv_boot_test(truncate-header "LDR.ERROR: no image header: magic 0x0, expected 0x5e14dead14de5ead"
    "jumping to kernel|BOOT-PROTOCOL" --truncate-header)
