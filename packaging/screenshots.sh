#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Takes the screenshots the AppStream metainfo shows (docs/screenshots/), with the screenshot
# harness of tests/ui over its 50 varied conversations, in a real X server (Xvfb):
#   packaging/screenshots.sh
# Installs what is missing (the build, Xvfb, and fonts for the names in Chinese, Japanese and
# Hindi), builds the harness in build/release-tests and writes 1280x800 PNGs.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
. packaging/debian-packages.sh
install_missing "${build_packages[@]}" xvfb xauth fonts-wqy-microhei fonts-lohit-deva fonts-noto-color-emoji

[ -f build/release-tests/build.ninja ] || cmake --preset release-tests >/dev/null
cmake --build --preset release-tests --target zapito_ui_screenshots -- -j"$(nproc)" >/dev/null
harness=build/release-tests/tests/ui/zapito_ui_screenshots

shot() { # name, harness options…
    local name="$1"
    shift
    xvfb-run -a -s "-screen 0 1366x850x24" "$harness" "$@" --shot "docs/screenshots/$name.png" \
        >/dev/null 2>&1
    echo "docs/screenshots/$name.png"
}
mkdir -p docs/screenshots
shot inbox --select 1
shot needs-human --needs-human --select 0
