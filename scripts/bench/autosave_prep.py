#!/usr/bin/env python3
"""make bench, reflection autosaves: one row per (participant, released
reflection block) of the demo class, up to WANT rows. Each row gets a first
save through the API (so it exists, as after a participant's first keystroke)
and then, in the database, the revision j * 1000000 (j = 1, 2, ...): the
server only compares revisions for equality, and this way the new base in an
answer names its row, which autosave.lua needs (wrk does not say which request
an answer belongs to). Writes the rows as Lua to stdout.
Usage: autosave_prep.py BASE_URL SESSIONS_LUA SQLITE_DB [WANT]
       autosave_prep.py --reload ROWS_LUA SQLITE_DB   (the rows again, at their stored revisions)
       autosave_prep.py --writes ROWS_LUA SQLITE_DB   (saves stored since the rows were made)"""
import re, sqlite3, sys, urllib.error, urllib.parse, urllib.request

SPAN = 1_000_000
ROW = re.compile(r'cookie = "([^"]+)", csrf = "([^"]+)", block = "([^"]+)", base = (\d+), uid = (\d+), bid = (\d+)')

def write(origin, rows):
    print(f'origin = "{origin}"; rows = {{')
    for cookie, csrf, block, rev, uid, bid in rows:
        print(f'  {{ cookie = "{cookie}", csrf = "{csrf}", block = "{block}", base = {rev}, uid = {uid}, bid = {bid} }},')
    print("}")

if sys.argv[1] in ("--reload", "--writes"):
    text = open(sys.argv[2]).read()
    origin = re.search(r'origin = "([^"]+)"', text).group(1)
    db = sqlite3.connect(sys.argv[3], timeout=30)
    rows, writes = [], 0
    for j, (cookie, csrf, block, _, uid, bid) in enumerate(ROW.findall(text), start=1):
        rev = db.execute("select revision from reflections where user_id = ? and class_id = 1 and block_id = ?",
                         (uid, bid)).fetchone()[0]
        rows.append((cookie, csrf, block, rev, uid, bid))
        writes += rev - j * SPAN
    if sys.argv[1] == "--writes":
        print(writes)
    else:
        write(origin, rows)
    sys.exit(0)

base, sessions_file, db_path = sys.argv[1], sys.argv[2], sys.argv[3]
want = int(sys.argv[4]) if len(sys.argv) > 4 else 200
sessions = re.findall(r'nip = "([^"]+)", cookie = "([^"]+)", csrf = "([^"]+)"', open(sessions_file).read())
db = sqlite3.connect(db_path, timeout=30)

def save(cookie, csrf, block, base_rev, key):
    data = urllib.parse.urlencode({"csrf": csrf, "class_id": 1, "block": block, "body": "Catatan pertama",
                                   "base": base_rev, "save_key": key}).encode()
    req = urllib.request.Request(base + "/api/save_reflection", data=data, headers={
        "Cookie": f"sinergi_session={cookie}", "Accept": "application/json", "Origin": base,
        "Content-Type": "application/x-www-form-urlencoded"})
    try:
        with urllib.request.urlopen(req) as r:
            return r.status, r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()

blocks = db.execute("""select b.id, b.key from cur_blocks b where b.retired = 0
                       and b.body like '{"Reflection"%' order by b.id""").fetchall()
nip0, cookie0, csrf0 = sessions[0]
released = []
for bid, key in blocks:
    status, _ = save(cookie0, csrf0, key, 0, f"prep-probe-{bid:06d}")
    if status == 200:
        released.append((bid, key))
if not released:
    sys.exit("autosave_prep: no reflection block is open to the demo class's participants")
rows = []
for bid, block in released:
    for nip, cookie, csrf in sessions:
        if len(rows) >= want:
            break
        uid = db.execute("select id from users where nip = ?", (nip,)).fetchone()[0]
        status, body = save(cookie, csrf, block, 0, f"prep-{uid:06d}-{bid:06d}")
        if status != 200:
            # Already saved by the probe above: that save is revision 1.
            if not (nip == nip0):
                sys.exit(f"autosave_prep: first save answered {status}: {body[:200]}")
        j = len(rows) + 1
        db.execute("update reflections set revision = ? where user_id = ? and class_id = 1 and block_id = ?",
                   (j * SPAN, uid, bid))
        db.commit()
        rows.append((cookie, csrf, block, j * SPAN, uid, bid))
print(f"autosave rows: {len(rows)} ({len(sessions)} participants x {len(released)} open reflection blocks)",
      file=sys.stderr)
write(base, rows)
