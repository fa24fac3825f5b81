# SPDX-License-Identifier: BSD-2-Clause
#
# Runs one libFuzzer binary for ctest:
#   cmake -DFUZZER=bin -DWORK=dir -DARGS=a;b -DDIRS=d1;d2 -P run_libfuzzer.cmake
# WORK is emptied first and given as the first corpus folder (where
# libFuzzer writes the inputs it finds), so every run starts from the same
# seeds and nothing is ever written to the source tree.
file(REMOVE_RECURSE ${WORK})
file(MAKE_DIRECTORY ${WORK})
execute_process(COMMAND ${FUZZER} ${ARGS} ${WORK} ${DIRS} RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${FUZZER} failed (${rc}); the crashing input is saved under ${WORK}-*")
endif()
