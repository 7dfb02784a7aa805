#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# When nothing is wrong, a command prints its answer and nothing on standard error: no log
# line about the missing translation for the "C" locale, nor about keeping secrets in a file
# where no DBus session runs (as here). Runs every command once on a fresh database, in a
# throw-away home, without a DBus session, in the C and the C.UTF-8 locales.
#   check-quiet.sh <zapito-inbox>
set -euo pipefail

binary="$1"
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
fail() {
    echo "FAIL: $*" >&2
    exit 1
}

runs=0
quiet() { # locale, input, command…
    local locale="$1" input="$2" status=0
    shift 2
    env -i PATH=/usr/bin:/bin HOME="$scratch/home" XDG_CONFIG_HOME="$scratch/home/config" \
        XDG_DATA_HOME="$scratch/home/data" ${locale:+LANG=$locale} QT_QPA_PLATFORM=offscreen \
        "$binary" "$@" <<<"$input" >"$scratch/out" 2>"$scratch/err" || status=$?
    [ $status -eq 0 ] || fail "'$*' (LANG=${locale:-unset}) exited $status: $(cat "$scratch/err")"
    [ ! -s "$scratch/err" ] || fail "'$*' (LANG=${locale:-unset}) wrote to standard error: $(cat "$scratch/err")"
    runs=$((runs + 1))
}

# Setting a secret says on standard error where it went (standard output may be a pipe): that
# one sentence, nothing else.
secret_saved() { # locale
    env -i PATH=/usr/bin:/bin HOME="$scratch/home" XDG_CONFIG_HOME="$scratch/home/config" \
        XDG_DATA_HOME="$scratch/home/data" ${1:+LANG=$1} \
        "$binary" settings set webhook.signing_secret <<<"$secret" >"$scratch/out" 2>"$scratch/err" ||
        fail "settings set webhook.signing_secret failed: $(cat "$scratch/err")"
    [ "$(wc -l <"$scratch/err")" -eq 1 ] && grep -q "^webhook.signing_secret saved\. " "$scratch/err" ||
        fail "settings set webhook.signing_secret wrote more than its sentence: $(cat "$scratch/err")"
    runs=$((runs + 1))
}

secret=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
printf '%s\n' "$secret" >"$scratch/secret.txt"
printf '{"event":"lead.handoff"}' >"$scratch/body.json"
signature="sha256=$(printf '{"event":"lead.handoff"}' | openssl dgst -sha256 -hmac "$secret" -r | cut -d' ' -f1)"
db="$scratch/inbox.sqlite"
# Reading commands never create an inbox; a writing one does (this one then finds nothing to
# resolve, which is not what is checked here).
env -i PATH=/usr/bin:/bin HOME="$scratch/home" XDG_CONFIG_HOME="$scratch/home/config" \
    XDG_DATA_HOME="$scratch/home/data" QT_QPA_PLATFORM=offscreen \
    "$binary" resolve conv_none --database "$db" >/dev/null 2>&1 || true
[ -f "$db" ] || fail "a writing command did not create the inbox $db"

for locale in C C.UTF-8 ""; do
    quiet "$locale" "" --version
    quiet "$locale" "" --help
    quiet "$locale" "" list --database "$db"
    quiet "$locale" "" list --needs-human --json --database "$db"
    quiet "$locale" "" deliveries --database "$db"
    quiet "$locale" "" settings set webhook.enabled true
    secret_saved "$locale"
    quiet "$locale" "" settings get
    quiet "$locale" "" verify-signature --secret-file "$scratch/secret.txt" --signature "$signature" \
        --body-file "$scratch/body.json"
done
echo "quiet: $runs command runs, no log line on standard error"
