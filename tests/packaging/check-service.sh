#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Checks the systemd user service the package ships: what it runs, that it restarts on failure
# and logs to the journal, and `systemd-analyze verify` on it as the user manager would load it
# (no running systemd needed). The unit names /usr/bin/zapito-inbox, which is in the unpacked
# package, not on this machine: verify reads a copy whose ExecStart points there instead.
#   check-service.sh <scratch dir of check-deb.sh>
set -euo pipefail

scratch="$1"
root="$scratch/root"
name=zapito-inbox-headless.service
unit="$root/usr/lib/systemd/user/$name"

fail() {
    echo "FAIL: $*" >&2
    exit 1
}
[ -s "$unit" ] || fail "the package has no /usr/lib/systemd/user/$name"

key() { sed -n "s/^$1=//p" "$unit"; }
[ "$(key ExecStart)" = "/usr/bin/zapito-inbox --headless" ] || fail "ExecStart is '$(key ExecStart)'"
[ "$(key Restart)" = on-failure ] || fail "Restart is '$(key Restart)', not on-failure"
[ "$(key StandardOutput)" = journal ] && [ "$(key StandardError)" = journal ] ||
    fail "output does not go to the journal"
[ "$(key WantedBy)" = default.target ] || fail "WantedBy is '$(key WantedBy)', not default.target"
[ -x "$root/usr/bin/zapito-inbox" ] || fail "the package has no /usr/bin/zapito-inbox to start"
help="$("$root/usr/bin/zapito-inbox" --help)"
grep -q -- --headless <<<"$help" || fail "zapito-inbox has no --headless"

# A user manager's runtime folder, made here: nothing of the machine's is read or changed.
check="$scratch/service"
rm -rf "$check"
mkdir -p "$check/units" "$check/runtime"
chmod 700 "$check/runtime"
sed "s|^ExecStart=/usr/bin/zapito-inbox |ExecStart=$root/usr/bin/zapito-inbox |" "$unit" >"$check/units/$name"
# Documentation=man:zapito-inbox(1) is looked up in the package's manual pages when man is here.
man_check=no
command -v man >/dev/null && man_check=yes
status=0
out=$(env XDG_RUNTIME_DIR="$check/runtime" MANPATH="$root/usr/share/man" \
    systemd-analyze --user verify --man=$man_check "$check/units/$name" 2>&1) || status=$?
# verify exits 0 on some warnings (an unknown key is "ignoring"): any word about the unit fails.
if [ $status -ne 0 ] || [ -n "$out" ]; then
    echo "$out" >&2
    fail "systemd-analyze verify (exit $status)"
fi
echo "systemd-analyze verify: $name is clean (man page check: $man_check)"
