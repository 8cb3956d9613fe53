#!/usr/bin/env bash
# Load test of the API against a ceiling, in one run (see RESULTS.md).
#
#   scripts/load/run.sh
#
# Builds release once, starts examples/ceiling.rs (a minimal axum handler) on
# 127.0.0.1:18081 and `oppepala serve` on 127.0.0.1:18080 (a temporary index
# dir, RUST_LOG=warn), then runs wrk with the Lua scripts here, each for
# LOAD_SECONDS, with the same threads and connections:
#   (a) ceiling       GET / on the ceiling server
#   (b) paths warm    POST /v1/paths, one body (answered from the cache)
#   (c) paths cold    POST /v1/paths, a new profile on every request
#   (d) bites         GET /v1/bites?q=…&lang=et&mode=online&funding=free
#   (e) paths half    (b) at about half of (b)'s rate (wrk's delay(); wrk2 is
#                     not packaged here), for its latency
#   (f) bites fresh   (d) with Cache-Control: no-cache, so every request is
#                     searched anew (the search's own cost; no target)
# Prints a table and writes it to bench-results/load-<UTC time>.md.
#
# Environment: LOAD_SECONDS (default 12), LOAD_CONNECTIONS (32),
# LOAD_THREADS (2), LOAD_RUST_LOG (warn: the server's log filter),
# LOAD_WARMUP_SECONDS (2), LOAD_BIN (the service binary; default
# target/release/oppepala: set it to a copy built from an older commit to
# compare before and after on the same machine state), LOAD_SKIP_BUILD (set:
# use the binaries already built).
set -euo pipefail

SECONDS_PER_RUN=${LOAD_SECONDS:-12}
CONNS=${LOAD_CONNECTIONS:-32}
THREADS=${LOAD_THREADS:-2}
SERVER_LOG=${LOAD_RUST_LOG:-warn}
WARMUP=${LOAD_WARMUP_SECONDS:-2}
APP=127.0.0.1:18080
CEIL=127.0.0.1:18081

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
export LOAD_DIR="$ROOT/scripts/load"

command -v wrk >/dev/null || { echo "wrk is needed: apt-get install -y wrk" >&2; exit 2; }

if [ -z "${LOAD_SKIP_BUILD:-}" ]; then
  cargo build --release --locked --bin oppepala --example ceiling
fi

