#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# One entry point for a fresh Debian 12 machine (run as root, or with sudo available):
#   packaging/dev.sh run    install what is missing, build, start the app
#   packaging/dev.sh test   install what is missing, build, run every test, in the optimised
#                           build with Debian's hardening flags (release-tests: what ships)
#   packaging/dev.sh test asan
#                           the same under AddressSanitizer and UBSan (Debug, so every assertion
#                           is checked too; any report fails)
#   packaging/dev.sh test dev
#                           the same in a plain Debug build (build/dev, for a debugger)
# They are quiet and quick when everything is already installed and built.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"

# Tests also need a display server, and packaging checks their tools.
. "$here/packaging/debian-packages.sh"
packages=("${build_packages[@]}" "${check_packages[@]}")

build() {
    local preset="$1"
    [ -f "build/$preset/build.ninja" ] || cmake --preset "$preset" >/dev/null
    # The compiler's output is shown only when the build fails.
    if ! cmake --build --preset "$preset" -- -j"$(nproc)" >"build/$preset.log" 2>&1; then
        cat "build/$preset.log" >&2
        return 1
    fi
}

case "${1:-}" in
run)
    install_missing "${build_packages[@]}"
    build release
    shift
    exec ./build/release/zapito-inbox "$@"
    ;;
test)
    preset="${2:-release-tests}"
    case "$preset" in dev | release-tests | asan) ;; *) echo "usage: $0 test [dev|release-tests|asan]" >&2; exit 2 ;; esac
    install_missing "${packages[@]}"
    build "$preset"
    export QT_QPA_PLATFORM=offscreen
    ctest --preset "$preset"
    ;;
*)
    echo "usage: $0 run|test [dev|release-tests|asan]" >&2
    exit 2
    ;;
esac
