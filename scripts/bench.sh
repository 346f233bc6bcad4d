#!/usr/bin/env bash
# make bench: the class roster page (40 participants) from SQLite under 50
# concurrent connections, measured with wrk; lesson reading and reflection
# autosaves; scenario steps (first saves, the play page, retried saves); and
# the release WASM size.
set -euo pipefail
cd "$(dirname "$0")/.."
# Every check that fails is listed at the end, and the script exits 1: a bench
# that loses or refuses work fails, whatever its speed.
failures=()
fail() { echo "!! FAIL: $*"; failures+=("$*"); }
# wrk's summary names non-2xx/3xx answers and socket errors only when there were some.
no_errors() { # wrk output file, label
  if grep -qE "Non-2xx or 3xx responses|Socket errors" "$1"; then
    fail "$2: $(grep -E 'Non-2xx or 3xx responses|Socket errors' "$1" | tr '\n' ' ')"
  fi
}
port=${BENCH_PORT:-3200}
duration=${BENCH_SECONDS:-20}
need() { command -v "$1" >/dev/null || { [ "$(id -u)" = 0 ] && apt-get install -y -qq "$2" >/dev/null; } || { apt-get update -qq && apt-get install -y -qq "$2" >/dev/null; }; }
need wrk wrk
need brotli brotli

dir=target/bench; rm -rf "$dir"; mkdir -p "$dir"
# BENCH_BIN: another build of the server to measure with the same script (a
# build from before a change, for figures side by side).
bin=${BENCH_BIN:-./target/release/server}
export DATABASE_URL="sqlite://$dir/sinergi.db?mode=rwc" SINERGI_ADDR="127.0.0.1:$port" SINERGI_LOG=warn
export LEPTOS_SITE_ROOT=target/site LEPTOS_OUTPUT_NAME=sinergi LEPTOS_SITE_PKG_DIR=pkg
"$bin" > "$dir/server.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
until curl -fs "http://127.0.0.1:$port/healthz" >/dev/null; do sleep 0.3; done

base="http://127.0.0.1:$port"
# Ten more participants so the demo class has 40.
csv="$dir/extra.csv"; echo "NIP;Nama;Unit Kerja;Jabatan;Jenis Kelamin" > "$csv"
for i in $(seq 1 10); do
  year=$((1970 + i)); nip="${year}0$((1 + i % 9))01$((year + 23))031$(printf '%03d' $((100 + i)))"
  echo "$nip;Peserta Tambahan $i;Bappeda;Analis;L" >> "$csv"
done
DATABASE_URL="sqlite://$dir/sinergi.db?mode=rwc" "$bin" import-roster --class 1 "$csv" >/dev/null

jar="$dir/cookies"
curl -fs -c "$jar" "$base/login" >/dev/null
csrf=$(awk '$6=="sinergi_csrf"{print $7}' "$jar")
curl -fs -b "$jar" -c "$jar" -H 'Accept: application/json' -H "Origin: $base" \
  --data-urlencode "csrf=$csrf" --data-urlencode 'identifier=widyaiswara@sinergi.test' \
  --data-urlencode "password=${SINERGI_DEMO_PASSWORD:-sinergi-demo-2026}" "$base/api/login" >/dev/null
session=$(awk '$6=="sinergi_session"{print $7}' "$jar")
rows=$(curl -fs -H "Cookie: sinergi_session=$session" "$base/classes/1" | grep -o '<tr>' | wc -l)
echo "roster page rows: $((rows - 1)) participants (+ header)"

curl -fs -H "Cookie: sinergi_session=$session" "$base/classes/1" >/dev/null
echo "== wrk: GET /classes/1, 50 connections, 2 threads, ${duration}s =="
[ -n "${BENCH_HOLD:-}" ] && { echo "$session" > "$dir/session"; sleep "$BENCH_HOLD"; }
wrk -t2 -c50 -d"${duration}s" --latency -H "Cookie: sinergi_session=$session" "$base/classes/1" | tee "$dir/wrk.txt"
no_errors "$dir/wrk.txt" "roster page"

