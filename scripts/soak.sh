#!/usr/bin/env bash
# make soak: nothing acknowledged is lost when a server dies. On SQLite and then
# PostgreSQL (a fresh database from ./scripts/pg.sh): start the release server,
# let 200 writers autosave reflections (scripts/soak.py), kill -9 the server in
# the middle of the burst, start it again, and check in the database that every
# save the writers saw acknowledged (2xx) is there. Then the same with two
# servers on one database, one of them killed (the writers move to the other).
# Exits 1 when any acknowledged save is lost or refused.
# SOAK_SECONDS: length of each burst (20); SOAK_WRITERS: writers (200);
# SOAK_BACKENDS: "sqlite postgres" by default.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${SOAK_SECONDS:-20}
writers=${SOAK_WRITERS:-200}
backends=${SOAK_BACKENDS:-sqlite postgres}
port=${SOAK_PORT:-3300}
[ -x target/release/server ] || cargo build --release -p server
bin=$PWD/target/release/server
root=target/soak; rm -rf "$root"; mkdir -p "$root"
export SINERGI_LOG=warn LEPTOS_SITE_ROOT=target/site LEPTOS_OUTPUT_NAME=sinergi LEPTOS_SITE_PKG_DIR=pkg
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT
failed=()

start() { # port, log → pid in $started
  SINERGI_ADDR="127.0.0.1:$1" "$bin" >> "$2" 2>&1 &
  started=$!
  pids+=("$started")
  local n=0
  until curl -fs "http://127.0.0.1:$1/healthz" >/dev/null; do
    sleep 0.2; n=$((n + 1))
    if [ $n -gt 300 ] || ! kill -0 "$started" 2>/dev/null; then
      echo "server on :$1 did not start:"; tail -20 "$2"; exit 1
    fi
  done
}

# Forty more participants, so that there are enough (participant, reflection
# block) rows for the writers, one row each. Imported accounts have no password
# yet (an admin sets one): here they get the demo participants' one.
roster() { # dir, db spec
  local csv="$1/extra.csv"; echo "NIP;Nama;Unit Kerja;Jabatan;Jenis Kelamin" > "$csv"
  for i in $(seq 1 40); do
    local year=$((1960 + i % 30)); local nip="${year}0$((1 + i % 9))01$((year + 23))031$(printf '%03d' $((200 + i)))"
    echo "$nip;Peserta Soak $i;Bappeda;Analis;L" >> "$csv"
  done
  "$bin" import-roster --class 1 "$csv" >/dev/null
  local sql="update users set password_hash = (select max(password_hash) from users
    where password_hash is not null and nip is not null) where password_hash is null and full_name like 'Peserta Soak %'"
  case $2 in
    sqlite:*) sqlite3 "${2#sqlite:}" "$sql" ;;
    *) psql "$2" -qAt -c "$sql" >/dev/null ;;
  esac
}

# One run: backend label, db spec for soak.py, number of servers.
run() {
  local label=$1 db=$2 servers=$3 dir="$root/$1-$3"
  mkdir -p "$dir"
  echo "== soak, $label, $servers server(s): $writers writers autosaving for ${seconds}s, kill -9 in the middle =="
  start "$port" "$dir/server-a.log"; local a=$started urls="http://127.0.0.1:$port"
  if [ "$servers" = 2 ]; then
    start $((port + 1)) "$dir/server-b.log"; urls="$urls,http://127.0.0.1:$((port + 1))"
  fi
  roster "$dir" "$db"
  python3 scripts/soak.py burst "$urls" "$db" "$dir" "$seconds" "$writers" > "$dir/burst.txt" 2>&1 &
  local client=$!
  local n=0
  until [ -f "$dir/started" ] || ! kill -0 $client 2>/dev/null; do sleep 0.1; n=$((n + 1)); done
  if [ -f "$dir/started" ]; then
    kill -9 "$a"; wait "$a" 2>/dev/null || true
    echo "  kill -9 of server :$port after $(cat "$dir/started") acknowledged saves"
    if [ "$servers" = 1 ]; then sleep 1; fi
    start "$port" "$dir/server-a.log"; echo "  server :$port started again"
  else
    echo "  !! the burst ended before the kill"; failed+=("$label/$servers: no kill")
  fi
  local rc=0
  wait $client || rc=$?
  cat "$dir/burst.txt"
  [ $rc = 0 ] || failed+=("$label/$servers: client exited $rc")
  if python3 scripts/soak.py check "$db" "$dir"; then :; else failed+=("$label/$servers: acknowledged saves lost"); fi
  if grep -E ' 5[0-9][0-9] |panicked' "$dir"/server-*.log | grep -v 'SIGKILL' | head -5 | grep -q .; then
    echo "  server logs mention faults:"; grep -E ' 5[0-9][0-9] |panicked' "$dir"/server-*.log | head -5
  fi
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
  pids=()
}

for backend in $backends; do
  for servers in 1 2; do
    case $backend in
      sqlite)
        db="$PWD/$root/sqlite-$servers.db"
        export DATABASE_URL="sqlite://$db?mode=rwc"
        run sqlite "sqlite:$db" "$servers"
        ;;
      postgres)
        admin=$(./scripts/pg.sh)
        name="sinergi_soak_$$_$servers"
        psql "$admin" -qAt -c "DROP DATABASE IF EXISTS $name" -c "CREATE DATABASE $name" >/dev/null
        export DATABASE_URL="${admin%/*}/$name"
        run postgres "$DATABASE_URL" "$servers"
        psql "$admin" -qAt -c "DROP DATABASE IF EXISTS $name WITH (FORCE)" >/dev/null || true
        ;;
    esac
  done
done

if [ ${#failed[@]} -gt 0 ]; then
  echo "== make soak FAILED: =="; printf '   %s\n' "${failed[@]}"; exit 1
fi
echo "== make soak: every acknowledged save survived kill -9 (all runs) =="
