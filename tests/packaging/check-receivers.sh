#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The receiver snippets the package ships (docs/receivers/, in /usr/share/doc/zapito-inbox/
# examples) are the README's, word for word, and they agree with `zapito-inbox verify-signature`:
# each accepts a body signed with the secret and refuses it changed by one byte or signed with
# another secret. Python, Node.js and PHP run where installed (Python always is on Debian's
# build machines; the others are skipped, and said so, when missing).
#   check-receivers.sh <zapito-inbox> <source dir>
set -euo pipefail

binary="$1" src="$2"
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
fail() {
    echo "FAIL: $*" >&2
    exit 1
}

# The snippet of a file: from its first line that is not a comment (nor <?php) to the first
# blank line. The README must hold those lines as they are.
snippet() {
    awk 'started && /^$/ { exit }
         !started && (/^(#|\/\/)/ || /^<\?php/) { next }
         { started = 1; print }' "$1"
}
contains() { # haystack file, needle file: are the needle's lines consecutive lines of the haystack?
    awk -v needle="$2" '
        BEGIN { while ((getline l < needle) > 0) want[++n] = l }
        { line[++m] = $0 }
        END {
            for (i = 1; i + n - 1 <= m; i++) {
                for (j = 1; j <= n && line[i + j - 1] == want[j]; j++) ;
                if (j > n) exit 0
            }
            exit 1
        }' "$1"
}
for f in verify.py verify.js verify.php; do
    snippet "$src/docs/receivers/$f" >"$scratch/$f.snippet"
    [ -s "$scratch/$f.snippet" ] || fail "docs/receivers/$f has no snippet"
    contains "$src/README.md" "$scratch/$f.snippet" || {
        cat "$scratch/$f.snippet" >&2
        fail "README.md does not show docs/receivers/$f's snippet (above) as it is"
    }
done

secret=5e1b0c3d9a7f2468ace013579bdf02468ace013579bdf02468ace013579bdf0
printf '%s\n' "$secret" >"$scratch/secret.txt"
printf '%s\n' "${secret%0}1" >"$scratch/other-secret.txt"
printf '{"event":"lead.handoff","conversation":{"contactName":"Maria Silva \xc3\xa9 \xf0\x9f\x98\x80"}}\n' >"$scratch/body.json"
sed 's/Maria/Mario/' "$scratch/body.json" >"$scratch/changed.json"
signature="sha256=$(openssl dgst -sha256 -hmac "$secret" -r <"$scratch/body.json" | cut -d' ' -f1)"

expect() { # exit status, secret file, body, command…
    local want="$1" secret_file="$2" body="$3" status=0
    shift 3
    "$@" "$secret_file" "$signature" <"$body" >/dev/null 2>&1 || status=$?
    [ "$status" -eq "$want" ] || fail "$* with $(basename "$secret_file") on $(basename "$body"): exit $status, not $want"
}
verify_with() { # what runs the check, with the secret file and signature appended
    expect 0 "$scratch/secret.txt" "$scratch/body.json" "$@"
    expect 1 "$scratch/secret.txt" "$scratch/changed.json" "$@"
    expect 1 "$scratch/other-secret.txt" "$scratch/body.json" "$@"
}
zapito() { env -u LANGUAGE LC_ALL=C.UTF-8 HOME="$scratch" "$binary" verify-signature --secret-file "$1" --signature "$2"; }
verify_with zapito
ran="zapito-inbox verify-signature"
for pair in python3:verify.py node:verify.js php:verify.php; do
    interpreter=${pair%%:*} file=${pair#*:}
    if command -v "$interpreter" >/dev/null; then
        verify_with "$interpreter" "$src/docs/receivers/$file"
        ran="$ran, $file"
    else
        echo "skipped $file: no $interpreter here"
    fi
done
echo "receivers: the README's snippets; agree on good, changed and wrongly signed bodies: $ran"
