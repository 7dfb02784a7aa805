#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The whole benchmark in one command, on a Debian 12 machine, as root or with sudo:
#   packaging/bench.sh                 install what is missing, build the `bench` preset (Release),
#                                      generate the databases in /tmp/zapito-bench, run everything and
#                                      print the Performance table (also in /tmp/zapito-bench/performance.md)
#   packaging/bench.sh --runs 3 ...    further options go to `zapito-inbox-bench run`
#                                      (--sizes, --runs, --no-naive, --no-webhook, --regenerate, ...)
# Finishes within 10 minutes on 2 cores. Never part of `packaging/dev.sh test` or CI.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"

# The raw SQLite C API is the "limit" baseline; curl and wrk are the webhook baselines.
. "$here/packaging/debian-packages.sh"
install_missing "${build_packages[@]}" libsqlite3-dev curl wrk

mkdir -p build
[ -f build/bench/build.ninja ] || cmake --preset bench >/dev/null
# Only the benchmark and what it links; the compiler's output is shown only on failure.
if ! cmake --build --preset bench --target zapito-inbox-bench -- -j"$(nproc)" >build/bench.log 2>&1; then
    cat build/bench.log >&2
    exit 1
fi

data_dir="${ZAPITO_BENCH_DATA:-/tmp/zapito-bench}"
mkdir -p "$data_dir"
echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg)"
bench=./build/bench/tests/benchmarks/zapito-inbox-bench
# The generated databases (kept in $data_dir, never in the repo) are reused while they are newer
# than the benchmark binary; a rebuilt binary may carry a new schema or generator, so they are
# then written afresh (about 1.5 minutes for 100k/2M on 2 cores). --regenerate forces it.
regenerate=()
for db in "$data_dir"/inbox-*.sqlite; do
    if [ -f "$db" ] && [ "$bench" -nt "$db" ]; then regenerate=(--regenerate); fi
done
exec env QT_QPA_PLATFORM=offscreen "$bench" run \
    --data-dir "$data_dir" --markdown "$data_dir/performance.md" "${regenerate[@]}" "$@"
