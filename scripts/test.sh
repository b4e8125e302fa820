#!/usr/bin/env bash
# Install tiptrace with its test tools and run the checks. This is the README's test command and
# exactly what CI runs (.ci/run). Debian's chromium (browser tests) and postgresql (the store
# tests run against SQLite and a live PostgreSQL server) are installed when absent and we are root.
set -euo pipefail
cd "$(dirname "$0")/.."
is_root() { [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; }
updated=
apt_install() {
  [ -n "$updated" ] || { apt-get update -qq; updated=1; }
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}
if ! command -v chromium >/dev/null 2>&1; then
  if is_root; then
    apt_install chromium
  else
    echo "note: chromium not installed and not root; the browser tests will be skipped" >&2
  fi
fi
have_pg() { ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; }
if [ -z "${TIPTRACE_TEST_PG:-}" ]; then
  if ! have_pg && is_root; then
    # Only the binaries are wanted: no cluster of Debian's own left running on port 5432.
    mkdir -p /etc/postgresql-common/createcluster.d
    echo "create_main_cluster = false" > /etc/postgresql-common/createcluster.d/tiptrace-ci.conf
    apt_install postgresql
  fi
  if have_pg; then
    # A throwaway server on a free loopback port, stopped and removed however the tests end.
    pgdir=$(mktemp -d)
    trap 'bash scripts/pg.sh stop "$pgdir"; rm -rf "$pgdir"' EXIT
    TIPTRACE_TEST_PG=$(bash scripts/pg.sh start "$pgdir")
    export TIPTRACE_TEST_PG
  else
    echo "note: PostgreSQL not installed and not root; the PostgreSQL store tests will be skipped" >&2
  fi
fi
python3 -m pip install -q -e ".[test]"
python3 -m ruff check .
python3 -m pytest -q
