#!/usr/bin/env bash
# Per-tier first-frame time and segment TTFB from headless Chromium in a client group
# (docs/topology.md, "Per-tier TTFB from the browser").
# Usage (root): bench/topology-ttfb/run.sh [--rounds N] [--out FILE]   (default 8 rounds; a built cli)
#
# Starts topology/telco.yaml (a copy with its own dataDir), ingests one synthetic title, then each
# round opens the player page (the client in cloud-1, /player.html?id=...) in Chromium started inside
# ran-a's namespace (`cdn topology exec ran-a -- java ... TierTtfb.java`), twice:
#   odd rounds:  invalidate the title (the broker's invalidation reaches the edges and, through
#                broker.tier-caches, the regional caches), view it: every object an origin miss
#                (edge-1 → regional-1 → vid-raw in cloud-1); view it again: edge hits;
#   even rounds: invalidate it, let a viewer in ran-b fetch every rendition (edge-2 → regional-1), view
#                it in ran-a: regional hits at edge-1; view it again: edge hits.
# Each view gives the first-frame time (the player's startupMs: from loading the master playlist to
# the first `playing`) and each object's Resource Timing; the first media segment's
# responseStart - requestStart is its TTFB, its X-Cache says which tier served it. Then the service
# times on loopback: curl from inside a server's own namespace (no emulated link): edge-1's hit, regional-1's
# and cloud-tier-1's hits (their viewer listeners, same signed URL), vid-raw's object read (its control
# listener); an origin miss crosses all three caches. The table
# compares each median with the round trips the topology file predicts plus those service times.
# Under flock /tmp/cdn-fixed-ports.lock and the simulated network's lock; bounded (timeout 1800 s);
# `cdn down` in an EXIT trap.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
here="$repo/bench/topology-ttfb"
rounds=8 out=""
while (($#)); do
  case "$1" in
    --rounds) rounds="$2"; shift 2 ;;
    --out) out="$(realpath -m "$2")"; shift 2 ;;
    *) echo "usage: $0 [--rounds N] [--out FILE]" >&2; exit 2 ;;
  esac
done
[[ $EUID -eq 0 ]] || { echo "topology-ttfb: needs root (network namespaces, tc, nftables)" >&2; exit 2; }
if [[ -z "${TTFB_LOCKED:-}" ]]; then
  exec env TTFB_LOCKED=1 flock /tmp/cdn-fixed-ports.lock python3 "$repo/bench/topology-drills/lockf.py" \
    /tmp/cdn-simulated-network.lock timeout 1800 "$0" --rounds "$rounds" ${out:+--out "$out"}
fi

source "$here/classpath.sh"

work="$(mktemp -d /tmp/topology-ttfb.XXXXXX)"
topology="$work/telco.yaml"
sed "s|^dataDir: .*|dataDir: $work/data|" "$repo/topology/telco.yaml" > "$topology"
cdn() { CDN_SKIP_BUILD=1 "$repo/cdn" "$@"; }
trap 'cdn down --topology "$topology" > "$work/down.log" 2>&1 || cat "$work/down.log" >&2; rm -rf "$work"' EXIT
field() { cdn ps --topology "$topology" --json | jq -r --arg n "$1" ".[] | select(.name == \$n) | .$2"; }
secrets="$work/data/secrets"
operator() { curl -sS --cacert "$secrets/ca.pem" -H "Authorization: Bearer $(cat "$secrets/operator.token")" "$@"; }

echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
cdn up -d --topology "$topology" > "$work/up.log"
ffmpeg="$(find /root/.javacpp/cache -name ffmpeg -type f -perm -u+x | head -n 1)"
"$ffmpeg" -loglevel error -f lavfi -i "testsrc2=size=640x360:rate=25:duration=16" -pix_fmt yuv420p "$work/t.mp4"
id="$(cdn ingest --topology "$topology" "$work/t.mp4" --name "ttfb" | sed -n '/^{/,$p' | jq -r .id)"
broker="$(field broker url)" broker_control="$(field broker controlUrl)"
page="$(field client url)/player.html?id=$id"
echo "title $id, page $page"
for _ in $(seq 1 60); do # every edge registered: ran-b and ran-a routed to their own sites
  r="$(cdn topology exec --topology "$topology" ran-b -- curl -s "$broker/api/route/$id" | jq -r .edge.name)"
  [[ "$r" == edge-2 ]] && break
  sleep 1
