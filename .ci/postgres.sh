#!/usr/bin/env bash
# Run a command against a throw-away PostgreSQL 15 cluster:
#     bash .ci/postgres.sh python -m pytest
# initdb as the postgres user in a temporary folder, the server listening on a
# Unix socket in that folder only (no TCP), DIAGNOSTIC_TEST_POSTGRES exported
# for the command, and the cluster stopped and removed at the end, whatever
# happens (trap). Installs the Debian server package when it is absent.
set -euo pipefail

PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
if [ ! -x "$PGBIN/initdb" ]; then
  apt-get update -qq && apt-get install -y -qq postgresql-15 >/dev/null
fi

tmp=$(mktemp -d /tmp/diagnostic-pg.XXXXXX)
chmod 700 "$tmp"
if [ "$(id -u)" -eq 0 ]; then  # the server refuses to run as root
  chown postgres: "$tmp"
  as_postgres() { runuser -u postgres -- "$@"; }
else
  as_postgres() { "$@"; }
fi

stop() {
  as_postgres "$PGBIN/pg_ctl" -D "$tmp/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$tmp"
}
trap stop EXIT INT TERM

# trust is safe here: the only way in is a socket in a 0700 folder (root and the server's user)
as_postgres "$PGBIN/initdb" -D "$tmp/data" -U postgres -A trust --no-sync -E UTF8 \
  --locale=C.UTF-8 >"$tmp/initdb.log" 2>&1 || { cat "$tmp/initdb.log" >&2; exit 1; }
as_postgres "$PGBIN/pg_ctl" -D "$tmp/data" -l "$tmp/server.log" -w \
  -o "-c listen_addresses='' -k $tmp -c max_connections=200" start >/dev/null \
  || { cat "$tmp/server.log" >&2; exit 1; }

export DIAGNOSTIC_TEST_POSTGRES="postgresql://postgres@/postgres?host=$tmp"
status=0
"$@" || status=$?
exit "$status"
