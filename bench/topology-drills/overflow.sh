#!/usr/bin/env bash
# Overflow to the cloud tier on the simulated telco network (docs/continuum.md, "Overflow to the
# cloud tier"; docs/topology.md, "Failure drills").
# Usage (root): bench/topology-drills/overflow.sh [--out FILE] [--duress N] [--overflow-seconds S]
#   (needs a built cli: ./cdn ps builds it).
#
# Starts topology/telco.yaml (a copy with its own dataDir under a mktemp directory, and every edge
# given edge.duress-connections=N, default 12, through its env:), ingests a synthetic 16-s title,
# has a viewer in ran-a walk its first rendition (so edge-1, regional-1 and cloud-tier-1 hold it),
# then, with bench/topology-drills/player.py in ran-a (`cdn topology exec ran-a --`):
#   local      ran-a plays it for 8 s: its own site's edge-1;
#   edge-a     N kept-alive connections held open to edge-1 (hold.py, from the host's management
#              path): edge-1 reports duress; a new session's route goes to a neighbour site, since
#              the broker overflows only when the client's site and its neighbour sites are all
#              saturated (broker.site-latencies names every pair of the example's edge sites);
#   overflow   N connections held to edge-2, edge-3 and edge-4 too: a new session's route is
#              overflow-cloud:edge-a to cloud-tier-1; /play's 302 and X-Route-Reason are recorded; a
#              player plays for S s (default 30) while a second session asks /api/route every 0.2 s;
#   release    after 12 s of overflow the held connections close: both sessions are followed back
#              to edge-1 (broker.overflow.recover-after, 10 s, then the player's 10-s route refresh).
# Prints a markdown table (and writes it to --out). Runs under flock /tmp/cdn-fixed-ports.lock and
# the simulated network's lock (as run.sh), bounded by timeout 900, with `cdn down` in an EXIT trap.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
here="$repo/bench/topology-drills"
out=""
# Not CloudOverflowIT's 4: the broker probes every edge's viewer listener every 250 ms here
# (Wiring.PROBE_INTERVAL), on kept-alive connections that count as the edge's open connections:
# 2-3 per edge with no viewer in the second run, but 4 at edge-1 and 5 at edge-4 (all from the
# broker's address) in the first, under load 18 after `cdn up`, so at 4 every site was in duress
# and overflowed before any connection was held. 12 leaves room for both and a player.
duress=12
overflow_seconds=30
args=("$@")
while (($#)); do
  case "$1" in
    --out) out="$(realpath -m "$2")"; shift 2 ;;
    --duress) duress="$2"; shift 2 ;;
    --overflow-seconds) overflow_seconds="$2"; shift 2 ;;
    *) echo "overflow: unknown argument $1" >&2; exit 2 ;;
  esac
done
set -- "${args[@]}"
[[ $EUID -eq 0 ]] || { echo "overflow: needs root (network namespaces, tc, nftables)" >&2; exit 2; }

if [[ -z "${DRILLS_LOCKED:-}" ]]; then
  # As run.sh: the fixed-ports lock is flock(2), TelcoTopologyIT's lock a Java FileLock (fcntl).
  exec env DRILLS_LOCKED=1 flock /tmp/cdn-fixed-ports.lock \
    python3 "$here/lockf.py" /tmp/cdn-simulated-network.lock timeout 900 "$0" "$@"
fi

work="$(mktemp -d /tmp/topology-overflow.XXXXXX)"
topology="$work/telco.yaml"
sed -e "s|^dataDir: .*|dataDir: $work/data|" \
  -e "/^  - {name: edge-[1-4],/ s|}\$|, env: {\"edge.duress-connections\": \"$duress\"}}|" \
  "$repo/topology/telco.yaml" > "$topology"
