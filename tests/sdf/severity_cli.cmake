# SPDX-License-Identifier: BSD-2-Clause
#
# Per-rule severity on the command line (-W RULE, -E RULE, -Wno-RULE) for
# `microkit check` and the build command. Run by ctest with -DMICROKIT,
# -DSRC, -DBOARDS, -DOUT:
#   - -E makes a warning rule an error (exit 1), -W makes a settable error
#     a warning (exit 0), -Wno- removes the line; the last option wins, and
#     a per-rule option wins over --werror and --strict;
#   - an unknown rule is a command-line error (exit 2) with a hint, and so
#     is -W or -Wno- of a rule the later stages rely on;
#   - a check whose prerequisite failed reports nothing (no mr-unused for
#     the region a misspelt map meant).
set(unused ${SRC}/bad/mr_unused.system)
set(unused_line "mr_unused.system:5:5: [a-z]+: memory region 'spare' is not mapped[^\n]*\\[mr-unused\\]")
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
    set(last_all "${out}${err}" PARENT_SCOPE)
endfunction()

function(expect_no regex what)
    if("${what}" MATCHES "${regex}")
        message(FATAL_ERROR "unexpected '${regex}' in:\n${what}")
    endif()
endfunction()

# A warning rule: as it is, as an error, silenced.
expect(0 "warning: memory region 'spare'" check ${unused})
string(REPLACE "[a-z]+:" "error:" unused_error "${unused_line}")
expect(1 "${unused_error}" check -E mr-unused ${unused})
expect(1 "${unused_error}" check -Emr-unused ${unused})
expect(0 "valid: 1 protection domains" check -Wno-mr-unused ${unused})
expect_no("mr-unused" "${last_all}")
# The last option for a rule wins.
expect(0 "valid" check -E mr-unused -Wno-mr-unused ${unused})
expect_no("mr-unused" "${last_all}")
expect(1 "${unused_error}" check -Wno-mr-unused -E mr-unused ${unused})
# -W RULE wins over --werror, for that rule only.
expect(1 "warning: memory region 'spare'" check --werror ${unused})
expect(0 "warning: memory region 'spare'" check --werror -W mr-unused ${unused})
expect(1 "warning: memory region 'spare'" check -Werror ${unused})

# A settable error rule made a warning; -E of a fixed rule is allowed.
expect(1 "error: budget of protection domain 'p' must not be 0 \\[pd-budget-zero\\]"
       check ${SRC}/bad/pd_budget_zero.system)
expect(0 "valid[^\n]*\n[^\n]*warning: budget of protection domain 'p' must not be 0 \\[pd-budget-zero\\]"
       check -W pd-budget-zero ${SRC}/bad/pd_budget_zero.system)
expect(0 "valid" check -Wno-pd-budget-zero ${SRC}/bad/pd_budget_zero.system)
expect(1 "error: [^\n]*\\[map-mr-unknown\\]" check -E map-mr-unknown ${SRC}/bad/map_misspelt_mr.system)

# -W wins over --strict for the rule it names.
expect(1 "error: [^\n]*\\[sdf-legacy-pp\\]" check --strict ${SRC}/bad/legacy_pp.system)
expect(0 "warning: [^\n]*\\[sdf-legacy-pp\\]" check --strict -W sdf-legacy-pp ${SRC}/bad/legacy_pp.system)

# Unknown rules and rules that cannot be changed: exit 2, with a hint.
expect(2 "microkit: error: check: argument -W: unknown rule 'mr-unsed'\nhint: did you mean 'mr-unused'\\?"
       check -W mr-unsed ${unused})
expect(2 "unknown rule 'map-overlapp'\nhint: did you mean 'map-overlap'\\?" check -Wno-map-overlapp ${unused})
expect(2 "unknown rule 'frobnicate'\nhint: docs/checks.md lists every rule id" check -E frobnicate ${unused})
expect(2 "argument -W: expected a rule id" check ${unused} -W)
expect(2 "rule 'map-mr-unknown' cannot be silenced\nhint: it is always an error"
       check -Wno-map-mr-unknown ${SRC}/bad/map_misspelt_mr.system)
expect(2 "rule 'xml-syntax' cannot be made a warning" check -W xml-syntax ${unused})
expect(2 "rule 'ch-id-range' cannot be made a warning" check -W ch-id-range ${unused})

# Prerequisites: the region a misspelt map meant is not reported as unused.
expect(1 "map_misspelt_mr.system:11:9: error: map of unknown memory region 'm3' \\[map-mr-unknown\\]"
       check ${SRC}/bad/map_misspelt_mr.system)
expect_no("mr-unused" "${last_all}")

# The build command takes the same options (host board: no kernel needed to get past the checks).
expect(1 "${unused_error}" ${unused} --board host -E mr-unused -o ${OUT}/e.img -r ${OUT}/e.txt)
if(EXISTS ${OUT}/e.img)
    message(FATAL_ERROR "build -E mr-unused wrote an image for a refused system")
endif()
expect(ANY "p.elf" ${unused} --board host -Wno-mr-unused -o ${OUT}/w.img -r ${OUT}/w.txt)
expect_no("mr-unused" "${last_all}")
expect(1 "${unused_error}" ${unused} --board qemu_virt_aarch64 --config debug --boards-dir ${BOARDS}
       -E mr-unused -o ${OUT}/q.img -r ${OUT}/q.txt)
expect(1 "warning: memory region 'spare'" ${unused} --board qemu_virt_aarch64 --config debug
       --boards-dir ${BOARDS} --werror -o ${OUT}/q.img -r ${OUT}/q.txt)
expect(2 "microkit: error: argument -W: unknown rule 'mr-unsed'\nhint: did you mean 'mr-unused'\\?"
       ${unused} --board qemu_virt_aarch64 --config debug -W mr-unsed)
expect(2 "rule 'map-mr-unknown' cannot be silenced" ${unused} --board host -Wno-map-mr-unknown)

# Documented in the usage texts.
expect(0 "-Wno-RULE" check --help)
expect(0 "-Wno-RULE" ${unused} --help)
expect(0 "-Wno-RULE" --help)
