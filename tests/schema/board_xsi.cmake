# SPDX-License-Identifier: BSD-2-Clause
#
# A board file whose root carries the schema association an XML editor adds
# (xmlns:xsi, xsi:noNamespaceSchemaLocation) is read as the same board and
# still validates; the same attribute on a child element is refused.
#
#   cmake -DMICROKIT=<tool> -DXMLLINT=<xmllint> -DBOARDS_DIR=<dir> -DXSD=<board.xsd>
#         -DOUT=<dir> -P board_xsi.cmake
set(board qemu_virt_aarch64)
file(READ ${BOARDS_DIR}/${board}.xml text)
set(xsi "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"")
string(REPLACE "<board name=\"${board}\">"
    "<board name=\"${board}\" ${xsi} xsi:noNamespaceSchemaLocation=\"board.xsd\">" root "${text}")
if(root STREQUAL text)
    message(FATAL_ERROR "no '<board name=\"${board}\">' in ${BOARDS_DIR}/${board}.xml")
endif()
file(MAKE_DIRECTORY ${OUT}/root ${OUT}/child)
file(WRITE ${OUT}/root/${board}.xml "${root}")

function(run out)
    execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE o ERROR_VARIABLE e)
    set(${out} "${rc}" PARENT_SCOPE)
    set(${out}_text "${o}${e}" PARENT_SCOPE)
endfunction()

run(plain ${MICROKIT} board-info ${board} --boards-dir ${BOARDS_DIR} --format json)
run(hinted ${MICROKIT} board-info ${board} --boards-dir ${OUT}/root --format json)
foreach(v plain_text hinted_text)
    string(REGEX REPLACE "\"file\": \"[^\"]*\"" "" ${v} "${${v}}")
endforeach()
if(NOT hinted EQUAL 0 OR NOT plain_text STREQUAL hinted_text)
    message(FATAL_ERROR "with xsi attributes on the root (exit ${hinted}):\n${hinted_text}\n"
        "without:\n${plain_text}")
endif()
run(valid ${XMLLINT} --noout --schema ${XSD} ${OUT}/root/${board}.xml)
if(NOT valid EQUAL 0)
    message(FATAL_ERROR "xmllint refuses the root's xsi attributes:\n${valid_text}")
endif()

string(REPLACE "<cpu " "<cpu ${xsi} xsi:noNamespaceSchemaLocation=\"board.xsd\" " child "${text}")
file(WRITE ${OUT}/child/${board}.xml "${child}")
run(refused ${MICROKIT} board-info --file ${OUT}/child/${board}.xml)
if(NOT refused EQUAL 1 OR NOT refused_text MATCHES
        "unknown attribute 'xsi:noNamespaceSchemaLocation' on element 'cpu'")
    message(FATAL_ERROR "xsi attribute on <cpu>: exit ${refused}, expected 1:\n${refused_text}")
endif()
