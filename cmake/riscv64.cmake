# SPDX-License-Identifier: BSD-2-Clause
# Toolchain for the bare-metal RISC-V 64 target parts (loader, monitor,
# libmicrokit, PDs). A Linux-targeting gcc works: nothing links its libc.
set(CMAKE_SYSTEM_NAME Generic)
set(CMAKE_SYSTEM_PROCESSOR riscv64)
if(NOT MICROKIT_CROSS_PREFIX)
    set(MICROKIT_CROSS_PREFIX riscv64-linux-gnu-)
endif()
set(CMAKE_C_COMPILER ${MICROKIT_CROSS_PREFIX}gcc)
set(CMAKE_ASM_COMPILER ${MICROKIT_CROSS_PREFIX}gcc)
set(CMAKE_AR ${MICROKIT_CROSS_PREFIX}ar CACHE FILEPATH "")
set(CMAKE_OBJCOPY ${MICROKIT_CROSS_PREFIX}objcopy CACHE FILEPATH "")
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
