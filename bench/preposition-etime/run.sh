#!/usr/bin/env bash
# etime honesty (docs/continuum.md, "etime"): how far the trigger's estimated completion is from its
# real completion. `cdn up -d` on free ports (no lock needed) of metadata, broker, vid-raw, client,
# analytics, the controller and one edge in each of SITES sites; a synthesized title (TITLE_S seconds,
# the bundled ffmpeg) is ingested, then prepositioned to every site with `cdn trigger preposition
# --rate RATE`, RUNS times (an invalidation between runs, so each fills anew). The status resource is
# read every 0.25 s; the real completion is the first read that says `complete`. Printed per run: each
# read's (etime - T) / (T - t0) (t0: the POST, T: the completion), the first estimate (in the 201), the
# worst error over the run, and the share of reads within 20 %.
#
#   bench/preposition-etime/run.sh [--runs 3] [--sites 2] [--rate 200KiB] [--title-s 20]
#
# Bounded: each run stops after 300 s. Every process is started by `cdn up` and stopped by `cdn down`
# in the EXIT trap; scratch data in one mktemp directory, deleted at exit (BENCH_KEEP=1 keeps it).
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
RUNS=3; SITES=2; RATE=200KiB; TITLE_S=20
while [[ $# -gt 0 ]]; do
  case "$1" in
    --runs) RUNS="$2"; shift 2 ;;
    --sites) SITES="$2"; shift 2 ;;
    --rate) RATE="$2"; shift 2 ;;
    --title-s) TITLE_S="$2"; shift 2 ;;
    *) echo "usage: $0 [--runs N] [--sites N] [--rate R] [--title-s S]" >&2; exit 2 ;;
  esac
done
[[ "$RUNS" -le 10 && "$SITES" -le 4 && "$TITLE_S" -le 120 ]] || { echo "at most 10 runs, 4 sites, 120 s" >&2; exit 2; }
RATE_BYTES="$(python3 -c "import re,sys; m=re.fullmatch(r'(\d+)([kmg]i?b?)?', sys.argv[1].lower()); n=int(m.group(1)); u=m.group(2) or ''; print(n*(1024 if 'i' in u else 1000)**('kmg'.index(u[0])+1) if u else n)" "$RATE")"
FFMPEG="$(command -v ffmpeg || find "$HOME/.javacpp/cache" -path '*linux-x86_64-gpl/ffmpeg' -type f 2>/dev/null | head -n 1)"
[[ -x "$FFMPEG" ]] || { echo "no ffmpeg (run any e2e test or cdn demo once to extract the bundled one)" >&2; exit 2; }

WORK="$(mktemp -d /tmp/preposition-etime.XXXXXX)"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
{
  echo "dataDir: $WORK/data"
  echo "startTimeoutSeconds: 180"
  echo "services:"
  echo "  - {name: vid-metadata, role: vid-metadata, port: $(free_port), controlPort: $(free_port)}"
  echo "  - {name: broker, role: vid-cache-broker, port: $(free_port), controlPort: $(free_port)}"
  echo "  - {name: vid-raw, role: vid-raw, port: $(free_port), grpcPort: $(free_port)}"
  echo "  - {name: client, role: client, port: $(free_port), controlPort: $(free_port)}"
  for i in $(seq "$SITES"); do
    echo "  - {name: edge-$i, role: vid-cache, port: $(free_port), controlPort: $(free_port), site: site-$i}"
  done
  echo "  - {name: analytics, role: analytics, port: $(free_port), controlPort: $(free_port)}"
  echo "  - {name: controller, role: controller, port: $(free_port)}"
} >"$WORK/topology.yaml"
cdn() { "$repo/cdn" "$@"; }
cleanup() {
  cdn down --topology "$WORK/topology.yaml" >"$WORK/down.log" 2>&1 || true
  [[ -n "${BENCH_KEEP:-}" ]] || rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

echo "preposition-etime: $(date -u '+%F %H:%M UTC'), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "runs $RUNS, $SITES sites of one edge, rate $RATE_BYTES B/s per edge, a ${TITLE_S}-s title"
cdn up -d --topology "$WORK/topology.yaml" >"$WORK/up.log" 2>&1 || { cat "$WORK/up.log"; BENCH_KEEP=1; exit 1; }
PS="$(cdn ps --json --topology "$WORK/topology.yaml")"
svc() { python3 -c "import json,sys; print([s for s in json.loads(sys.argv[1]) if s['name']==sys.argv[2]][0][sys.argv[3]])" "$PS" "$1" "$2"; }
CONTROLLER="$(svc controller url)"; BROKER_CONTROL="$(svc broker controlUrl)"
SECRETS="$WORK/data/secrets"
ctl() { curl -sS --cacert "$SECRETS/ca.pem" -H "Authorization: Bearer $(cat "$SECRETS/operator.token")" "$@"; }

"$FFMPEG" -loglevel error -f lavfi -i "testsrc2=size=640x360:rate=25" -t "$TITLE_S" \
  -c:v libx264 -preset ultrafast -pix_fmt yuv420p "$WORK/title.mp4"
cdn ingest --topology "$WORK/topology.yaml" --name etime-card "$WORK/title.mp4" >"$WORK/ingest.log" 2>&1 \
  || { cat "$WORK/ingest.log"; exit 1; }
VIDEO="$(grep -oE '"id" *: *"[^"]+"' "$WORK/ingest.log" | head -n 1 | sed -E 's/.*"([^"]+)"$/\1/')"
[[ -n "$VIDEO" ]] || { echo "no video id in:"; cat "$WORK/ingest.log"; exit 1; }
SITE_LIST="$(seq -s, -f 'site-%g' 1 "$SITES")"
for _ in $(seq 60); do # every edge UP at the broker before the first trigger
  up="$(ctl "$BROKER_CONTROL/api/edges" | python3 -c 'import json,sys; print(sum(e.get("state")=="UP" for e in json.load(sys.stdin)["edges"]))')"
  [[ "$up" -ge "$SITES" ]] && break; sleep 1