# Curriculum: a lesson page as a participant, then reflection autosaves.
participant_login() { # NIP → "cookie csrf"
  local j="$dir/jar-$1"
  curl -fs -c "$j" "$base/login" >/dev/null
  local c; c=$(awk '$6=="sinergi_csrf"{print $7}' "$j")
  curl -fs -b "$j" -c "$j" -H 'Accept: application/json' -H "Origin: $base" --data-urlencode "csrf=$c" \
    --data-urlencode "identifier=$1" --data-urlencode "password=${SINERGI_DEMO_PASSWORD:-sinergi-demo-2026}" \
    "$base/api/login" >/dev/null
  local s; s=$(awk '$6=="sinergi_session"{print $7}' "$j")
  local t; t=$(curl -fs -H "Cookie: sinergi_session=$s" -H 'Accept: application/json' "$base/api/session" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["csrf"])')
  echo "$s $t"
}
nips=$(python3 - "$dir/sinergi.db" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
rows = db.execute("""select u.nip from users u join class_members m on m.user_id = u.id
  where m.class_id = 1 and m.role = 'participant' and u.password_hash is not null and u.nip is not null""")
print(" ".join(r[0] for r in rows))
PY
)
sessions_lua="$dir/sessions.lua"; echo "origin = \"$base\"; sessions = {" > "$sessions_lua"
first=""
for nip in $nips; do
  read -r s t < <(participant_login "$nip")
  [ -z "$first" ] && first=$s
  echo "  { nip = \"$nip\", cookie = \"$s\", csrf = \"$t\" }," >> "$sessions_lua"
done
echo "}" >> "$sessions_lua"
lesson=potret-empat-generasi

echo "== wrk: GET /classes/1/learn/$lesson as a participant, 50 connections, ${duration}s =="
wrk -t2 -c50 -d"${duration}s" --latency -H "Cookie: sinergi_session=$first" "$base/classes/1/learn/$lesson" | tee "$dir/wrk-lesson.txt"
no_errors "$dir/wrk-lesson.txt" "lesson page"

# Reflection autosaves on the page's contract: each writer sends the base it got
# back and a fresh save_key. One writer per (participant, reflection block) row,
# so no save may be refused: every non-2xx fails the bench, and every
# acknowledged save must be stored (the rows' revisions count stored saves).
rows_lua="$dir/rows.lua"
python3 scripts/bench/autosave_prep.py "$base" "$sessions_lua" "$dir/sinergi.db" 200 > "$rows_lua"
writers=$(grep -c 'cookie = ' "$rows_lua")
# Saves wrk sent just before it stopped still commit after it exits: wait until
# the stored count holds still, or the next run starts from revisions that
# are about to change (and its first saves are refused as stale, rightly).
settle() {
  local a b
  b=$(python3 scripts/bench/autosave_prep.py --writes "$rows_lua" "$dir/sinergi.db")
  while :; do
    sleep 0.5; a=$b
    b=$(python3 scripts/bench/autosave_prep.py --writes "$rows_lua" "$dir/sinergi.db")
    [ "$a" = "$b" ] && break
  done
}
autosave() { # label, pause ms (0: back to back), output file
  local counts="$dir/counts-$3" before after acked stored
  settle
  python3 scripts/bench/autosave_prep.py --reload "$rows_lua" "$dir/sinergi.db" > "$rows_lua.now"
  before=$(python3 scripts/bench/autosave_prep.py --writes "$rows_lua" "$dir/sinergi.db")
  ROWS_LUA="$rows_lua.now" WRK_THREADS=2 PAUSE_MS=$2 COUNT_FILE="$counts" \
    wrk -t2 -c"$writers" -d"${duration}s" --latency -s scripts/bench/autosave.lua "$base" | tee "$dir/$3"
  settle
  after=$(python3 scripts/bench/autosave_prep.py --writes "$rows_lua" "$dir/sinergi.db")
  read -r answered non2xx errors shared other < "$counts"
  acked=$((answered - non2xx)); stored=$((after - before))
  echo "== autosave ($1): $acked saves acknowledged, $stored stored (at most $writers more: saves in flight when wrk stopped), $non2xx non-2xx ($shared saves sent on a row already in flight, which may rightly be refused as stale), $errors socket errors =="
  [ "$other" = 0 ] || fail "autosave ($1): $other answers were neither 2xx nor a stale refusal"
  [ "$non2xx" -le "$shared" ] || fail "autosave ($1): $non2xx saves refused, only $shared could have been stale"
  [ "$errors" = 0 ] || fail "autosave ($1): $errors socket errors or timeouts"
  [ "$stored" -ge "$acked" ] || fail "autosave ($1): $((acked - stored)) acknowledged saves are not stored"
  [ "$stored" -le $((acked + writers)) ] || fail "autosave ($1): $stored saves stored, more than the $acked acknowledged + $writers in flight"
}
echo "== wrk: reflection autosave, $writers writers saving every 800 ms as the browser does, ${duration}s =="
autosave "paced" 800 wrk-autosave-paced.txt
echo "== wrk: reflection autosave at saturation, $writers writers saving back to back, ${duration}s =="
autosave "saturation" 0 wrk-autosave.txt

