-- wrk script: every connection re-sends a participant's last scenario step (the
-- same idempotency key), as a browser retrying on a flaky network does. Each
-- must answer 200 and store nothing (bench.sh counts the rows before and after).
dofile(os.getenv("STEPS_LUA"))
local n = 0

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
function response(status, headers, body)
  if status ~= 200 then failures = failures + 1 end
end

function done(summary, latency, requests)
  io.write(string.format("non-200 answers: %d\n", failures))
end
