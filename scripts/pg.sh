#!/usr/bin/env bash
# A throwaway PostgreSQL server on loopback for the tests, in a directory of its own.
#   bash scripts/pg.sh start DIR   # prints the server's SQLAlchemy URL
#   bash scripts/pg.sh stop DIR    # stops it (the caller removes DIR)
# Uses the newest /usr/lib/postgresql/*/bin (Debian's postgresql package), or PG_BIN.
set -euo pipefail
cmd=${1:?start or stop}
dir=${2:?a directory}
bin=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
  echo "pg.sh: no PostgreSQL binaries found (set PG_BIN)" >&2
  exit 1
fi
# The server refuses to run as root: run it as the postgres user when we are root.
as_server() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
case $cmd in
  start)
    mkdir -p "$dir"
    if [ "$(id -u)" = 0 ]; then chown postgres "$dir"; fi
    port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    as_server "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --no-sync >/dev/null
    # fsync off: a test cluster is thrown away, durability across power loss is not needed.
    as_server "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c max_connections=200" \
      start >/dev/null
    echo "postgresql+psycopg://postgres@127.0.0.1:$port/postgres"
    ;;
  stop)
    if [ -f "$dir/data/postmaster.pid" ]; then
      as_server "$bin/pg_ctl" -D "$dir/data" -m fast -w -t 60 stop >/dev/null || true
    fi
    ;;
  *) echo "pg.sh: start or stop" >&2; exit 2 ;;
esac
