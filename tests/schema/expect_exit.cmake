# SPDX-License-Identifier: BSD-2-Clause
#
# Run a command and require a given exit status, so a test that expects a
# rejection fails when the command crashes or fails for another reason.
#
#   cmake -DEXPECT=<status> -P expect_exit.cmake <command> [args...]
if(NOT DEFINED EXPECT)
    message(FATAL_ERROR "EXPECT must be set")
endif()
set(cmd "")
set(after_script FALSE)
math(EXPR last "${CMAKE_ARGC} - 1")
foreach(i RANGE ${last})
    if(after_script)
        list(APPEND cmd "${CMAKE_ARGV${i}}")
    elseif(CMAKE_ARGV${i} MATCHES "expect_exit\\.cmake$")
        set(after_script TRUE)
    endif()
endforeach()
execute_process(COMMAND ${cmd} RESULT_VARIABLE status)
if(NOT "${status}" STREQUAL "${EXPECT}")
    message(FATAL_ERROR "expected exit status ${EXPECT}, got '${status}' from: ${cmd}")
endif()
