#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Takes the screenshots the README and the AppStream metainfo show (docs/screenshots/), with the
# screenshot harness of tests/ui over its 50 varied conversations, in a real X server (Xvfb):
#   packaging/screenshots.sh [build dir]
# Installs what is missing (the build, Xvfb, fonts for the names in Chinese, Japanese and Hindi,
# the colour emoji font, optipng), builds the harness (in build/release-tests unless a build dir
# is given) and writes a few PNGs: Needs a human with an open handoff whose webhook failed, at
# 1920x1080 and 1024x700, light, dark and in Brazilian Portuguese; an internal note; the saved
# replies offered after "/" in the reply box; and two Settings pages.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
. packaging/debian-packages.sh
install_missing "${build_packages[@]}" xvfb xauth fonts-wqy-microhei fonts-lohit-deva fonts-noto-color-emoji \
    optipng

build="${1:-build/release-tests}"
if [ "$build" = build/release-tests ]; then
    [ -f build/release-tests/build.ninja ] || cmake --preset release-tests >/dev/null
fi
cmake --build "$build" --target zapito_ui_screenshots -- -j"$(nproc)" >/dev/null
harness="$build/tests/ui/zapito_ui_screenshots"

shot() { # name, harness options…
    local name="$1"
    shift
    # LANG=C: the words are the harness's choice (--locale), never the machine's.
    LANG=C xvfb-run -a -s "-screen 0 1920x1080x24" "$harness" "$@" --shot "docs/screenshots/$name.png" \
        >/dev/null 2>&1
    optipng -quiet -o2 "docs/screenshots/$name.png"
    echo "docs/screenshots/$name.png"
}
mkdir -p docs/screenshots
rm -f docs/screenshots/*.png
# Needs a human, waiting longest first, with a handoff open whose webhook failed twice.
handoff=(--needs-human --select-name "O'Brien" --open-attempts)
shot needs-human "${handoff[@]}" --size 1920x1080
shot needs-human-dark "${handoff[@]}" --size 1024x700 --dark
shot needs-human-pt-br "${handoff[@]}" --size 1024x700 --locale pt_BR
shot note --select-name "Maria Silva" --note --size 1280x800
shot saved-replies --select-name "Ana Beatriz" --saved-replies --size 1280x800
shot settings-bot --settings-page botPage --size 1024x700
shot settings-saved-replies-dark --saved-replies --settings-page savedRepliesPage --size 1024x700 --dark