TMP=$(mktemp -d)
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${PIDS[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  rm -rf "$TMP"
}
trap cleanup EXIT INT TERM

target/release/examples/ceiling "$CEIL" 2>"$TMP/ceiling.log" &
PIDS+=($!)
RUST_LOG=$SERVER_LOG "${LOAD_BIN:-target/release/oppepala}" serve --listen "$APP" --index-dir "$TMP/index" \
  2>"$TMP/server.log" &
PIDS+=($!)

# Wait for both, at most 60 s.
ready=0
for _ in $(seq 1 120); do
  if curl -fsS "http://$APP/readyz" >/dev/null 2>&1 && curl -fsS "http://$CEIL/" >/dev/null 2>&1; then
    ready=1
    break
  fi
  sleep 0.5
done
if [ "$ready" != 1 ]; then
  echo "servers not ready after 60 s; server log:" >&2
  tail -20 "$TMP/server.log" >&2
  exit 1
fi

# The paths body: the Russian-speaking care worker towards mq-care-elderly,
# planned as of a fixed day.
export PATHS_BODY="$TMP/paths.json"
printf '{"learner": %s, "target": {"qualification": "mq-care-elderly"}, "today": "2026-12-01"}' \
  "$(cat data/examples/ru-care-worker.json)" >"$PATHS_BODY"

post() { # body → HTTP status; the answer in $TMP/answer.json
  curl -sS -o "$TMP/answer.json" -w '%{http_code}' -X POST "http://$APP/v1/paths" \
    -H 'content-type: application/json' --data-binary "$1"
}
status=$(post "@$PATHS_BODY")
[ "$status" = 200 ] && grep -q '"paths"' "$TMP/answer.json" || {
  echo "paths answer is $status:" >&2; head -c 500 "$TMP/answer.json" >&2; exit 1; }
# A few cold profiles, made as paths_cold.lua makes them, must answer 200.
for n in 9000001 9000002 9000003; do
  body=$(sed "s/\"max_hours_per_week\": 15,/\"max_hours_per_week\": 15.$n,/" "$PATHS_BODY")
  status=$(post "$body")
  [ "$status" = 200 ] && grep -q '"paths"' "$TMP/answer.json" || {
    echo "cold paths answer is $status:" >&2; head -c 500 "$TMP/answer.json" >&2; exit 1; }
done
status=$(curl -sS -o "$TMP/answer.json" -w '%{http_code}' \
  "http://$APP/v1/bites?q=klienditeenindus&lang=et&mode=online&funding=free")
[ "$status" = 200 ] || { echo "bites answer is $status" >&2; exit 1; }

declare -A RPS P50 P99 NON2XX SOCKERR REQS
run() { # name script url [duration]
  local name=$1 script=$2 url=$3 dur=${4:-$SECONDS_PER_RUN}
  local out
  out=$(timeout $((dur + 30)) wrk -t"$THREADS" -c"$CONNS" -d"${dur}s" --timeout 5s \
    -s "$LOAD_DIR/$script" "$url")
  echo "$out" >>"$TMP/wrk.log"
  local line
  line=$(grep '^RESULT ' <<<"$out") || { echo "no result from wrk for $name:" >&2; echo "$out" >&2; exit 1; }
  for kv in ${line#RESULT }; do
    case $kv in
      rps=*) RPS[$name]=${kv#rps=} ;;
      requests=*) REQS[$name]=${kv#requests=} ;;
      p50_ms=*) P50[$name]=${kv#p50_ms=} ;;
      p99_ms=*) P99[$name]=${kv#p99_ms=} ;;
      non2xx=*) NON2XX[$name]=${kv#non2xx=} ;;
      sockerr=*) SOCKERR[$name]=${kv#sockerr=} ;;
    esac
  done
  echo "$name: ${RPS[$name]} req/s, p50 ${P50[$name]} ms, p99 ${P99[$name]} ms, non-2xx ${NON2XX[$name]}, socket errors ${SOCKERR[$name]}" >&2
}
warm() { # script url: a short unmeasured run
  [ "$WARMUP" -gt 0 ] && timeout $((WARMUP + 30)) wrk -t"$THREADS" -c"$CONNS" -d"${WARMUP}s" \
    -s "$LOAD_DIR/$1" "$2" >/dev/null
  return 0
}

warm ceiling.lua "http://$CEIL/"
run ceiling ceiling.lua "http://$CEIL/"
warm paths_warm.lua "http://$APP/v1/paths"
run paths_warm paths_warm.lua "http://$APP/v1/paths"
run paths_cold paths_cold.lua "http://$APP/v1/paths"
warm bites.lua "http://$APP/"
run bites bites.lua "http://$APP/"
run bites_fresh bites_fresh.lua "http://$APP/"
# Half of the warm rate, spread over the connections.
RATE_PER_CONN=$(awk -v r="${RPS[paths_warm]}" -v c="$CONNS" 'BEGIN { printf "%.3f", r / 2 / c }')
export RATE_PER_CONN
run paths_half paths_warm.lua "http://$APP/v1/paths"
unset RATE_PER_CONN

ceiling=${RPS[ceiling]}
ratio() { awk -v a="$1" -v b="$ceiling" 'BEGIN { printf "%.3f", a / b }'; }
verdict() { # name condition-holds(0/1)
  if [ "$2" = 1 ] && [ "${NON2XX[$1]}" = 0 ] && [ "${SOCKERR[$1]}" = 0 ]; then echo PASS; else echo FAIL; fi
}
ge() { awk -v a="$1" -v b="$2" 'BEGIN { print (a >= b) ? 1 : 0 }'; }
le() { awk -v a="$1" -v b="$2" 'BEGIN { print (a <= b) ? 1 : 0 }'; }

declare -A TARGET VERDICT
TARGET[ceiling]="—"; VERDICT[ceiling]="—"
TARGET[paths_warm]="≥ 0.25 of ceiling"
VERDICT[paths_warm]=$(verdict paths_warm "$(ge "$(ratio "${RPS[paths_warm]}")" 0.25)")
TARGET[paths_cold]="≥ 0.05 of ceiling"
VERDICT[paths_cold]=$(verdict paths_cold "$(ge "$(ratio "${RPS[paths_cold]}")" 0.05)")
TARGET[bites]="≥ 0.30 of ceiling"
VERDICT[bites]=$(verdict bites "$(ge "$(ratio "${RPS[bites]}")" 0.30)")
TARGET[paths_half]="p99 ≤ 20 ms"
TARGET[bites_fresh]="— (uncached cost)"; VERDICT[bites_fresh]="—"
VERDICT[paths_half]=$(verdict paths_half "$(le "${P99[paths_half]}" 20)")

declare -A LABEL=(
  [ceiling]="(a) ceiling: GET / (examples/ceiling.rs)"
  [paths_warm]="(b) POST /v1/paths, warm cache"
  [paths_cold]="(c) POST /v1/paths, cold (new profile each)"
  [bites]="(d) GET /v1/bites, q + mode + funding"
  [paths_half]="(e) POST /v1/paths, warm, ~half rate"
  [bites_fresh]="(f) GET /v1/bites as (d), Cache-Control: no-cache"
)

mkdir -p bench-results
REPORT="bench-results/load-$(date -u +%Y%m%dT%H%MZ).md"
{
  echo "# Load test, $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo
  echo "commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet 2>/dev/null || echo ' (with changes)'),"
  echo "$(nproc) CPUs ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')), $(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2);"
  echo "wrk -t$THREADS -c$CONNS, ${SECONDS_PER_RUN} s a run (${WARMUP} s unmeasured warm-up before (a), (b), (d));"
  echo "wrk, the ceiling and the service share the machine; server RUST_LOG=$SERVER_LOG."
  echo "(e) offers about half of (b)'s rate: each connection waits 1/${RATE_PER_CONN:-$(awk -v r="${RPS[paths_warm]}" -v c="$CONNS" 'BEGIN { printf "%.3f", r / 2 / c }')} s"
  echo "after each answer (wrk's delay(); wrk2 is not packaged here), so latency is measured from the send."
  echo
  echo "| run | requests/s | ratio to ceiling | p50 ms | p99 ms | non-2xx | socket errors | target | result |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |"
  for name in ceiling paths_warm paths_cold bites paths_half bites_fresh; do
    echo "| ${LABEL[$name]} | ${RPS[$name]} | $(ratio "${RPS[$name]}") | ${P50[$name]} | ${P99[$name]} | ${NON2XX[$name]} | ${SOCKERR[$name]} | ${TARGET[$name]} | ${VERDICT[$name]} |"
  done
} >"$REPORT"
echo
cat "$REPORT"
echo
echo "written to $REPORT"
if grep -q '| FAIL |' "$REPORT"; then exit 1; fi