# Scenarios: each participant plays the first assigned scenario some steps in
# (first-time saves timed by the server), then the play page is read and the
# last steps are retried at saturation; the retries must store nothing.
players=$(echo "$nips" | wc -w)
echo "== scenarios: $players participants each take 6 steps (no-JS form posts, one after another) =="
python3 scripts/bench/scenario_prep.py "$base" "$sessions_lua" 6 > "$dir/steps.lua"
stored() { python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("select count(*) from scenario_steps").fetchone()[0])' "$dir/sinergi.db"; }
before=$(stored)
echo "== wrk: GET /classes/1/scenarios (the class's scenario list, one in progress) as a participant, 50 connections, ${duration}s =="
wrk -t2 -c50 -d"${duration}s" --latency -H "Cookie: sinergi_session=$first" "$base/classes/1/scenarios" | tee "$dir/wrk-scenarios.txt"
no_errors "$dir/wrk-scenarios.txt" "scenario list"
echo "== wrk: GET /classes/1/scenarios/1 (the play page, mid-scenario) as a participant, 50 connections, ${duration}s =="
wrk -t2 -c50 -d"${duration}s" --latency -H "Cookie: sinergi_session=$first" "$base/classes/1/scenarios/1" | tee "$dir/wrk-play.txt"
no_errors "$dir/wrk-play.txt" "play page"
echo "== wrk: scenario steps re-sent with their keys (retries), 200 connections, ${duration}s =="
STEPS_LUA="$dir/steps.lua" COUNT_FILE="$dir/counts-retry" \
  wrk -t2 -c200 -d"${duration}s" --latency -s scripts/bench/step_retry.lua "$base" | tee "$dir/wrk-retry.txt"
after=$(stored)
read -r answered non2xx errors < "$dir/counts-retry"
echo "== scenario steps stored before the retries: $before, after: $after (must be equal); $answered retries answered, $non2xx non-2xx (must be 0) =="
[ "$before" = "$after" ] || fail "scenario retries stored $((after - before)) steps (a retry must store nothing)"
[ "$non2xx" = 0 ] || fail "scenario retries: $non2xx answers were not 2xx"
[ "$errors" = 0 ] || fail "scenario retries: $errors socket errors or timeouts"
[ "$answered" -gt 0 ] || fail "scenario retries: no answers counted"

# Every page a participant opens, read as the first participant: each must
# answer 200 and reach PAGE_TARGET req/s (50 connections; wrk shares the two
# cores with the server). The whole list is read twice, one pass after the
# other, and each page keeps its better pass: this machine has phases of a
# minute or so in which everything runs at half speed (the password page,
# which only checks the session, included), and two passes apart in time keep
# one such phase from deciding a page's figure. Both passes are printed.
# Below the target is printed as FAIL and fails the bench only with
# BENCH_STRICT_PAGES=1: the figure moves with the machine.
page_target=${PAGE_TARGET:-2000}
page_seconds=${BENCH_PAGE_SECONDS:-10}
participant_pages="/ /classes /classes/1 /classes/1/learn /classes/1/learn/$lesson /classes/1/scenarios /classes/1/scenarios/1 /classes/1/teams /classes/1/tasks /classes/1/mentoring /account/password"
page_rates="$dir/page-rates.txt"; : > "$page_rates"
declare -A first_pass
echo "== wrk: every page a participant opens, 50 connections, ${page_seconds}s each, two passes (target ${page_target} req/s) =="
for pass in 1 2; do
  for path in $participant_pages; do
    code=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: sinergi_session=$first" "$base$path")
    [ "$code" = 200 ] || { fail "participant page $path answered $code"; continue; }
    out="$dir/wrk-page-$(echo "$path" | tr '/' '_')-$pass.txt"
    wrk -t2 -c50 -d"${page_seconds}s" --latency -H "Cookie: sinergi_session=$first" "$base$path" > "$out"
    no_errors "$out" "participant page $path"
    rate=$(awk '/^Requests\/sec/{printf "%d", $2}' "$out")
    p99=$(awk '$1=="99%"{print $2}' "$out")
    if [ "$pass" = 1 ]; then
      first_pass[$path]="$rate $p99"
      printf '   pass 1: %-40s %6s req/s  p99 %s\n' "$path" "$rate" "$p99"
      continue
    fi
    read -r rate1 p991 <<< "${first_pass[$path]}"
    best=$rate; best_p99=$p99
    [ "$rate1" -gt "$rate" ] && { best=$rate1; best_p99=$p991; }
    verdict=PASS; [ "$best" -ge "$page_target" ] || verdict=FAIL
    printf '   %-40s %6s req/s  p99 %-8s %s  (passes: %s, %s)\n' "$path" "$best" "$best_p99" "$verdict" "$rate1" "$rate" | tee -a "$page_rates"
    if [ "$verdict" = FAIL ] && [ "${BENCH_STRICT_PAGES:-0}" = 1 ]; then
      fail "participant page $path: $best req/s, under $page_target"
    fi
  done
