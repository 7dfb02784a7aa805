#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# A throw-away PostgreSQL cluster for the tests (Debian 12's postgresql package):
#   packaging/postgres-cluster.sh start URLFILE   initdb in a fresh temporary folder, start it,
#                                                  create the database zapito_test, write its URL
#                                                  to URLFILE (and print it)
#   packaging/postgres-cluster.sh url URLFILE     print the URL of the running cluster
#   packaging/postgres-cluster.sh stop URLFILE    stop the cluster and remove its folder
# The cluster trusts local connections (no password anywhere) and listens on a unix socket in its
# own folder only, never on TCP, so nothing outside this machine's users can reach it. initdb and
# postgres refuse to run as root: as root they run as the `postgres` system user the package
# creates, who owns the folder.
set -euo pipefail

usage() {
    echo "usage: $0 start|url|stop URLFILE" >&2
    exit 2
}
[ $# -eq 2 ] || usage
command="$1"
urlfile="$2"

# The newest installed server; Debian keeps its programs outside PATH.
find_bindir() {
    local dir
    for dir in $(printf '%s\n' /usr/lib/postgresql/*/bin | sort -V -r); do
        if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then
            echo "$dir"
            return 0
        fi
    done
    if command -v pg_config >/dev/null && [ -x "$(pg_config --bindir)/initdb" ]; then
        pg_config --bindir
        return 0
    fi
    echo "$0: no PostgreSQL server found (install Debian's postgresql package)" >&2
    return 1
}

# Runs a command as the cluster's owner: the postgres user when we are root, ourselves otherwise.
as_owner() {
    if [ "$(id -u)" -eq 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

# A port number no other cluster's socket uses (the socket is named after it, .s.PGSQL.<port>).
free_port() {
    local port
    for _ in $(seq 1 50); do
        port=$((20000 + RANDOM % 20000))
        if ! ls /tmp/zapito-pg-*/.s.PGSQL."$port" >/dev/null 2>&1 &&
            ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            echo "$port"
            return 0
        fi
    done
    echo "$0: no free port found" >&2
    return 1
}

# The folder and port of the cluster a URL file names.
read_url() {
    [ -f "$urlfile" ] || return 1
    local url
    url="$(cat "$urlfile")"
    dir="${url#*host=}"
    dir="${dir%%&*}"
    port="${url##*port=}"
    [ -n "$dir" ] && [ -n "$port" ]
}

stop_cluster() {
    local bindir dir port
    read_url || return 0
    case "$dir" in /tmp/zapito-pg-*) ;; *) echo "$0: refusing to remove $dir" >&2; return 1 ;; esac
    bindir="$(find_bindir)"
    if [ -f "$dir/data/postmaster.pid" ]; then
        as_owner "$bindir/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$dir"
    rm -f "$urlfile"
}

case "$command" in
start)
    # A cluster left by an interrupted run goes first.
    stop_cluster || true
    bindir="$(find_bindir)"
    if [ "$(id -u)" -eq 0 ] && ! id postgres >/dev/null 2>&1; then
        echo "$0: running as root needs the postgres user (Debian's postgresql package creates it)" >&2
        exit 1
    fi
    dir="$(mktemp -d /tmp/zapito-pg-XXXXXX)"
    [ "$(id -u)" -eq 0 ] && chown postgres: "$dir"
    chmod 0700 "$dir"
    port="$(free_port)"
    log="$dir/server.log"
    if ! as_owner "$bindir/initdb" -D "$dir/data" --auth=trust --username=postgres --encoding=UTF8 \
        --locale=C.UTF-8 --no-sync >"$dir/initdb.log" 2>&1; then
        cat "$dir/initdb.log" >&2
        rm -rf "$dir"
        exit 1
    fi
    # A test cluster: durability is not needed, speed is.
    if ! as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$log" -w -t 60 \
        -o "-c listen_addresses='' -c unix_socket_directories='$dir' -p $port -c fsync=off \
            -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" start >/dev/null; then
        cat "$log" >&2
        rm -rf "$dir"
        exit 1
    fi
    if ! as_owner "$bindir/psql" -h "$dir" -p "$port" -U postgres -d postgres -q -v ON_ERROR_STOP=1 \
        -c "CREATE DATABASE zapito_test" >/dev/null; then
        as_owner "$bindir/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
        rm -rf "$dir"
        exit 1
    fi
    url="postgresql://postgres@/zapito_test?host=$dir&port=$port"
    mkdir -p "$(dirname "$urlfile")"
    echo "$url" >"$urlfile"
    echo "$url"
    ;;
url)
    read_url || { echo "$0: no cluster running for $urlfile" >&2; exit 1; }
    cat "$urlfile"
    ;;
stop)
    stop_cluster
    ;;
*)
    usage
    ;;
esac
