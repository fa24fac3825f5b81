# SPDX-License-Identifier: BSD-2-Clause
#
# Test ELF files, built at test-build time (nothing binary is committed):
#   pd.elf        AArch64 PD (pd.c + pd_dup.c, pd.ld) with the cross compiler
#   pd_host.elf   the same for the host (x86-64), patched symbols in .data
#   bad/*.elf     malformed copies of pd.elf made by corrupt.c
# Include this file, then use the target `test_elfs` and the variables
# TEST_ELF_DIR (where they are) and TEST_ELF_HAVE_CROSS (ON when pd.elf can
# be built; tests needing it skip otherwise).
set(TEST_ELF_DIR ${CMAKE_BINARY_DIR}/tests/elf)
set(TEST_ELF_SRC ${CMAKE_SOURCE_DIR}/tests/elf)
file(MAKE_DIRECTORY ${TEST_ELF_DIR}/bad)

if(NOT MICROKIT_CROSS_CC)
    find_program(MICROKIT_CROSS_CC ${MICROKIT_CROSS_PREFIX}gcc)
endif()

add_executable(test_elf_corrupt ${TEST_ELF_SRC}/corrupt.c)
target_compile_options(test_elf_corrupt PRIVATE ${MICROKIT_HOST_WARNINGS})

set(test_elf_outputs ${TEST_ELF_DIR}/pd_host.elf)
add_custom_command(OUTPUT ${TEST_ELF_DIR}/pd_host.elf
    COMMAND ${CMAKE_C_COMPILER} -O1 -fno-pic -no-pie -nostdlib -static -DHOST_DATA
        -ffreestanding -fno-stack-protector -Wl,--build-id=none
        -o ${TEST_ELF_DIR}/pd_host.elf ${TEST_ELF_SRC}/pd.c ${TEST_ELF_SRC}/pd_dup.c
    DEPENDS ${TEST_ELF_SRC}/pd.c ${TEST_ELF_SRC}/pd_dup.c
    COMMENT "Building the host test ELF")

if(MICROKIT_CROSS_CC)
    set(TEST_ELF_HAVE_CROSS ON)
    add_custom_command(OUTPUT ${TEST_ELF_DIR}/pd.elf
        COMMAND ${MICROKIT_CROSS_CC} -O1 -nostdlib -static -ffreestanding -fno-stack-protector
            -fno-pic -Wl,--build-id=none -T ${TEST_ELF_SRC}/pd.ld
            -o ${TEST_ELF_DIR}/pd.elf ${TEST_ELF_SRC}/pd.c ${TEST_ELF_SRC}/pd_dup.c
        DEPENDS ${TEST_ELF_SRC}/pd.c ${TEST_ELF_SRC}/pd_dup.c ${TEST_ELF_SRC}/pd.ld
        COMMENT "Building the AArch64 test ELF")
    add_custom_command(OUTPUT ${TEST_ELF_DIR}/bad/truncated.elf
        COMMAND test_elf_corrupt ${TEST_ELF_DIR}/pd.elf ${TEST_ELF_DIR}/bad
        DEPENDS test_elf_corrupt ${TEST_ELF_DIR}/pd.elf
        COMMENT "Making malformed test ELFs")
    list(APPEND test_elf_outputs ${TEST_ELF_DIR}/pd.elf ${TEST_ELF_DIR}/bad/truncated.elf)
else()
    set(TEST_ELF_HAVE_CROSS OFF)
endif()
add_custom_target(test_elfs ALL DEPENDS ${test_elf_outputs})
