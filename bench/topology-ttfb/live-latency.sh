#!/usr/bin/env bash
# Glass-to-glass latency of a live channel in Chromium through the emulated telco topology
# (docs/live.md, "Measured"); `bench/live-latency --topology` runs it.
# Usage (root): bench/topology-ttfb/live-latency.sh [--rounds N] [--seconds S]
#   (default 2 rounds of 60 s; a built cli, Playwright's jars in MAVEN_OPTS's repository)
#
# Starts topology/telco.yaml (a copy with its own dataDir), starts a live channel at vid-raw
# (cloud-1) with `cdn live start --json` (the test source, 480p and 240p), waits until the broker
# routes ran-a's viewers of it to edge-1, then each round opens the player page in a fresh headless
# Chromium inside ran-a's namespace (`cdn topology exec ran-a -- java ... LiveWatch.java`): the page
# (client, cloud-1), the route (broker, core-1), and every playlist and part (edge-1 in edge-a, which
# fills the live window from vid-raw over gRPC across edge-a → regional-north → core-1 → cloud-1)
# cross the emulated links. Each round prints LiveWatch's line: glass-to-glass median, p95, max over
# the watch (from 3 s after the first sample), the distance from the live edge, stalls, and the
# parts' serving edge and X-Cache. Under flock /tmp/cdn-fixed-ports.lock and the simulated network's
# lock; bounded (timeout); the channel stopped and `cdn down` in an EXIT trap.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
here="$repo/bench/topology-ttfb"
rounds=2 seconds=60
while (($#)); do
  case "$1" in
    --rounds) rounds="$2"; shift 2 ;;
    --seconds) seconds="$2"; shift 2 ;;
    *) echo "usage: $0 [--rounds N] [--seconds S]" >&2; exit 2 ;;
  esac
done
[[ $EUID -eq 0 ]] || { echo "live-latency --topology: needs root (network namespaces, tc, nftables)" >&2; exit 2; }
if [[ -z "${LIVE_TOPOLOGY_LOCKED:-}" ]]; then
  # start-up (about 20-120 s with the machine shared) and each round's page, settle and watch
  exec env LIVE_TOPOLOGY_LOCKED=1 flock /tmp/cdn-fixed-ports.lock python3 "$repo/bench/topology-drills/lockf.py" \
    /tmp/cdn-simulated-network.lock timeout $((300 + rounds * (seconds + 120))) "$0" --rounds "$rounds" --seconds "$seconds"
fi
source "$here/classpath.sh"

work="$(mktemp -d /tmp/live-topology.XXXXXX)"
topology="$work/telco.yaml"
sed "s|^dataDir: .*|dataDir: $work/data|" "$repo/topology/telco.yaml" > "$topology"
cdn() { CDN_SKIP_BUILD=1 "$repo/cdn" "$@"; }
id=""
finish() {
  if [[ -n "$id" ]]; then cdn live stop --topology "$topology" "$id" > "$work/stop.log" 2>&1 || cat "$work/stop.log" >&2; fi
  cdn down --topology "$topology" > "$work/down.log" 2>&1 || cat "$work/down.log" >&2
  rm -rf "$work"
}
trap finish EXIT
field() { cdn ps --topology "$topology" --json | jq -r --arg n "$1" ".[] | select(.name == \$n) | .$2"; }

echo "live-latency --topology: $rounds round(s) of $seconds s, load average at start $(cut -d' ' -f1-3 /proc/loadavg)"
cdn up -d --topology "$topology" > "$work/up.log"
id="$(cdn live start --topology "$topology" --name "topology latency" --json | sed -n '/^{/,$p' | jq -r .id)"
broker="$(field broker url)"
page="$(field client url)/player.html?id=$id"
echo "channel $id, page $page (opened in ran-a)"
edge=""
for _ in $(seq 1 60); do # edge-1 registered: ran-a's viewers go to their own site
  edge="$(cdn topology exec --topology "$topology" ran-a -- curl -s "$broker/api/route/$id" | jq -r '.edge.name // empty' 2>/dev/null || true)"
  [[ "$edge" == edge-1 ]] && break
  sleep 1
done
echo "the broker routes ran-a to ${edge:-no edge}"

for round in $(seq 1 "$rounds"); do
  log="$work/round-$round.log"
  echo "round $round at $(date -u +%H:%M:%S) UTC, load average $(cut -d' ' -f1-3 /proc/loadavg)"
  if cdn topology exec --topology "$topology" ran-a -- "$java" -cp "$cp" "$here/LiveWatch.java" "$page" "$seconds" \
      "$work/round-$round.json" > "$log" 2>&1; then
    grep -h '^LiveWatch:' "$log" || tail -5 "$log"
  else
    echo "round $round FAILED:"; tail -5 "$log"
  fi
done
echo "load average at the end $(cut -d' ' -f1-3 /proc/loadavg)"