# shellcheck source=bench/topology-drills/common.sh
source "$here/common.sh"
holders=()
: > "$work/holds.txt"
cleanup() {
  for pid in "${holders[@]}"; do kill "$pid" 2>/dev/null || true; done
  cdn down --topology "$topology" > "$work/down.log" 2>&1 || cat "$work/down.log" >&2
  left="$(ip netns list | grep -c '^cdn-' || true)"
  echo "cdn down: $left namespaces left"
  if [[ -n "$out" ]]; then
    mkdir -p "${out%.md}.logs" && cp "$work"/*.jsonl "$work"/*.txt "$work"/up.log "$work"/data/logs/*.log "${out%.md}.logs/" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
hold() { # URL...: N connections to each, from the host, until killed
  python3 "$here/hold.py" --count "$duress" "$@" >> "$work/holds.txt" & holders+=("$!")
  local want=$(( $(wc -l < "$work/holds.txt") + $# ))
  for _ in $(seq 1 50); do (( $(wc -l < "$work/holds.txt") >= want )) && return 0; sleep 0.2; done
  echo "overflow: hold.py did not open its connections" >&2; return 1
}
connections() { # TAG: each edge's open viewer connections (edge_connections_active) now
  local e
  for e in edge-1 edge-2 edge-3 edge-4; do
    curl -s --cacert "$secrets/ca.pem" -H "Authorization: Bearer $(cat "$secrets/operator.token")" \
      "$(field "$e" controlUrl)/metrics" | awk -v tag="$1" -v e="$e" \
      '/^edge_connections_active/ { printf "%s %s %d\n", tag, e, $NF }' >> "$work/connections.txt"
  done
}
await_route() { # PREFIX TAG: a new ran-a session's route until its reason starts with PREFIX (30 s)
  for _ in $(seq 1 60); do
    viewer ran-a route --video "$id" --seconds 0.1 > /dev/null
    [[ "$(tail -n 1 "$work/ran-a-route.jsonl" | jq -r .reason)" == "$1"* ]] && break
    sleep 0.5
  done
  mv "$work/ran-a-route.jsonl" "$work/$2-routes.jsonl"
}

echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
t0=$(date +%s%3N)
cdn up -d --topology "$topology" | stamp > "$work/up.log"
echo "cdn up: $(( ($(date +%s%3N) - t0) / 1000 )) s (load $(load))"
broker="$(field broker url)"
secrets="$work/data/secrets"

ffmpeg="$(find /root/.javacpp/cache -name ffmpeg -type f -perm -u+x | head -n 1)"
"$ffmpeg" -loglevel error -f lavfi -i "testsrc2=size=640x360:rate=25:duration=16" \
  -pix_fmt yuv420p "$work/title.mp4"
cdn ingest --topology "$topology" "$work/title.mp4" --name "overflow drill" > "$work/title.json"
id="$(jq -r .id "$work/title.json")"
echo "title: $id"
# Every edge registered: ran-d's route is to its own site.
for _ in $(seq 1 60); do
  viewer ran-d route --video "$id" --seconds 0.1 > /dev/null
  [[ "$(tail -n 1 "$work/ran-d-route.jsonl" | jq -r .reason)" == local-site* ]] && break
  sleep 1
done
viewer ran-a walk --video "$id" --rendition 0
mv "$work/ran-a-walk.jsonl" "$work/warm-ran-a-walk.jsonl"

viewer ran-a play --video "$id" --seconds 8 --rendition 0 --pace 0.2
mv "$work/ran-a-play.jsonl" "$work/local-ran-a-play.jsonl"

connections before-hold
event hold-edge-1
hold "$(field edge-1 url)"
event held-edge-1
await_route neighbour-site edge-a

event hold-all
hold "$(field edge-2 url)" "$(field edge-3 url)" "$(field edge-4 url)"
event held-all
await_route overflow-cloud overflow
connections all-held
cdn topology exec --topology "$topology" ran-a -- \
  curl -s -o /dev/null -D - "$broker/play/$id" | tr -d '\r' > "$work/play-302.txt"

event overflow-play
viewer ran-a play --video "$id" --seconds "$overflow_seconds" --rendition 0 --pace 0.2 & pp=$!
viewer ran-a route --video "$id" --seconds "$overflow_seconds" --pace 0.2 & pr=$!
sleep 12
for pid in "${holders[@]}"; do kill "$pid"; done
holders=()
event release
wait "$pp" "$pr"
connections after-release
mv "$work/ran-a-play.jsonl" "$work/overflow-ran-a-play.jsonl"
mv "$work/ran-a-route.jsonl" "$work/overflow-ran-a-route.jsonl"

curl -s --cacert "$secrets/ca.pem" -H "Authorization: Bearer $(cat "$secrets/operator.token")" \
  "$(field broker controlUrl)/metrics" | grep '^broker_route_decisions_total' > "$work/decisions.txt" || true
grep -h -E "saturated: new sessions|new sessions back at its edges" "$work/data/logs/broker.log" \
  > "$work/broker-overflow.txt" || true

echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 "$here/overflow_summary.py" "$work" | tee "${out:-/dev/null}"
