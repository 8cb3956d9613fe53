# What the load scripts that run one `oppepala serve` and watch it share
# (overload.sh, threads.sh); sourced by them, not run.
#
# Once sourced: the working folder is the repository root, LOAD_DIR (for
# the Lua scripts) is this folder, wrk is on PATH (else exit 2), and TMP is
# a temporary folder, removed on exit after the server and the sampler are
# stopped.

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
export LOAD_DIR="$ROOT/scripts/load"
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install -y wrk" >&2; exit 2; }

TMP=$(mktemp -d)
SERVER=""
SAMPLER=""
cleanup() {
  [ -n "$SAMPLER" ] && kill "$SAMPLER" 2>/dev/null || true
  [ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$TMP"
}
trap cleanup EXIT INT TERM

# start_server BIN ADDRESS READY_SECONDS: `BIN serve` on ADDRESS with a
# temporary index, RUST_LOG=warn and its log in $TMP/server.log (settings
# reach it through the environment, e.g. `OPPEPALA_X=1 start_server …`);
# SERVER is its process id. Waits up to READY_SECONDS for /readyz, and
# exits 1 with the end of the log when it does not answer.
start_server() {
  RUST_LOG=warn "$1" serve --listen "$2" --index-dir "$TMP/index" 2>"$TMP/server.log" &
  SERVER=$!
  for _ in $(seq 1 $(($3 * 2))); do
    curl -fsS "http://$2/readyz" >/dev/null 2>&1 && return 0
    sleep 0.5
  done
  curl -fsS "http://$2/readyz" >/dev/null 2>&1 && return 0
  echo "server not ready after $3 s" >&2
  tail -20 "$TMP/server.log" >&2
  exit 1
}

# The server's resident memory (kB and whole MB) and thread count now.
rss_kb() { awk '/^VmRSS:/ { print $2 }' "/proc/$SERVER/status"; }
rss_mb() { echo $(($(rss_kb) / 1024)); }
thread_count() { ls "/proc/$SERVER/task" | wc -l; }

# start_sampler: writes "RSS_KB THREADS" to $TMP/samples every 0.2 s while
# the server runs; stop_sampler ends it; peak_sample COLUMN (1 RSS in kB,
# 2 threads) is the most seen.
start_sampler() {
  ( while kill -0 "$SERVER" 2>/dev/null; do
      echo "$(rss_kb) $(thread_count)" >>"$TMP/samples"
      sleep 0.2
    done ) &
  SAMPLER=$!
}
stop_sampler() {
  kill "$SAMPLER" 2>/dev/null || true
  SAMPLER=""
}
peak_sample() { awk -v c="$1" 'BEGIN { m = 0 } $c > m { m = $c } END { print m }' "$TMP/samples"; }

# PATHS_BODY: a POST /v1/paths body, the Russian-speaking care worker
# towards mq-care-elderly (paths_cold.lua and overload.lua vary it).
export PATHS_BODY="$TMP/paths.json"
printf '{"learner": %s, "target": {"qualification": "mq-care-elderly"}, "today": "2026-12-01"}' \
  "$(cat data/examples/ru-care-worker.json)" >"$PATHS_BODY"
