# SPDX-License-Identifier: BSD-2-Clause
#
# The CMake package of the SDK (find_package(Microkit), docs/build.md "CMake
# projects"), staged in ${SDK_STAGE}/lib/cmake/Microkit so the staged SDK and
# an installed one (`cmake --install`) work the same:
#   MicrokitConfig.cmake, MicrokitConfigVersion.cmake  the package
#   MicrokitFunctions.cmake  microkit_add_pd(), microkit_add_system()
#   toolchain.cmake          CMAKE_TOOLCHAIN_FILE for the AArch64 boards
# Copied at configure time (configure_file re-runs CMake when one changes).
include(CMakePackageConfigHelpers)

set(MICROKIT_PACKAGE_DIR ${SDK_STAGE}/lib/cmake/Microkit)
foreach(file MicrokitConfig.cmake MicrokitFunctions.cmake toolchain.cmake)
    configure_file(${CMAKE_CURRENT_LIST_DIR}/package/${file} ${MICROKIT_PACKAGE_DIR}/${file}
        COPYONLY)
endforeach()
# Before 1.0 a minor version may change the interface. The package holds
# a host tool and target libraries, not code for the consumer's
# architecture, so the consumer's pointer size does not matter.
write_basic_package_version_file(${MICROKIT_PACKAGE_DIR}/MicrokitConfigVersion.cmake
    VERSION ${PROJECT_VERSION} COMPATIBILITY SameMinorVersion ARCH_INDEPENDENT)
