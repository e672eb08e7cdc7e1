#!/usr/bin/env bash
# The first "day" after a nightly preposition (docs/continuum.md, "Measured"): the byte hit ratio of
# viewers' requests at an edge whose controller ran the nightly fill before the day (A), against the
# same day on the same cold edge without it (B).
#
#   bench/preposition-firstday/run.sh [--rounds 2] [--titles 12] [--yesterday 400] [--today 300]
#       [--disk-share 0.5] [--memory 4MiB] [--zipf 1.0]
#
# Setup, once (`cdn up -d` on free ports, so no lock: metadata, broker, vid-raw, client, analytics,
# the controller and edge-1 in site-1): TITLES synthesized titles of 10 to 21 s (the bundled ffmpeg)
# are ingested; "yesterday" (day.py: YESTERDAY sessions through the broker's route, Zipf-ranked
# titles) is played to edge-1, whose access log is what the real batch job (`cdn batch popularity`,
# Spark) reads after `cdn down`; its summary.json is the controller's `controller.batch-summary`.
#
# Then ROUNDS rounds of two runs, A and B (A first in odd rounds, B first in even ones). Every run
# starts from a cold edge: `cdn down`, edge-1's cache directory and the controller's state deleted,
# `cdn up -d` again with edge-1's disk budget DISK_SHARE of the catalog's bytes (every rendition) and
# a memory tier of MEMORY, so the edge holds part of the catalog only. The controller has the batch
# summary in both runs and prediction off in both (its spike triggers would be a preposition of their
# own); run A also has `controller.nightly.window` opening at the current minute (15 minutes long):
# the controller's own nightly tick sends the trigger, and the run waits for it to finish. Then
# "today": the same popularity law, another seed (the same seed in A and B of one round, so they make
# the same requests). Per run: the byte hit ratio from the responses' X-Cache and body sizes, for the
# titles the nightly trigger named and for all; in A also vid-raw's fetches during the fill against
# the objects the trigger filled, and the bytes filled against the nightly capacity share.
#
# Bounded: every wait has a limit, the days are a fixed number of sessions. Every process is started
# by `cdn up` and stopped by `cdn down` (in the EXIT trap too); scratch data in one mktemp directory,
# deleted at exit (BENCH_KEEP=1 keeps it).
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
here="$repo/bench/preposition-firstday"
ROUNDS=2; TITLES=12; YESTERDAY=400; TODAY=300; DISK_SHARE=0.5; MEMORY=4MiB; ZIPF=1.0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --rounds) ROUNDS="$2"; shift 2 ;;
    --titles) TITLES="$2"; shift 2 ;;
    --yesterday) YESTERDAY="$2"; shift 2 ;;
    --today) TODAY="$2"; shift 2 ;;
    --disk-share) DISK_SHARE="$2"; shift 2 ;;
    --memory) MEMORY="$2"; shift 2 ;;
    --zipf) ZIPF="$2"; shift 2 ;;
    *) echo "usage: $0 [--rounds N] [--titles N] [--yesterday N] [--today N] [--disk-share F] [--memory M] [--zipf S]" >&2; exit 2 ;;
  esac
done
[[ "$ROUNDS" -le 5 && "$TITLES" -le 24 && "$YESTERDAY" -le 2000 && "$TODAY" -le 2000 ]] \
  || { echo "at most 5 rounds, 24 titles, 2000 sessions a day" >&2; exit 2; }
FFMPEG="$(command -v ffmpeg || find "$HOME/.javacpp/cache" -path '*linux-x86_64-gpl/ffmpeg' -type f 2>/dev/null | head -n 1)"
[[ -x "$FFMPEG" ]] || { echo "no ffmpeg (run any e2e test or cdn demo once to extract the bundled one)" >&2; exit 2; }