done

echo "== teams (issue 5, pure optimiser): teams of 5, one core =="
cargo bench -q -p app --bench teams || fail "teams bench"

echo "== writes under contention, SQLite then PostgreSQL: 500 evaluators scoring (autosave racing submit), 200 members starting and stepping scenarios, 60 hand-ins of 200 KB at one deadline =="
pg_url=$(./scripts/pg.sh)
SINERGI_TEST_PG_URL=$pg_url cargo bench -q -p server --bench scores || fail "writes under contention (server/benches/scores.rs): lost writes or failed answers, see above"

# The release build names assets after their content (hash-files) and stores
# brotli and gzip copies beside them (--precompress): what a browser receives.
asset() { ls target/site/pkg/sinergi.*."$1" 2>/dev/null | grep -v '\.\(br\|gz\)$' | head -1; }
wasm=$(asset wasm); js=$(asset js); css=$(asset css)
if [ -z "$wasm" ] || [ ! -f "$wasm.br" ]; then
  fail "no hashed, precompressed WASM in target/site/pkg: build the release site first (make bench does: cargo leptos build --release --precompress)"
else
  raw=$(stat -c %s "$wasm"); gz=$(stat -c %s "$wasm.gz"); br=$(stat -c %s "$wasm.br")
  jsbr=$(stat -c %s "$js.br"); cssbr=$(stat -c %s "$css.br")
  echo "== release WASM ($(basename "$wasm")): raw ${raw} B, gzip ${gz} B, brotli ${br} B; JS brotli ${jsbr} B; CSS brotli ${cssbr} B =="
  echo "== whole app (wasm+js+css) brotli: $((br + jsbr + cssbr)) B =="
  # Served as stored, kept for a year (no revalidation round trip).
  name=$(basename "$wasm")
  headers=$(curl -s -o /dev/null -D - -H 'Accept-Encoding: gzip, br' "$base/pkg/$name")
  echo "$headers" | grep -qi '^content-encoding: br' || fail "/pkg/$name not sent as stored brotli"
  echo "$headers" | grep -qi '^cache-control: public, max-age=31536000, immutable' || fail "/pkg/$name not cached as immutable"
  sent=$(curl -s -H 'Accept-Encoding: br' "$base/pkg/$name" | wc -c)
  [ "$sent" = "$br" ] || fail "/pkg/$name: sent $sent B, stored brotli is $br B"
  page=$(curl -s "$base/login")
  echo "$page" | grep -q "/pkg/$(basename "$css")" || fail "the login page does not link the hashed stylesheet"
  echo "$page" | grep -q "$(basename "$js")" || fail "the login page does not load the hashed script"
fi
echo "== navigation on a 400 kbps / 400 ms link (Chromium): first and return visit =="
node scripts/bench/navigation.mjs "$base" /login || fail "navigation: a return visit fetched assets again"
node scripts/bench/navigation.mjs "$base" "/classes/1/learn/$lesson" "$first" || fail "navigation: a return visit fetched assets again"
echo "== page to page on the same link: in-app (today) and a full load with a warm cache (islands, decision 6) =="
node scripts/bench/page_to_page.mjs "$base" /classes/1 /classes/1/learn "$session" 5 || fail "navigation: page to page"

echo "== participant pages (target ${page_target} req/s each) =="
cat "$page_rates"

if [ ${#failures[@]} -gt 0 ]; then
  echo "== make bench FAILED (${#failures[@]}): =="
  printf '   %s\n' "${failures[@]}"
  exit 1
fi
echo "== make bench: every check passed =="
