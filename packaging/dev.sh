#!/usr/bin/env bash
# One entry point for a fresh Debian 12 machine (run as root, or with sudo available):
#   packaging/dev.sh run    install what is missing, build, start the app
#   packaging/dev.sh test   install what is missing, build, run every test
# Both are quiet and quick when everything is already installed and built.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"

# Build and test dependencies, all from Debian 12's own archive.
packages=(
    cmake ninja-build g++ pkg-config
    qt6-base-dev qt6-base-dev-tools qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
    libqt6sql6-sqlite libqt6sql6-psql libqt6svg6 qt6-svg-dev qt6-qpa-plugins
    qtkeychain-qt6-dev libssl-dev libgl-dev
    xvfb xauth fonts-dejavu-core
    desktop-file-utils appstream dpkg-dev file
)

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

install_missing() {
    local missing=()
    for p in "${packages[@]}"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    echo "Installing: ${missing[*]}"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

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
    install_missing
    build release
    shift
    exec ./build/release/zapito-inbox "$@"
    ;;
test)
    install_missing
    build dev
    export QT_QPA_PLATFORM=offscreen
    ctest --preset dev
    ;;
*)
    echo "usage: $0 run|test" >&2
    exit 2
    ;;
esac