WORK="$(mktemp -d /tmp/preposition-firstday.XXXXXX)"
DATA="$WORK/data"; SECRETS="$DATA/secrets"; SUMMARY="$WORK/summary.json"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
P=(); for _ in $(seq 12); do P+=("$(free_port)"); done
topology() { # edge-env controller-env: the same ports every time
  cat >"$WORK/topology.yaml" <<YAML
dataDir: $DATA
startTimeoutSeconds: 240
services:
  - {name: vid-metadata, role: vid-metadata, port: ${P[0]}, controlPort: ${P[1]}}
  - {name: broker, role: vid-cache-broker, port: ${P[2]}, controlPort: ${P[3]}}
  - {name: vid-raw, role: vid-raw, port: ${P[4]}, grpcPort: ${P[5]}}
  - {name: client, role: client, port: ${P[6]}, controlPort: ${P[7]}}
  - {name: edge-1, role: vid-cache, port: ${P[8]}, controlPort: ${P[9]}, site: site-1, env: {$1}}
  - {name: analytics, role: analytics, port: ${P[10]}, controlPort: ${P[11]}}
  - {name: controller, role: controller, port: $(free_port), env: {$2}}
YAML
}
cdn() { "$repo/cdn" "$@"; }
RUNNING=""
down() { [[ -z "$RUNNING" ]] || cdn down --topology "$WORK/topology.yaml" >>"$WORK/down.log" 2>&1 || true; RUNNING=""; }
cleanup() { down; [[ -n "${BENCH_KEEP:-}" ]] || rm -rf "$WORK"; }
trap cleanup EXIT
trap 'exit 130' INT TERM
up() {
  RUNNING=1
  cdn up -d --topology "$WORK/topology.yaml" >"$WORK/up.log" 2>&1 || { cat "$WORK/up.log"; BENCH_KEEP=1; exit 1; }
  PS="$(cdn ps --json --topology "$WORK/topology.yaml")"
  CONTROLLER="$(svc controller url)"; BROKER="$(svc broker url)"; BROKER_CONTROL="$(svc broker controlUrl)"
  RAW="$(svc vid-raw url)"; METADATA="$(svc vid-metadata url)"
  for _ in $(seq 90); do # edge-1 UP at the broker: routes and the nightly plan need it
    ctl "$BROKER_CONTROL/api/edges" | grep -q '"state" *: *"UP"' && return 0; sleep 1
  done
  echo "edge-1 never UP at the broker" >&2; exit 1
}
svc() { python3 -c "import json,sys; print([s for s in json.loads(sys.argv[1]) if s['name']==sys.argv[2]][0][sys.argv[3]])" "$PS" "$1" "$2"; }
ctl() { curl -sS --cacert "$SECRETS/ca.pem" -H "Authorization: Bearer $(cat "$SECRETS/operator.token")" "$@"; }
jq_() { python3 -c "import json,sys; j=json.load(sys.stdin); print(eval(sys.argv[1]))" "$1"; }
raw_fetches() { ctl "$RAW/metrics" | awk '/^origin_grpc_fetches_total\{/ && /method="fetch"/ {s+=$2} END {printf "%d", s}'; }
load() { cut -d' ' -f1-3 /proc/loadavg; }

echo "preposition-firstday: $(date -u '+%F %H:%M UTC'), $(nproc) cores, load average $(load)"
echo "$TITLES titles, yesterday $YESTERDAY sessions, today $TODAY, Zipf $ZIPF, $ROUNDS rounds of A (nightly fill) and B (none)"

# --- setup: titles, yesterday, the batch job ---
topology "" "controller.predict.enabled: 'false'"
up
IDS=()
for i in $(seq "$TITLES"); do
  seconds=$(( 10 + (i * 7) % 12 ))   # 10..21 s, mixed
  "$FFMPEG" -loglevel error -f lavfi -i "testsrc2=size=640x360:rate=25" -ss "$i" -t "$seconds" \
    -c:v libx264 -preset ultrafast -pix_fmt yuv420p -y "$WORK/title.mp4"
  cdn ingest --topology "$WORK/topology.yaml" --name "firstday-$i" "$WORK/title.mp4" >"$WORK/ingest.log" 2>&1 \
    || { cat "$WORK/ingest.log"; exit 1; }
  id="$(grep -oE '"id" *: *"[^"]+"' "$WORK/ingest.log" | head -n 1 | sed -E 's/.*"([^"]+)"$/\1/')"
  [[ -n "$id" ]] || { echo "no video id in:"; cat "$WORK/ingest.log"; exit 1; }
  IDS+=("$id")
done
echo "ingested ${#IDS[@]} titles at $(date -u +%H:%M:%S), load average $(load)"
# the catalog's bytes as the origin holds them (every rendition's playlists, init and media segments)
CATALOG="$WORK/catalog.json"
python3 - "$DATA/data/origin/videos" "$CATALOG" "${IDS[@]}" <<'PY'
import json, os, sys
root, out, ids = sys.argv[1], sys.argv[2], sys.argv[3:]
sizes = {}
for vid in ids:
    total = 0
    for d, _, files in os.walk(os.path.join(root, vid)):
        total += sum(os.path.getsize(os.path.join(d, f)) for f in files if f.endswith((".m3u8", ".mp4", ".m4s")))
    sizes[vid] = total
json.dump(sizes, open(out, "w"))
print("catalog: %d bytes in all (%s)" % (sum(sizes.values()), ", ".join("%s %d" % (k[:6], v) for k, v in sizes.items())))
PY
for id in "${IDS[@]}"; do curl -sS "$METADATA/api/videos/$id"; echo; done >"$WORK/metadata.jsonl"
python3 "$here/day.py" --broker "$BROKER" --titles "${IDS[@]}" --sessions "$YESTERDAY" --seed 1 --zipf "$ZIPF" \
  --out "$WORK/yesterday.json" | sed 's/^/yesterday: /'
