#!/usr/bin/env bash
# Failure drills on the simulated telco network (docs/topology.md, "Failure drills").
# Usage (root): bench/topology-drills/run.sh [--out FILE] [--drills "b a c"] [--edge-cuts N]
#   (needs a built cli: ./cdn ps builds it). --drills runs a subset, in the order b, a, c;
#   --edge-cuts repeats (c) N times (restoring edge-1 and waiting for ran-a's route to return to it
#   in between), for more than one sample of the re-route time per `cdn up`.
#
# Starts topology/telco.yaml (a copy with its own dataDir under a mktemp directory), ingests two
# synthetic titles A and B, warms title A at edge-1 and edge-2 (and so at regional-1), then:
#   (b) cut core-1 – cloud-1 (the origin unreachable) while viewers in ran-a and ran-b play title A
#       (cached) and a viewer in ran-c walks it (cached only at regional-1, edge-3's secondary
#       parent); a viewer in ran-d asks for title B (cached nowhere) as the control. Restored after.
#   (a) SIGKILL regional-1 while a viewer in ran-a plays title B (cold): edge-1's misses go to its
#       secondary parent, regional-2; then ran-b walks B (regional-2 hits).
#   (c) cut edge-a's edge off (an nftables table in cdn-edge-a drops every packet to and from edge-1's
#       address) while ran-a plays title A and asks the broker for a route every 100 ms: how long
#       until the broker routes ran-a elsewhere, and how long playback stops.
# Viewers are bench/topology-drills/player.py, run with `cdn topology exec GROUP --`: the player
# page's failover loop without a browser (a 1 s timeout, then the next edge of the broker's answer).
# Prints a markdown table (and writes it to --out). Everything runs under flock
# /tmp/cdn-fixed-ports.lock and the simulated network's lock (the one TelcoTopologyIT takes), is
# bounded (timeout 1800 s) and is brought down by `cdn down` in an EXIT trap.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
here="$repo/bench/topology-drills"
out=""
drills="b a c"
edge_cuts=1
args=("$@")
while (($#)); do
  case "$1" in
    --out) out="$(realpath -m "$2")"; shift 2 ;;
    --drills) drills="$2"; shift 2 ;;
    --edge-cuts) edge_cuts="$2"; shift 2 ;;
    *) echo "topology-drills: unknown argument $1" >&2; exit 2 ;;
  esac
done
set -- "${args[@]}"
runs() { [[ " $drills " == *" $1 "* ]]; }
[[ $EUID -eq 0 ]] || { echo "topology-drills: needs root (network namespaces, tc, nftables)" >&2; exit 2; }

if [[ -z "${DRILLS_LOCKED:-}" ]]; then
  # The fixed-ports lock is flock(2); TelcoTopologyIT's lock on the namespaces is a Java FileLock
  # (fcntl), which flock does not see: take both.
  exec env DRILLS_LOCKED=1 flock /tmp/cdn-fixed-ports.lock \
    python3 "$here/lockf.py" /tmp/cdn-simulated-network.lock timeout 1800 "$0" "$@"
fi

