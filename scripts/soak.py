#!/usr/bin/env python3
"""make soak, the client (standard library only): WRITERS writers autosave
reflections as the lesson page does, each on its own (participant,
reflection block) row, each keeping the base its last save got back and a
fresh save_key per distinct save. A save that gets no answer (the server was
killed) is sent again, unchanged (same key and base), as the page's "not yet
saved, retrying" does, to whichever server answers, until it is answered.

  soak.py burst URLS DB OUT SECONDS WRITERS
      URLS: comma-separated server addresses (a writer starts on
      URLS[j % n] and moves to the next one when its server does not answer);
      DB: sqlite:PATH or a postgres:// URL. Writes OUT/started once 20 saves
      per writer on average are acknowledged (soak.sh then kills a server),
      OUT/acks.json at the end.
  soak.py check DB OUT
      Every writer's last acknowledged save must be what its row holds (same
      revision, key and text) and its acknowledged revisions must run
      1, 2, 3... without a gap or a repeat: every acknowledged save was stored
      and only replaced by the next acknowledged save of the same writer.
      Exits 1 when anything acknowledged is missing."""
import http.client, json, os, re, sqlite3, subprocess, sys, threading, time, urllib.parse

PASSWORD = os.environ.get("SINERGI_DEMO_PASSWORD", "sinergi-demo-2026")


def query(db, sql):
    if db.startswith("sqlite:"):
        con = sqlite3.connect(db[len("sqlite:"):], timeout=30)
        try:
            return [tuple(str(v) for v in r) for r in con.execute(sql).fetchall()]
        finally:
            con.close()
    out = subprocess.run(["psql", db, "-At", "-F", "\t", "-c", sql], check=True,
                         capture_output=True, text=True).stdout
    return [tuple(line.split("\t")) for line in out.splitlines() if line]


def request(url, method, path, fields=None, cookie=None, timeout=30):
    """(status, headers, body); raises OSError when the server does not answer."""
    u = urllib.parse.urlsplit(url)
    conn = http.client.HTTPConnection(u.hostname, u.port, timeout=timeout)
    try:
        headers = {"Accept": "application/json", "Origin": url}
        body = None
        if fields is not None:
            body = urllib.parse.urlencode(fields)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        if cookie:
            headers["Cookie"] = cookie
        conn.request(method, path, body=body, headers=headers)
        r = conn.getresponse()
        return r.status, r.getheaders(), r.read().decode()
    finally:
        conn.close()


def cookie_of(headers, name):
    for k, v in headers:
        if k.lower() == "set-cookie" and v.startswith(name + "="):
            return v.split(";", 1)[0]
    return None


def login(url, nip):
    """(session cookie, csrf token, user id) of a demo participant."""
    _, h, _ = request(url, "GET", "/login")
    anon = cookie_of(h, "sinergi_csrf")
    token = anon.split("=", 1)[1]
    status, h, body = request(url, "POST", "/api/login",
                              {"csrf": token, "identifier": nip, "password": PASSWORD}, cookie=anon)
    session = cookie_of(h, "sinergi_session")
    if session is None:
        sys.exit(f"soak: login of {nip} answered {status}: {body[:200]}")
    _, _, body = request(url, "GET", "/api/session", cookie=session)
    info = json.loads(body)
    return session, info["csrf"], info["user"]["id"]


def save(url, w, base, key, text):
    fields = {"csrf": w["csrf"], "class_id": 1, "block": w["block"], "body": text,
              "base": base, "save_key": key}
    return request(url, "POST", "/api/save_reflection", fields, cookie=w["cookie"], timeout=10)


def answered_base(body):
    m = re.search(r'"base"\s*,\s*"(\d+)"', body)
    return int(m.group(1)) if m else None


