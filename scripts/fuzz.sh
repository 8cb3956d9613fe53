#!/usr/bin/env bash
# Long fuzzing runs with cargo-fuzz (libFuzzer), then a minimized corpus.
#
#   scripts/fuzz.sh                 # every target, FUZZ_SECONDS each (300)
#   scripts/fuzz.sh api_request     # one target
#
# cargo-fuzz needs nightly compiler flags; on a stable toolchain they are
# enabled with RUSTC_BOOTSTRAP=1 (what this script does). Install once:
# `cargo install cargo-fuzz`. Builds with optimizations, debug assertions
# (integer overflow panics) and no sanitizer (`-s none`: the crate forbids
# unsafe code; set FUZZ_SANITIZER=address for ASan over the dependencies'
# unsafe code, about 3x slower). Each run starts from fuzz/corpus/<target>
# (committed seeds) and grows fuzz/corpus-work/<target> (not committed);
# afterwards libFuzzer's -merge=1 adds what brings new coverage to
# fuzz/corpus/<target>. A crash stops the run and leaves the input in
# fuzz/artifacts/<target>/: fix it, copy the input into
# fuzz/corpus/<target>/crash-<what> so the test replay keeps it fixed.
# Prints one line per target: executions, exec/s, coverage, crashes.
set -euo pipefail
cd "$(dirname "$0")/../fuzz"
export RUSTC_BOOTSTRAP=1
SECONDS_EACH=${FUZZ_SECONDS:-300}
SANITIZER=${FUZZ_SANITIZER:-none}
JOBS=${FUZZ_JOBS:-1}
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(esco_csv catalogue_jsonl provider_csv elm_json config_toml api_request demand_signals feedback_log api_body)
command -v cargo-fuzz >/dev/null || { echo "cargo-fuzz is needed: cargo install cargo-fuzz" >&2; exit 2; }
cargo fuzz build -O -a -s "$SANITIZER"
status=0
for target in "${targets[@]}"; do
  mkdir -p "corpus-work/$target" "artifacts/$target"
  log="corpus-work/$target.log"
  # One job runs in this process and logs to $log; with more, libFuzzer
  # runs workers that log to fuzz-N.log, gathered into $log afterwards.
  parallel=()
  if [ "$JOBS" -gt 1 ]; then parallel=(-jobs="$JOBS" -workers="$JOBS"); fi
  if cargo fuzz run -O -a -s "$SANITIZER" "$target" "corpus-work/$target" "corpus/$target" -- \
      -max_total_time="$SECONDS_EACH" -max_len=200000 -timeout=30 -rss_limit_mb=4096 \
      "${parallel[@]}" -print_final_stats=1 >"$log" 2>&1; then
    result=ok
  else
    result="CRASH (see $log and artifacts/$target/)"
    status=1
  fi
  if [ "$JOBS" -gt 1 ]; then
    cat fuzz-*.log >>"$log" 2>/dev/null || true
    rm -f fuzz-*.log
  fi
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
  rate=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1)
  echo "$target: ${SECONDS_EACH}s, ${execs:-?} executions, ${rate:-?}/s, ${cov:-cov ?}: $result"
  # Keep only what adds coverage, in the committed corpus.
  # libFuzzer's merge adds to the first folder only inputs with new coverage.
  cargo fuzz run -O -a -s "$SANITIZER" "$target" "corpus/$target" "corpus-work/$target" -- \
    -merge=1 -max_len=200000 -timeout=30 >/dev/null 2>&1 || true
done
exit $status
