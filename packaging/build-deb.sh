#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Builds the Debian package on a Debian 12 machine (as root, or with sudo available):
#   packaging/build-deb.sh
# installs what is missing, builds the pack preset in build/pack (optimised, Debian's hardening
# flags, no tests), runs cpack there and lintian on the result; prints the path of
# build/pack/zapito-inbox_<version>-<revision>_amd64.deb. Install it with
#   sudo apt install ./build/pack/zapito-inbox_<version>-<revision>_amd64.deb
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"

. "$here/packaging/debian-packages.sh"
install_missing "${build_packages[@]}" file lintian

build_dir=build/pack
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
run cmake --preset pack
run cmake --build --preset pack -- -j"$(nproc)"
rm -f "$build_dir"/zapito-inbox_*.deb
(cd "$build_dir" && run cpack -G DEB)
deb=$(ls "$build_dir"/zapito-inbox_*_amd64.deb)
run lintian --fail-on error,warning "$deb"
echo "$deb"
