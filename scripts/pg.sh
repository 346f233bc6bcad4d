#!/usr/bin/env bash
# Prints a PostgreSQL admin URL for the integration tests (they create and drop
# their own databases). Uses the machine's server on 127.0.0.1:5432 when it
# answers; otherwise starts a throwaway cluster under target/pg and says so.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -n "${SINERGI_TEST_PG_URL:-}" ]; then echo "$SINERGI_TEST_PG_URL"; exit 0; fi
if command -v pg_isready >/dev/null && pg_isready -q -h 127.0.0.1 -p 5432; then
  echo "postgres://postgres@127.0.0.1:5432/test"; exit 0
fi

bin=""
for candidate in "$(command -v initdb 2>/dev/null || true)" /usr/lib/postgresql/*/bin/initdb; do
  [ -x "$candidate" ] && bin=$(dirname "$candidate")
done
if [ -z "$bin" ]; then
  echo "PostgreSQL is needed for the integration tests: none answers on 127.0.0.1:5432 and initdb was not found." >&2
  echo "Install it (Debian: apt-get install postgresql) or set SINERGI_TEST_PG_URL, or SINERGI_SKIP_PG=1 to skip." >&2
  exit 1
fi

dir="$PWD/target/pg"; port=55432
run() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
if [ "$(id -u)" = 0 ]; then mkdir -p "$dir"; chown postgres "$dir"; fi
if [ ! -f "$dir/data/PG_VERSION" ]; then
  echo "starting a throwaway PostgreSQL cluster in $dir (none answered on 5432)" >&2
  run "$bin/initdb" -D "$dir/data" -U postgres --auth=trust >/dev/null
fi
if ! pg_isready -q -h 127.0.0.1 -p $port 2>/dev/null; then
  run "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" -o "-p $port -k /tmp -c listen_addresses=127.0.0.1" -w start >/dev/null
fi
echo "postgres://postgres@127.0.0.1:$port/postgres"
