-- (f) GET /v1/bites as (d), with `Cache-Control: no-cache`: every request
-- is searched anew (the answer cache is not read), for the search's own cost.
dofile(os.getenv("LOAD_DIR") .. "/bites.lua")
wrk.headers["Cache-Control"] = "no-cache"
