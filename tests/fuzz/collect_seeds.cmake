# SPDX-License-Identifier: BSD-2-Clause
#
# Copies the repository files a fuzz target starts from into one folder,
# at build time (so new files are picked up without re-running cmake):
#   cmake -DROOT=src -DOUT=dir "-DGLOBS=boards/*.xml|tests/*.xml" -P collect_seeds.cmake
# Globs are separated by '|' (a ';' would split the command line). Each glob is searched recursively under ROOT; a file's path relative to
# ROOT, with '/' turned into '_', is its name in OUT.
string(REPLACE "|" ";" GLOBS "${GLOBS}")
file(REMOVE_RECURSE ${OUT})
file(MAKE_DIRECTORY ${OUT})
foreach(g ${GLOBS})
    file(GLOB_RECURSE files RELATIVE ${ROOT} ${ROOT}/${g})
    foreach(f ${files})
        if(NOT f MATCHES "^build")
            string(REPLACE "/" "_" name ${f})
            configure_file(${ROOT}/${f} ${OUT}/${name} COPYONLY)
        endif()
    endforeach()
endforeach()
