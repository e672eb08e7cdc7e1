#!/usr/bin/env bash
# How long `cdn up -d` takes with and without the cache index's three members, A B A B.
# Usage: e2e/bin/up-time.sh [ROUNDS]   (default 3). Needs a built cli (./mvnw -pl cli install).
# Each run gets a fresh data directory and ports from PORT_BASE (default 18000) upwards on 127.0.0.1;
# `cdn down` stops every process it started, by pid. Prints one line per run and the medians.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
rounds="${1:-3}"
base="${PORT_BASE:-18000}"
work="$(mktemp -d)"
trap 'for t in "$work"/*.yaml; do [[ -e "$t" ]] && CDN_SKIP_BUILD=1 "$repo/cdn" down --topology "$t" >/dev/null 2>&1 || true; done; rm -rf "$work"' EXIT

topology() { # $1 = with-index|without-index, $2 = data dir
  cat <<YAML
dataDir: $2
startTimeoutSeconds: 180
services:
  - {name: vid-metadata, role: vid-metadata, port: $((base + 1))}
  - {name: broker, role: vid-cache-broker, port: $((base + 2))}
  - {name: vid-raw, role: vid-raw, port: $((base + 3)), grpcPort: $((base + 4))}
  - {name: edge-1, role: vid-cache, port: $((base + 11)), site: site-a}
  - {name: edge-2, role: vid-cache, port: $((base + 12)), site: site-a}
  - {name: edge-3, role: vid-cache, port: $((base + 13)), site: site-b}
  - {name: analytics, role: analytics, port: $((base + 5))}
  - {name: client, role: client, port: $((base + 6))}
YAML
  if [[ "$1" == with-index ]]; then
    for i in 1 2 3; do echo "  - {name: n$i, role: cache-index, port: $((base + 70 + i)), raftPort: $((base + 60 + i))}"; done
  fi
}

declare -A times
for round in $(seq 1 "$rounds"); do
  for variant in without-index with-index; do
    t="$work/$variant-$round.yaml"
    topology "$variant" "$work/data-$variant-$round" > "$t"
    start=$(date +%s%N)
    CDN_SKIP_BUILD=1 "$repo/cdn" up -d --topology "$t" > "$work/up.log" 2>&1 || { cat "$work/up.log"; exit 1; }
    ms=$(( ($(date +%s%N) - start) / 1000000 ))
    CDN_SKIP_BUILD=1 "$repo/cdn" down --topology "$t" > /dev/null
    echo "round $round $variant: cdn up -d took $ms ms (load average $(cut -d' ' -f1 /proc/loadavg))"
    times[$variant]+="$ms "
  done
done
median() { tr ' ' '\n' | grep -v '^$' | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
a=$(echo "${times[without-index]}" | median); b=$(echo "${times[with-index]}" | median)
echo "median without index: $a ms; with index: $b ms; extra: $((b - a)) ms"