sleep 2
down # closes the access log
echo "batch job at $(date -u +%H:%M:%S), load average $(load)"
cdn batch popularity --input "$DATA/logs/access" --output "$WORK/batch" >"$WORK/batch.log" 2>&1 \
  || { tail -n 40 "$WORK/batch.log"; exit 1; }
cp "$WORK/batch/summary.json" "$SUMMARY"
python3 -c "import json,sys; s=json.load(open(sys.argv[1])); print('batch summary: records', s.get('records'), '; topPerSite site-1:', [(t['id'][:6], t['requests']) for t in s['topPerSite'].get('site-1', [])]); print('trending:', [(t['id'][:6], round(t.get('growth',0),2)) for t in s.get('trending', [])])" "$SUMMARY"

DISK="$(python3 -c "import json,sys; print(int(sum(json.load(open(sys.argv[1])).values())*float(sys.argv[2])))" "$CATALOG" "$DISK_SHARE")"
echo "edge-1: disk budget $DISK bytes ($DISK_SHARE of the catalog), memory tier $MEMORY; nightly share 0.3 = $((DISK * 3 / 10)) bytes"
EDGE_ENV="edge.disk.max-bytes: '$DISK', edge.memory.max-bytes: '$MEMORY'"
CONTROLLER_ENV="controller.predict.enabled: 'false', controller.batch-summary: '$SUMMARY'"

# --- runs ---
RESULTS="$WORK/results.jsonl"; : >"$RESULTS"
run() { # kind round
  local kind="$1" round="$2" env="$CONTROLLER_ENV" nightly="" fetches=0 trigger="{}"
  rm -rf "$DATA/data/edge-1" "$DATA/data/controller"
  if [[ "$kind" == A ]]; then
    nightly="$(date -u +%H:%M)-$(date -u -d '+15 min' +%H:%M)"
    env="$env, controller.nightly.window: '$nightly'"
  fi
  topology "$EDGE_ENV" "$env"
  local t0; t0="$(date +%s)"
  up
  if [[ "$kind" == A ]]; then
    local self="" deadline=$(( $(date +%s) + 180 ))
    while [[ -z "$self" && $(date +%s) -lt $deadline ]]; do # the controller's tick: 10 s after start, then every 60 s
      self="$(ctl "$CONTROLLER/api/triggers" | jq_ 'j["triggers"][0] if j["triggers"] else ""')"; [[ -n "$self" ]] || sleep 2
    done
    [[ -n "$self" ]] || { echo "round $round A: no nightly trigger within 180 s" >&2; BENCH_KEEP=1; exit 1; }
    local sent; sent="$(date +%s)"; deadline=$(( sent + 300 ))
    while [[ $(date +%s) -lt $deadline ]]; do
      trigger="$(ctl "$CONTROLLER$self")"
      case "$(echo "$trigger" | jq_ 'j["status"]')" in complete|processed|failed|cancelled) break ;; esac
      sleep 1
    done
    fetches="$(raw_fetches)" # a fresh vid-raw: only the fill fetched from it so far
    echo "round $round A: nightly window $nightly, trigger $self sent $(( sent - t0 )) s after the run began, $(echo "$trigger" | jq_ 'j["status"]') in $(( $(date +%s) - sent )) s"
  else
    echo "round $round B: no nightly window; triggers at the controller: $(ctl "$CONTROLLER/api/triggers" | jq_ 'j["coll-count"]')"
  fi
  local load_before; load_before="$(load)"
  python3 "$here/day.py" --broker "$BROKER" --titles "${IDS[@]}" --sessions "$TODAY" --seed $(( 100 + round )) --zipf "$ZIPF" \
    --out "$WORK/today-$round-$kind.json" | sed "s/^/round $round $kind today: /"
  local others edges; others="$(ctl "$CONTROLLER/api/triggers" | jq_ 'j["coll-count"]')"; edges="$(ctl "$BROKER_CONTROL/api/edges")"
  python3 - "$kind" "$round" "$trigger" "$fetches" "$others" "$load_before" "$WORK/today-$round-$kind.json" "$edges" >>"$RESULTS" <<'PY'
import json, sys
kind, rnd, trigger, fetches, others, load, day, edges = sys.argv[1:9]
print(json.dumps({"kind": kind, "round": int(rnd), "trigger": json.loads(trigger), "fetches": int(fetches),
                  "triggers": int(others), "load": load, "day": json.load(open(day)), "edges": json.loads(edges)}))
PY
  down
}
for round in $(seq "$ROUNDS"); do
  if (( round % 2 )); then run A "$round"; run B "$round"; else run B "$round"; run A "$round"; fi
done

python3 "$here/summarize.py" "$RESULTS" "$CATALOG" "$SUMMARY" "$WORK/metadata.jsonl" "$DISK"
echo "load average at the end $(load), $(date -u '+%H:%M UTC')"
