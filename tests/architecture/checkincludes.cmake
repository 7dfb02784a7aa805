# SPDX-License-Identifier: Apache-2.0
# cmake -DSOURCE_DIR=<project> -DLAYERS_FILE=<build>/zapito_layers.cmake -P checkincludes.cmake
#
# Fails (listing every offending line) when a source file includes a header of a layer its
# library does not link, when two layers ship a header of the same name (an include would
# be ambiguous), or when a Qt module shows up where it does not belong. The graph comes from
# app/layers.cmake, i.e. from the targets themselves, so this test never disagrees with the
# build about what is allowed; it catches what the build lets through (a header reached over
# a PUBLIC link of a neighbour, or a cycle made of includes only).
cmake_minimum_required(VERSION 3.25)
include("${LAYERS_FILE}")

# Qt headers a layer must not include, as a regular expression on the name in <…>.
set(widgets "^(QtWidgets|QApplication|QWidget|QMainWindow|QDialog|QMessageBox|QLabel|QPushButton|QLineEdit)")
set(network "^(QtNetwork|QNetwork|QTcp|QUdp|QSsl|QHostAddress|QLocalSocket|QLocalServer)")
# HTTP itself goes through net's client; only net talks to QNetworkAccessManager.
set(http "^(QNetworkAccessManager|QNetworkReply|QNetworkRequest|QTcpServer|QTcpSocket)$")
set(forbidden_models "${widgets}|${network}")
set(forbidden_ui "^(QSql|QtSql)|${http}")
set(forbidden_net "${widgets}")
foreach(layer agent settings channels webhook engine core cli desktop)
    set(forbidden_${layer} "${widgets}|${http}")
endforeach()

set(problems)

# Which layer owns each header.
foreach(layer IN LISTS ZAPITO_LAYERS)
    file(GLOB headers RELATIVE "${SOURCE_DIR}/${ZAPITO_FOLDER_${layer}}"
        "${SOURCE_DIR}/${ZAPITO_FOLDER_${layer}}/*.h")
    foreach(header IN LISTS headers)
        if(DEFINED owner_${header})
            list(APPEND problems "${header} exists in both ${owner_${header}} and ${layer}")
        endif()
        set(owner_${header} ${layer})
    endforeach()
endforeach()

set(checked 0)
foreach(layer IN LISTS ZAPITO_LAYERS)
    set(folder "${ZAPITO_FOLDER_${layer}}")
    file(GLOB sources RELATIVE "${SOURCE_DIR}" "${SOURCE_DIR}/${folder}/*.h" "${SOURCE_DIR}/${folder}/*.cpp")
    foreach(source IN LISTS sources)
        math(EXPR checked "${checked} + 1")
        file(STRINGS "${SOURCE_DIR}/${source}" lines REGEX "^[ \t]*#[ \t]*include[ \t]*[<\"]")
        foreach(line IN LISTS lines)
            if(line MATCHES "#[ \t]*include[ \t]*\"([^\"]+)\"")
                set(header "${CMAKE_MATCH_1}")
                if(DEFINED owner_${header})
                    set(owner ${owner_${header}})
                    if(NOT owner STREQUAL layer AND NOT owner IN_LIST ZAPITO_REACH_${layer})
                        list(JOIN ZAPITO_REACH_${layer} ", " reach)
                        list(APPEND problems
                            "${source} includes ${header} of ${owner}, but ${layer} may use only: ${reach}")
                    endif()
                endif()
            elseif(line MATCHES "#[ \t]*include[ \t]*<([^>]+)>")
                set(header "${CMAKE_MATCH_1}")
                if(DEFINED forbidden_${layer} AND header MATCHES "${forbidden_${layer}}")
                    list(APPEND problems "${source} includes <${header}>, which ${layer} must not use")
                endif()
            endif()
        endforeach()
    endforeach()
endforeach()

if(problems)
    list(JOIN problems "\n  " text)
    message(FATAL_ERROR "The layering is broken:\n  ${text}")
endif()
message(STATUS "${checked} files follow the layering: ${ZAPITO_LAYERS}")
