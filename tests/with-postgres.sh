#!/usr/bin/env bash
# Run a command (the test suite) with a throwaway PostgreSQL server on a loopback port.
#
#   bash tests/with-postgres.sh .venv/bin/pytest -q
#
# It finds PostgreSQL's server binaries (or, as root with apt-get, installs Debian's
# `postgresql`), creates a cluster in a temporary folder, exports LEGDAY_TEST_POSTGRES_URL and
# LEGDAY_REQUIRE_POSTGRES=1 (so the PostgreSQL tests fail instead of skipping if the server is
# unreachable), runs the command, and always stops the server and removes the folder.
# Without binaries and no way to install them it runs the command as is: the PostgreSQL tests
# then skip, saying how to run them; unless LEGDAY_REQUIRE_POSTGRES=1 is set already (CI sets
# it), in which case it exits with status 1 instead. With LEGDAY_TEST_POSTGRES_URL already set,
# that server is used and none is started.
set -euo pipefail

# All in one function, so bash reads the whole script before running any of it: editing the
# file while a long test run is under way cannot change what happens after it.
main() {
    if [ "$#" -eq 0 ]; then
        echo "usage: $0 COMMAND [ARGS...]" >&2
        exit 2
    fi

    if [ -n "${LEGDAY_TEST_POSTGRES_URL:-}" ]; then
        echo "with-postgres: using the server at LEGDAY_TEST_POSTGRES_URL" >&2
        export LEGDAY_REQUIRE_POSTGRES=1
        exec "$@"
    fi

    find_bindir() {
        local dir
        if [ -n "${PG_BINDIR:-}" ] && [ -x "$PG_BINDIR/pg_ctl" ]; then
            echo "$PG_BINDIR"
            return 0
        fi
        # Debian keeps each major version apart; take the newest.
        for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k5 -n -r); do
            if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then
                echo "$dir"
                return 0
            fi
        done
        if command -v pg_ctl >/dev/null && command -v initdb >/dev/null; then
            dirname "$(command -v pg_ctl)"
            return 0
        fi
        return 1
    }

    bindir="$(find_bindir || true)"
    if [ -z "$bindir" ] && [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
        echo "with-postgres: installing Debian's postgresql package" >&2
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq >&2
        apt-get install -y -qq postgresql >&2
        bindir="$(find_bindir || true)"
    fi
    if [ -z "$bindir" ]; then
        if [ "${LEGDAY_REQUIRE_POSTGRES:-}" = 1 ]; then
            echo "with-postgres: no PostgreSQL server binaries here, and LEGDAY_REQUIRE_POSTGRES=1" >&2
            exit 1
        fi
        echo "with-postgres: no PostgreSQL server binaries here; the PostgreSQL tests will skip" >&2
        exec "$@"
    fi

    workdir="$(mktemp -d "${TMPDIR:-/tmp}/legday-pg.XXXXXX")"
    # postgres refuses to run as root: as root, the cluster belongs to the postgres system user.
    as_owner=()
    if [ "$(id -u)" -eq 0 ]; then
        chown postgres: "$workdir"
        as_owner=(runuser -u postgres --)
    fi

    started=0
    cleanup() {
        if [ "$started" -eq 1 ]; then
            (cd / && "${as_owner[@]}" "$bindir/pg_ctl" -D "$workdir/data" -m immediate -w stop \
                >/dev/null 2>&1) || true
        fi
        rm -rf "$workdir"
    }
    trap cleanup EXIT
    trap 'exit 130' INT TERM

    port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"

    cd_and_run() { (cd "$workdir" && "${as_owner[@]}" "$@"); }
    if ! cd_and_run "$bindir/initdb" -D "$workdir/data" -U legday --auth=trust -E UTF8 \
        --no-sync >"$workdir/initdb.log" 2>&1; then
        cat "$workdir/initdb.log" >&2
        echo "with-postgres: initdb failed" >&2
        exit 1
    fi
    # A throwaway cluster: durability is not the point, speed is.
    options="-p $port -k $workdir -c listen_addresses=127.0.0.1 -c fsync=off"
    options="$options -c synchronous_commit=off -c full_page_writes=off -c max_connections=300"
    started=1
    if ! cd_and_run "$bindir/pg_ctl" -D "$workdir/data" -o "$options" -l "$workdir/server.log" \
        -w -t 60 start >/dev/null; then
        cat "$workdir/server.log" >&2
        echo "with-postgres: the server did not start" >&2
        exit 1
    fi

    export LEGDAY_TEST_POSTGRES_URL="postgresql+asyncpg://legday@127.0.0.1:$port/postgres"
    export LEGDAY_REQUIRE_POSTGRES=1
    echo "with-postgres: $("$bindir/pg_ctl" --version) on 127.0.0.1:$port" >&2
    status=0
    "$@" || status=$?
    exit "$status"
}

main "$@"
