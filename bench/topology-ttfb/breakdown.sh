#!/usr/bin/env bash
# Where a regional hit's time goes at the edge (docs/topology.md, "Per-tier TTFB from the browser",
# the breakdown): packets captured inside edge-a's namespace while a viewer in ran-a asks edge-1 for
# objects that regional-1 holds and edge-1 does not.
# Usage (root): bench/topology-ttfb/breakdown.sh [--out DIR]   (a built cli; tcpdump: apt-get install tcpdump)
#
# Starts topology/telco.yaml (a copy with its own dataDir), ingests one synthetic title, lets a viewer
# in ran-b fetch every object through edge-2 (so regional-1 holds them), then captures (tcpdump -i any
# in edge-a, the viewer and control ports) while curl in ran-a fetches half the objects from edge-1
# on one connection (regional hits), waits 40 s (longer than the JDK HttpClient's 30-s keep-alive of
# idle connections) and fetches the other half. breakdown.py then times each request at four points
# seen in edge-a: the viewer's request arriving (before ran-a's link delays it 2 ms), edge-1's request
# to regional-1 leaving, regional-1's first answer packet arriving (before the link delays it 1 ms),
# and edge-1's first answer packet to the viewer leaving. Under flock /tmp/cdn-fixed-ports.lock and
# the simulated network's lock; bounded (timeout 900 s, tcpdump 75 s); `cdn down` in an EXIT trap.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
here="$repo/bench/topology-ttfb"
out=""
while (($#)); do
  case "$1" in
    --out) out="$(realpath -m "$2")"; shift 2 ;;
    *) echo "usage: $0 [--out DIR]" >&2; exit 2 ;;
  esac
done
[[ $EUID -eq 0 ]] || { echo "breakdown: needs root (network namespaces, tc, nftables)" >&2; exit 2; }
command -v tcpdump > /dev/null || { echo "breakdown: needs tcpdump (apt-get install tcpdump)" >&2; exit 2; }
if [[ -z "${BREAKDOWN_LOCKED:-}" ]]; then
  exec env BREAKDOWN_LOCKED=1 flock /tmp/cdn-fixed-ports.lock python3 "$repo/bench/topology-drills/lockf.py" \
    /tmp/cdn-simulated-network.lock timeout 900 "$0" ${out:+--out "$out"}
fi
work="$(mktemp -d /tmp/topology-breakdown.XXXXXX)"
out="${out:-$work/out}"; mkdir -p "$out"
topology="$work/telco.yaml"
sed "s|^dataDir: .*|dataDir: $work/data|" "$repo/topology/telco.yaml" > "$topology"
cdn() { CDN_SKIP_BUILD=1 "$repo/cdn" "$@"; }
trap 'cdn down --topology "$topology" > "$work/down.log" 2>&1 || cat "$work/down.log" >&2; rm -rf "$work"' EXIT
field() { cdn ps --topology "$topology" --json | jq -r --arg n "$1" ".[] | select(.name == \$n) | .$2"; }
in_ns() { local ns="$1"; shift; cdn topology exec --topology "$topology" "$ns" -- "$@"; }

echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
cdn up -d --topology "$topology" > "$work/up.log"
ffmpeg="$(find /root/.javacpp/cache -name ffmpeg -type f -perm -u+x | head -n 1)"
"$ffmpeg" -loglevel error -f lavfi -i "testsrc2=size=640x360:rate=25:duration=16" -pix_fmt yuv420p "$work/t.mp4"
id="$(cdn ingest --topology "$topology" "$work/t.mp4" --name "breakdown" | sed -n '/^{/,$p' | jq -r .id)"
broker="$(field broker url)"
for _ in $(seq 1 60); do # every edge registered
  [[ "$(in_ns ran-b curl -s "$broker/api/route/$id" | jq -r .edge.name)" == edge-2 ]] && break
  sleep 1
done
master="$(in_ns ran-a curl -s "$broker/api/route/$id" | jq -r .edge.masterUrl)"
base="${master%/master.m3u8}" # the signed URL's token names no host: it works at any edge
base2="${base/$(field edge-1 url)/$(field edge-2 url)}"
paths=()
for variant in $(in_ns ran-b curl -s "$base2/master.m3u8" | grep -v '^#' | grep .); do
  paths+=("$variant" "${variant%/*}/init.mp4")
  for o in $(in_ns ran-b curl -s "$base2/$variant" | grep -v '^#' | grep .); do paths+=("${variant%/*}/$o"); done
done
fmt='%{url_effective} %{time_pretransfer} %{time_starttransfer} %header{x-cache}\n'
fetch() { # NAMESPACE BASE PATH...: one curl, one connection, TTFB and X-Cache per object
  local ns="$1" b="$2"; shift 2
  local args=(); for p in "$@"; do args+=(-o /dev/null "$b/$p"); done
  in_ns "$ns" curl -s -w "$fmt" "${args[@]}"
}
fetch ran-b "$base2" "${paths[@]}" > "$out/warm-ran-b.txt" # edge-2 → regional-1: now held there
sleep 3
in_ns edge-a timeout -s INT 75 tcpdump -i any -s 128 -w "$out/edge-a.pcap" 'tcp port 7101 or tcp port 8101' \
  > "$out/tcpdump.log" 2>&1 &
capture=$!
sleep 2
half=$((${#paths[@]} / 2))
fetch ran-a "$base" "${paths[@]:0:half}" > "$out/ran-a-1.txt"
sleep 40
fetch ran-a "$base" "${paths[@]:half}" > "$out/ran-a-2.txt"
wait "$capture" || true
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 "$here/breakdown.py" "$out" "$(field edge-1 url)" "$(field regional-1 controlUrl)"
