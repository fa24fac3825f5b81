# SPDX-License-Identifier: BSD-2-Clause
#
# Cross builds of the target parts, one per board and configuration, each an
# external project rooted at cmake/target/ and installed into
# ${SDK_STAGE}/board/<board>/<config>. Board facts come from boards/<board>.xml
# through `microkit board-info`, so a board is data, read by one parser.
include(ExternalProject)

find_program(MICROKIT_CROSS_CC ${MICROKIT_CROSS_PREFIX}gcc)
if(NOT MICROKIT_CROSS_CC)
    message(WARNING "${MICROKIT_CROSS_PREFIX}gcc not found: target parts are not built "
        "(apt-get install gcc-aarch64-linux-gnu)")
    return()
endif()

# A board's architecture is its file's <cpu arch> (aarch64 when absent). The
# RISC-V boards are built with their own compiler, and left out (with a
# warning) when it is missing, so an AArch64-only machine builds the rest.
set(MICROKIT_CROSS_PREFIX_RISCV64 "riscv64-linux-gnu-" CACHE STRING
    "RISC-V 64 cross compiler prefix")
find_program(MICROKIT_CROSS_CC_RISCV64 ${MICROKIT_CROSS_PREFIX_RISCV64}gcc)

set(MICROKIT_TARGET_PROJECTS "")
foreach(board ${MICROKIT_BOARDS})
    set(board_toolchain ${CMAKE_SOURCE_DIR}/cmake/aarch64.cmake)
    set(board_prefix ${MICROKIT_CROSS_PREFIX})
    file(STRINGS ${CMAKE_SOURCE_DIR}/boards/${board}.xml board_riscv REGEX "arch=\"riscv64\"")
    if(board_riscv)
        if(NOT MICROKIT_CROSS_CC_RISCV64)
            message(WARNING "${MICROKIT_CROSS_PREFIX_RISCV64}gcc not found: the target parts of "
                "RISC-V board '${board}' are not built (apt-get install gcc-riscv64-linux-gnu)")
            continue()
        endif()
        set(board_toolchain ${CMAKE_SOURCE_DIR}/cmake/riscv64.cmake)
        set(board_prefix ${MICROKIT_CROSS_PREFIX_RISCV64})
    endif()
    foreach(config ${MICROKIT_CONFIGS})
        set(name target-${board}-${config})
        ExternalProject_Add(${name}
            SOURCE_DIR ${CMAKE_SOURCE_DIR}/cmake/target
            BINARY_DIR ${CMAKE_BINARY_DIR}/target/${board}/${config}
            INSTALL_DIR ${SDK_STAGE}/board/${board}/${config}
            CMAKE_ARGS
                -DCMAKE_TOOLCHAIN_FILE=${board_toolchain}
                -DMICROKIT_CROSS_PREFIX=${board_prefix}
                -DCMAKE_INSTALL_PREFIX=<INSTALL_DIR>
                -DCMAKE_BUILD_TYPE=Release
                -DSDK_ROOT=${CMAKE_SOURCE_DIR}
                -DSDK_BOARD=${board}
                -DSDK_CONFIG=${config}
                -DMICROKIT_TOOL=$<TARGET_FILE:microkit>
            DEPENDS microkit
            BUILD_ALWAYS ON
            USES_TERMINAL_BUILD OFF)
        list(APPEND MICROKIT_TARGET_PROJECTS ${name})
    endforeach()
endforeach()
add_custom_target(target_all DEPENDS ${MICROKIT_TARGET_PROJECTS})
