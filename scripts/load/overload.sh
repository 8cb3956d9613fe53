#!/usr/bin/env bash
# Overload test: twice saturation for a bounded time against the heavy
# routes. The server must never crash, must shed the excess at once with
# 503 + Retry-After (the `heavy` permits, src/api/mod.rs), keep its memory
# bounded, and serve normally as soon as the load drops.
#
#   scripts/load/overload.sh
#
# Builds release, starts `oppepala serve` on 127.0.0.1:18090 (a temporary
# index, RUST_LOG=warn, heavy_concurrency=$OVERLOAD_HEAVY, rate limits off
# so that the shedding, not the limiter, is measured), then for each heavy
# route (cold POST /v1/paths, GET /v1/bites):
#   1. saturation: wrk with as many connections as heavy permits, for
#      OVERLOAD_SECONDS/2 (every permit busy, nothing needs shedding);
#   2. overload: twice the connections for OVERLOAD_SECONDS (wrk is closed
#      loop, so half the requests in flight find no permit);
#   3. recovery: right after, one request must answer 200 at once, then one
#      connection for 5 s must see only 200s.
# RSS (VmRSS from /proc/PID/status) is sampled every 0.2 s throughout.
# Prints a table, writes bench-results/overload-<UTC time>.md, exits 1 when
# a check fails.
#
# Environment: OVERLOAD_SECONDS (20), OVERLOAD_HEAVY (16), OVERLOAD_THREADS
# (2), OVERLOAD_RSS_LIMIT_MB (1024), OVERLOAD_PROFILE (release; `debug`
# checks the behaviour without a release build, at a fraction of the rate),
# OVERLOAD_BIN (a binary to run instead of building one).
set -euo pipefail

DURATION=${OVERLOAD_SECONDS:-20}
HEAVY=${OVERLOAD_HEAVY:-16}
THREADS=${OVERLOAD_THREADS:-2}
RSS_LIMIT_MB=${OVERLOAD_RSS_LIMIT_MB:-1024}
APP=127.0.0.1:18090

# shellcheck source=scripts/load/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

PROFILE=${OVERLOAD_PROFILE:-release}
if [ -n "${OVERLOAD_BIN:-}" ]; then
  :  # a binary given: no build
elif [ "$PROFILE" = release ]; then
  cargo build --release --locked --bin oppepala
else
  cargo build --locked --bin oppepala
fi
BIN=${OVERLOAD_BIN:-target/$PROFILE/oppepala}

OPPEPALA_HEAVY_CONCURRENCY=$HEAVY OPPEPALA_RATE_LIMIT_HEAVY_PER_MINUTE=0 \
  start_server "$BIN" "$APP" 60
start_sampler
RSS_START=$(rss_kb)

FAILED=0
fail() { echo "FAIL: $*" >&2; FAILED=1; }
ROWS=()

wrk_run() { # route connections seconds → the OVERLOAD line
  local threads=$(( $2 < THREADS ? $2 : THREADS ))
  OVERLOAD_ROUTE=$1 timeout $(($3 + 30)) wrk -t"$threads" -c"$2" -d"$3s" --timeout 10s \
    -s "$LOAD_DIR/overload.lua" "http://$APP" | grep '^OVERLOAD ' | sed 's/^OVERLOAD //'
}
field() { sed -n "s/.*\b$1=\([^ ]*\).*/\1/p" <<<"$2"; }

for route in paths bites; do
  sat=$(wrk_run "$route" "$HEAVY" $((DURATION / 2)))
  rss_sat=$(rss_kb)
  over=$(wrk_run "$route" $((2 * HEAVY)) "$DURATION")
  rss_over=$(rss_kb)
  # Recovery: the first request after the overload, then 5 s at low load.
  kill -0 "$SERVER" 2>/dev/null || { fail "$route: the server died under overload"; break; }
  if [ "$route" = paths ]; then
    first=$(curl -sS -o /dev/null -w '%{http_code} %{time_total}' -X POST "http://$APP/v1/paths" \
      -H 'content-type: application/json' --data-binary "@$PATHS_BODY")
  else
    first=$(curl -sS -o /dev/null -w '%{http_code} %{time_total}' "http://$APP/v1/bites?q=excel&lang=et")
  fi
  rec=$(wrk_run "$route" 1 5)
  echo "$route saturation: $sat" >&2
  echo "$route overload:   $over" >&2
  echo "$route recovery:   first $first; $rec" >&2
  [ "$(field shed "$over")" -gt 0 ] || fail "$route: nothing was shed at twice saturation"
  [ "$(field shed_without_retry_after "$over")" = 0 ] || fail "$route: 503 without Retry-After"
  [ "$(field other "$over")" = 0 ] || fail "$route: answers other than 200 and 503 under overload"
  [ "$(field sockerr "$over")" = 0 ] || fail "$route: socket errors under overload"
  [ "${first%% *}" = 200 ] || fail "$route: the first request after the overload got ${first%% *}"
  [ "$(field other "$rec")" = 0 ] && [ "$(field shed "$rec")" = 0 ] || fail "$route: errors after the overload"
  ROWS+=("| $route | $HEAVY conns: $(field ok_rps "$sat") ok/s, p99 $(field p99_ms "$sat") ms | $((2 * HEAVY)) conns: $(field ok_rps "$over") ok/s + $(field shed "$over") shed (all with Retry-After), other $(field other "$over"), p99 $(field p99_ms "$over") ms | first ${first%% *} in ${first##* } s; then $(field ok_rps "$rec") ok/s, p99 $(field p99_ms "$rec") ms, errors $(( $(field other "$rec") + $(field shed "$rec") )) | $((rss_sat / 1024)) → $((rss_over / 1024)) MB |")
done

kill -0 "$SERVER" 2>/dev/null || fail "the server is not running at the end"
RSS_MAX=$(peak_sample 1)
[ $((RSS_MAX / 1024)) -le "$RSS_LIMIT_MB" ] || fail "RSS peaked at $((RSS_MAX / 1024)) MB > $RSS_LIMIT_MB MB"

mkdir -p bench-results
OUT="bench-results/overload-$(date -u +%Y%m%dT%H%M%SZ).md"
{
  echo "Overload run $(date -u +%FT%TZ) ($PROFILE build): heavy_concurrency=$HEAVY, ${DURATION}s at twice saturation, $(nproc) cores"
  echo
  echo "| route | saturation | twice saturation | recovery | RSS after saturation → overload |"
  echo "| --- | --- | --- | --- | --- |"
  printf '%s\n' "${ROWS[@]}"
  echo
  echo "RSS: $((RSS_START / 1024)) MB at start, peak $((RSS_MAX / 1024)) MB (limit $RSS_LIMIT_MB MB); server alive at the end: $(kill -0 "$SERVER" 2>/dev/null && echo yes || echo no)"
} | tee "$OUT"
exit $FAILED