done

RESULTS="$WORK/results.txt"; : >"$RESULTS"
for run in $(seq "$RUNS"); do
  t0="$(date +%s.%N)"
  created="$(ctl -X POST -H 'Content-Type: application/json' "$CONTROLLER/api/triggers" -d "{\"trigger\": {\"type\": \"preposition\", \"content.ccid\": [\"$VIDEO\"], \"extensions\": [{\"generic-trigger-extension-type\": \"CIT.LocationPolicy\", \"generic-trigger-extension-value\": {\"locations\": [{\"action\": \"allow\", \"footprints\": [{\"footprint-type\": \"site\", \"footprint-value\": [$(echo "$SITE_LIST" | sed 's/[^,]*/"&"/g')]}]}]}, \"mandatory-to-enforce\": true}, {\"generic-trigger-extension-type\": \"CIT.ExecutionPolicy\", \"generic-trigger-extension-value\": {\"max-fill-rate\": $RATE_BYTES}, \"mandatory-to-enforce\": false}]}}")"
  self="$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["self"])' "$created")"
  first_etime="$(python3 -c 'import json,sys; print(json.loads(sys.argv[1]).get("etime", ""))' "$created")"
  reads="$WORK/reads-$run.txt"; : >"$reads"
  end=$(( ${t0%.*} + 300 ))
  while [[ $(date +%s) -lt $end ]]; do
    now="$(date +%s.%N)"; r="$(ctl "$CONTROLLER$self")"
    line="$(python3 -c 'import json,sys; j=json.loads(sys.argv[2]); p=j.get("progress",{}); print(sys.argv[1], j["status"], j.get("etime","-"), p.get("bytesDone",0), p.get("bytesTotal",0))' "$now" "$r")"
    echo "$line" >>"$reads"
    case "$line" in *" complete "*|*" processed "*|*" failed "*|*" cancelled "*) break ;; esac
    sleep 0.25
  done
  python3 - "$reads" "$t0" "$first_etime" "$run" <<'PY' | tee -a "$RESULTS"
import sys
rows=[l.split() for l in open(sys.argv[1])]
t0=float(sys.argv[2]); first=sys.argv[3]; run=sys.argv[4]
done=[float(r[0]) for r in rows if r[1]=="complete"]
if not done: print(f"run {run}: not complete: last {rows[-1] if rows else None}"); sys.exit()
T=done[0]; dur=T-t0
errs=[(float(r[0])-t0, (float(r[2])-T)/dur, int(r[3]), int(r[4])) for r in rows if r[1] in ("pending","active") and r[2]!="-"]
missing=sum(r[1] in ("pending","active") and r[2]=="-" for r in rows)
within=sum(abs(e)<=0.2 for _,e,_,_ in errs)
worst=max(errs, key=lambda x: abs(x[1])) if errs else None
fe=f"{(float(first)-T)/dur:+.3f}" if first else "none"
print(f"run {run}: completion {dur:.2f} s after the POST; first etime (201) error {fe}; reads without etime {missing}; reads {len(errs)}, within 20 %: {within} ({100*within/max(1,len(errs)):.0f} %); worst {worst[1]:+.3f} at {worst[0]:.2f} s (bytes {worst[2]}/{worst[3]})" if worst else f"run {run}: completion {dur:.2f} s, no active read")
for t,e,b,tot in errs[::max(1,len(errs)//8)]:
    print(f"  t={t:6.2f} s  error {e:+.3f}  bytes {b}/{tot}")
PY
  ctl -o /dev/null -X POST -H 'Content-Type: application/json' "$BROKER_CONTROL/api/invalidations" -d "{\"videoId\":\"$VIDEO\",\"reason\":\"updated\"}"
  sleep 2
done
echo "load average at the end $(cut -d' ' -f1-3 /proc/loadavg)"
