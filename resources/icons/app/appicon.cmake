# SPDX-License-Identifier: Apache-2.0
# The application icon embedded under :/icons/app/, so the window shows it even when the app
# runs from the build tree (installed, the hicolor theme copy from packaging/ is preferred).
# Included from app/core/CMakeLists.txt, in the directory that defines zapito_core.
qt_add_resources(zapito_core "zapito_app_icon"
    PREFIX /icons/app
    BASE ${CMAKE_CURRENT_LIST_DIR}
    FILES ${CMAKE_CURRENT_LIST_DIR}/app.zapito.Inbox.svg)
