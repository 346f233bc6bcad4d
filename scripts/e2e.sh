#!/usr/bin/env bash
# Starts the built server on a fresh SQLite database, runs the browser tests
# (hydrated and JavaScript-off), then stops the server.
set -euo pipefail
cd "$(dirname "$0")/.."
port=${1:-3100}
dir=target/e2e
rm -rf "$dir" && mkdir -p "$dir" end2end/test-results
export DATABASE_URL="sqlite://$dir/sinergi.db?mode=rwc" SINERGI_ADDR="127.0.0.1:$port" SINERGI_LOG=warn
# Grades for an LMS go out every second, so the LMS-frame test need not wait 15 s.
export SINERGI_LMS_SYNC_SECS=1
export LEPTOS_SITE_ROOT=target/site LEPTOS_OUTPUT_NAME=sinergi LEPTOS_SITE_PKG_DIR=pkg
./target/debug/server > "$dir/server.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  curl -fs "http://127.0.0.1:$port/healthz" >/dev/null && break
  kill -0 $pid 2>/dev/null || { cat "$dir/server.log"; exit 1; }
  sleep 0.5
done
cd end2end
SINERGI_E2E_URL="http://127.0.0.1:$port" node --test --test-concurrency=1 tests/ || { echo "server log:"; tail -50 "../$dir/server.log"; exit 1; }
