#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Every source file names its licence on its first lines (SPDX, Apache-2.0; see LICENSE):
#   packaging/spdx-headers.sh           adds the line where it is missing (safe to run again)
#   packaging/spdx-headers.sh --check   lists the files without it and fails if there are any
# Source files: the repository's files (tracked, or new and not ignored) that are C++, CMake,
# shell, SQL, Python, JavaScript, PHP, systemd units or sanitizer suppressions, and scripts with
# a #! line; not the fuzz inputs under tests/fuzz/corpus/. The line is
# "// SPDX-License-Identifier: Apache-2.0" in C++, JavaScript and PHP (after <?php), with "#"
# in CMake, shell, Python, units and suppressions (after a #! line), with "--" in SQL.
set -euo pipefail

mode=add
[ "${1:-}" = --check ] && mode=check && shift
root="${1:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
cd "$root"

identifier="SPDX-License-Identifier: Apache-2.0"

# The comment that starts a line in this file, or nothing for a file that is not source.
comment_for() {
    case "$1" in
    *.cpp | *.h | *.hpp | *.cc | *.c | *.js | *.php) echo "//" ;;
    CMakeLists.txt | */CMakeLists.txt | *.cmake | *.sh | *.py | *.service | *.supp) echo "#" ;;
    *.sql) echo "--" ;;
    *) [ "$(head -c2 "$1")" = "#!" ] && echo "#" || true ;;
    esac
}

if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    files=$(git ls-files --cached --others --exclude-standard)
else
    files=$(find . -path ./build -prune -o -path ./.git -prune -o -type f -print | sed 's|^\./||')
fi

missing=0
while IFS= read -r f; do
    [ -f "$f" ] || continue # deleted, not yet committed
    case "$f" in tests/fuzz/corpus/*) continue ;; esac # fuzz inputs are data, byte for byte
    comment=$(comment_for "$f")
    [ -n "$comment" ] || continue
    [[ "$(head -n 5 "$f")" == *"SPDX-License-Identifier:"* ]] && continue
    if [ "$mode" = check ]; then
        echo "no SPDX-License-Identifier line: $f"
        missing=$((missing + 1))
        continue
    fi
    # After a #! line or <?php, else first.
    first=$(head -n 1 "$f")
    tmp="$f.spdx.tmp"
    case "$first" in
    '#!'* | '<?php'*) { echo "$first"; echo "$comment $identifier"; tail -n +2 "$f"; } >"$tmp" ;;
    *) { echo "$comment $identifier"; cat "$f"; } >"$tmp" ;;
    esac
    chmod --reference="$f" "$tmp"
    mv "$tmp" "$f"
    echo "added: $f"
done <<<"$files"

if [ "$mode" = check ]; then
    [ "$missing" -eq 0 ] || { echo "$missing source files lack the licence line: run packaging/spdx-headers.sh" >&2; exit 1; }
    echo "every source file names its licence"
fi
