# SPDX-License-Identifier: Apache-2.0
# Sourced by the project's scripts: what building needs from Debian 12's own archive, and the
# one way they install what is missing (quiet and quick when nothing is).

# Everything configuring and building the whole tree needs (lld links its executables in a
# fraction of GNU ld's time, Qt Svg builds the icon renderer, help2man writes the manual page,
# dpkg-dev's dpkg-buildflags gives Debian's hardening flags),
# and what the window needs to read right where it runs from the tree: Qt's own translations
# (its standard buttons in the user's language) and a colour emoji font (customers' emoji
# instead of empty boxes), both of which the package recommends.
build_packages=(
    cmake ninja-build g++ lld pkg-config help2man dpkg-dev
    qt6-base-dev qt6-base-dev-tools qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
    libqt6sql6-sqlite libqt6sql6-psql libqt6svg6 qt6-svg-dev qt6-qpa-plugins
    qtkeychain-qt6-dev libssl-dev libgl-dev fonts-dejavu-core
    qt6-translations-l10n fonts-noto-color-emoji
)

# What the packaging tests run besides the build: cpack's dpkg-shlibdeps (dpkg-dev, file), the
# validators (desktop-file-validate, appstreamcli, lintian, systemd-analyze from systemd),
# openssl to sign test bodies, man (man-db) to render the manual page, and the PostgreSQL server
# the store's tests run on a second time (a throw-away cluster, packaging/postgres-cluster.sh; its
# pg_trgm extension is part of the server package), and dbus-daemon for the private session bus
# the desktop notification tests start.
check_packages=(
    xvfb xauth desktop-file-utils appstream dpkg-dev file lintian systemd openssl man-db postgresql
    dbus-daemon
)

# The fuzz targets (packaging/fuzz.sh): Debian's clang 14 with its libFuzzer and sanitizer
# runtimes (only recommended by clang, so named), and llvm-symbolizer for readable reports.
fuzz_packages=(clang libclang-rt-14-dev llvm-14)

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# install_missing PACKAGE… installs those not installed yet.
install_missing() {
    local missing=()
    for p in "$@"; do
        [ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)" = "install ok installed" ] || missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    echo "Installing: ${missing[*]}"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}
