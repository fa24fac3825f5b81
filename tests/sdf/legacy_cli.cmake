# SPDX-License-Identifier: BSD-2-Clause
#
# Microkit 1.4 syntax (pp on protection_domain, rule sdf-legacy-pp) on the
# command line. Run by ctest with -DMICROKIT, -DSRC, -DBOARDS, -DOUT:
#   - `check` accepts it with a warning and the 2.0 form of each end;
#   - `--strict` (check and build) refuses it: exit 1, nothing written;
#   - `check --upgrade` prints good/legacy_pp_upgraded.system exactly, and
#     that output passes `check` with no warning;
#   - `check --upgrade` prints nothing for a file with errors.
set(legacy ${SRC}/bad/legacy_pp.system)
set(golden ${SRC}/good/legacy_pp_upgraded.system)
file(REMOVE_RECURSE ${OUT})
file(MAKE_DIRECTORY ${OUT})

# Run MICROKIT with ARGN; expect exit `code` (ANY: any) and stdout+stderr matching `regex`.
function(expect code regex)
    execute_process(COMMAND ${MICROKIT} ${ARGN}
        RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
    if(NOT code STREQUAL "ANY" AND NOT rc EQUAL code)
        message(FATAL_ERROR "microkit ${ARGN}: exit ${rc}, expected ${code}\n${out}${err}")
    endif()
    if(NOT "${out}${err}" MATCHES "${regex}")
        message(FATAL_ERROR "microkit ${ARGN}: output does not match '${regex}':\n${out}${err}")
    endif()
    set(last_out "${out}" PARENT_SCOPE)
    set(last_err "${err}" PARENT_SCOPE)
endfunction()

function(expect_no regex what)
    if("${what}" MATCHES "${regex}")
        message(FATAL_ERROR "unexpected '${regex}' in:\n${what}")
    endif()
endfunction()

set(server_warning "legacy_pp.system:9:5: warning: pp=\"true\" on protection domain 'server' is Microkit 1.4 syntax[^\n]*\\[sdf-legacy-pp\\]")
set(server_hint "hint: remove pp from 'server' and put pp=\"true\" on the end of each caller[^\n]*\n[^\n]*legacy_pp.system:37:9: note: becomes <end pd=\"client\" id=\"0\" pp=\"true\"/>\n[^\n]*legacy_pp.system:40:9: note: becomes <end pd=\"logger\" id=\"1\" pp=\"true\"/>\n")

# Accepted with a warning and the rewritten ends.
expect(0 "${server_warning}\n${server_hint}" check ${legacy})
expect(0 "legacy_pp.system:49:9: note: becomes <end pd=\"logger\" id=\"0\" pp=\"true\" notify=\"false\"/>" check ${legacy})
expect(0 "valid: 5 protection domains" check ${legacy})
expect(1 "warning: [^\n]*\\[sdf-legacy-pp\\]" check --werror ${legacy})

# --strict: the same finding is an error, with the same hint.
string(REPLACE "warning:" "error:" server_error "${server_warning}")
expect(1 "${server_error}\n${server_hint}" check --strict ${legacy})
expect_no("valid" "${last_out}")
expect_no("warning: [^\n]*sdf-legacy-pp" "${last_err}")
expect(0 "valid" check --strict ${golden})
expect(1 "${server_error}" ${legacy} --board qemu_virt_aarch64 --config debug --boards-dir ${BOARDS}
       --strict -o ${OUT}/strict.img -r ${OUT}/strict.txt)
if(EXISTS ${OUT}/strict.img OR EXISTS ${OUT}/strict.txt)
    message(FATAL_ERROR "build --strict wrote output for a refused system")
endif()
# Without --strict the build goes past the checks (and stops later for want of a kernel).
expect(ANY "${server_warning}" ${legacy} --board qemu_virt_aarch64 --config debug
       --boards-dir ${BOARDS} -o ${OUT}/build.img -r ${OUT}/build.txt)
expect_no("error: [^\n]*sdf-legacy-pp" "${last_err}")
expect(0 "--strict" check --help)
expect(0 "--upgrade" check --help)
expect(0 "--strict" ${legacy} --help)

# --upgrade: the golden file, byte for byte, which checks cleanly.
foreach(opts "" "--strict" "--werror")
    execute_process(COMMAND ${MICROKIT} check --upgrade ${opts} ${legacy}
        RESULT_VARIABLE rc OUTPUT_FILE ${OUT}/upgraded.system ERROR_VARIABLE err)
    if(NOT rc EQUAL 0)
        message(FATAL_ERROR "check --upgrade ${opts}: exit ${rc}\n${err}")
    endif()
    execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files ${golden} ${OUT}/upgraded.system
        RESULT_VARIABLE diff)
    if(NOT diff EQUAL 0)
        file(READ ${OUT}/upgraded.system got)
        message(FATAL_ERROR "check --upgrade ${opts} differs from ${golden}:\n${got}")
    endif()
endforeach()
expect(0 "valid: 5 protection domains, 1 memory regions, 4 channels" check --werror
       ${OUT}/upgraded.system)
expect_no("warning|error" "${last_err}")

# --upgrade of a 2.0 file copies it; of a file with errors prints nothing.
execute_process(COMMAND ${MICROKIT} check --upgrade ${SRC}/good/features.system
    RESULT_VARIABLE rc OUTPUT_FILE ${OUT}/same.system)
execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files ${SRC}/good/features.system
    ${OUT}/same.system RESULT_VARIABLE diff)
if(NOT rc EQUAL 0 OR NOT diff EQUAL 0)
    message(FATAL_ERROR "check --upgrade changed a Microkit 2.0 file (exit ${rc})")
endif()
expect(1 "legacy_pp_priority.system:20:9: error: [^\n]*\\[ch-pp-priority\\]\nhint: 'same' calls 'server' because of pp=\"true\" on protection domain 'server' at line 6"
       check --upgrade ${SRC}/bad/legacy_pp_priority.system)
if(NOT last_out STREQUAL "")
    message(FATAL_ERROR "check --upgrade printed a file that has errors:\n${last_out}")
endif()
expect(1 "mr-unused" check --upgrade --werror ${SRC}/bad/mr_unused.system)
if(NOT last_out STREQUAL "")
    message(FATAL_ERROR "check --upgrade --werror printed a file with a warning")
endif()
