# SPDX-License-Identifier: BSD-2-Clause
#
# Compare a board file with a real seL4 kernel build for that board: the
# kernel's usable RAM and device untyped ranges (platform_gen.json) must be
# the board's ram and device ranges, and every kernel option the board
# requires must be set so in gen_config.json; and the whole seL4 configuration
# the SDK ships for the board (board-info --format gen-config-json, for the
# kernel's configuration: debug, release or benchmark, smp- for an SMP
# kernel) must equal the kernel's
# gen_config.json, key for key. Skipped without a kernel build.
#
#   cmake -DMICROKIT=<tool> -DBOARDS_DIR=<dir> [-DKERNEL_DIR=<seL4 build>]
#         [-DKERNEL_VAR=<env var>] [-DBOARD=<board>] -P board_vs_kernel.cmake
# KERNEL_DIR defaults to the environment variable KERNEL_VAR names
# (MICROKIT_TEST_KERNEL_DIR). Without BOARD the board is the one whose kernel
# platform is the kernel's PLAT and whose ARM_HYPERVISOR_SUPPORT (true when
# not given) is the kernel's; more than one such board is an error.
# With -DKERNELS_VAR=<env var> and BOARD, the kernel is <that folder>/<BOARD>-debug
# (MICROKIT_TEST_BOARD_KERNELS: one debug build per board).
if(NOT KERNEL_VAR)
    set(KERNEL_VAR MICROKIT_TEST_KERNEL_DIR)
endif()
if(KERNELS_VAR AND BOARD)
    set(KERNEL_VAR ${KERNELS_VAR})
    if(NOT "$ENV{${KERNELS_VAR}}" STREQUAL "")
        set(KERNEL_DIR "$ENV{${KERNELS_VAR}}/${BOARD}-debug")
    endif()
endif()
if(NOT KERNEL_DIR)
    set(KERNEL_DIR "$ENV{${KERNEL_VAR}}")
endif()
set(platform_json ${KERNEL_DIR}/gen_headers/plat/machine/platform_gen.json)
set(config_json ${KERNEL_DIR}/gen_config/kernel/gen_config.json)
if(NOT KERNEL_DIR OR NOT EXISTS ${platform_json} OR NOT EXISTS ${config_json})
    message("SKIPPED: no seL4 kernel build (set ${KERNEL_VAR} to a directory with "
            "gen_headers/plat/machine/platform_gen.json and gen_config/kernel/gen_config.json)")
    return()
endif()
file(READ ${platform_json} platform)
file(READ ${config_json} config)

# Which board: BOARD, else the one whose kernel platform is the kernel's PLAT
# and whose kernel is a hypervisor exactly when this one is.
string(JSON plat GET "${config}" PLAT)
string(JSON kernel_hyp ERROR_VARIABLE err GET "${config}" ARM_HYPERVISOR_SUPPORT)
if(err OR NOT kernel_hyp)
    set(kernel_hyp false)
else()
    set(kernel_hyp true)
endif()
if(BOARD)
    set(names ${BOARD})
else()
    execute_process(COMMAND ${MICROKIT} board-info --list --boards-dir ${BOARDS_DIR}
        OUTPUT_VARIABLE names OUTPUT_STRIP_TRAILING_WHITESPACE RESULT_VARIABLE rc)
    if(NOT rc EQUAL 0)
        message(FATAL_ERROR "board-info --list failed")
    endif()
    string(REPLACE "\n" ";" names "${names}")
    list(REMOVE_ITEM names host) # the simulator's board has no board file
endif()
set(board "")
foreach(name ${names})
    execute_process(COMMAND ${MICROKIT} board-info ${name} --boards-dir ${BOARDS_DIR}
        --format json OUTPUT_VARIABLE json RESULT_VARIABLE rc)
    if(NOT rc EQUAL 0)
        message(FATAL_ERROR "board-info ${name} failed")
    endif()
    string(JSON board_plat GET "${json}" kernel_platform)
    string(JSON board_hyp ERROR_VARIABLE err GET "${json}" kernel_options ARM_HYPERVISOR_SUPPORT)
    if(err)
        set(board_hyp true)
    endif()
    if(BOARD OR (board_plat STREQUAL plat AND board_hyp STREQUAL kernel_hyp))
        if(board)
            message(FATAL_ERROR "boards '${board}' and '${name}' both fit the kernel in "
                    "'${KERNEL_DIR}': name one with -DBOARD")
        endif()
        set(board ${name})
        set(board_json "${json}")
    endif()
