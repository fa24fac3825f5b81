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

set(MICROKIT_TARGET_PROJECTS "")
foreach(board ${MICROKIT_BOARDS})
    foreach(config ${MICROKIT_CONFIGS})
        set(name target-${board}-${config})
        ExternalProject_Add(${name}
            SOURCE_DIR ${CMAKE_SOURCE_DIR}/cmake/target
            BINARY_DIR ${CMAKE_BINARY_DIR}/target/${board}/${config}
            INSTALL_DIR ${SDK_STAGE}/board/${board}/${config}
            CMAKE_ARGS
                -DCMAKE_TOOLCHAIN_FILE=${CMAKE_SOURCE_DIR}/cmake/aarch64.cmake
                -DMICROKIT_CROSS_PREFIX=${MICROKIT_CROSS_PREFIX}
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
