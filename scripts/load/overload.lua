-- Overload: cold POST /v1/paths (a new profile each request, as
-- paths_cold.lua) or GET /v1/bites searches (OVERLOAD_ROUTE=bites), counting
-- answers by status and 503s without a Retry-After header. One result line:
-- OVERLOAD rps=… ok=… shed=… shed_without_retry_after=… other=… p50_ms=… p99_ms=… sockerr=…
local route = os.getenv("OVERLOAD_ROUTE") or "paths"
local template
if route == "paths" then
  local f = assert(io.open(os.getenv("PATHS_BODY"), "r"))
  template = f:read("*a")
  f:close()
end
local words = { "klienditeenindus", "excel", "hooldus", "eakate%20hooldus", "laot%C3%B6%C3%B6",
  "programmeerimine", "eesti%20keel", "arvuti", "esmaabi", "tarkvara" }

local threads = {}
local next_id = 0
function setup(thread)
  next_id = next_id + 1
  thread:set("tid", next_id)
  table.insert(threads, thread)
end

ok, shed, shed_bare, other, counter = 0, 0, 0, 0, 0
function request()
  counter = counter + 1
  if route == "paths" then
    local hours = string.format('"max_hours_per_week": 15.%d%06d', tid, counter)
    local body = template:gsub('"max_hours_per_week": 15', hours, 1)
    return wrk.format("POST", "/v1/paths", { ["Content-Type"] = "application/json" }, body)
  end
  return wrk.format("GET", "/v1/bites?q=" .. words[(counter % #words) + 1] .. "&lang=et&mode=online")
end

function response(status, headers, body)
  if status == 200 then
    ok = ok + 1
  elseif status == 503 then
    shed = shed + 1
    if headers["Retry-After"] == nil and headers["retry-after"] == nil then
      shed_bare = shed_bare + 1
    end
  else
    other = other + 1
  end
end

function done(summary, latency, requests)
  local t_ok, t_shed, t_bare, t_other = 0, 0, 0, 0
  for _, thread in ipairs(threads) do
    t_ok = t_ok + thread:get("ok")
    t_shed = t_shed + thread:get("shed")
    t_bare = t_bare + thread:get("shed_bare")
    t_other = t_other + thread:get("other")
  end
  local e = summary.errors
  io.write(string.format(
    "OVERLOAD rps=%.1f ok_rps=%.1f ok=%d shed=%d shed_without_retry_after=%d other=%d p50_ms=%.2f p99_ms=%.2f sockerr=%d\n",
    summary.requests / (summary.duration / 1e6), t_ok / (summary.duration / 1e6),
    t_ok, t_shed, t_bare, t_other,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    e.connect + e.read + e.write + e.timeout))
end
