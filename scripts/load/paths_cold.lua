-- (c) POST /v1/paths with a different learner profile on every request, so
-- every request misses the answer cache and runs the planner. The body
-- template (from PATHS_BODY) has "max_hours_per_week": 15; each request sets
-- it to 15.<thread><counter> (e.g. 15.1000042), a distinct number within 15
-- and 16 hours, so the plan stays the typical one while the profile is new.
dofile(os.getenv("LOAD_DIR") .. "/common.lua")
local f = assert(io.open(os.getenv("PATHS_BODY"), "r"))
local template = f:read("*a")
f:close()
assert(template:find('"max_hours_per_week": 15', 1, true), "template lacks max_hours_per_week 15")

local next_id = 0
function setup(thread)
  next_id = next_id + 1
  thread:set("tid", next_id)
end

local counter = 0
function request()
  counter = counter + 1
  local hours = string.format('"max_hours_per_week": 15.%d%06d', tid, counter)
  local body = template:gsub('"max_hours_per_week": 15', hours, 1)
  return wrk.format("POST", "/v1/paths", { ["Content-Type"] = "application/json" }, body)
end