def burst(urls, db, out, seconds, writers):
    people = query(db, """select u.nip from users u join class_members m on m.user_id = u.id
        where m.class_id = 1 and m.role = 'participant' and u.password_hash is not null
        and u.nip is not null order by u.id""")
    blocks = query(db, """select id, key from cur_blocks where retired = false
        and body like '{"Reflection"%' order by id""")
    sessions = [login(urls[i % len(urls)], nip) for i, (nip,) in enumerate(people)]
    # The blocks open to the class: a first save by the first participant is accepted.
    open_blocks = []
    for bid, key in blocks:
        w = {"cookie": sessions[0][0], "csrf": sessions[0][1], "block": key}
        if save(urls[0], w, 0, f"soak-probe-{bid}", "")[0] == 200:
            open_blocks.append(key)
    rows = [(c, t, u, b) for b in open_blocks for (c, t, u) in sessions[1:]]
    if len(rows) < writers:
        sys.exit(f"soak: only {len(rows)} rows ({len(sessions) - 1} participants x {len(open_blocks)} blocks) for {writers} writers")
    ws = [{"j": j, "cookie": c, "csrf": t, "user": u, "block": b, "acks": [], "retries": 0, "refused": [],
           "server": j % len(urls)} for j, (c, t, u, b) in enumerate(rows[:writers])]
    stop = time.monotonic() + seconds
    lock = threading.Lock()
    total = [0]

    def run(w):
        base, n = 0, 0
        while time.monotonic() < stop:
            n += 1
            key = f"soak-{w['j']:03d}-{n:05d}-{os.getpid()}"
            text = f"Catatan penulis {w['j']} nomor {n} ({key})"
            t0 = time.monotonic()
            while True:  # one save, sent until it is answered (60 s at most)
                try:
                    status, _, body = save(urls[w["server"]], w, base, key, text)
                    break
                except OSError:
                    w["retries"] += 1
                    w["server"] = (w["server"] + 1) % len(urls)
                    if time.monotonic() - t0 > 60:
                        w["refused"].append(("no answer in 60 s", key))
                        return
                    time.sleep(0.2)
            if status != 200:
                # 409: the row is not at the revision this writer's last
                # acknowledged save made it, i.e. that save was lost.
                w["refused"].append((status, body[:200]))
                return
            rev = answered_base(body)
            w["acks"].append((rev, key, text))
            base = rev
            with lock:
                total[0] += 1
                if total[0] == 20 * len(ws):
                    open(os.path.join(out, "started"), "w").write(str(total[0]))

    threads = [threading.Thread(target=run, args=(w,)) for w in ws]
    t0 = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - t0
    acked = sum(len(w["acks"]) for w in ws)
    retried = sum(w["retries"] for w in ws)
    refused = sum(len(w["refused"]) for w in ws)
    print(f"  burst: {len(ws)} writers, {acked} saves acknowledged in {elapsed:.1f} s ({acked / elapsed:.0f}/s), "
          f"{retried} sends without an answer (sent again), {refused} writers refused or unanswered")
    for w in ws:
        for r in w["refused"]:
            print(f"  !! writer {w['j']}: {r}")
    json.dump([{"j": w["j"], "block": w["block"], "user": w["user"], "acks": w["acks"],
                "refused": w["refused"]} for w in ws], open(os.path.join(out, "acks.json"), "w"))


def check(db, out):
    ws = json.load(open(os.path.join(out, "acks.json")))
    stored = {}
    for block, user, body, revision, key in query(db, """select b.key, r.user_id, r.body, r.revision, r.save_key
            from reflections r join cur_blocks b on b.id = r.block_id where r.class_id = 1"""):
        stored[(block, int(user))] = (int(revision), key, body)
    acked = present = lost = 0
    for w in ws:
        acks = w["acks"]
        acked += len(acks)
        if not acks:
            continue
        row = stored.get((w["block"], w["user"]))
        revs = [a[0] for a in acks]
        chain_ok = revs == list(range(1, len(revs) + 1))
        last = acks[-1]
        if row is not None and row[0] == last[0] and row[1] == last[1] and row[2] == last[2] and chain_ok:
            present += len(acks)
        else:
            # The acknowledged saves after the last one the row still holds are lost.
            held = row[0] if row else 0
            missing = sum(1 for r in revs if r > held) or 1
            lost += missing
            print(f"  !! writer {w['j']}: acknowledged revisions {revs[:3]}..{revs[-3:]}, row holds {row}")
        lost += len(w["refused"])
    print(f"  check: {acked} saves acknowledged, {present} present (the last of each writer stored, "
          f"each earlier one replaced by the writer's next acknowledged save), lost {lost}")
    return lost


if __name__ == "__main__":
    if sys.argv[1] == "burst":
        burst(sys.argv[2].split(","), sys.argv[3], sys.argv[4], float(sys.argv[5]), int(sys.argv[6]))
    elif sys.argv[1] == "check":
        sys.exit(1 if check(sys.argv[2], sys.argv[3]) else 0)
