# SPDX-License-Identifier: BSD-2-Clause
#
# `microkit board-info BOARD --format cmake` sets exactly the variables
# cmake/target/CMakeLists.txt reads, with the expected spelling: hex
# addresses as "0x..." strings, decimal counts, a known UART kind.
#
#   cmake -DMICROKIT=<tool> -DBOARDS_DIR=<dir> -DBOARD=<name> -DOUT=<file> -P board_info_cmake.cmake
execute_process(COMMAND ${MICROKIT} board-info ${BOARD} --boards-dir ${BOARDS_DIR} --format cmake
    OUTPUT_FILE ${OUT} RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "board-info ${BOARD} --format cmake failed (${rc})")
endif()

get_cmake_property(before VARIABLES)
include(${OUT})
get_cmake_property(after VARIABLES)
list(REMOVE_ITEM after ${before} before CMAKE_PARENT_LIST_FILE)

set(hex BOARD_LINK_ADDRESS BOARD_UART_BASE)
set(dec BOARD_PA_BITS BOARD_NUM_CPUS BOARD_TIMER_FREQUENCY)
set(str BOARD_NAME BOARD_ARCH BOARD_CPU BOARD_UART_KIND BOARD_KERNEL_PLATFORM)
# RISC-V boards have no GIC (the kernel drives the PLIC).
if(NOT BOARD_ARCH STREQUAL "riscv64")
    list(APPEND hex BOARD_GICD_BASE BOARD_GICC_BASE)
    list(APPEND dec BOARD_GIC_VERSION)
endif()
# Boards whose other cores wait in a spin table (the loader's SMP start).
if(DEFINED BOARD_SPIN_TABLE)
    if(NOT BOARD_SPIN_TABLE MATCHES "^0x[0-9a-f]+(,0x[0-9a-f]+)*$")
        message(FATAL_ERROR "BOARD_SPIN_TABLE = '${BOARD_SPIN_TABLE}' is not 0x...,0x...")
    endif()
    list(APPEND str BOARD_SPIN_TABLE)
endif()
set(expected ${hex} ${dec} ${str})
list(SORT expected)
list(SORT after)
if(NOT after STREQUAL expected)
    message(FATAL_ERROR "variables set: ${after}\nexpected exactly: ${expected}")
endif()
foreach(v ${hex})
    if(NOT ${v} MATCHES "^0x[0-9a-f]+$")
        message(FATAL_ERROR "${v} = '${${v}}' is not a 0x... hex string")
    endif()
endforeach()
foreach(v ${dec})
    if(NOT ${v} MATCHES "^[1-9][0-9]*$")
        message(FATAL_ERROR "${v} = '${${v}}' is not a decimal number")
    endif()
endforeach()
if(NOT BOARD_NAME STREQUAL BOARD)
    message(FATAL_ERROR "BOARD_NAME = '${BOARD_NAME}', expected '${BOARD}'")
endif()
# A known kind is one the loader has a driver for.
if(NOT BOARD_UART_KIND MATCHES "^[a-z0-9_]+$"
   OR NOT EXISTS ${BOARDS_DIR}/../loader/src/uart/${BOARD_UART_KIND}.c)
    message(FATAL_ERROR "BOARD_UART_KIND = '${BOARD_UART_KIND}': no loader/src/uart/<kind>.c")
endif()
if(NOT BOARD_ARCH MATCHES "^(aarch64|riscv64)$")
    message(FATAL_ERROR "BOARD_ARCH = '${BOARD_ARCH}'")
endif()
if(NOT BOARD_ARCH STREQUAL "riscv64" AND NOT BOARD_GIC_VERSION MATCHES "^[23]$")
    message(FATAL_ERROR "BOARD_GIC_VERSION = '${BOARD_GIC_VERSION}'")
endif()
