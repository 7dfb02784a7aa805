#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Runs lintian, Debian's package checker, on the package check-deb.sh built, and fails on any
# error or warning (overrides only in packaging/lintian-overrides*, each with its reason). With
# Debian's hardening flags on, a hardening or unneeded-section note fails too. Notes,
# informational and pedantic tags are shown.
#   check-lintian.sh <scratch dir of check-deb.sh> <hardened: ON|OFF>
set -euo pipefail

scratch="$1" hardened="${2:-OFF}"
deb=$(ls "$scratch"/out/zapito-inbox_*_amd64.deb)

# lintian says nothing useful against being run as root; its tags are what count.
status=0
out=$(lintian --fail-on error,warning --display-info --pedantic "$deb" 2>&1) || status=$?
echo "${out:-lintian: no tags}"
[ $status -eq 0 ] || { echo "FAIL: lintian found errors or warnings (exit $status)" >&2; exit 1; }
if echo "$out" | grep -E '^[EW]: '; then
    echo "FAIL: lintian errors or warnings above" >&2
    exit 1
fi
if [ "$hardened" = ON ] && echo "$out" | grep -E '^[IP]: .*(hardening-|binary-has-unneeded-section)'; then
    echo "FAIL: the hardened package still has the hardening notes above" >&2
    exit 1
fi
echo "lintian: no error, no warning"
