# SPDX-License-Identifier: BSD-2-Clause
#
# queue_aarch64_ordering: compile codegen.c for AArch64 (freestanding, -O2)
# and check each function's disassembly for the instructions the memory
# ordering rules of microkit_queue.h need. -DCC=... -DOBJDUMP=... -DSRC=...
# -DINC=... -DOUT=...
execute_process(COMMAND ${CC} -std=c11 -O2 -ffreestanding -Wall -Wextra -Werror
        -I${INC} -c ${SRC} -o ${OUT}
    RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "compiling microkit_queue.h for AArch64 failed:\n${err}")
endif()
execute_process(COMMAND ${OBJDUMP} -d ${OUT} OUTPUT_VARIABLE dis RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "objdump failed")
endif()

# Functions are separated by blank lines; mark them so a regex can stop there.
string(REPLACE "\n\n" "@" dis "${dis}")
function(expect fn insn)
    string(REGEX MATCH "<${fn}>:[^@]*" body "${dis}")
    if(NOT body MATCHES "${insn}")
        message(FATAL_ERROR "${fn}: no '${insn}' in its AArch64 code:\n${body}")
    endif()
endfunction()
expect(codegen_enqueue "ldar")
expect(codegen_enqueue "stlr")
expect(codegen_dequeue "ldar")
expect(codegen_dequeue "stlr")
expect(codegen_wait "dmb\tish")
message(STATUS "enqueue and dequeue use ldar/stlr, the handshake dmb ish")
