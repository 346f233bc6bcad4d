-- wrk script: reflection autosaves from many participants at once.
-- `sessions` (cookie, csrf) and `origin` come from sessions.lua, written by bench.sh.
dofile(os.getenv("SESSIONS_LUA"))
local block = os.getenv("BLOCK")
local threads, counter, tid = 0, 0, 0

function setup(thread)
  threads = threads + 1
  thread:set("tid", threads)
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
