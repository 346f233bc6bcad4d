-- wrk script: every connection re-sends a participant's last scenario step (the
-- same idempotency key), as a browser retrying on a flaky network does. Each
-- must answer 2xx and store nothing (bench.sh counts the rows before and after,
-- and fails on any non-2xx answer this script counts).
-- STEPS_LUA: the steps (written by scenario_prep.py); COUNT_FILE: where done()
-- writes "<answers> <non-2xx>" for bench.sh to check.
dofile(os.getenv("STEPS_LUA"))
local n = 0
local all_threads = {}

-- Each wrk thread runs its own Lua state: `failures` and `answers` are counted
-- per thread and summed in done() (which runs in the main state) through
-- thread:get, the only way to see them there.
function setup(thread)
  table.insert(all_threads, thread)
end

function request()
  n = n + 1
  local s = steps[(n % #steps) + 1]
  return wrk.format("POST", "/api/scenario_step", {
    ["Cookie"] = "sinergi_session=" .. s.cookie,
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Accept"] = "application/json",
    ["Origin"] = origin,
  }, s.body)
end

failures = 0
answers = 0
first_failure = ""
function response(status, headers, body)
  answers = answers + 1
  if status < 200 or status > 299 then
    failures = failures + 1
    if first_failure == "" then first_failure = status .. " " .. string.sub(body or "", 1, 200) end
  end
end

function done(summary, latency, requests)
  local failed, total, first = 0, 0, ""
  for _, thread in ipairs(all_threads) do
    failed = failed + thread:get("failures")
    total = total + thread:get("answers")
    if first == "" then first = thread:get("first_failure") or "" end
  end
  -- Socket errors and timeouts are failures too: a retry that never got an answer.
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.timeout
  io.write(string.format("retried steps: %d answers, non-2xx answers: %d, socket errors/timeouts: %d\n",
    total, failed, errors))
  if first ~= "" then io.write("first non-2xx answer: " .. first .. "\n") end
  local path = os.getenv("COUNT_FILE")
  if path then
    local f = assert(io.open(path, "w"))
    f:write(string.format("%d %d %d\n", total, failed, errors))
    f:close()
  end
end
