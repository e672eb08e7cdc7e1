#!/usr/bin/env bash
# The spike predictor's evaluation table (docs/prediction.md): thresholds tuned on one generated
# flash-crowd trace (seed 1), every method then evaluated on traces of other seeds it never saw.
# Offline and bounded: two or three replays of ~10 M requests each, no ports, no network.
# Usage: bench/predict/run.sh [OUT_DIR] [EVAL_SEEDS...]   (default: /tmp/predict-bench, seeds 2 3)
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out="${1:-/tmp/predict-bench}"; shift || true
seeds=("${@:-2 3}")
mkdir -p "$out"
gen() { "$repo/cdn" gen-trace --kind flash-crowd --seed "$1" --requests 4000000 --sites 4 --out "$out/seed$1.csv"; }
[[ -f "$out/seed1.csv" ]] || gen 1
"$repo/cdn" predict tune --trace "$out/seed1.csv" --out "$out/thresholds.csv"
for s in ${seeds[*]}; do
  [[ -f "$out/seed$s.csv" ]] || gen "$s"
  "$repo/cdn" predict eval --trace "$out/seed$s.csv" --format csv --alarms "$out/seed$s.alarms.csv" \
    --thresholds "$out/thresholds.csv" | tee "$out/seed$s.eval.txt"
done
