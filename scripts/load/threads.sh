#!/usr/bin/env bash
# Memory and threads under many connections (issue 20, item 6): the outside
# test's shape, uncached search and cold plans at 512 connections.
#
#   scripts/load/threads.sh
#
# Starts THREADS_BIN (default target/release/oppepala) serve (defaults: worker_threads one per
# core, heavy_concurrency 64; a temporary index dir) on 127.0.0.1:18090,
# samples its RSS and thread count every 0.2 s, and runs wrk with
# THREADS_CONNECTIONS (512) connections for THREADS_SECONDS (10) each:
# (1) GET /v1/bites with Cache-Control: no-cache, (2) POST /v1/paths with a
# new profile per request; then 5 s idle. Prints RSS at start, its peak, RSS
# after the idle time, the most threads, and wrk's figures; fails when the
# peak RSS is over THREADS_RSS_LIMIT_MB (600) or the thread count over
# THREADS_LIMIT (40). Needs wrk and `ulimit -n` above the connections.
set -euo pipefail

SECONDS_PER_RUN=${THREADS_SECONDS:-10}
CONNS=${THREADS_CONNECTIONS:-512}
RSS_LIMIT_MB=${THREADS_RSS_LIMIT_MB:-600}
THREAD_LIMIT=${THREADS_LIMIT:-40}
APP=127.0.0.1:18090

# shellcheck source=scripts/load/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
ulimit -n 4096 2>/dev/null || true

start_server "${THREADS_BIN:-target/release/oppepala}" "$APP" 120
START_RSS=$(rss_mb)
START_THREADS=$(thread_count)
start_sampler

run() { # name script path
  local out
  out=$(timeout $((SECONDS_PER_RUN + 60)) wrk -t2 -c"$CONNS" -d"${SECONDS_PER_RUN}s" --timeout 10s \
    -s "$LOAD_DIR/$2" "http://$APP$3")
  echo "$1: $(grep '^RESULT ' <<<"$out" | sed 's/^RESULT //')"
}
run "bites no-cache" bites_fresh.lua /
run "paths cold" paths_cold.lua /v1/paths
sleep 5
IDLE_RSS=$(rss_mb)
stop_sampler
PEAK_RSS=$(($(peak_sample 1) / 1024))
PEAK_THREADS=$(peak_sample 2)
echo "RSS: ${START_RSS} MB at start, peak ${PEAK_RSS} MB, ${IDLE_RSS} MB after 5 s idle"
echo "threads: ${START_THREADS} at start, at most ${PEAK_THREADS}"
kill -0 "$SERVER" || { echo "the server died" >&2; exit 1; }
[ "$PEAK_RSS" -le "$RSS_LIMIT_MB" ] || { echo "peak RSS over ${RSS_LIMIT_MB} MB" >&2; exit 1; }
[ "$PEAK_THREADS" -le "$THREAD_LIMIT" ] || { echo "over ${THREAD_LIMIT} threads" >&2; exit 1; }
