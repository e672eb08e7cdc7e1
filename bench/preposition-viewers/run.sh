#!/usr/bin/env bash
# Viewers during a preposition (docs/continuum.md): one edge (`cdn up -d` of metadata, broker, vid-raw,
# the client and edge-1 on free ports, so no lock is needed) serves a steady viewer load of hits (CONNS curl
# processes, each fetching the watched title's segments in a loop over keep-alive at VIEWER_RATE
# requests/s (curl --rate: an open loop, the same load in both phases), time to first byte per
# response) for SECONDS per phase; phases alternate A (nothing else) and B (a preposition job of a
# large title pushed to the edge's /internal/preposition at RATE bytes/s, dropped again after the
# phase by an invalidation so the next B fills it anew). Printed: p50 and p99 TTFB of each phase and
# their medians, B/A; viewer errors; the fill's bytes during B and its rate against the cap; vid-raw's
# fetches per filled object. Then, without viewers, one job with a deadline WINDOW seconds away: the
# share of its bytes done by then and the rate it held.
#
#   bench/preposition-viewers/run.sh [--rounds 3] [--seconds 15] [--conns 4] [--viewer-rate 50] [--rate 10MiB]
#       [--fill-mb 300] [--window 40]
#
# Objects are written straight into vid-raw's store (random bytes: the edge never parses them).
# Every process is started by `cdn up` and stopped by `cdn down` in the EXIT trap; scratch data is in
# one mktemp directory, deleted at exit (BENCH_KEEP=1 keeps it). Bounded: ROUNDS x 2 x SECONDS of load.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
ROUNDS=3; SECONDS_PER_PHASE=15; CONNS=4; VIEWER_RATE=50; RATE=10MiB; FILL_MB=300; WINDOW=40
while [[ $# -gt 0 ]]; do
  case "$1" in
    --rounds) ROUNDS="$2"; shift 2 ;;
    --seconds) SECONDS_PER_PHASE="$2"; shift 2 ;;
    --conns) CONNS="$2"; shift 2 ;;
    --viewer-rate) VIEWER_RATE="$2"; shift 2 ;;
    --rate) RATE="$2"; shift 2 ;;
    --fill-mb) FILL_MB="$2"; shift 2 ;;
    --window) WINDOW="$2"; shift 2 ;;
    *) echo "usage: $0 [--rounds N] [--seconds S] [--conns N] [--viewer-rate N] [--rate R] [--fill-mb MB] [--window S]" >&2; exit 2 ;;
  esac
done
[[ "$ROUNDS" -le 10 && "$SECONDS_PER_PHASE" -le 120 && "$CONNS" -le 32 && "$FILL_MB" -le 2000 ]] \
  || { echo "at most 10 rounds, 120 s, 32 conns, 2000 MB" >&2; exit 2; }
RATE_BYTES="$(python3 -c "import re,sys; m=re.fullmatch(r'(\d+)([kmg]i?b?)?', sys.argv[1].lower()); n=int(m.group(1)); u=m.group(2) or ''; print(n*(1024 if 'i' in u else 1000)**('kmg'.index(u[0])+1) if u else n)" "$RATE")"

WORK="$(mktemp -d /tmp/preposition-viewers.XXXXXX)"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
P=(); for _ in $(seq 9); do P+=("$(free_port)"); done
cat >"$WORK/topology.yaml" <<YAML
dataDir: $WORK/data
startTimeoutSeconds: 180
services:
  - {name: vid-metadata, role: vid-metadata, port: ${P[0]}, controlPort: ${P[1]}}
  - {name: broker, role: vid-cache-broker, port: ${P[2]}, controlPort: ${P[3]}}
  - {name: vid-raw, role: vid-raw, port: ${P[4]}, grpcPort: ${P[5]}}
  - {name: client, role: client, port: ${P[7]}, controlPort: ${P[8]}}
  - name: edge-1
    role: vid-cache
    port: ${P[6]}
    controlPort: $(free_port)
    site: site-a
    env: {edge.disk.max-bytes: 4GiB, edge.preposition.rate: "$RATE_BYTES"}
