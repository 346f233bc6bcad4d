-- wrk script: reflection autosaves from many writers at once, on the save
-- contract of the page: each save names the revision its writer last got back
-- (`base`) and carries a fresh idempotency key (`save_key`).
-- ROWS_LUA (written by autosave_prep.py) lists `origin` and the `rows`: one
-- (participant, reflection block) each, with the row's current revision.
-- autosave_prep.py moved row j's revision to j * 1000000 so that an answer's
-- new base names its row: wrk does not say which request an answer belongs to.
-- Each wrk thread owns every nth row and sends at most one save per row at a
-- time, so a save is refused as stale (409) only when this script had to send
-- one on a row already in flight (counted as "shared"; seen at saturation,
-- about 1 save in 200). done() writes "<answers> <non-2xx> <socket errors>
-- <saves on a shared row> <non-2xx other than 409>" to COUNT_FILE; bench.sh
-- fails on any refusal other than a 409, or more 409s than shared saves.
dofile(os.getenv("ROWS_LUA"))
-- With PAUSE_MS each connection waits between saves, as a participant's browser
-- does (it saves at most once per 800 ms debounce); without, saves go back to back.
local pause = tonumber(os.getenv("PAUSE_MS") or "0")
-- People do not type in step: each pause is drawn between half and one and a
-- half times PAUSE_MS, so saves do not arrive in synchronised waves.
if pause > 0 then
  function delay() return math.floor(pause * (0.5 + math.random())) end
end
local SPAN = 1000000
local threads, counter, tid, nthreads = 0, 0, 0, 0
local all_threads = {}
local free, base = {}, {}

function setup(thread)
  threads = threads + 1
  thread:set("tid", threads)
  table.insert(all_threads, thread)
end

function init(args)
  -- `thread:set` in setup makes `tid` a global of this thread's Lua state.
  tid = rawget(_G, "tid") or 1
  nthreads = tonumber(os.getenv("WRK_THREADS") or "2")
  math.randomseed(os.time() * 1000 + tid * 7919)
  for j, r in ipairs(rows) do
    if (j - 1) % nthreads == tid - 1 then
      base[j] = r.base
      free[#free + 1] = j
    end
  end
end

-- Server time of each save, from the Server-Timing header (milliseconds).
durs = {}
failures = 0
answers = 0
overlaps = 0
first_failure = ""
unplaced = ""
not_stale = 0

function request()
  counter = counter + 1
  local j = table.remove(free)
  if j == nil then
    -- More connections than rows of this thread: share one (and expect a 409).
    overlaps = overlaps + 1
    j = next(base)
  end
  local r = rows[j]
  local key = string.format("w%d-t%d-n%d", j, tid, counter)
  local body = "csrf=" .. r.csrf .. "&class_id=1&block=" .. r.block ..
    "&body=Catatan+refleksi+" .. key .. "&base=" .. base[j] .. "&save_key=" .. key
  return wrk.format("POST", "/api/save_reflection", {
    ["Cookie"] = "sinergi_session=" .. r.cookie,
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Accept"] = "application/json",
    ["Origin"] = origin,
  }, body)
end

function response(status, headers, body)
  answers = answers + 1
  if status < 200 or status > 299 then
    failures = failures + 1
    if status ~= 409 then not_stale = not_stale + 1 end
    if first_failure == "" then first_failure = status .. " " .. string.sub(body or "", 1, 200) end
    -- The row of a refused save is not known: it stays taken.
  else
    local n = tonumber(string.match(body or "", '"base"%s*,%s*"(%d+)"'))
    local j = n and math.floor(n / SPAN)
    if j and base[j] then
      base[j] = n
      free[#free + 1] = j
    elseif unplaced == "" then
      -- An answer that names no row of this thread: that row stays taken.
      unplaced = status .. " " .. string.sub(body or "", 1, 200)
    end
  end
  local t = headers["Server-Timing"] or headers["server-timing"]
  if t then
    local d = tonumber(string.match(t, "dur=([%d%.]+)"))
    if d then durs[#durs + 1] = d end
  end
end

function done(summary, latency, requests)
  local all, failed, total, overlapped, first, lost_row, other = {}, 0, 0, 0, "", "", 0
  for _, thread in ipairs(all_threads) do
    for _, d in ipairs(thread:get("durs")) do all[#all + 1] = d end
    failed = failed + thread:get("failures")
    total = total + thread:get("answers")
    overlapped = overlapped + thread:get("overlaps")
    other = other + thread:get("not_stale")
    if first == "" then first = thread:get("first_failure") or "" end
    if lost_row == "" then lost_row = thread:get("unplaced") or "" end
  end
  table.sort(all)
  local function pct(p) return all[math.max(1, math.ceil(#all * p))] or 0 end
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.timeout
  io.write(string.format("server time per save (Server-Timing, %d saves): p50 %.2f ms, p99 %.2f ms, max %.2f ms\n",
    #all, pct(0.50), pct(0.99), all[#all] or 0))
  io.write(string.format("saves answered: %d, non-2xx: %d, socket errors/timeouts: %d, saves on a shared row: %d\n",
    total, failed, errors, overlapped))
  if first ~= "" then io.write("first non-2xx answer: " .. first .. "\n") end
  if lost_row ~= "" then io.write("first 2xx answer naming no row: " .. lost_row .. "\n") end
  local path = os.getenv("COUNT_FILE")
  if path then
    local f = assert(io.open(path, "w"))
    f:write(string.format("%d %d %d %d %d\n", total, failed, errors, overlapped, other))
    f:close()
  end
end
