#!/usr/bin/env bash
# Recommendation speed, reproducible: generates a cohort of varied made-up
# learners (gen_cohort.py, seeded) and answers it with
#   (a) `oppepala recommend --cohort FILE --out FILE`  (the CLI), and
#   (b) `POST /v1/cohorts/recommendations` on a local `oppepala serve`
#       (a free port on 127.0.0.1, a temporary index dir), the body streamed by curl;
#   (c) then sends the first COHORT_SINGLE learners (300; 0: none) one at a time to
#       `POST /v1/recommendations` (k = 5) and prints p50 / p90 / p99;
# printing learners/s for each with the load average at the time.
#
#   scripts/cohort/run.sh                    # 2 000 learners, k = 3, lang et
#   COHORT_N=100000 scripts/cohort/run.sh    # constant memory: watch max RSS
#
# Environment: COHORT_N (2000), COHORT_SEED (7), COHORT_K (3), COHORT_LANG
# (et), COHORT_BIN (the binary; default target/release/oppepala, built if
# missing: set it to a copy built from an older commit to compare before and
# after on the same machine state), COHORT_SKIP_HTTP (set: CLI only),
# COHORT_TODAY (2027-01-01, the planning day, so runs are comparable),
# COHORT_FORMAT (jsonl; csv or summary for the CLI run).
set -euo pipefail

N=${COHORT_N:-2000}
SEED=${COHORT_SEED:-7}
K=${COHORT_K:-3}
LANG_=${COHORT_LANG:-et}
TODAY=${COHORT_TODAY:-2027-01-01}
FORMAT=${COHORT_FORMAT:-jsonl}
# A port nobody listens on (another service on a fixed port would be
# measured instead, silently).
PORT=${COHORT_PORT:-$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
ADDR=127.0.0.1:$PORT

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
BIN=${COHORT_BIN:-$ROOT/target/release/oppepala}
if [[ ! -x "$BIN" ]]; then
  cargo build --release --bin oppepala
fi
WORK=$(mktemp -d)
SERVER_PID=
cleanup() {
  if [[ -n "$SERVER_PID" ]]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

python3 scripts/cohort/gen_cohort.py --n "$N" --seed "$SEED" > "$WORK/cohort.jsonl"
echo "cohort: $N learners, $(wc -c < "$WORK/cohort.jsonl") bytes, k=$K, lang=$LANG_; binary $BIN"
echo "load before (CLI): $(uptime)"
# GNU time gives the peak memory (max RSS) when it is installed.
TIME=()
if [[ -x /usr/bin/time ]]; then TIME=(/usr/bin/time -f "CLI: %e s wall, %U s user, max RSS %M KiB"); fi
"${TIME[@]}" "$BIN" recommend --cohort "$WORK/cohort.jsonl" --out "$WORK/answers.jsonl" \
  --k "$K" --lang "$LANG_" --today "$TODAY" --data-dir data --models-dir models --format "$FORMAT"
echo "answers ($FORMAT): $(wc -l < "$WORK/answers.jsonl") lines"

if [[ -n "${COHORT_SKIP_HTTP:-}" ]]; then exit 0; fi
command -v curl >/dev/null || { echo "curl is needed for the HTTP run" >&2; exit 2; }
RUST_LOG=warn OPPEPALA_MODELS_DIR=models "$BIN" serve --listen "$ADDR" --data-dir data \
  --index-dir "$WORK/index" > "$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 600); do
  curl -sf "http://$ADDR/readyz" >/dev/null 2>&1 && break
  sleep 0.2
done
curl -sf "http://$ADDR/readyz" >/dev/null || { cat "$WORK/server.log" >&2; exit 1; }
kill -0 "$SERVER_PID" 2>/dev/null || { echo "the server did not start:" >&2; cat "$WORK/server.log" >&2; exit 1; }
# One small request first, so the per-data preparation is not timed.
head -1 "$WORK/cohort.jsonl" | curl -sf -H 'content-type: application/x-ndjson' \
  --data-binary @- "http://$ADDR/v1/cohorts/recommendations?lang=$LANG_&k=$K" >/dev/null
echo "load before (HTTP): $(uptime)"
START=$(date +%s.%N)
curl -sfN -H 'content-type: application/x-ndjson' -T "$WORK/cohort.jsonl" -X POST \
  "http://$ADDR/v1/cohorts/recommendations?lang=$LANG_&k=$K" -o "$WORK/http.jsonl"
END=$(date +%s.%N)
LINES=$(wc -l < "$WORK/http.jsonl")
RSS=$(awk '/VmHWM/ {print $2}' "/proc/$SERVER_PID/status" 2>/dev/null || echo "?")
python3 - "$START" "$END" "$LINES" "$RSS" <<'PY'
import sys
start, end, lines, rss = float(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
print(f"HTTP: {lines} lines in {end - start:.1f} s, {lines / (end - start):.0f} learners/s; server peak RSS {rss} KiB")
PY
if [ "${COHORT_SINGLE:-300}" -gt 0 ]; then
echo "load before (single requests): $(uptime)"
python3 - "$ADDR" "$WORK/cohort.jsonl" "${COHORT_SINGLE:-300}" "$LANG_" "$TODAY" <<'PY'
import json, sys, time, urllib.request
addr, path, n, lang, today = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4], sys.argv[5]
times = []
with open(path, encoding="utf-8") as f:
    for i, line in enumerate(f):
        if i >= n:
            break
        body = json.dumps({"learner": json.loads(line)["learner"], "k": 5, "lang": lang,
                           "today": today}).encode()
        request = urllib.request.Request(f"http://{addr}/v1/recommendations", data=body,
                                         headers={"content-type": "application/json"})
        started = time.perf_counter()
        with urllib.request.urlopen(request) as response:
            response.read()
        times.append((time.perf_counter() - started) * 1000)
times.sort()
pick = lambda q: times[min(len(times) - 1, int(q * len(times)))]
print(f"POST /v1/recommendations, {len(times)} learners one at a time (k=5): "
      f"p50 {pick(0.5):.1f} ms, p90 {pick(0.9):.1f} ms, p99 {pick(0.99):.1f} ms")
PY
fi
echo "load after: $(uptime)"
