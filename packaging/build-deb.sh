#!/usr/bin/env bash
# Builds the Debian package on a Debian 12 machine (as root, or with sudo available):
#   packaging/build-deb.sh
# installs what is missing, builds a Release in build/deb and runs cpack there; prints the path
# of build/deb/zapito-inbox_<version>_amd64.deb. Install it with
#   sudo apt install ./build/deb/zapito-inbox_<version>_amd64.deb
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"

# dpkg-dev and file for dpkg-shlibdeps, which fills in Depends from the libraries the binary links.
. "$here/packaging/debian-packages.sh"
install_missing "${build_packages[@]}" dpkg-dev file

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
