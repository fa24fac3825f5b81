# SPDX-License-Identifier: BSD-2-Clause
#
# find_package(Microkit): build protection domains and system images against
# this SDK. docs/build.md ("CMake projects") shows a whole project.
#
# Cache variables (set with -D):
#   MICROKIT_BOARD   board to build for (default qemu_virt_aarch64; `host` is
#                    the simulator)
#   MICROKIT_CONFIG  debug (default), release or benchmark
#   MICROKIT_KERNEL  optional seL4 build or install folder, passed to the tool
#                    as --kernel (by default the tool looks in the SDK)
# Results:
#   MICROKIT_SDK        the SDK root (this file is <root>/lib/cmake/Microkit)
#   MICROKIT_TOOL       <root>/bin/microkit
#   MICROKIT_BOARD_DIR  <root>/board/<board>/<config>
#   Microkit::microkit  imported library: headers, libmicrokit.a, the linker
#                       script and the board's compile and link options
#   Microkit::tool      imported executable: the microkit tool
#   microkit_add_pd(), microkit_add_system()  see MicrokitFunctions.cmake
#
# The compiler must match the board: AArch64 for the real boards (use the
# SDK's toolchain.cmake next to this file), the host compiler for `host`.
# One build folder builds for one board and configuration.
if(CMAKE_VERSION VERSION_LESS 3.20)
    message(FATAL_ERROR "Microkit: CMake 3.20 or newer is required")
endif()

get_filename_component(MICROKIT_SDK "${CMAKE_CURRENT_LIST_DIR}/../../.." ABSOLUTE)
set(MICROKIT_TOOL "${MICROKIT_SDK}/bin/microkit")
if(NOT EXISTS "${MICROKIT_TOOL}")
    set(Microkit_FOUND FALSE)
    set(Microkit_NOT_FOUND_MESSAGE "${MICROKIT_TOOL} is missing: ${MICROKIT_SDK} is not a whole SDK")
    return()
endif()

# What the SDK holds: every board/config with a libmicrokit.
file(GLOB _microkit_libs RELATIVE "${MICROKIT_SDK}/board"
    "${MICROKIT_SDK}/board/*/*/lib/libmicrokit.a")
set(_microkit_available "")
set(_microkit_boards "")
foreach(_microkit_lib ${_microkit_libs})
    string(REGEX REPLACE "/lib/libmicrokit\\.a$" "" _microkit_bc "${_microkit_lib}")
    list(APPEND _microkit_available "${_microkit_bc}")
    string(REGEX REPLACE "/.*" "" _microkit_b "${_microkit_bc}")
    list(APPEND _microkit_boards "${_microkit_b}")
endforeach()
list(REMOVE_DUPLICATES _microkit_boards)

set(MICROKIT_BOARD qemu_virt_aarch64 CACHE STRING "Microkit board to build for")
set(MICROKIT_CONFIG debug CACHE STRING "Microkit configuration: debug, release or benchmark")
set(MICROKIT_KERNEL "" CACHE PATH "seL4 kernel build or install folder (microkit --kernel)")
set_property(CACHE MICROKIT_BOARD PROPERTY STRINGS ${_microkit_boards})
set_property(CACHE MICROKIT_CONFIG PROPERTY STRINGS debug release benchmark)

set(MICROKIT_BOARD_DIR "${MICROKIT_SDK}/board/${MICROKIT_BOARD}/${MICROKIT_CONFIG}")
if(NOT "${MICROKIT_BOARD}/${MICROKIT_CONFIG}" IN_LIST _microkit_available
        OR NOT EXISTS "${MICROKIT_BOARD_DIR}/include/microkit.h")
    list(JOIN _microkit_available ", " _microkit_list)
    if(NOT _microkit_list)
        set(_microkit_list "nothing (the SDK was built without any board)")
    endif()
    message(FATAL_ERROR "Microkit: the SDK at ${MICROKIT_SDK} has no board "
        "'${MICROKIT_BOARD}' in configuration '${MICROKIT_CONFIG}' (no "
        "${MICROKIT_BOARD_DIR} with include/microkit.h and lib/libmicrokit.a).\n"
        "It has (board/config): ${_microkit_list}\n"
        "Choose one with -DMICROKIT_BOARD=... -DMICROKIT_CONFIG=..., or build the SDK "
        "with the board in MICROKIT_BOARDS and the configuration in MICROKIT_CONFIGS.")
endif()

# The compiler must produce code for the board. CMake fixes the compiler on
# the first configure, so a board changed later in the same build folder is
# caught here rather than at link time.
if(NOT CMAKE_C_COMPILER_LOADED)
    message(FATAL_ERROR "Microkit: enable C before find_package(Microkit) "
        "(project(... LANGUAGES C))")
endif()
set(_microkit_toolchain "${CMAKE_CURRENT_LIST_DIR}/toolchain.cmake")
if(MICROKIT_BOARD STREQUAL "host")
    if(CMAKE_CROSSCOMPILING)
        message(FATAL_ERROR "Microkit: board 'host' needs the host compiler, but this "
            "build folder uses ${CMAKE_C_COMPILER} (for ${CMAKE_SYSTEM_PROCESSOR}). "
            "Configure a new build folder for the host board.")
    endif()
