#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The AppStream metainfo as software centres read it: `appstreamcli validate --pedantic` with no
# error, warning, info or pedantic note but the one below; the licence, the bug tracker, a
# release entry for this version on the date of the newest Debian changelog entry, a content
# rating, and screenshots that are the PNGs of docs/screenshots at the size they declare.
#   check-metainfo.sh <source dir> <version>
set -euo pipefail

src="$1" version="$2"
metainfo="$src/packaging/app.zapito.Inbox.metainfo.xml"
fail() {
    echo "FAIL: $*" >&2
    exit 1
}

# cid-contains-uppercase-letter: the id app.zapito.Inbox keeps the reverse-DNS capitalisation
# freedesktop ids use (org.gnome.Nautilus); it is also the desktop file's and the icon's name,
# which the app sets (setDesktopFileName) and installed desktops remember.
allowed='^P: app\.zapito\.Inbox:[0-9]+: cid-contains-uppercase-letter '
out=$(appstreamcli validate --pedantic --no-net --no-color "$metainfo" 2>&1) || {
    echo "$out" >&2
    fail "appstreamcli validate failed"
}
echo "$out"
if echo "$out" | grep -E '^[EWIP]: ' | grep -vE "$allowed"; then
    fail "appstreamcli reports the above"
fi

has() { grep -qE "$1" "$metainfo" || fail "the metainfo lacks $2"; }
has '<project_license>Apache-2.0</project_license>' "project_license Apache-2.0"
has '<url type="bugtracker">https://' "a bug tracker URL"
has '<content_rating type="oars-1\.[01]"' "a content rating"
release_date=$(sed -n "s/.*<release version=\"$version\" date=\"\([0-9-]*\)\".*/\1/p" "$metainfo")
[ -n "$release_date" ] || fail "the metainfo has no <release> for $version"
changelog_date=$(sed -n '/^ -- .*>  /{s/^ -- .*>  \(.*\)$/\1/p;q}' "$src/packaging/changelog")
[ "$(date -u -d "$changelog_date" +%F)" = "$release_date" ] ||
    fail "the newest changelog entry ($changelog_date) is not of the release date $release_date"

# Every screenshot is a file of docs/screenshots, a PNG of the width and height given.
png_dimension() { # file offset → big-endian 32-bit number
    local b
    b=($(od -An -tu1 -j"$2" -N4 "$1"))
    echo $(((b[0] << 24) | (b[1] << 16) | (b[2] << 8) | b[3]))
}
shots=0
while IFS='|' read -r width height url; do
    file="$src/docs/screenshots/${url##*/}"
    case "$url" in */docs/screenshots/*.png) ;; *) fail "screenshot $url is not one of docs/screenshots" ;; esac
    [ -s "$file" ] || fail "screenshot $url: no docs/screenshots/${url##*/}"
    [ "$(od -An -c -j1 -N3 "$file" | tr -d ' ')" = PNG ] || fail "docs/screenshots/${url##*/} is not a PNG"
    [ "$(png_dimension "$file" 16)x$(png_dimension "$file" 20)" = "${width}x${height}" ] ||
        fail "docs/screenshots/${url##*/} is not ${width}x${height}"
    shots=$((shots + 1))
done < <(sed -n 's|.*<image type="source" width="\([0-9]*\)" height="\([0-9]*\)">\([^<]*\)</image>.*|\1\|\2\|\3|p' "$metainfo")
[ $shots -ge 1 ] || fail "the metainfo has no screenshot"
[ "$(grep -c '<screenshot[ >]' "$metainfo")" = "$shots" ] || fail "a screenshot without a sized source image"
echo "metainfo: $shots screenshots, release $version of $release_date"
