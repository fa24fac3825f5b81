# SPDX-License-Identifier: BSD-2-Clause
#
# Exit codes and output of `microkit check` (run by ctest with -DMICROKIT,
# -DSRC, -DBOARDS): 0 valid, 1 invalid, 2 bad command line, 3 unreadable.
function(expect code out_regex)
    execute_process(COMMAND ${MICROKIT} check ${ARGN}
        RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
    if(NOT rc EQUAL code)
        message(FATAL_ERROR "microkit check ${ARGN}: exit ${rc}, expected ${code}\n${out}${err}")
    endif()
    if(NOT "${out}${err}" MATCHES "${out_regex}")
        message(FATAL_ERROR "microkit check ${ARGN}: output does not match '${out_regex}':\n${out}${err}")
    endif()
endfunction()

expect(0 "valid" ${SRC}/good/hello.system)
expect(0 "valid" ${SRC}/good/hello.system --board qemu_virt_aarch64 --boards-dir ${BOARDS})
expect(1 "pd_invalid_attrs.system:4:5: error: unknown attribute 'foo' on element 'protection_domain' \\[xml-unknown-attribute\\]"
       ${SRC}/bad/pd_invalid_attrs.system)
expect(1 "hint: did you mean 'priority'\\?" ${SRC}/bad/pd_misspelt_attr.system)
# Every problem is reported, in file order.
expect(1 "sys_many_errors.system:5:5: error.*\\[mr-size-align\\].*:6:5: error.*:6:5: error.*:8:9: error.*\\[map-mr-unknown\\].*:20:9: error.*\\[ch-id-range\\]"
       ${SRC}/bad/sys_many_errors.system)
expect(1 "mr-phys-board" ${SRC}/bad/board_mr_phys_gic_cpu.system --board qemu_virt_aarch64
       --boards-dir ${BOARDS})
expect(0 "valid" ${SRC}/bad/board_mr_phys_gic_cpu.system)
# cpu against the configuration (--config): one core in debug, the board's
# four in smp-debug and without --config; domains refused in smp-debug.
expect(1 "board_smp_pd_cpu_range.system:5:5: error: protection domain 'last': cpu core must be less than 1, got 3 \\[pd-cpu-range\\]\nhint: [^\n]*--config smp-debug"
       ${SRC}/bad/board_smp_pd_cpu_range.system --board qemu_virt_aarch64 --boards-dir ${BOARDS}
       --config debug)
expect(1 "less than 4, got 4" ${SRC}/bad/board_smp_pd_cpu_range.system --board qemu_virt_aarch64
       --boards-dir ${BOARDS} --config smp-debug)
expect(1 "less than 4, got 4" ${SRC}/bad/board_smp_pd_cpu_range.system --board qemu_virt_aarch64
       --boards-dir ${BOARDS})
expect(0 "valid" ${SRC}/bad/board_smp_pd_cpu_range.system)
expect(1 "\\[domains-smp\\]" ${SRC}/bad/board_smp_domains.system --board qemu_virt_aarch64
       --boards-dir ${BOARDS} --config smp-release)
expect(0 "valid" ${SRC}/bad/board_smp_domains.system --board qemu_virt_aarch64
       --boards-dir ${BOARDS} --config release)
expect(2 "unknown --config 'smp-fast'" ${SRC}/good/hello.system --config smp-fast)
expect(1 "warning: memory region 'spare' is not mapped.*\\[mr-unused\\]" --werror ${SRC}/bad/mr_unused.system)
expect(0 "warning: memory region 'spare'" ${SRC}/bad/mr_unused.system)
# The warnings about configurations that cannot do anything: errors with
# --werror, gone with -Wno-RULE.
foreach(case ch_grants_nothing:ch-grants-nothing pd_passive_unreachable:pd-passive-unreachable
        map_perms_none:map-perms-none)
    string(REPLACE ":" ";" case ${case})
    list(GET case 0 file)
    list(GET case 1 rule)
    expect(1 "warning: [^\n]*\\[${rule}\\]" --werror ${SRC}/bad/${file}.system)
    expect(0 "valid" --werror -Wno-${rule} ${SRC}/bad/${file}.system)
endforeach()
# No value can start a line of its own: control characters come out escaped.
execute_process(COMMAND ${MICROKIT} check ${SRC}/bad/xml_control_character.system
    OUTPUT_VARIABLE out ERROR_VARIABLE err)
string(ASCII 127 del)
if("${out}${err}" MATCHES "(^|\n)p\\.system:1:1|[\t${del}]" OR
   NOT "${err}" MATCHES "'p\\\\np\\.system")
    message(FATAL_ERROR "a control character reached the output unescaped:\n${out}${err}")
endif()
expect(2 "no SYSTEM" )
expect(2 "unexpected argument" ${SRC}/good/hello.system --frobnicate)
expect(3 "cannot read" ${SRC}/does_not_exist.system)
# A region without a size takes its prefill file's (Microkit 2.3): check finds
# the file through --search-path (then the current directory) as the build does.
expect(1 "symbols_prefill.system:6:5: error: unable to find prefill file 'prefill_5000.bin' \\[prefill-missing\\]\nhint: searched the current directory only"
       ${SRC}/good/symbols_prefill.system)
expect(0 "valid: 2 protection domains, 3 memory regions" ${SRC}/good/symbols_prefill.system
       --search-path ${SRC}/bad ${SRC}/good)
expect(1 "mr_prefill_empty_no_size.system:5:5: error: prefill file '[^']*empty.bin' of memory region 'blob' is empty \\[prefill-empty\\]"
       ${SRC}/bad/mr_prefill_empty_no_size.system --search-path ${SRC}/bad)