YAML
cdn() { "$repo/cdn" "$@"; }
cleanup() {
  cdn down --topology "$WORK/topology.yaml" >"$WORK/down.log" 2>&1 || true
  [[ -n "${BENCH_KEEP:-}" ]] || rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

echo "preposition-viewers: $(date -u '+%F %H:%M UTC'), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "rounds $ROUNDS, $SECONDS_PER_PHASE s per phase, $CONNS viewer connections at $VIEWER_RATE/s each, fill cap $RATE_BYTES B/s, fill title $FILL_MB MB"
cdn up -d --topology "$WORK/topology.yaml" >"$WORK/up.log" 2>&1 || { cat "$WORK/up.log"; BENCH_KEEP=1; exit 1; }
PS="$(cdn ps --json --topology "$WORK/topology.yaml")"
svc() { python3 -c "import json,sys; print([s for s in json.loads(sys.argv[1]) if s['name']==sys.argv[2]][0][sys.argv[3]])" "$PS" "$1" "$2"; }
EDGE="$(svc edge-1 url)"; EDGE_CONTROL="$(svc edge-1 controlUrl)"; RAW="$(svc vid-raw url)"; BROKER="$(svc broker url)"
SECRETS="$WORK/data/secrets"
ctl() { curl -sS --cacert "$SECRETS/ca.pem" -H "Authorization: Bearer $(cat "$SECRETS/operator.token")" "$@"; }

# Two titles in vid-raw's store: "watch" (3 renditions x 20 segments of 256 KiB, what viewers load)
# and "fillbig" (FILL_MB of 1-MiB segments, what is prepositioned).
STORE="$WORK/data/data/origin/videos"
mk_title() { # id renditions segments kib
  local dir="$STORE/$1"; mkdir -p "$dir"
  printf '#EXTM3U\n' >"$dir/master.m3u8"
  for r in $(seq 1 "$2"); do
    mkdir -p "$dir/r$r"; printf '#EXT-X-STREAM-INF:BANDWIDTH=1000000\nr%d/playlist.m3u8\n' "$r" >>"$dir/master.m3u8"
    printf '#EXTM3U\n#EXT-X-MAP:URI="init.mp4"\n' >"$dir/r$r/playlist.m3u8"; head -c 1000 /dev/urandom >"$dir/r$r/init.mp4"
    for s in $(seq -f '%05g' 1 "$3"); do head -c $(($4 * 1024)) /dev/urandom >"$dir/r$r/seg_$s.m4s"; echo "seg_$s.m4s" >>"$dir/r$r/playlist.m3u8"; done
  done
}
mk_title watch 3 20 256
mk_title fillbig 1 "$FILL_MB" 1024
mk_title fillwin 1 "$(( RATE_BYTES * WINDOW * 6 / 10 / 1048576 ))" 1024

TOKEN_PATH="$(curl -sS "$BROKER/api/route/watch" | python3 -c 'import json,sys,urllib.parse; u=json.load(sys.stdin)["edge"]["masterUrl"]; p=urllib.parse.urlsplit(u).path; print(p[:p.rindex("/")+1])')"
URLS="$WORK/urls.txt"; : >"$URLS"
for r in 1 2 3; do for s in $(seq -f '%05g' 1 20); do echo "url = \"$EDGE$TOKEN_PATH""r$r/seg_$s.m4s\"" >>"$URLS"; done; done
for _ in 1 2; do curl -sS --parallel -K <(sed 's/$/\noutput = "\/dev\/null"/' "$URLS") >/dev/null; done # warm: every segment a hit

raw_fetches() { ctl "$RAW/metrics" | awk '/^origin_grpc_fetches_total\{/ && /method="fetch"/ {s+=$2} END {printf "%d", s}'; }
job() { ctl "$EDGE_CONTROL/internal/preposition/$1"; }
field() { python3 -c "import json,sys; print(json.loads(sys.argv[1]).get(sys.argv[2], 0))" "$1" "$2"; }

load_phase() { # out-file: CONNS loops of keep-alive fetches for SECONDS_PER_PHASE, one TTFB (s) per line
  local out="$1" end=$(( $(date +%s) + SECONDS_PER_PHASE )) pids=() i
  for i in $(seq "$CONNS"); do
    ( while [[ $(date +%s) -lt $end ]]; do
        curl -sS --rate "$VIEWER_RATE/s" -K <(sed 's/$/\noutput = "\/dev\/null"\nwrite-out = "%{http_code} %{time_starttransfer}\\n"/' "$URLS") 2>>"$out.err" || true
      done >"$out.$i" ) &
    pids+=($!)
  done
  wait "${pids[@]}"
  cat "$out".[0-9]* >"$out"
}
stats() { # file -> "p50_ms p99_ms samples errors"
  python3 - "$1" <<'PY'
import sys
ok=[]; err=0
for line in open(sys.argv[1]):
    p=line.split()
    if len(p)!=2: continue
    if p[0]!="200": err+=1; continue
    ok.append(float(p[1])*1000)
ok.sort(); n=len(ok)
q=lambda f: ok[min(n-1,int(f*n))] if n else float('nan')
print(f"{q(0.5):.3f} {q(0.99):.3f} {n} {err}")
PY
}

RESULTS="$WORK/results.txt"; : >"$RESULTS"
for round in $(seq "$ROUNDS"); do
  for phase in A B; do
    if [[ "$phase" == B ]]; then
      f0="$(raw_fetches)"
      ctl -o /dev/null -X POST -H 'Content-Type: application/json' "$EDGE_CONTROL/internal/preposition" \
        -d "{\"job\":\"bench-$round\",\"videoId\":\"fillbig\",\"rate\":$RATE_BYTES,\"priority\":0,\"deadline\":0}"
      sleep 1
      b0="$(field "$(job "bench-$round")" bytesDone)"
    fi
    t0=$(date +%s.%N)
    load_phase "$WORK/ttfb-$round-$phase"
    t1=$(date +%s.%N)
    s="$(stats "$WORK/ttfb-$round-$phase")"
    extra=""
    if [[ "$phase" == B ]]; then
      j="$(job "bench-$round")"; ctl -o /dev/null -X DELETE "$EDGE_CONTROL/internal/preposition/bench-$round"
      sleep 1; f1="$(raw_fetches)"; j2="$(job "bench-$round")"
      done_obj="$(field "$j2" objectsDone)"; done_bytes="$(field "$j2" bytesDone)"
      rate="$(python3 -c "print(round(($(field "$j" bytesDone)-$b0)/($t1-$t0)))")"
      extra="fill_bytes=$done_bytes fill_rate=$rate fetches=$((f1 - f0)) objects=$done_obj state=$(field "$j" state)"
      ctl -o /dev/null -X POST -H 'Content-Type: application/json' "$EDGE_CONTROL/internal/invalidate" -d '{"videoId":"fillbig","reason":"bench"}'
    fi
    echo "round $round $phase p50_ms/p99_ms/samples/errors $s $extra" | tee -a "$RESULTS"
  done
done

# The window: a job of ~60 % of WINDOW x RATE bytes with its deadline WINDOW s away, no viewers.
deadline=$(( $(date +%s) + WINDOW )); t0=$(date +%s.%N)
ctl -o /dev/null -X POST -H 'Content-Type: application/json' "$EDGE_CONTROL/internal/preposition" \
  -d "{\"job\":\"bench-window\",\"videoId\":\"fillwin\",\"rate\":$RATE_BYTES,\"priority\":0,\"deadline\":$deadline}"
while :; do
  j="$(job bench-window)"; st="$(field "$j" state)"
  [[ "$st" == running || "$st" == checking ]] && [[ $(date +%s) -lt $deadline ]] || break
  sleep 0.2
done
t1=$(date +%s.%N)
echo "window: state $st, $(field "$j" bytesDone) of $(field "$j" bytes) bytes in $(python3 -c "print(round($t1-$t0,2))") s (deadline $WINDOW s), rate $(python3 -c "print(round($(field "$j" bytesDone)/($t1-$t0)))") B/s of cap $RATE_BYTES" | tee -a "$RESULTS"

python3 - "$RESULTS" "$RATE_BYTES" <<'PY'
import re, statistics, sys
a={'p50':[],'p99':[]}; b={'p50':[],'p99':[]}; errs=0; rates=[]; per=[]
for line in open(sys.argv[1]):
    m=re.match(r"round \d+ (A|B) p50_ms/p99_ms/samples/errors (\S+) (\S+) (\d+) (\d+)(.*)", line)
    if not m: continue
    d=a if m.group(1)=="A" else b
    d['p50'].append(float(m.group(2))); d['p99'].append(float(m.group(3))); errs+=int(m.group(5))
    r=re.search(r"fill_rate=(\d+) fetches=(\d+) objects=(\d+)", m.group(6))
    if r:
        rates.append(int(r.group(1)))
        if int(r.group(3)): per.append(int(r.group(2))/int(r.group(3)))
med=statistics.median
print()
print("| | p50 TTFB ms (median of rounds) | p99 TTFB ms | viewer errors |")
print("|---|---|---|---|")
print(f"| A: no fill | {med(a['p50']):.3f} | {med(a['p99']):.3f} | |")
print(f"| B: fill at the cap | {med(b['p50']):.3f} | {med(b['p99']):.3f} | {errs} (both phases) |")
print(f"| B / A | {med(b['p50'])/med(a['p50']):.3f} | {med(b['p99'])/med(a['p99']):.3f} | |")
if rates: print(f"fill rate during B (median): {med(rates)} B/s = {med(rates)/int(sys.argv[2]):.2f} of the cap")
if per: print(f"vid-raw fetches per filled object during B: {', '.join(f'{x:.3f}' for x in per)}")
PY