elseif(NOT CMAKE_SYSTEM_PROCESSOR MATCHES "^(aarch64|arm64|ARM64)$")
    message(FATAL_ERROR "Microkit: board '${MICROKIT_BOARD}' needs an AArch64 compiler, "
        "but this build folder uses ${CMAKE_C_COMPILER} for '${CMAKE_SYSTEM_PROCESSOR}'. "
        "Configure a new build folder with -DCMAKE_TOOLCHAIN_FILE=${_microkit_toolchain} "
        "(add -DMICROKIT_TOOLCHAIN=clang for clang).")
endif()

# The board's facts, from its board file, through the tool (one parser).
# MICROKIT_SDK in the environment makes the tool use this SDK's board files
# whatever the user's environment says.
set(MICROKIT_QEMU FALSE)
if(NOT MICROKIT_BOARD STREQUAL "host")
    execute_process(
        COMMAND ${CMAKE_COMMAND} -E env MICROKIT_SDK=${MICROKIT_SDK}
            ${MICROKIT_TOOL} board-info ${MICROKIT_BOARD} --format cmake
        OUTPUT_VARIABLE _microkit_info ERROR_VARIABLE _microkit_err
        RESULT_VARIABLE _microkit_rc)
    if(NOT _microkit_rc EQUAL 0)
        message(FATAL_ERROR "Microkit: `microkit board-info ${MICROKIT_BOARD}` failed:\n"
            "${_microkit_err}")
    endif()
    string(REGEX MATCH "set\\(BOARD_CPU \"([^\"]*)\"\\)" _microkit_m "${_microkit_info}")
    set(MICROKIT_BOARD_CPU "${CMAKE_MATCH_1}")
    # Boards that QEMU emulates carry a `qemu` line (their machine options).
    execute_process(
        COMMAND ${CMAKE_COMMAND} -E env MICROKIT_SDK=${MICROKIT_SDK}
            ${MICROKIT_TOOL} board-info ${MICROKIT_BOARD}
        OUTPUT_VARIABLE _microkit_info ERROR_QUIET)
    if(_microkit_info MATCHES "(^|\n)qemu ")
        set(MICROKIT_QEMU TRUE)
    endif()
endif()

if(NOT TARGET Microkit::microkit)
    add_library(Microkit::microkit STATIC IMPORTED)
    set_target_properties(Microkit::microkit PROPERTIES
        IMPORTED_LOCATION "${MICROKIT_BOARD_DIR}/lib/libmicrokit.a"
        INTERFACE_INCLUDE_DIRECTORIES "${MICROKIT_BOARD_DIR}/include")
    if(MICROKIT_BOARD STREQUAL "host")
        # Addresses in the PD process then match the ELF, so the simulator's
        # fault reports name functions (docs/simulator.md).
        target_link_options(Microkit::microkit INTERFACE -no-pie)
    else()
        if(MICROKIT_BOARD_CPU)
            target_compile_options(Microkit::microkit INTERFACE -mcpu=${MICROKIT_BOARD_CPU})
        endif()
        if(NOT MICROKIT_TOOLCHAIN_FLAGS)
            # Another toolchain file: add what the SDK's would have added
            # (see toolchain.cmake for why each is needed).
            target_compile_options(Microkit::microkit INTERFACE
                -ffreestanding -fno-stack-protector -fno-pic -mstrict-align)
            target_link_options(Microkit::microkit INTERFACE -nostdlib -static)
        endif()
        target_link_options(Microkit::microkit INTERFACE
            "LINKER:-T,${MICROKIT_BOARD_DIR}/lib/microkit.ld"
            "LINKER:-z,max-page-size=0x1000"
            # The linker script discards notes; say so rather than have
            # gcc's default --build-id warn about it.
            "LINKER:--build-id=none")
    endif()
    if(MICROKIT_CONFIG STREQUAL "debug")
        # Frame pointers, leaf functions too: fault reports show a backtrace
        # (docs/debugging.md).
        target_compile_options(Microkit::microkit INTERFACE -fno-omit-frame-pointer
            -mno-omit-leaf-frame-pointer)
    endif()
endif()
if(NOT TARGET Microkit::tool)
    add_executable(Microkit::tool IMPORTED)
    set_target_properties(Microkit::tool PROPERTIES IMPORTED_LOCATION "${MICROKIT_TOOL}")
endif()

# The functions run in other directory scopes than this file; they read
# what was found here from global properties.
foreach(_microkit_var MICROKIT_SDK MICROKIT_TOOL MICROKIT_BOARD MICROKIT_CONFIG
        MICROKIT_BOARD_DIR MICROKIT_QEMU)
    set_property(GLOBAL PROPERTY _${_microkit_var} "${${_microkit_var}}")
endforeach()
include("${CMAKE_CURRENT_LIST_DIR}/MicrokitFunctions.cmake")

foreach(_microkit_var _microkit_libs _microkit_lib _microkit_available _microkit_boards
        _microkit_bc _microkit_b _microkit_list _microkit_toolchain _microkit_info
        _microkit_err _microkit_rc _microkit_m _microkit_var)
    unset(${_microkit_var})
endforeach()
