#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Builds the Debian package from a build tree with cpack, unpacks it with dpkg-deb -x into a
# scratch folder and checks it: control fields and Depends, the binary (stripped, and hardened
# when the build used Debian's flags), desktop entry, metainfo, icons, manual page, user
# service and /usr/share/doc, and that the unpacked binary answers --version and --help (also
# in Brazilian Portuguese). The other packaging tests read the package and the unpacked tree
# it leaves in the scratch folder (out/*.deb, root/).
#   check-deb.sh <build dir> <scratch dir> <version> <source dir> <hardened: ON|OFF>
set -euo pipefail

build="$1" scratch="$2" version="$3" src="$4" hardened="${5:-OFF}"
app_id=app.zapito.Inbox
started=$SECONDS

fail() {
    echo "FAIL: $*" >&2
    exit 1
}

rm -rf "$scratch"
mkdir -p "$scratch"

# The Debian version is the newest entry of packaging/changelog: upstream version + revision.
deb_version=$(sed -n '1s/^zapito-inbox (\([^)]*\)).*/\1/p' "$src/packaging/changelog")
[ "${deb_version%-*}" = "$version" ] ||
    fail "packaging/changelog's newest entry is $deb_version, not for version $version"

# gzip instead of the default: this package is thrown away, only its contents matter here.
if ! cpack --config "$build/CPackConfig.cmake" -G DEB -B "$scratch/out" \
    -D CPACK_DEBIAN_COMPRESSION_TYPE=gzip >"$scratch/cpack.log" 2>&1; then
    cat "$scratch/cpack.log" >&2
    fail "cpack failed"
fi
deb="$scratch/out/zapito-inbox_${deb_version}_amd64.deb"
[ -f "$deb" ] || fail "expected $deb; cpack made: $(ls "$scratch/out")"
echo "built $(basename "$deb") ($(du -k "$deb" | cut -f1) KiB)"

# Control fields.
[ "$(dpkg-deb -f "$deb" Package)" = zapito-inbox ] || fail "Package is not zapito-inbox"
[ "$(dpkg-deb -f "$deb" Version)" = "$deb_version" ] || fail "Version is not $deb_version"
[ "$(dpkg-deb -f "$deb" Architecture)" = amd64 ] || fail "Architecture is not amd64"
depends="$(dpkg-deb -f "$deb" Depends)"
echo "Depends: $depends"
# From dpkg-shlibdeps (linked libraries) and from the explicit list (plugins loaded at run time).
# The package names alone, one a line ("libc6 (>= 2.34), libssl3" → libc6, libssl3).
names="$(echo "$depends" | tr ',' '\n' | sed -E 's/^ *//; s/[ (].*$//')"
for p in libc6 libstdc++6 libqt6core6 libqt6gui6 libqt6widgets6 libqt6network6 libqt6sql6 \
    libqt6sql6-sqlite libqt6sql6-psql libqt6svg6 qt6-qpa-plugins libqt6keychain1 libssl3; do
    grep -qxF "$p" <<<"$names" || fail "Depends lacks $p"
done

# Recommended: Qt's translations (its buttons in the user's language) and the colour emoji font.
recommends="$(dpkg-deb -f "$deb" Recommends)"
recommended="$(echo "$recommends" | tr ',' '\n' | sed -E 's/^ *//; s/[ (].*$//')"
for p in qt6-translations-l10n fonts-noto-color-emoji; do
    grep -qxF "$p" <<<"$recommended" ||
        fail "Recommends lacks $p"
done

# Contents.
root="$scratch/root"
dpkg-deb -x "$deb" "$root"
doc=usr/share/doc/zapito-inbox
for f in usr/bin/zapito-inbox \
    usr/share/applications/$app_id.desktop \
    usr/share/metainfo/$app_id.metainfo.xml \
    usr/share/icons/hicolor/scalable/apps/$app_id.svg \
    usr/share/man/man1/zapito-inbox.1.gz \
    usr/lib/systemd/user/zapito-inbox-headless.service \
    usr/share/lintian/overrides/zapito-inbox \
    $doc/copyright $doc/changelog.Debian.gz $doc/README.md.gz \
    $doc/examples/verify.py $doc/examples/verify.js $doc/examples/verify.php; do
    [ -s "$root/$f" ] || fail "missing /$f"
