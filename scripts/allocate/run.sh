#!/usr/bin/env bash
# Allocation speed and optimality gap, reproducible: a seeded cohort of
# made-up learners (scripts/cohort/gen_cohort.py) allocated over the default
# catalogue's seats with `oppepala allocate`, in two forms:
#   (a) "recommended": no target given, each learner's target is the one
#       they would follow among their recommendations;
#   (b) "contested": every learner names one of five popular
#       micro-qualifications (by the line number), so classroom runs fill up.
# Prints the binary's summary line (placements, full runs, gap, planning and
# allocation times) and the wall time with the load average.
#
#   scripts/allocate/run.sh                  # 2 000 learners
#   ALLOCATE_N=500 scripts/allocate/run.sh
#
# Environment: ALLOCATE_N (2000), ALLOCATE_SEED (7), ALLOCATE_TODAY
# (2027-01-01), ALLOCATE_BIN (default target/release/oppepala, built if
# missing).
set -euo pipefail

N=${ALLOCATE_N:-2000}
SEED=${ALLOCATE_SEED:-7}
TODAY=${ALLOCATE_TODAY:-2027-01-01}
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
BIN=${ALLOCATE_BIN:-$ROOT/target/release/oppepala}
if [[ ! -x "$BIN" ]]; then
  cargo build --release --bin oppepala
fi
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

python3 scripts/cohort/gen_cohort.py --n "$N" --seed "$SEED" > "$WORK/recommended.jsonl"
python3 - "$WORK/recommended.jsonl" "$WORK/contested.jsonl" <<'PY'
import json, sys
popular = ["mq-log-forklift", "mq-care-home", "mq-retail-cashier", "mq-hos-kitchen", "mq-dig-basic"]
with open(sys.argv[1], encoding="utf-8") as f, open(sys.argv[2], "w", encoding="utf-8") as out:
    for i, line in enumerate(f):
        row = json.loads(line)
        row["target"] = {"qualification": popular[i % len(popular)]}
        out.write(json.dumps(row, ensure_ascii=False) + "\n")
PY
for form in recommended contested; do
  echo "== $form: $N learners; binary $BIN; load before: $(uptime)"
  START=$(date +%s.%N)
  "$BIN" allocate --cohort "$WORK/$form.jsonl" --out "$WORK/$form.json" --lang et \
    --today "$TODAY" --data-dir data --models-dir models
  END=$(date +%s.%N)
  python3 - "$START" "$END" <<'PY'
import sys
print(f"wall time {float(sys.argv[2]) - float(sys.argv[1]):.1f} s")
PY
done
echo "load after: $(uptime)"