work="$(mktemp -d /tmp/topology-drills.XXXXXX)"
topology="$work/telco.yaml"
sed "s|^dataDir: .*|dataDir: $work/data|" "$repo/topology/telco.yaml" > "$topology"
# shellcheck source=bench/topology-drills/common.sh
source "$here/common.sh"
cleanup() {
  ip netns exec cdn-edge-a nft delete table inet drill 2>/dev/null || true
  cdn down --topology "$topology" > "$work/down.log" 2>&1 || cat "$work/down.log" >&2
  left="$(ip netns list | grep -c '^cdn-' || true)"
  echo "cdn down: $left namespaces left"
  # The players' logs, the events and the services' logs stay next to the table.
  if [[ -n "$out" ]]; then
    mkdir -p "${out%.md}.logs" && cp "$work"/*.jsonl "$work"/*.txt "$work"/up.log "$work"/data/logs/*.log "${out%.md}.logs/" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
t0=$(date +%s%3N)
cdn up -d --topology "$topology" | stamp > "$work/up.log"
echo "cdn up: $(( ($(date +%s%3N) - t0) / 1000 )) s (load $(load))"
broker="$(field broker url)"

ffmpeg="$(find /root/.javacpp/cache -name ffmpeg -type f -perm -u+x | head -n 1)"
for title in A B; do
  "$ffmpeg" -loglevel error -f lavfi -i "testsrc2=size=640x360:rate=25:duration=16" \
    -pix_fmt yuv420p "$work/$title.mp4"
  cdn ingest --topology "$topology" "$work/$title.mp4" --name "drill $title" > "$work/$title.json"
  declare "id_$title=$(jq -r .id "$work/$title.json")"
done
echo "titles: A=$id_A B=$id_B"
# Every edge registered: ran-c's and ran-d's routes are to their own sites.
for _ in $(seq 1 60); do
  viewer ran-d route --video "$id_A" --seconds 0.1 > /dev/null
  [[ "$(tail -n 1 "$work/ran-d-route.jsonl" | jq -r .reason)" == local-site* ]] && break
  sleep 1
done
viewer ran-a walk --video "$id_A" --rendition all
viewer ran-b walk --video "$id_A" --rendition all
for f in ran-a-walk ran-b-walk ran-d-route; do mv "$work/$f.jsonl" "$work/warm-$f.jsonl"; done

# (b) The core–cloud link cut while title A plays.
if runs b; then
viewer ran-a play --video "$id_A" --seconds 24 --rendition 0 & pa=$!
viewer ran-b play --video "$id_A" --seconds 24 --rendition 1 & pb=$!
sleep 4
cdn topology cut --topology "$topology" core-1 cloud-1 > /dev/null; event cut-core-cloud
viewer ran-c walk --video "$id_A" --rendition all
viewer ran-d walk --video "$id_B" --rendition 0 --timeout 3 --seconds 12 & pd=$!
wait "$pa" "$pb" "$pd"
event restore-core-cloud; cdn topology restore --topology "$topology" core-1 cloud-1 > /dev/null
for f in ran-a-play ran-b-play ran-c-walk ran-d-walk; do mv "$work/$f.jsonl" "$work/b-$f.jsonl"; done
fi

# (a) regional-1 killed while title B (cold) plays at edge-1.
if runs a; then
viewer ran-a play --video "$id_B" --seconds 20 --rendition all --pace 0.1 & pa=$!
sleep 4
kill -9 "$(field regional-1 pid)"; event kill-regional-1
wait "$pa"
viewer ran-b walk --video "$id_B" --rendition all
mv "$work/ran-a-play.jsonl" "$work/a-ran-a-play.jsonl"; mv "$work/ran-b-walk.jsonl" "$work/a-ran-b-walk.jsonl"
secrets="$work/data/secrets"
for edge in edge-1 edge-2; do
  curl -s --cacert "$secrets/ca.pem" -H "Authorization: Bearer $(cat "$secrets/operator.token")" \
    "$(field "$edge" controlUrl)/metrics" | grep '^edge_parent_failures_total' | sed "s/^/$edge: /" \
    >> "$work/parent-failures.txt" || true
done
fi

# (c) edge-a's edge cut off while ran-a plays title A; cut i > 1 logs as c<i>-* and cut-edge-1#<i>.
edge1="$(field edge-1 url | sed 's|http://||; s|:.*||')"
for cut in $(seq 1 "$edge_cuts"); do
  runs c || break
  tag=c; mark=cut-edge-1
  ((cut > 1)) && tag="c$cut" && mark="cut-edge-1#$cut"
  viewer ran-a play --video "$id_A" --seconds 24 --rendition 0 --pace 0.1 & pa=$!
  viewer ran-a route --video "$id_A" --seconds 24 --pace 0.1 & pr=$!
  sleep 5
  ip netns exec cdn-edge-a nft -f - <<NFT
table inet drill {
  chain in { type filter hook prerouting priority -300; ip daddr $edge1 drop; }
  chain out { type filter hook output priority -300; ip saddr $edge1 drop; }
}
NFT
  event "$mark"
  wait "$pa" "$pr"
  mv "$work/ran-a-play.jsonl" "$work/$tag-ran-a-play.jsonl"; mv "$work/ran-a-route.jsonl" "$work/$tag-ran-a-route.jsonl"
  ((cut < edge_cuts)) || break
  # Back to where the next cut starts from: edge-1 reachable and ran-a routed to it again.
  ip netns exec cdn-edge-a nft delete table inet drill
  for _ in $(seq 1 60); do
    viewer ran-a route --video "$id_A" --seconds 0.1 > /dev/null
    [[ "$(tail -n 1 "$work/ran-a-route.jsonl" | jq -r .edge)" == edge-1 ]] && break
    sleep 1
  done
  rm -f "$work/ran-a-route.jsonl"
done

echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 "$here/summarize.py" "$work" | tee "${out:-/dev/null}"
