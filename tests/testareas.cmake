# SPDX-License-Identifier: Apache-2.0
# zapito_test_areas(ROOT OUT): the test folders under ROOT, sorted. Every folder is an area but
# the shared support code, the benchmarks and the fuzz targets (built on their own); a folder
# without a CMakeLists.txt is an error, since its tests would otherwise silently never run.
function(zapito_test_areas root out)
    file(GLOB entries LIST_DIRECTORIES true RELATIVE ${root} ${root}/*)
    list(SORT entries)
    set(areas)
    foreach(area IN LISTS entries)
        if(NOT IS_DIRECTORY ${root}/${area} OR area MATCHES "^(support|benchmarks|fuzz)$")
            continue()
        endif()
        if(NOT EXISTS ${root}/${area}/CMakeLists.txt)
            message(FATAL_ERROR "tests/${area} has no CMakeLists.txt, so its tests would never run")
        endif()
        list(APPEND areas ${area})
    endforeach()
    set(${out} ${areas} PARENT_SCOPE)
endfunction()

# Script mode (the test of this check): cmake -DAREAS_ROOT=… -P testareas.cmake
if(CMAKE_SCRIPT_MODE_FILE AND DEFINED AREAS_ROOT)
    zapito_test_areas(${AREAS_ROOT} found)
    message(STATUS "test areas: ${found}")
endif()
