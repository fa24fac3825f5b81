# SPDX-License-Identifier: BSD-2-Clause
#
# cmake -DGEN=program -DWANT=committed-file -DOUT=scratch-file -P check_generated.cmake
# Fails when what GEN prints differs from the committed file.
execute_process(COMMAND ${GEN} OUTPUT_FILE ${OUT} RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${GEN} failed (${rc})")
endif()
execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files ${OUT} ${WANT} RESULT_VARIABLE diff)
if(NOT diff EQUAL 0)
    message(FATAL_ERROR "${WANT} is not what ${GEN} prints; regenerate it: ${GEN} > ${WANT}")
endif()
