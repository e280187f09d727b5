#!/usr/bin/env bash
# Runs a command with a throwaway PostgreSQL cluster (Debian's `postgresql` package): initdb in a
# temp dir, listening on 127.0.0.1 at a free port and a private socket dir, stopped and deleted on
# exit. Exports FAKTOR_TEST_DATABASE_URL for the command. initdb refuses to run as root, so as root the
# cluster belongs to the `postgres` system user (created by the package) and lives in a dir it owns.
# Set FAKTOR_TEST_DATABASE_URL yourself to use a server you already run instead.
set -euo pipefail
if [ -n "${FAKTOR_TEST_DATABASE_URL:-}" ]; then exec "$@"; fi
PGBIN="${FAKTOR_PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}"
if [ -z "$PGBIN" ] || [ ! -x "$PGBIN/initdb" ]; then
  echo "with-test-postgres: PostgreSQL is not installed (apt-get install postgresql); see README" >&2
  exit 1
fi
DIR="$(mktemp -d /tmp/faktor-pg.XXXXXX)"
chmod 755 "$DIR"
AS=()
if [ "$(id -u)" = 0 ]; then
  chown postgres: "$DIR"
  AS=(runuser -u postgres --)
fi
cleanup() {
  "${AS[@]}" "$PGBIN/pg_ctl" -D "$DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$DIR"
}
trap cleanup EXIT INT TERM
PORT="$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
"${AS[@]}" "$PGBIN/initdb" -D "$DIR/data" -U faktor --auth=trust -E UTF8 --locale=C.UTF-8 >"$DIR/initdb.log" 2>&1 \
  || { cat "$DIR/initdb.log" >&2; exit 1; }
# fsync stays on: the kill -9 test relies on committed writes being durable. Many connections: the
# suite runs test files in parallel, each server with its own small pool.
"${AS[@]}" "$PGBIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -t 60 \
  -o "-c listen_addresses=127.0.0.1 -p $PORT -k $DIR -c max_connections=300 -c shared_buffers=64MB" start >/dev/null \
  || { cat "$DIR/server.log" >&2; exit 1; }
"${AS[@]}" "$PGBIN/createdb" -h 127.0.0.1 -p "$PORT" -U faktor faktor_test
export FAKTOR_TEST_DATABASE_URL="postgres://faktor@127.0.0.1:$PORT/faktor_test"
"$@"
