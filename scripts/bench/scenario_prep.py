#!/usr/bin/env python3
"""make bench, scenarios: every participant in sessions.lua starts the demo
class's first scenario and takes STEPS steps through the HTTP API, as the
no-JS page does (the form's hidden fields, the first option, a reflection).
Prints the server time of those first-time saves to stderr, and writes to
stdout a Lua table of each participant's last step, which step_retry.lua
sends again (a retry storm: the same key, so nothing new may be stored)."""
import json, re, sys, time, urllib.parse, urllib.request

base, sessions_file = sys.argv[1], sys.argv[2]
steps = int(sys.argv[3]) if len(sys.argv) > 3 else 6
sessions = re.findall(r'cookie = "([^"]+)", csrf = "([^"]+)"', open(sessions_file).read())

def call(cookie, path, fields=None):
    data = urllib.parse.urlencode(fields).encode() if fields is not None else None
    req = urllib.request.Request(base + path, data=data, headers={
        "Cookie": f"sinergi_session={cookie}", "Accept": "application/json", "Origin": base,
        "Content-Type": "application/x-www-form-urlencoded"})
    with urllib.request.urlopen(req) as r:
        timing = r.headers.get("Server-Timing", "")
        return r.read().decode(), float(re.search(r"dur=([\d.]+)", timing).group(1)) if timing else 0.0

def field(html, name):
    m = re.search(rf'name="{name}" value="([^"]*)"', html)
    return m.group(1) if m else None

saves, last = [], []
for i, (cookie, csrf) in enumerate(sessions):
    page = lambda: json.loads(call(cookie, "/api/scenario_play_page?class_id=1&assignment=1")[0])
    html = page()
    if field(html, "attempt") is None:
        call(cookie, "/api/start_scenario", {"csrf": csrf, "class_id": 1, "assignment": 1, "key": f"bench-start-{i:04d}"})
        html = page()
    sent = None
    for _ in range(steps):
        attempt = field(html, "attempt")
        if attempt is None:
            break  # an ending
        fields = {"csrf": csrf, "class_id": 1, "attempt": attempt, "seq": field(html, "seq"),
                  "node": field(html, "node"), "key": field(html, "key")}
        choice = field(html, "choice")
        if choice is not None:
            fields["choice"] = choice
        elif 'name="reflection"' in html:
            fields["reflection"] = "Saya belajar mendengarkan dulu sebelum menjelaskan."
        _, dur = call(cookie, "/api/scenario_step", fields)
        saves.append(dur)
        sent = fields
        html = page()
    if sent:
        last.append(sent)

saves.sort()
pick = lambda q: saves[min(len(saves) - 1, int(q * len(saves)))]
print(f"first-time step saves: {len(saves)} by {len(sessions)} participants; server time "
      f"p50 {pick(0.5):.2f} ms, p99 {pick(0.99):.2f} ms, max {saves[-1]:.2f} ms", file=sys.stderr)
print(f'origin = "{base}"; steps = {{')
for f in last:
    body = urllib.parse.urlencode(f)
    cookie = next(c for c, t in sessions if t == f["csrf"])
    print(f'  {{ cookie = "{cookie}", body = "{body}" }},')
print("}")
