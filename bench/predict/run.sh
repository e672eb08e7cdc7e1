#!/usr/bin/env bash
# The spike predictor's evaluation table (docs/prediction.md): every method's threshold tuned on one
# generated flash-crowd trace (seed 1), whose replay also leaves the learned models as the day ends
# (the controller keeps the global model, each edge its local part); every method is then evaluated
# on traces of other seeds it never saw, the learned models starting from seed 1's and learning on.
# Offline and bounded: one replay of ~10 M requests per seed, no ports, no network.
# Usage: bench/predict/run.sh [OUT_DIR] [EVAL_SEEDS...]   (default: /tmp/predict-bench, seeds 2 3)
# SIZES (default 0.05) sets the cache sizes of the cache-effect table; SIZES= skips it.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out="${1:-/tmp/predict-bench}"; shift || true
seeds=("${@:-2 3}")
sizes="${SIZES-0.05}"
mkdir -p "$out"
gen() { "$repo/cdn" gen-trace --kind flash-crowd --seed "$1" --requests 4000000 --sites 4 --out "$out/seed$1.csv"; }
[[ -f "$out/seed1.csv" ]] || gen 1
"$repo/cdn" predict tune --trace "$out/seed1.csv" --out "$out/thresholds.csv" --model-out "$out/models.bin"
for s in ${seeds[*]}; do
  [[ -f "$out/seed$s.csv" ]] || gen "$s"
  cache=(--act-on "")
  [[ -n "$sizes" ]] && cache=(--sizes "$sizes" --act-on federated,ewma-z)
  "$repo/cdn" predict eval --trace "$out/seed$s.csv" --format csv --alarms "$out/seed$s.alarms.csv" \
    --thresholds "$out/thresholds.csv" --model "$out/models.bin" "${cache[@]}" | tee "$out/seed$s.eval.txt"
done
