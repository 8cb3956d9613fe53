-- (a) The ceiling: GET / on examples/ceiling.rs.
dofile(os.getenv("LOAD_DIR") .. "/common.lua")
wrk.method = "GET"
wrk.path = "/"
