# SPDX-License-Identifier: Apache-2.0
# Debian's compile and link flags, as dpkg-buildflags gives them with every hardening feature
# (DEB_BUILD_MAINT_OPTIONS=hardening=+all): -D_FORTIFY_SOURCE=2, -fstack-protector-strong,
# -Wformat -Werror=format-security, -Wl,-z,relro -Wl,-z,now, and position-independent
# executables. Included by the top-level CMakeLists.txt (option ZAPITO_DEBIAN_BUILDFLAGS, on in
# the release, release-tests and pack presets) before any target, so every library, tool and
# test is built with them. _FORTIFY_SOURCE needs optimisation: use it with RelWithDebInfo or
# Release, not Debug. DEB_*FLAGS_APPEND and the other dpkg-buildflags variables still apply.
find_program(ZAPITO_DPKG_BUILDFLAGS dpkg-buildflags REQUIRED)
foreach(kind CPPFLAGS CXXFLAGS LDFLAGS)
    execute_process(
        COMMAND ${CMAKE_COMMAND} -E env DEB_BUILD_MAINT_OPTIONS=hardening=+all
                ${ZAPITO_DPKG_BUILDFLAGS} --get ${kind}
        WORKING_DIRECTORY ${PROJECT_SOURCE_DIR}
        OUTPUT_VARIABLE zapito_deb_${kind}
        OUTPUT_STRIP_TRAILING_WHITESPACE
        COMMAND_ERROR_IS_FATAL ANY)
endforeach()
string(APPEND CMAKE_CXX_FLAGS " ${zapito_deb_CPPFLAGS} ${zapito_deb_CXXFLAGS}")
foreach(kind EXE SHARED MODULE)
    string(APPEND CMAKE_${kind}_LINKER_FLAGS " ${zapito_deb_LDFLAGS}")
endforeach()

# GCC on Debian makes PIE by default; ask for it anyway, so another toolchain does too.
include(CheckPIESupported)
check_pie_supported(LANGUAGES CXX)
set(CMAKE_POSITION_INDEPENDENT_CODE ON)
message(STATUS "Debian build flags: ${zapito_deb_CPPFLAGS} ${zapito_deb_CXXFLAGS} | ${zapito_deb_LDFLAGS}")
