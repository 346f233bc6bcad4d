-- wrk script: reflection autosaves from many participants at once.
-- `sessions` (cookie, csrf) and `origin` come from sessions.lua, written by bench.sh.
dofile(os.getenv("SESSIONS_LUA"))
local block = os.getenv("BLOCK")
-- With PAUSE_MS each connection waits between saves, as a participant's browser
-- does (it saves at most once per 800 ms debounce); without, saves go back to back.
local pause = tonumber(os.getenv("PAUSE_MS") or "0")
-- People do not type in step: each pause is drawn between half and one and a
-- half times PAUSE_MS, so saves do not arrive in synchronised waves.
if pause > 0 then
  function delay() return math.floor(pause * (0.5 + math.random())) end
end
local threads, counter, tid = 0, 0, 0

local all_threads = {}

function init(args)
  -- `thread:set` below makes `tid` a global of this thread's Lua state.
  tid = rawget(_G, "tid") or 0
  math.randomseed(os.time() * 1000 + tid * 7919)
end

function setup(thread)
  threads = threads + 1
  thread:set("tid", threads)
  table.insert(all_threads, thread)
end

-- Server time of each save, from the Server-Timing header (milliseconds).
durs = {}
failures = 0

function response(status, headers, body)
  if status ~= 200 then failures = failures + 1 end
  local t = headers["Server-Timing"] or headers["server-timing"]
  if t then
    local d = tonumber(string.match(t, "dur=([%d%.]+)"))
    if d then durs[#durs + 1] = d end
  end
end

function done(summary, latency, requests)
  local all, failed = {}, 0
  for _, thread in ipairs(all_threads) do
    for _, d in ipairs(thread:get("durs")) do all[#all + 1] = d end
    failed = failed + thread:get("failures")
  end
  table.sort(all)
  local function pct(p) return all[math.max(1, math.ceil(#all * p))] or 0 end
  io.write(string.format("server time per save (Server-Timing, %d saves): p50 %.2f ms, p99 %.2f ms, max %.2f ms; failed saves: %d\n",
    #all, pct(0.50), pct(0.99), all[#all] or 0, failed))
end

function request()
  counter = counter + 1
  local s = sessions[((counter + tid) % #sessions) + 1]
  -- Revisions only grow, as a browser's clock does; threads interleave.
  local revision = 1800000000000 + counter * 16 + tid
  local body = "csrf=" .. s.csrf .. "&class_id=1&block=" .. block ..
    "&body=Catatan+refleksi+nomor+" .. counter .. "&revision=" .. revision
  return wrk.format("POST", "/api/save_reflection", {
    ["Cookie"] = "sinergi_session=" .. s.cookie,
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Accept"] = "application/json",
    ["Origin"] = origin,
  }, body)
end