done

edge1_control="$(field edge-1 controlUrl)"
parent_connections() { # edge-1's connections opened to its parents so far
  operator "$edge1_control/metrics" | awk '/^edge_parent_connections_opened/ {s += $2} END {print s + 0}'
}
view() { # CONDITION ROUND
  local before; before="$(parent_connections)"
  cdn topology exec --topology "$topology" ran-a -- "$java" -cp "$cp" "$here/TierTtfb.java" "$page" \
    "$work/view-$2-$1.json" > "$work/view-$2-$1.log" 2>&1 || { echo "view $1 failed:"; tail -5 "$work/view-$2-$1.log"; }
  echo "{\"condition\": \"$1\", \"round\": $2, \"load\": $(cut -d' ' -f1 /proc/loadavg)," \
    "\"parentConnections\": $(($(parent_connections) - before))}" > "$work/view-$2-$1.meta"
}
invalidate() {
  operator -X POST -H 'Content-Type: application/json' -d "{\"videoId\":\"$id\",\"reason\":\"updated\"}" \
    "$broker_control/api/invalidations" > /dev/null
  sleep 2 # deliveries are asynchronous (202)
}
view warmup 0 # Chromium's, the JVM's and the services' first run, not counted
for round in $(seq 1 "$rounds"); do
  invalidate
  if ((round % 2)); then
    view origin-miss "$round"
  else
    cdn topology exec --topology "$topology" ran-b -- python3 "$repo/bench/topology-drills/player.py" walk \
      --broker "$broker" --video "$id" --rendition all --log "$work/warm-$round.jsonl"
    view regional-hit "$round"
  fi
  view edge-hit "$round"
done

# Service times on loopback: each server asked from inside its own namespace, 11 times, after one.
master="$(cdn topology exec --topology "$topology" ran-a -- curl -s "$broker/api/route/$id" | jq -r .edge.masterUrl)"
segment="$(jq -r '[.resources[] | select(.name | endswith(".m4s"))][0].name' "$work/view-1-edge-hit.json")"
path="${segment#*/videos/*/}"
signed="${master%/master.m3u8}/$path"
regional1="$(field regional-1 url)"
loopback() { # NAMESPACE-GROUP URL [curl args]: 11 TTFBs in ms (starttransfer - pretransfer)
  local ns="$1" url="$2"; shift 2
  cdn topology exec --topology "$topology" "$ns" -- sh -c "for i in \$(seq 0 11); do curl -s -o /dev/null $* -w '%{time_pretransfer} %{time_starttransfer}\n' '$url'; done" \
    | tail -n 11 | awk '{printf "%.3f\n", ($2 - $1) * 1000}'
}
loopback edge-a "$signed" > "$work/loopback-edge.txt"
loopback regional-north "${signed/$(field edge-1 url)/$regional1}" > "$work/loopback-regional.txt"
# the cloud tier holds the title since the last even round's ran-b walk (edge-2 → regional-1 → it)
loopback cloud-1 "${signed/$(field edge-1 url)/$(field cloud-tier-1 url)}" > "$work/loopback-cloud-tier.txt"
token="$(cat "$secrets/operator.token")"
cp "$secrets/ca.pem" "$work/ca.pem"
loopback cloud-1 "$(field vid-raw url)/api/objects/$id/$path" --cacert "$work/ca.pem" -H "'Authorization: Bearer $token'" \
  > "$work/loopback-origin.txt"

cdn topology show --topology "$topology" --json > "$work/show.json"
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 "$here/summarize.py" "$work" "$topology" | tee "${out:-/dev/null}"
