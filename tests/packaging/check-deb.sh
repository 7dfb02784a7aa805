#!/usr/bin/env bash
# Builds the Debian package from a build tree with cpack, unpacks it with dpkg-deb -x into a
# scratch folder and checks it: control fields and Depends, the binary, desktop entry,
# metainfo and icons, and that the unpacked binary answers --version and --help (also in
# Brazilian Portuguese).
#   check-deb.sh <build dir> <scratch dir> <version> <source dir>
set -euo pipefail

build="$1" scratch="$2" version="$3" src="$4"
app_id=app.zapito.Inbox
started=$SECONDS

fail() {
    echo "FAIL: $*" >&2
    exit 1
}

rm -rf "$scratch"
mkdir -p "$scratch"

# gzip instead of the default: this package is thrown away, only its contents matter here.
if ! cpack --config "$build/CPackConfig.cmake" -G DEB -B "$scratch/out" \
    -D CPACK_DEBIAN_COMPRESSION_TYPE=gzip >"$scratch/cpack.log" 2>&1; then
    cat "$scratch/cpack.log" >&2
    fail "cpack failed"
fi
deb="$scratch/out/zapito-inbox_${version}_amd64.deb"
[ -f "$deb" ] || fail "expected $deb; cpack made: $(ls "$scratch/out")"
echo "built $(basename "$deb") ($(du -k "$deb" | cut -f1) KiB)"

# Control fields.
[ "$(dpkg-deb -f "$deb" Package)" = zapito-inbox ] || fail "Package is not zapito-inbox"
[ "$(dpkg-deb -f "$deb" Version)" = "$version" ] || fail "Version is not $version"
[ "$(dpkg-deb -f "$deb" Architecture)" = amd64 ] || fail "Architecture is not amd64"
depends="$(dpkg-deb -f "$deb" Depends)"
echo "Depends: $depends"
# From dpkg-shlibdeps (linked libraries) and from the explicit list (plugins loaded at run time).
# The package names alone, one a line ("libc6 (>= 2.34), libssl3" → libc6, libssl3).
names="$(echo "$depends" | tr ',' '\n' | sed -E 's/^ *//; s/[ (].*$//')"
for p in libc6 libstdc++6 libqt6core6 libqt6gui6 libqt6widgets6 libqt6network6 libqt6sql6 \
    libqt6sql6-sqlite libqt6sql6-psql libqt6svg6 qt6-qpa-plugins libqt6keychain1 libssl3; do
    echo "$names" | grep -qxF "$p" || fail "Depends lacks $p"
done

# Contents.
root="$scratch/root"
dpkg-deb -x "$deb" "$root"
for f in usr/bin/zapito-inbox \
    usr/share/applications/$app_id.desktop \
    usr/share/metainfo/$app_id.metainfo.xml \
    usr/share/icons/hicolor/scalable/apps/$app_id.svg; do
    [ -s "$root/$f" ] || fail "missing /$f"
done
[ -x "$root/usr/bin/zapito-inbox" ] || fail "/usr/bin/zapito-inbox is not executable"
cmp -s "$root/usr/share/applications/$app_id.desktop" "$src/packaging/$app_id.desktop" ||
    fail "the packaged desktop entry differs from packaging/$app_id.desktop"
cmp -s "$root/usr/share/metainfo/$app_id.metainfo.xml" "$src/packaging/$app_id.metainfo.xml" ||
    fail "the packaged metainfo differs from packaging/$app_id.metainfo.xml"
grep -q "<release version=\"$version\"" "$root/usr/share/metainfo/$app_id.metainfo.xml" ||
    fail "the metainfo has no <release> for version $version"

# Every PNG size, with the size its folder promises (width and height from the IHDR chunk).
png_dimension() { # file offset → big-endian 32-bit number
    local b
    b=($(od -An -tu1 -j"$2" -N4 "$1"))
    echo $(((b[0] << 24) | (b[1] << 16) | (b[2] << 8) | b[3]))
}
for size in 16 22 24 32 48 64 128 256 512; do
    png="$root/usr/share/icons/hicolor/${size}x${size}/apps/$app_id.png"
    [ -s "$png" ] || fail "missing the ${size}px icon"
    [ "$(od -An -c -j1 -N3 "$png" | tr -d ' ')" = PNG ] || fail "the ${size}px icon is not a PNG"
    [ "$(png_dimension "$png" 16)x$(png_dimension "$png" 20)" = "${size}x${size}" ] ||
        fail "the ${size}px icon is $(png_dimension "$png" 16)x$(png_dimension "$png" 20)"
done

# The unpacked binary runs; --version and --help need no display.
bin="$root/usr/bin/zapito-inbox"
out="$("$bin" --version 2>&1)" || fail "--version failed: $out"
echo "$out" | grep -q "$version" || fail "--version does not say $version: $out"
out="$("$bin" --help 2>&1)" || fail "--help failed: $out"
for option in --demo --database --version; do
    echo "$out" | grep -q -- "$option" || fail "--help does not list $option: $out"
done
echo "$out" | grep -q "Triage the conversations" || fail "--help is not in English: $out"
out="$(env LANGUAGE=pt_BR LC_ALL=pt_BR.UTF-8 LANG=pt_BR.UTF-8 "$bin" --help 2>&1)" || fail "--help (pt_BR) failed"
echo "$out" | grep -q "Organize as conversas" || fail "--help does not follow a Brazilian locale: $out"
echo "$out" | grep -q "Confere a assinatura de um webhook" || fail "--help lists the commands untranslated: $out"
# A command's own strings follow the locale too (their tr() context must match the catalogue's).
if out="$(env LANGUAGE=pt_BR LC_ALL=pt_BR.UTF-8 LANG=pt_BR.UTF-8 "$bin" verify-signature </dev/null 2>&1)"; then
    fail "verify-signature without its options succeeded: $out"
fi
echo "$out" | grep -q "são obrigatórios" || fail "verify-signature does not follow a Brazilian locale: $out"

echo "ok in $((SECONDS - started)) s"
