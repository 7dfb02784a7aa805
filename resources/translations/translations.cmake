# SPDX-License-Identifier: Apache-2.0
# The user interface's translations: Qt Linguist sources (.ts) for English and Brazilian
# Portuguese, compiled to .qm at build time and embedded in zapito_core under :/i18n, so every
# executable that links zapito_core (the app, its command line, the tests) can load them.
#
#   cmake --build <build dir> --target update_translations   # lupdate: refresh the .ts files
#
# Included from app/core/CMakeLists.txt, in the directory that defines zapito_core.
file(GLOB_RECURSE zapito_translatable_sources CONFIGURE_DEPENDS
    ${PROJECT_SOURCE_DIR}/app/*.cpp ${PROJECT_SOURCE_DIR}/app/*.h
    ${PROJECT_SOURCE_DIR}/ui/*.cpp ${PROJECT_SOURCE_DIR}/ui/*.h ${PROJECT_SOURCE_DIR}/ui/*.ui
    ${PROJECT_SOURCE_DIR}/models/*.cpp ${PROJECT_SOURCE_DIR}/models/*.h)

qt_add_translations(zapito_core
    TS_FILES
        ${CMAKE_CURRENT_LIST_DIR}/zapito_en.ts
        ${CMAKE_CURRENT_LIST_DIR}/zapito_pt_BR.ts
    SOURCES ${zapito_translatable_sources}
    # Line numbers would churn the .ts files on every edit; the context and source text suffice.
    LUPDATE_OPTIONS -locations none -no-obsolete
    RESOURCE_PREFIX /i18n)