endforeach()
if(NOT board)
    message(FATAL_ERROR "no board file has kernel platform '${plat}'")
endif()
message("board ${board} against the kernel in ${KERNEL_DIR}")

# "[start,end) ..." of a JSON array of {start, end} objects.
function(ranges_of out json key)
    string(JSON n LENGTH "${json}" ${key})
    set(list "")
    if(n GREATER 0)
        math(EXPR last "${n} - 1")
        foreach(i RANGE ${last})
            string(JSON s GET "${json}" ${key} ${i} start)
            string(JSON e GET "${json}" ${key} ${i} end)
            list(APPEND list "[${s},${e})")
        endforeach()
    endif()
    set(${out} "${list}" PARENT_SCOPE)
endfunction()

set(failed FALSE)
foreach(pair "memory;ram" "devices;devices")
    list(GET pair 0 kernel_key)
    list(GET pair 1 board_key)
    ranges_of(kernel_ranges "${platform}" ${kernel_key})
    ranges_of(board_ranges "${board_json}" ${board_key})
    if(NOT kernel_ranges STREQUAL board_ranges)
        message("kernel ${kernel_key}: ${kernel_ranges}")
        message("board ${board_key}:  ${board_ranges}")
        set(failed TRUE)
    endif()
endforeach()

string(JSON n LENGTH "${board_json}" kernel_options)
math(EXPR last "${n} - 1")
foreach(i RANGE ${last})
    string(JSON key MEMBER "${board_json}" kernel_options ${i})
    string(JSON want GET "${board_json}" kernel_options ${key})
    string(JSON type ERROR_VARIABLE err TYPE "${config}" ${key})
    if(err)
        message("kernel option ${key}: missing from gen_config.json, board wants '${want}'")
        set(failed TRUE)
        continue()
    endif()
    string(JSON have GET "${config}" ${key})
    if(type STREQUAL "BOOLEAN")
        if(have)
            set(have "true")
        else()
            set(have "false")
        endif()
    endif()
    if(NOT have STREQUAL want)
        message("kernel option ${key}: kernel has '${have}', board wants '${want}'")
        set(failed TRUE)
    endif()
endforeach()

# The SDK's shipped configuration, key for key.
string(JSON printing GET "${config}" PRINTING)
string(JSON bench GET "${config}" KERNEL_BENCHMARK)
if(printing)
    set(sdk_config debug)
elseif(bench STREQUAL "none")
    set(sdk_config release)
else()
    set(sdk_config benchmark)
endif()
string(JSON smp ERROR_VARIABLE err GET "${config}" ENABLE_SMP_SUPPORT)
if(NOT err AND smp)
    set(sdk_config smp-${sdk_config}) # KernelMaxNumNodes = the board's cores
endif()
execute_process(COMMAND ${MICROKIT} board-info ${board} --boards-dir ${BOARDS_DIR}
    --config ${sdk_config} --format gen-config-json OUTPUT_VARIABLE shipped RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "board-info ${board} --config ${sdk_config} --format gen-config-json failed")
endif()
string(JSON n LENGTH "${config}")
math(EXPR last "${n} - 1")
set(compared 0)
foreach(i RANGE ${last})
    string(JSON key MEMBER "${config}" ${i})
    string(JSON have GET "${config}" ${key})
    string(JSON want ERROR_VARIABLE err GET "${shipped}" ${key})
    if(err)
        message("kernel option ${key}: '${have}' in the kernel, not in the SDK's gen_config.json")
        set(failed TRUE)
    elseif(NOT have STREQUAL want)
        message("kernel option ${key}: kernel has '${have}', the SDK ships '${want}'")
        set(failed TRUE)
    endif()
    math(EXPR compared "${compared} + 1")
endforeach()
message("compared ${compared} options with the SDK's ${board} ${sdk_config} configuration")
if(failed)
    message(FATAL_ERROR "board '${board}' does not match the kernel in '${KERNEL_DIR}'")
endif()