done
[ -x "$root/usr/bin/zapito-inbox" ] || fail "/usr/bin/zapito-inbox is not executable"
same() { # packaged file, source file
    cmp -s "$root/$1" "$src/$2" || fail "the packaged /$1 differs from $2"
}
same usr/share/applications/$app_id.desktop packaging/$app_id.desktop
same usr/share/metainfo/$app_id.metainfo.xml packaging/$app_id.metainfo.xml
same usr/lib/systemd/user/zapito-inbox-headless.service packaging/zapito-inbox-headless.service
same $doc/copyright packaging/copyright
for f in verify.py verify.js verify.php; do same $doc/examples/$f docs/receivers/$f; done
zcat "$root/$doc/changelog.Debian.gz" | cmp -s - "$src/packaging/changelog" ||
    fail "changelog.Debian.gz is not packaging/changelog"
zcat "$root/$doc/README.md.gz" | cmp -s - "$src/README.md" || fail "README.md.gz is not README.md"
grep -q "<release version=\"$version\"" "$root/usr/share/metainfo/$app_id.metainfo.xml" ||
    fail "the metainfo has no <release> for version $version"
# Everything is root's, nothing is writable by others.
if dpkg-deb -c "$deb" | awk '$2 != "root/root" || $1 ~ /^.{8}w/' | grep .; then
    fail "files above are not root's or are writable by everyone"
fi

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

# The binary as Debian ships binaries: stripped, without the compiler's .comment and .note.
bin="$root/usr/bin/zapito-inbox"
sections="$(readelf -SW "$bin")"
for s in .symtab .debug_info .comment .note; do
    if grep -qE "[] ]\\$s( |$)" <<<"$sections"; then fail "the binary still has a $s section"; fi
done
# Debian's hardening flags, when the build used them (ZAPITO_DEBIAN_BUILDFLAGS).
if [ "$hardened" = ON ]; then
    # (readelf's output is kept first: grep -q stopping early would fail the pipe.)
    header="$(readelf -hW "$bin")" segments="$(readelf -lW "$bin")" dynamic="$(readelf -dW "$bin")"
    symbols="$(readelf -sW --dyn-syms "$bin")"
    grep -q "Type: *DYN" <<<"$header" || fail "the binary is not position-independent (PIE)"
    grep -q GNU_RELRO <<<"$segments" || fail "the binary has no RELRO segment (-z relro)"
    grep -qE "BIND_NOW|FLAGS_1.*NOW" <<<"$dynamic" || fail "the binary is not bound now (-z now)"
    grep -q __stack_chk_fail <<<"$symbols" || fail "the binary has no stack protector (-fstack-protector-strong)"
    # Fortification leaves no mark when GCC proves every call safe: check every compile command.
    commands="$build/compile_commands.json"
    total=$(grep -c '"command":' "$commands")
    fortified=$(grep '"command":' "$commands" | grep -- "-D_FORTIFY_SOURCE=2" | grep -c -- "-O2")
    [ "$total" -gt 0 ] && [ "$fortified" -eq "$total" ] ||
        fail "only $fortified of $total compile commands use -O2 -D_FORTIFY_SOURCE=2"
    if grep '"command":' "$commands" | grep -v -- "-fstack-protector-strong" >/dev/null; then
        fail "some compile commands lack -fstack-protector-strong"
    fi
    echo "hardened: PIE, relro, now, stack protector; $fortified/$total objects fortified"
fi

# The unpacked binary runs; --version and --help need no display.
out="$("$bin" --version 2>&1)" || fail "--version failed: $out"
grep -q "$version" <<<"$out" || fail "--version does not say $version: $out"
out="$("$bin" --help 2>&1)" || fail "--help failed: $out"
for option in --demo --database --version --headless; do
    grep -q -- "$option" <<<"$out" || fail "--help does not list $option: $out"
done
grep -q "Triage the conversations" <<<"$out" || fail "--help is not in English: $out"
out="$(env LANGUAGE=pt_BR LC_ALL=pt_BR.UTF-8 LANG=pt_BR.UTF-8 "$bin" --help 2>&1)" || fail "--help (pt_BR) failed"
grep -q "Organize as conversas" <<<"$out" || fail "--help does not follow a Brazilian locale: $out"
grep -q "Confere a assinatura de um webhook" <<<"$out" || fail "--help lists the commands untranslated: $out"
# A command's own strings follow the locale too (their tr() context must match the catalogue's).
if out="$(env LANGUAGE=pt_BR LC_ALL=pt_BR.UTF-8 LANG=pt_BR.UTF-8 "$bin" verify-signature </dev/null 2>&1)"; then
    fail "verify-signature without its options succeeded: $out"
fi
grep -q "são obrigatórios" <<<"$out" || fail "verify-signature does not follow a Brazilian locale: $out"

echo "ok in $((SECONDS - started)) s"
