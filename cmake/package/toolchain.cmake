# SPDX-License-Identifier: BSD-2-Clause
#
# Toolchain file for projects built against the Microkit SDK:
#
#   cmake -S . -B build -DCMAKE_TOOLCHAIN_FILE=<sdk>/lib/cmake/Microkit/toolchain.cmake \
#         -DMICROKIT_BOARD=qemu_virt_aarch64 [-DMICROKIT_TOOLCHAIN=gcc|clang]
#
# It chooses the compiler for MICROKIT_BOARD, nothing else: the SDK's
# include directories, libmicrokit and its linker script come from
# find_package(Microkit) (target Microkit::microkit).
#
#   MICROKIT_BOARD         default qemu_virt_aarch64. `host` keeps the host
#                          compiler (PDs for the simulator): the file then
#                          does nothing, so one command line serves both.
#   MICROKIT_TOOLCHAIN     gcc (default) or clang; clang is also chosen when
#                          CMAKE_C_COMPILER names a clang.
#   MICROKIT_CROSS_PREFIX  gcc only, default aarch64-linux-gnu- (a compiler
#                          for Linux works: PDs link no C library).
#   MICROKIT_CLANG_TARGET  clang only, default aarch64-none-elf; links with
#                          ld.lld.
#
# An explicit -DCMAKE_C_COMPILER=... is kept as given.

# CMake reads this file again for every try_compile() project, which sees
# only the variables listed here.
list(APPEND CMAKE_TRY_COMPILE_PLATFORM_VARIABLES
    MICROKIT_BOARD MICROKIT_TOOLCHAIN MICROKIT_CROSS_PREFIX MICROKIT_CLANG_TARGET)

# Make find_package(Microkit) find the SDK this file belongs to.
get_filename_component(_microkit_toolchain_sdk "${CMAKE_CURRENT_LIST_DIR}/../../.." ABSOLUTE)
list(APPEND CMAKE_PREFIX_PATH "${_microkit_toolchain_sdk}")

# The same default as find_package(Microkit), so the two agree when the
# user sets nothing.
set(MICROKIT_BOARD qemu_virt_aarch64 CACHE STRING "Microkit board to build for")
if(MICROKIT_BOARD STREQUAL "host")
    return()
endif()

if(NOT DEFINED MICROKIT_TOOLCHAIN)
    if(CMAKE_C_COMPILER MATCHES "clang[^/]*$")
        set(MICROKIT_TOOLCHAIN clang)
    else()
        set(MICROKIT_TOOLCHAIN gcc)
    endif()
endif()
set(MICROKIT_TOOLCHAIN ${MICROKIT_TOOLCHAIN} CACHE STRING
    "Compiler family for the target: gcc or clang")
set_property(CACHE MICROKIT_TOOLCHAIN PROPERTY STRINGS gcc clang)

set(CMAKE_SYSTEM_NAME Generic)
set(CMAKE_SYSTEM_PROCESSOR aarch64)

set(_microkit_linker_flags "")
if(MICROKIT_TOOLCHAIN STREQUAL "gcc")
    set(MICROKIT_CROSS_PREFIX aarch64-linux-gnu- CACHE STRING "AArch64 gcc prefix")
    if(NOT CMAKE_C_COMPILER)
        find_program(MICROKIT_CROSS_GCC ${MICROKIT_CROSS_PREFIX}gcc)
        if(NOT MICROKIT_CROSS_GCC)
            message(FATAL_ERROR "Microkit: ${MICROKIT_CROSS_PREFIX}gcc not found for board "
                "'${MICROKIT_BOARD}'. Install it (Debian: apt-get install "
                "gcc-aarch64-linux-gnu), set MICROKIT_CROSS_PREFIX, or use "
                "-DMICROKIT_TOOLCHAIN=clang.")
        endif()
        set(CMAKE_C_COMPILER ${MICROKIT_CROSS_GCC})
    endif()
    # CMake finds ar, objcopy, ... next to the compiler, with its prefix.
elseif(MICROKIT_TOOLCHAIN STREQUAL "clang")
    set(MICROKIT_CLANG_TARGET aarch64-none-elf CACHE STRING "clang --target for PDs")
    if(NOT CMAKE_C_COMPILER)
        set(CMAKE_C_COMPILER clang)
    endif()
    set(CMAKE_C_COMPILER_TARGET ${MICROKIT_CLANG_TARGET})
    set(CMAKE_ASM_COMPILER_TARGET ${MICROKIT_CLANG_TARGET})
    # The host's `ar` may not know AArch64 objects; llvm-ar knows them all.
    find_program(CMAKE_AR NAMES llvm-ar)
    set(_microkit_linker_flags "-fuse-ld=lld")
else()
    message(FATAL_ERROR "Microkit: MICROKIT_TOOLCHAIN must be gcc or clang, not "
        "'${MICROKIT_TOOLCHAIN}'")
endif()
if(NOT CMAKE_ASM_COMPILER)
    set(CMAKE_ASM_COMPILER ${CMAKE_C_COMPILER})
endif()

# Bare-metal code for the whole project, so libraries that do not link
# Microkit::microkit are built for the same environment: no hosted C
# library, no stack protector (nothing provides its guard), absolute code
# (PDs are linked at fixed addresses), no unaligned accesses (device memory
# faults on them). The CPU comes from the board, in Microkit::microkit.
set(CMAKE_C_FLAGS_INIT "-ffreestanding -fno-stack-protector -fno-pic -mstrict-align")
set(CMAKE_ASM_FLAGS_INIT "${CMAKE_C_FLAGS_INIT}")
# (CMake reads this file twice per configure: set, never append.)
set(CMAKE_EXE_LINKER_FLAGS_INIT "${_microkit_linker_flags} -nostdlib -static")
# find_package(Microkit) leaves these flags out of Microkit::microkit when
# this file is in use, so they appear once on each command line.
set(MICROKIT_TOOLCHAIN_FLAGS ON)

# Compiler checks cannot link a program without the SDK's linker script.
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)
# Tools run on the build machine; libraries and headers belong to the target.
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
