#!/usr/bin/env bash
# Builds the Debian package on a Debian 12 machine (as root, or with sudo available):
#   packaging/build-deb.sh
# installs what is missing, builds a Release in build/deb and runs cpack there; prints the path
# of build/deb/zapito-inbox_<version>_amd64.deb. Install it with
#   sudo apt install ./build/deb/zapito-inbox_<version>_amd64.deb
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"

# What building and packaging need, all from Debian 12's own archive (dpkg-dev and file for
# dpkg-shlibdeps, which fills in Depends from the libraries the binary links).
packages=(
    cmake ninja-build g++ pkg-config
    qt6-base-dev qt6-base-dev-tools qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-svg-dev
    qtkeychain-qt6-dev libssl-dev libgl-dev
    dpkg-dev file
)

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
    echo "Installing: ${missing[*]}"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

build_dir=build/deb
mkdir -p "$build_dir"
log="$here/$build_dir/build-deb.log"
# Output is shown only when a step fails.
run() {
    if ! "$@" >>"$log" 2>&1; then
        cat "$log" >&2
        exit 1
    fi
}
: >"$log"
run cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release -DZAPITO_BUILD_TESTS=OFF
run cmake --build "$build_dir" -- -j"$(nproc)"
rm -f "$build_dir"/zapito-inbox_*.deb
(cd "$build_dir" && run cpack -G DEB)
ls "$build_dir"/zapito-inbox_*_amd64.deb
