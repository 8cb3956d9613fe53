-- (d) GET /v1/bites: free text in Estonian with two filters (mode=online,
-- funding=free) and lang=et, the word changing from request to request.
dofile(os.getenv("LOAD_DIR") .. "/common.lua")
local words = {
  "klienditeenindus", "klienditeenindusele", "kassat%C3%B6%C3%B6", "excel",
  "hooldus", "eakate%20hooldus", "laot%C3%B6%C3%B6", "raamatupidamine",
  "programmeerimine", "eesti%20keel", "t%C3%B6%C3%B6ohutus", "arvuti",
  "m%C3%BC%C3%BCk", "juhtimine", "tarkvara", "esmaabi",
}
local counter = 0
function request()
  counter = counter + 1
  local q = words[(counter % #words) + 1]
  return wrk.format("GET", "/v1/bites?q=" .. q .. "&lang=et&mode=online&funding=free")
end
