#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Writes the manual page zapito-inbox.1 from the built program's own --help, so it never drifts
# from the real commands and options (help2man, package help2man):
#   make-manpage.sh <built zapito-inbox> <out .1 file> <static include file> <release date>
# The COMMANDS section is made here from `zapito-inbox --help` (the command list) and each
# command's own `--help`; the static include file adds FILES, SERVICE, EXIT STATUS, SEE ALSO.
# The page's date is the release date (reproducible: SOURCE_DATE_EPOCH).
set -euo pipefail

binary="$1" out="$2" static="$3" date="$4"
work="$out.d"
rm -rf "$work"
mkdir -p "$work/bin" "$work/home"

# The program runs as `zapito-inbox` (its usage lines then name no build folder), in English,
# with a throw-away home so asking for help writes nothing anywhere else.
ln -sf "$(realpath "$binary")" "$work/bin/zapito-inbox"
program() {
    env -i PATH="$work/bin:/usr/bin:/bin" HOME="$work/home" XDG_CONFIG_HOME="$work/home/config" \
        XDG_DATA_HOME="$work/home/data" LC_ALL=C.UTF-8 QT_QPA_PLATFORM=offscreen zapito-inbox "$@"
}

# Characters beyond ASCII (the … of an example) as groff escapes: the page reads the same in
# any locale, and help2man passes them on untouched.
to_ascii() { perl -CSD -pe 's/([^\x00-\x7f])/sprintf("\\[u%04X]", ord $1)/ge'; }

# roff-escapes text read on stdin: backslashes, hyphens, and a leading dot or quote.
escape() { sed -e 's/\\/\\e/g' -e 's/-/\\-/g' -e "s/^\\([.']\\)/\\\\\\&\\1/"; }

# Turns one command's --help into roff: its synopsis, the description as paragraphs, then every
# "Title:" block (Options, Arguments, Settings …) as .TP entries; an entry's text continues on
# the more deeply indented lines under it.
command_to_roff() { # command, with its --help on stdin
    local usage rest
    IFS= read -r usage
    rest="${usage#"Usage: zapito-inbox [options]"}"
    rest="${rest# }"
    [ "${rest%% *}" = "$1" ] && rest="${rest#"$1"}" && rest="${rest# }"
    printf '\\fBzapito\\-inbox %s\\fR [\\fIoptions\\fR] %s\n' "$(echo "$1" | escape)" \
        "$(echo "$rest" | escape)"
    echo ".PP"
    escape | awk '
    function flush() {
        if (name != "") printf ".TP\n\\fB%s\\fR\n%s\n", name, text
        name = ""; text = ""
    }
    /^[^ ].*:$/ { flush(); printf ".PP\n\\fI%s\\fR\n", $0; inblock = 1; text_before = 0; next }
    /^$/ { flush(); if (!inblock) print ".PP"; text_before = 0; next }
    inblock && /^  [^ ]/ {
        flush()
        line = substr($0, 3)
        if (match(line, /  +/)) { name = substr(line, 1, RSTART - 1); text = substr(line, RSTART + RLENGTH) }
        else { name = line; text = "" }
        next
    }
    inblock && /^    / { sub(/^ +/, ""); text = text " " $0; next }
    # A description line of its own stays one (.br), as the help shows it.
    { flush(); if (text_before) print ".br"; print; text_before = 1 }
    END { flush() }
    '
}

# The commands, from the program's own list: "  name   summary" lines after "Commands".
program --help >"$work/help.txt"
commands=$(awk '/^Commands/ { on = 1; next } on && /^  [a-z]/ { print $1; next } on { exit }' \
    "$work/help.txt")
[ -n "$commands" ] || { echo "make-manpage.sh: --help lists no commands" >&2; exit 1; }

{
    echo "[COMMANDS]"
    echo 'Without a command, \fBzapito\-inbox\fR opens the inbox window (or, with'
    echo '\fB\-\-headless\fR, runs without one). With a command it does one job on the'
    echo 'command line and exits. Every command takes \fB\-\-help\fR.'
    for c in $commands; do
        summary=$(awk -v c="$c" '$1 == c { $1 = ""; sub(/^ +/, ""); print; exit }' "$work/help.txt")
        printf '.SS "zapito\\-inbox %s"\n' "$(echo "$c" | escape)"
        echo "$summary" | escape
        echo ".PP"
        program "$c" --help | command_to_roff "$c"
    done
    echo
    cat "$static"
} | to_ascii >"$work/include.h2m"

# help2man runs `zapito-inbox` through PATH, so the page names no build folder either.
if ! env -i PATH="$work/bin:/usr/bin:/bin" HOME="$work/home" XDG_CONFIG_HOME="$work/home/config" \
    XDG_DATA_HOME="$work/home/data" QT_QPA_PLATFORM=offscreen \
    SOURCE_DATE_EPOCH="$(date -u -d "$date" +%s)" \
    help2man --locale=C.UTF-8 --no-info --section=1 --source="Zapito" --manual="User Commands" \
    --name="inbox for the conversations a support bot hands to a human" \
    --include="$work/include.h2m" --output="$out.tmp" zapito-inbox 2>"$work/help2man.log"; then
    cat "$work/help2man.log" >&2
    exit 1
fi
to_ascii <"$out.tmp" >"$out"
rm "$out.tmp"
