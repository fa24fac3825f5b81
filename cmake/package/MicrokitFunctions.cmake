# SPDX-License-Identifier: BSD-2-Clause
#
# The functions of find_package(Microkit):
#
#   microkit_add_pd(NAME SOURCES src... [INCLUDE_DIRECTORIES dir...]
#                   [LINK_LIBRARIES lib...])
#       Executable target NAME, file NAME.elf in the current binary folder
#       (or the target's RUNTIME_OUTPUT_DIRECTORY), linked with
#       Microkit::microkit for MICROKIT_BOARD. It is an ordinary target:
#       target_compile_options() and friends work on it.
#
#   microkit_add_system(NAME SYSTEM file.system PDS pd... [IMAGE file]
#                       [REPORT file] [EXTRA_ARGS arg...] [RUN_ARGS arg...])
#       Target NAME (built by default): runs `microkit` on the system
#       description with the PD targets' folders (then the system file's) as
#       search path, writing IMAGE (default NAME.img) and REPORT (default
#       NAME-report.txt), relative to the current binary folder. EXTRA_ARGS
#       go to the tool, after --kernel MICROKIT_KERNEL when that is set.
#       Target NAME-run runs the system: `microkit run IMAGE` on boards QEMU
#       emulates, the simulator on `host`; RUN_ARGS are added to that
#       command (e.g. --timeout 5). On `host` there is no image: NAME checks
#       the system (`microkit check`) and builds the PDs.
include_guard(GLOBAL)

function(_microkit_get var)
    get_property(value GLOBAL PROPERTY _${var})
    set(${var} "${value}" PARENT_SCOPE)
endfunction()

function(microkit_add_pd name)
    cmake_parse_arguments(PARSE_ARGV 1 arg "" ""
        "SOURCES;INCLUDE_DIRECTORIES;LINK_LIBRARIES")
    if(arg_UNPARSED_ARGUMENTS)
        message(FATAL_ERROR "microkit_add_pd(${name}): unknown arguments "
            "'${arg_UNPARSED_ARGUMENTS}'")
    endif()
    if(NOT arg_SOURCES)
        message(FATAL_ERROR "microkit_add_pd(${name}): SOURCES is required")
    endif()
    if(NOT TARGET Microkit::microkit)
        message(FATAL_ERROR "microkit_add_pd(${name}): call find_package(Microkit) in "
            "this directory or a parent first")
    endif()
    _microkit_get(MICROKIT_BOARD_DIR)
    _microkit_get(MICROKIT_BOARD)

    add_executable(${name} ${arg_SOURCES})
    # The SDF names program images by file name, as Microkit's Makefiles do.
    set_target_properties(${name} PROPERTIES SUFFIX ".elf")
    if(arg_INCLUDE_DIRECTORIES)
        target_include_directories(${name} PRIVATE ${arg_INCLUDE_DIRECTORIES})
    endif()
    # The user's libraries first: they may call libmicrokit.
    target_link_libraries(${name} PRIVATE ${arg_LINK_LIBRARIES} Microkit::microkit)
    if(NOT MICROKIT_BOARD STREQUAL "host")
        # A changed linker script (a new SDK) relinks.
        set_property(TARGET ${name} APPEND PROPERTY LINK_DEPENDS
            "${MICROKIT_BOARD_DIR}/lib/microkit.ld")
    endif()
endfunction()

