#!/usr/bin/env bash
# Install tiptrace with its test tools and run the checks. This is the README's test command and
# exactly what CI runs (.ci/run). Debian's chromium is installed for the browser tests when absent.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "note: chromium not installed and not root; the browser tests will be skipped" >&2
  fi
fi
python3 -m pip install -q -e ".[test]"
python3 -m ruff check .
python3 -m pytest -q
