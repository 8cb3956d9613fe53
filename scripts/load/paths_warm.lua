-- (b) POST /v1/paths, the same body every time (answered from the cache after
-- the first). The body is built by run.sh from data/examples/ru-care-worker.json
-- and passed in the file named by PATHS_BODY.
dofile(os.getenv("LOAD_DIR") .. "/common.lua")
local f = assert(io.open(os.getenv("PATHS_BODY"), "r"))
wrk.method = "POST"
wrk.path = "/v1/paths"
wrk.body = f:read("*a")
f:close()
wrk.headers["Content-Type"] = "application/json"

-- (e) With RATE_PER_CONN set (requests per second per connection), each
-- connection waits between requests, so the whole run offers about
-- connections * RATE_PER_CONN requests per second (wrk has no constant-rate
-- mode; the wait is after each answer, so the achieved rate is a little lower
-- and is the one reported).
local rate = tonumber(os.getenv("RATE_PER_CONN") or "")
if rate and rate > 0 then
  function delay()
    return math.floor(1000 / rate)
  end
end
