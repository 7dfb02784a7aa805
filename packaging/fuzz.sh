#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Fuzzes every parser that reads bytes from outside (tests/fuzz, libFuzzer with AddressSanitizer
# and UBSan, Debian's clang):
#   packaging/fuzz.sh [SECONDS] [TARGET...]     SECONDS per target, 30 by default; all targets
# Installs what is missing, builds the fuzz preset (build/fuzz: only the libraries the targets
# need), then runs the targets one after the other, each from its seed corpus
# (tests/fuzz/corpus/TARGET, never written) and what earlier runs found (build/fuzz/corpus/TARGET).
# Prints executions and crashes per target and exits 1 when any target crashed; the input that
# did it is kept in build/fuzz/artifacts/TARGET/, the target's output in build/fuzz/logs/.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"

usage() { echo "usage: $0 [SECONDS] [TARGET...]   targets: $(all_targets | tr '\n' ' ')" >&2; }
all_targets() { for f in tests/fuzz/fuzz_*.cpp; do f="${f##*/fuzz_}"; echo "${f%.cpp}"; done; }

seconds="${1:-30}"
case "$seconds" in '' | *[!0-9]* | 0) usage; exit 2 ;; esac
[ $# -gt 0 ] && shift
targets=("$@")
[ ${#targets[@]} -gt 0 ] || mapfile -t targets < <(all_targets)
for t in "${targets[@]}"; do
    [ -f "tests/fuzz/fuzz_$t.cpp" ] || { echo "unknown target: $t" >&2; usage; exit 2; }
done

. "$here/packaging/debian-packages.sh"
install_missing "${build_packages[@]}" "${fuzz_packages[@]}"

mkdir -p build
[ -f build/fuzz/build.ninja ] || cmake --preset fuzz >/dev/null
if ! cmake --build --preset fuzz -- -j"$(nproc)" >build/fuzz.log 2>&1; then
    cat build/fuzz.log >&2
    exit 1
fi

symbolizer=/usr/lib/llvm-14/bin/llvm-symbolizer
[ -x "$symbolizer" ] && export ASAN_SYMBOLIZER_PATH="$symbolizer"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"

failed=0
printf '%-18s %14s %8s\n' target executions crashes
for t in "${targets[@]}"; do
    work="build/fuzz/corpus/$t"
    artifacts="build/fuzz/artifacts/$t"
    log="build/fuzz/logs/$t.log"
    mkdir -p "$work" "$artifacts" "build/fuzz/logs"
    started="build/fuzz/logs/$t.started"
    touch "$started"
    rc=0
    # -timeout: an input taking 10 s is a hang, reported like a crash.
    "build/fuzz/tests/fuzz/fuzz_$t" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
        -print_final_stats=1 -artifact_prefix="$artifacts/" "$work" "tests/fuzz/corpus/$t" >"$log" 2>&1 || rc=$?
    executions=$(sed -n 's/^stat::number_of_executed_units: *\([0-9]*\).*/\1/p' "$log" | tail -n 1)
    [ -n "$executions" ] || executions=$(sed -n 's/^#\([0-9]*\).*/\1/p' "$log" | tail -n 1)
    crashes=$(find "$artifacts" -type f -newer "$started" | wc -l)
    [ "$rc" -eq 0 ] || [ "$crashes" -gt 0 ] || crashes=1
    printf '%-18s %14s %8s\n' "$t" "${executions:-?}" "$crashes"
    if [ "$crashes" -gt 0 ]; then
        failed=1
        grep -m 3 -E '^(SUMMARY|==[0-9]+==ERROR)|runtime error' "$log" | sed 's/^/    /' >&2 || true
        find "$artifacts" -type f -newer "$started" | sed 's/^/    input: /' >&2
        echo "    output: $log" >&2
    fi
    rm -f "$started"
done
exit "$failed"
