#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Compares the manual page with the program's own help: every command `zapito-inbox --help`
# lists has its section in COMMANDS, and every entry of every help (options, arguments, setting
# keys) is in the page, in the program's section or in that command's; no option in the page is
# unknown to the program. Then man renders the page without a warning.
#   check-manpage.sh <zapito-inbox> <zapito-inbox.1 or .1.gz>
set -euo pipefail

binary="$1" page="$2"
fail() {
    echo "FAIL: $*" >&2
    exit 1
}
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
program() {
    env -u LANGUAGE LC_ALL=C.UTF-8 HOME="$scratch" XDG_CONFIG_HOME="$scratch/config" \
        XDG_DATA_HOME="$scratch/data" "$binary" "$@"
}

# The page as plain words: roff's \- is -, \[u2026] is …, font changes and other escapes go;
# ".SS" headings are kept to split it into sections.
case "$page" in *.gz) zcat "$page" ;; *) cat "$page" ;; esac |
    perl -CSD -pe 's/\\\[u([0-9A-F]{4,})\]/chr(hex $1)/ge' |
    sed -e 's/\\-/-/g' -e 's/\\f[BIRP]//g' -e 's/\\(..//g' -e 's/\\\[[^]]*\]//g' -e 's/\\&//g' \
        -e 's/\\e/\\/g' >"$scratch/page.txt"
# section "name": lines from .SS "zapito-inbox name" to the next .SS or .SH; "" = the program's
# own part (everything before COMMANDS).
section() {
    if [ -z "$1" ]; then
        sed -n '1,/^\.SH COMMANDS/p' "$scratch/page.txt"
    else
        awk -v want=".SS \"zapito-inbox $1\"" '
            $0 == want { on = 1; next }
            on && /^\.S[HS] / { exit }
            on { print }' "$scratch/page.txt"
    fi
}
# The entries of a help text: the first column of its indented lines ("  --json  Print …",
# "  -h, --help  …", "  webhook.endpoint  …"), each option of "-h, --help" on its own.
entries() {
    awk '/^  [^ ]/ { line = substr($0, 3); if (match(line, /  +/)) line = substr(line, 1, RSTART - 1); print line }' |
        sed -e 's/ <[^>]*>$//' -e 's/, /\n/g'
}

program --help >"$scratch/help.txt"
commands=$(awk '/^Commands/ { on = 1; next } on && /^  [a-z]/ { print $1; next } on { exit }' "$scratch/help.txt")
[ -n "$commands" ] || fail "--help lists no commands"
checked=0
check_entries() { # section name, help text file
    local part="$scratch/section-${1:-main}.txt" entry
    section "$1" >"$part"
    [ -s "$part" ] || fail "the manual page has no section for '${1:-zapito-inbox}'"
    while IFS= read -r entry; do
        [ -n "$entry" ] || continue
        grep -qF -- "$entry" "$part" || fail "'$entry' of '${1:-zapito-inbox}' --help is not in its manual section"
        checked=$((checked + 1))
    done < <(entries <"$2")
}
# The program's options (the command list lines are entries too: each must be in DESCRIPTION).
check_entries "" "$scratch/help.txt"
for c in $commands; do
    grep -qxF ".SS \"zapito-inbox $c\"" "$scratch/page.txt" || fail "the manual page has no section for the command $c"
    program "$c" --help >"$scratch/help-$c.txt" || fail "$c --help failed"
    check_entries "$c" "$scratch/help-$c.txt"
done
# Nothing the program does not know: every command section is a command, every option an option.
sed -n 's/^\.SS "zapito-inbox \(.*\)"$/\1/p' "$scratch/page.txt" | while IFS= read -r c; do
    grep -qxF "$c" <<<"$commands" || fail "the manual page describes '$c', which --help does not list"
done
cat "$scratch"/help*.txt | entries | grep '^-' | sort -u >"$scratch/known-options.txt"
grep -oE '(^|[ (])--?[a-zA-Z?][a-zA-Z0-9-]*' "$scratch/page.txt" | sed 's/^[ (]//' | sort -u |
    while IFS= read -r option; do
        grep -qxF -- "$option" "$scratch/known-options.txt" ||
            # The service section's systemctl/journalctl/loginctl options are not ours.
            grep -E "^(systemctl|journalctl|loginctl|sudo) (.* )?$option( |$)" "$scratch/page.txt" >/dev/null ||
            fail "the manual page names $option, which no --help lists"
    done

# Rendered as man would show it, with groff's warnings on.
if command -v man >/dev/null; then
    warnings=$(LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -E UTF-8 -l "$page" 2>&1 >/dev/null) || true
    [ -z "$warnings" ] || fail "man warns about the page: $warnings"
fi
echo "manual page: $(echo $commands | wc -w) commands, $checked help entries, all in the page"
