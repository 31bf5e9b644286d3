#!/usr/bin/env bash
# A throw-away PostgreSQL server for the tests and benchmarks: a cluster of its own in a folder,
# on a free loopback port, run by the unprivileged user "postgres" (initdb refuses root).
#
#   scripts/postgres.sh start DIR     installs Debian's postgresql when missing, creates the cluster in
#                                     DIR, starts it, creates the role and database "filesync"
#                                     (password "filesync") and prints the port (also in DIR/port)
#   scripts/postgres.sh stop DIR      stops the server (fast shutdown); the cluster stays
#   scripts/postgres.sh restart DIR   stops and starts the server on the same port
#   scripts/postgres.sh destroy DIR   stops the server and removes DIR
#   scripts/postgres.sh url DIR       prints the JDBC URL of the database
#   scripts/postgres.sh createdb DIR  creates another empty database owned by "filesync" (one per test
#                                     container) and prints its JDBC URL
#   scripts/postgres.sh psql DIR ARGS runs psql as "filesync" on the database "filesync" (-d NAME for another)
set -euo pipefail

command=${1:?usage: postgres.sh start|stop|restart|destroy|url|createdb|psql DIR}
dir=${2:?usage: postgres.sh $command DIR}
dir=$(realpath -m "$dir")

bindir() {
    local candidate
    for candidate in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
        [ -x "$candidate/initdb" ] && [ -x "$candidate/pg_ctl" ] && { echo "$candidate"; return; }
    done
    return 1
}

install_server() {
    bindir >/dev/null && getent passwd postgres >/dev/null && return
    echo "postgres.sh: installing Debian's postgresql" >&2
    export DEBIAN_FRONTEND=noninteractive
    # the packages' own cluster is not wanted: only the binaries and the postgres user
    mkdir -p /etc/postgresql-common/createcluster.d
    echo "create_main_cluster = false" > /etc/postgresql-common/createcluster.d/filesync-no-main.conf
    apt-get update -qq >/dev/null
    apt-get install -y -qq postgresql >/dev/null
    bindir >/dev/null || { echo "postgres.sh: no PostgreSQL server after installing" >&2; exit 1; }
}

as_postgres() {
    if [ "$(id -u)" = 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

server_start() {
    local port
    port=$(cat "$dir/port")
    as_postgres "$(bindir)/pg_ctl" -D "$dir/data" status >/dev/null 2>&1 && return 0 # already running
    as_postgres "$(bindir)/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
        -o "-p $port -k $dir -c listen_addresses=127.0.0.1" start >/dev/null
}

server_stop() {
    [ -f "$dir/data/postmaster.pid" ] || return 0
    as_postgres "$(bindir)/pg_ctl" -D "$dir/data" -m fast -w -t 60 stop >/dev/null
}

case "$command" in
    start)
        install_server
        mkdir -p "$dir"
        [ "$(id -u)" = 0 ] && chown postgres: "$dir"
        if [ ! -d "$dir/data" ]; then
            as_postgres sh -c "echo postgres > '$dir/superuser.password'"
            as_postgres "$(bindir)/initdb" -D "$dir/data" -U postgres --auth=scram-sha-256 --encoding=UTF8 \
                --locale=C.UTF-8 --pwfile="$dir/superuser.password" >"$dir/initdb.log" 2>&1 \
                || { cat "$dir/initdb.log" >&2; exit 1; }
            as_postgres sh -c "echo $(free_port) > '$dir/port'"
            server_start
            # The database sorts text by ICU's en-US rules, not by code point, as many production
            # servers do: the index's ordered keys must not depend on the database's collation.
            PGPASSWORD=postgres as_postgres "$(bindir)/psql" -h "$dir" -p "$(cat "$dir/port")" -U postgres -q \
                -v ON_ERROR_STOP=1 -c "CREATE ROLE filesync LOGIN PASSWORD 'filesync'" \
                -c "CREATE DATABASE filesync OWNER filesync TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE 'en-US'" \
                >/dev/null
        else
            server_start
        fi
        cat "$dir/port"
        ;;
    stop) server_stop ;;
    restart) server_stop; server_start ;;
    destroy)
        if [ -d "$dir" ]; then
            server_stop || true
            rm -rf "$dir"
        fi
        ;;
    url) echo "jdbc:postgresql://127.0.0.1:$(cat "$dir/port")/filesync" ;;
    createdb)
        name=filesync_$(date +%s%N)_$$
        PGPASSWORD=postgres "$(bindir)/psql" -h 127.0.0.1 -p "$(cat "$dir/port")" -U postgres -q -v ON_ERROR_STOP=1 \
            -c "CREATE DATABASE $name OWNER filesync TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE 'en-US'" >/dev/null
        echo "jdbc:postgresql://127.0.0.1:$(cat "$dir/port")/$name"
        ;;
    psql)
        shift 2
        PGPASSWORD=filesync "$(bindir)/psql" -h 127.0.0.1 -p "$(cat "$dir/port")" -U filesync -d filesync "$@"
        ;;
    *) echo "postgres.sh: unknown command $command (start, stop, restart, destroy, url, createdb, psql)" >&2; exit 2 ;;
esac
