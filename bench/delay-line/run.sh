#!/usr/bin/env bash
# The delay line's CPU cost per packet and at a realistic packet rate (docs/topology.md).
# Usage (root): bench/delay-line/run.sh [ROUNDS]   (default 3; needs a built cli: ./mvnw -pl cli -am install)
# Builds a network of two sites and one link per rate (20 and 200 Mbit/s, 5 ms one way) without
# services, runs `cdn topology probe` on each link ROUNDS times (its UDP rate phase sends 120 % of the
# rate for 1 s: 2,000 and 20,000 packets/s), and reads the delay line's CPU time and packet count
# before and after, idle on both sides. CPU time is the sum of its threads' schedstat (nanoseconds on
# a CPU, exact), not /proc/PID/stat's user and system ticks: those are sampled 100 times a second,
# and a thread that runs for microseconds at a time is charged by chance. Everything is removed by
# `cdn down` in an EXIT trap.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
rounds="${1:-3}"
work="$(mktemp -d /tmp/delay-line-bench.XXXXXX)"
topology="$work/net.yaml"
cat > "$topology" <<YAML
dataDir: $work/data
network: {prefix: dlb, siteBlock: 10.240.0.0/16, linkBlock: 10.241.0.0/16, managementBlock: 10.242.0.0/16}
sites:
  - {name: a, kind: cloud}
  - {name: b, kind: core}
  - {name: c, kind: core}
links:
  - {a: a, b: b, oneWayMs: 5, rateMbit: 20}
  - {a: a, b: c, oneWayMs: 5, rateMbit: 200}
YAML
cdn() { CDN_SKIP_BUILD=1 "$repo/cdn" "$@"; }
trap 'cdn down --topology "$topology" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
cdn up -d --topology "$topology" > "$work/up.log"
pid=$(sed -n 's/.*"delayLinePid" : \([0-9]*\).*/\1/p' "$work/data/run/state.json")
cpu() { cat /proc/"$pid"/task/*/schedstat | awk '{s += $1} END {printf "%d", s / 1000}'; } # microseconds
packets() { grep -o '"packets" : [0-9]*' "$work/data/run/delay-line.stats.json" | awk '{s += $3} END {print s + 0}'; }
sleep 6 # a stats write with no traffic since start-up
for link in "a,b" "a,c"; do
  cdn topology probe --topology "$topology" --link "$link" > /dev/null || true # JIT warm-up, untimed
  sleep 6
  c0=$(cpu); p0=$(packets)
  for _ in $(seq 1 "$rounds"); do (cdn topology probe --topology "$topology" --link "$link" || true) | sed -n 2p; done
  sleep 6
  c1=$(cpu); p1=$(packets)
  # At 10,000 packets/s every microsecond per packet is 1 % of a core.
  awk -v c=$((c1 - c0)) -v p=$((p1 - p0)) -v l="$link" 'BEGIN {
    us = p ? c / p : 0
    printf "link %s: %d packets, %.3f s of CPU: %.1f us per packet = %.0f %% of a core at 10,000 packets/s\n", l, p, c / 1e6, us, us }'
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