function(microkit_add_system name)
    cmake_parse_arguments(PARSE_ARGV 1 arg "" "SYSTEM;IMAGE;REPORT"
        "PDS;EXTRA_ARGS;RUN_ARGS")
    if(arg_UNPARSED_ARGUMENTS)
        message(FATAL_ERROR "microkit_add_system(${name}): unknown arguments "
            "'${arg_UNPARSED_ARGUMENTS}'")
    endif()
    if(NOT arg_SYSTEM)
        message(FATAL_ERROR "microkit_add_system(${name}): SYSTEM is required")
    endif()
    foreach(pd ${arg_PDS})
        if(NOT TARGET ${pd})
            message(FATAL_ERROR "microkit_add_system(${name}): PDS names '${pd}', which "
                "is not a target (define it with microkit_add_pd() first)")
        endif()
    endforeach()
    foreach(var MICROKIT_SDK MICROKIT_TOOL MICROKIT_BOARD MICROKIT_CONFIG
            MICROKIT_BOARD_DIR MICROKIT_QEMU)
        _microkit_get(${var})
    endforeach()

    get_filename_component(system "${arg_SYSTEM}" ABSOLUTE
        BASE_DIR "${CMAKE_CURRENT_SOURCE_DIR}")
    get_filename_component(system_dir "${system}" DIRECTORY)
    # Each PD's folder, then the system's (prefill files next to it).
    set(search "")
    foreach(pd ${arg_PDS})
        list(APPEND search "$<TARGET_FILE_DIR:${pd}>")
    endforeach()
    list(APPEND search "${system_dir}")
    # The tool takes its board files and loader from MICROKIT_SDK first:
    # pin it to this SDK whatever the user's environment holds.
    set(tool ${CMAKE_COMMAND} -E env MICROKIT_SDK=${MICROKIT_SDK} ${MICROKIT_TOOL})

    if(MICROKIT_BOARD STREQUAL "host")
        set(stamp "${CMAKE_CURRENT_BINARY_DIR}/${name}.checked")
        add_custom_command(OUTPUT "${stamp}"
            COMMAND ${tool} check "${system}"
            COMMAND ${CMAKE_COMMAND} -E touch "${stamp}"
            DEPENDS "${system}" ${arg_PDS}
            COMMENT "Checking ${arg_SYSTEM}"
            VERBATIM)
        add_custom_target(${name} ALL DEPENDS "${stamp}")
        add_custom_target(${name}-run
            COMMAND ${tool} run "${system}" --board host --config ${MICROKIT_CONFIG}
                --search-path ${search} ${arg_RUN_ARGS}
            COMMENT "Running ${arg_SYSTEM} on the host simulator"
            USES_TERMINAL VERBATIM)
        if(arg_PDS)
            add_dependencies(${name}-run ${arg_PDS})
        endif()
        return()
    endif()

    if(NOT arg_IMAGE)
        set(arg_IMAGE "${name}.img")
    endif()
    if(NOT arg_REPORT)
        set(arg_REPORT "${name}-report.txt")
    endif()
    get_filename_component(image "${arg_IMAGE}" ABSOLUTE
        BASE_DIR "${CMAKE_CURRENT_BINARY_DIR}")
    get_filename_component(report "${arg_REPORT}" ABSOLUTE
        BASE_DIR "${CMAKE_CURRENT_BINARY_DIR}")
    set(kernel_args "")
    if(MICROKIT_KERNEL)
        set(kernel_args --kernel "${MICROKIT_KERNEL}")
    endif()
    # Naming the PD targets in DEPENDS rebuilds the image when one relinks;
    # the loader and monitor are inputs too.
    add_custom_command(OUTPUT "${image}" "${report}"
        COMMAND ${tool} "${system}" --board ${MICROKIT_BOARD} --config ${MICROKIT_CONFIG}
            --search-path ${search} -o "${image}" -r "${report}"
            ${kernel_args} ${arg_EXTRA_ARGS}
        DEPENDS "${system}" ${arg_PDS} "${MICROKIT_TOOL}"
            "${MICROKIT_BOARD_DIR}/elf/loader.elf" "${MICROKIT_BOARD_DIR}/elf/monitor.elf"
        COMMENT "Building the ${MICROKIT_BOARD} image ${arg_IMAGE} of ${arg_SYSTEM}"
        VERBATIM)
    add_custom_target(${name} ALL DEPENDS "${image}" "${report}")
    set_target_properties(${name} PROPERTIES
        MICROKIT_IMAGE "${image}" MICROKIT_REPORT "${report}")

    if(MICROKIT_QEMU)
        add_custom_target(${name}-run
            COMMAND ${tool} run "${image}" ${arg_RUN_ARGS}
            COMMENT "Running ${arg_IMAGE} in QEMU"
            USES_TERMINAL VERBATIM)
        # Through the target, not the file: one rule builds the image.
        add_dependencies(${name}-run ${name})
    else()
        # Not emulated: say so instead of leaving the target undefined.
        add_custom_target(${name}-run
            COMMAND ${CMAKE_COMMAND} -E echo "Board ${MICROKIT_BOARD} is not emulated: "
                "load ${image} on the board (docs/boards/${MICROKIT_BOARD}.md)."
            COMMAND ${CMAKE_COMMAND} -E false
            VERBATIM)
    endif()
endfunction()
