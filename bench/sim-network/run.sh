#!/usr/bin/env bash
# cdn sim-network's growth table (docs/topology.md, "At national scale, on paper"): one run per size,
# one at a time, each under the machine's measurement lock, with the load average before and after.
# Every run prints its own run time, CPU time and load (NationalReport); this adds the CPU per
# segment request, the figure that says whether 1,000 sites and 10 million viewers fit in 10 minutes.
# Usage: bench/sim-network/run.sh [SITES/VIEWERS ...]
#   default: 10/10000 100/100000 1000/1000000 (1,000 viewers per site)
#   e.g.     bench/sim-network/run.sh 1000/10000000
#   EXTRA="--threads 1"   more options for every run
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
sizes=("$@"); ((${#sizes[@]})) || sizes=(10/10000 100/100000 1000/1000000)
cd "$repo"
./cdn sim-network --sites 2 --viewers 2 --warmup-hours 0 >/dev/null # builds the cli if stale
for size in "${sizes[@]}"; do
  sites="${size%/*}"; viewers="${size#*/}"
  echo "== --sites $sites --viewers $viewers ${EXTRA:-} (load before: $(cut -d' ' -f1-3 /proc/loadavg))"
  # shellcheck disable=SC2086
  out="$(flock /tmp/cdn-measure.lock timeout 1800 ./cdn sim-network --sites "$sites" --viewers "$viewers" ${EXTRA:-} 2>/dev/null)"
  echo "$out"
  requests="$(sed -nE 's/.* ([0-9,]+) segment requests.*/\1/p' <<<"$out" | tr -d ,)"
  cpu="$(sed -nE 's/.* ([0-9.]+) s of CPU.*/\1/p' <<<"$out")"
  awk -v r="$requests" -v c="$cpu" 'BEGIN { if (r > 0) printf "CPU per segment request: %.2f us\n", c / r * 1e6 }'
  echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
done
