#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The whole benchmark in one command, on a Debian 12 machine, as root or with sudo:
#   packaging/bench.sh                 install what is missing, build the `bench` preset (Release),
#                                      generate the databases in /tmp/zapito-bench (or reuse them),
#                                      run everything and print the report (also in
#                                      /tmp/zapito-bench/performance.md)
#   packaging/bench.sh --quick         the same at 1k/20k and 10k/200k, 2 runs: minutes, to iterate
#   packaging/bench.sh --runs 3 ...    further options go to `zapito-inbox-bench run`
#                                      (--sizes, --runs, --no-naive, --no-webhook, --no-rss,
#                                      --regenerate, --session-actions, --scroll-budget, ...)
#   packaging/bench.sh team ...        `zapito-inbox-bench team` instead: a leader, a standby and
#                                      seats as real processes on PostgreSQL and SQLite
#                                      (--engine, --handoffs, --seats, --kills)
#   packaging/bench.sh window-lead ... `zapito-inbox-bench window-lead`: a window that leads on
#                                      PostgreSQL a network away, its heartbeat with the pipeline
#                                      on the event loop and on the leader's thread
#                                      (--messages, --pace-ms, --one-way-ms)
# ZAPITO_BENCH_BUILD picks another build folder (default build/bench), ZAPITO_BENCH_JOBS the
# compile jobs (default: every core), ZAPITO_BENCH_DATA the data folder.
# Never part of `packaging/dev.sh test` or CI.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"

# curl and wrk are the webhook baselines; postgresql the team run's throw-away cluster.
. "$here/packaging/debian-packages.sh"
install_missing "${build_packages[@]}" curl wrk postgresql

build_dir="${ZAPITO_BENCH_BUILD:-build/bench}"
mkdir -p "$(dirname "$build_dir")"
[ -f "$build_dir/build.ninja" ] || cmake --preset bench -B "$build_dir" >/dev/null
# Only the benchmark and what it links; the compiler's output is shown only on failure.
log="$build_dir.log"
if ! cmake --build "$build_dir" --target zapito-inbox-bench -- -j"${ZAPITO_BENCH_JOBS:-$(nproc)}" >"$log" 2>&1; then
    cat "$log" >&2
    exit 1
fi

data_dir="${ZAPITO_BENCH_DATA:-/tmp/zapito-bench}"
mkdir -p "$data_dir"
# The generated databases (kept in $data_dir, never in the repo) are reused while the record
# beside each (FILE.json: generator version, a digest of the schema's migrations, the options)
# matches what this build would write; otherwise, or with --regenerate, they are written afresh
# (about 1.5 minutes for 100k/2M on 2 cores). Each run works on a copy, so they stay as written.
status=0
if [ "${1:-}" = team ] || [ "${1:-}" = window-lead ]; then
    command="$1"
    shift
    # The team run keeps its processes' homes and the cluster's URL in the data folder.
    extra=()
    if [ "$command" = team ]; then extra=(--data-dir "$data_dir"); fi
    env QT_QPA_PLATFORM=offscreen "$build_dir/tests/benchmarks/zapito-inbox-bench" "$command" \
        "${extra[@]}" --markdown "$data_dir/$command.md" "$@" || status=$?
    echo "bench.sh: ${SECONDS} s in all (build included)" >&2
    exit "$status"
fi
env QT_QPA_PLATFORM=offscreen "$build_dir/tests/benchmarks/zapito-inbox-bench" run \
    --data-dir "$data_dir" --markdown "$data_dir/performance.md" "$@" || status=$?
echo "bench.sh: ${SECONDS} s in all (build included)" >&2
exit "$status"
